import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { groupRoleMappings, suppliers, systems } from '../../db/schema/index.js';

export type MappingRow = typeof groupRoleMappings.$inferSelect;
export type MappingValues = Omit<MappingRow, 'id' | 'tenantId' | 'createdAt'>;

// Names of the scope objects ride along, so the table can be read without more requests.
const unitRef = sql<{
  id: string;
  name: string;
} | null>`(select json_build_object('id', u.id, 'name', u.name) from org_units u where u.tenant_id = group_role_mappings.tenant_id and u.id = group_role_mappings.scope_unit_id)`;
const supplierRef = sql<{
  id: string;
  name: string;
} | null>`(select json_build_object('id', s.id, 'name', s.name) from suppliers s where s.tenant_id = group_role_mappings.tenant_id and s.id = group_role_mappings.scope_supplier_id)`;
const systemRefs = sql<
  { id: string; name: string }[]
>`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name) order by lower(s.name)) from systems s
  where s.tenant_id = group_role_mappings.tenant_id and s.id = any(group_role_mappings.scope_system_ids)), '[]'::json)`;

const withRefs = { unitRef, supplierRef, systemRefs };

export async function listMappings(tx: Tx, tenantId: string) {
  return tx
    .select({ row: groupRoleMappings, ...withRefs })
    .from(groupRoleMappings)
    .where(eq(groupRoleMappings.tenantId, tenantId))
    .orderBy(asc(sql`lower(${groupRoleMappings.groupName})`), asc(groupRoleMappings.role), asc(groupRoleMappings.createdAt));
}

export async function findMapping(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ row: groupRoleMappings, ...withRefs })
    .from(groupRoleMappings)
    .where(and(eq(groupRoleMappings.tenantId, tenantId), eq(groupRoleMappings.id, id)));
  return rows[0] ?? null;
}

export async function insertMapping(tx: Tx, tenantId: string, v: MappingValues): Promise<string> {
  const [row] = await tx
    .insert(groupRoleMappings)
    .values({ ...v, tenantId })
    .returning({ id: groupRoleMappings.id });
  return row!.id;
}

export async function deleteMapping(tx: Tx, tenantId: string, id: string) {
  await tx.delete(groupRoleMappings).where(and(eq(groupRoleMappings.tenantId, tenantId), eq(groupRoleMappings.id, id)));
}

export async function sameMappingExists(tx: Tx, tenantId: string, v: MappingValues): Promise<boolean> {
  const rows = await tx
    .select({ id: groupRoleMappings.id, systemIds: groupRoleMappings.scopeSystemIds })
    .from(groupRoleMappings)
    .where(
      and(
        eq(groupRoleMappings.tenantId, tenantId),
        sql`lower(${groupRoleMappings.groupName}) = lower(${v.groupName})`,
        eq(groupRoleMappings.role, v.role),
        eq(groupRoleMappings.scopeType, v.scopeType),
        v.scopeUnitId ? eq(groupRoleMappings.scopeUnitId, v.scopeUnitId) : isNull(groupRoleMappings.scopeUnitId),
        v.scopeSupplierId ? eq(groupRoleMappings.scopeSupplierId, v.scopeSupplierId) : isNull(groupRoleMappings.scopeSupplierId),
      ),
    );
  const want = [...v.scopeSystemIds].sort().join(',');
  return rows.some((r) => [...r.systemIds].sort().join(',') === want);
}

export async function activeSystemIds(tx: Tx, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), inArray(systems.id, ids), isNull(systems.archivedAt)));
  return new Set(rows.map((r) => r.id));
}

export async function activeSupplierExists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: suppliers.id })
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, id), isNull(suppliers.archivedAt)));
  return rows.length > 0;
}

// Members of the tenant's SCIM groups with this name: whose roles a mapping change touches at once.
export async function scimMembersOf(tx: Tx, tenantId: string, groupName: string): Promise<string[]> {
  const res = (await tx.execute(sql`select distinct m.user_id from scim_group_members m
    join scim_groups g on g.id = m.group_id where g.tenant_id = ${tenantId} and lower(g.display_name) = lower(${groupName})`)) as unknown as {
    rows: { user_id: string }[];
  };
  return res.rows.map((r) => r.user_id);
}

// SSO-sourced assignments equal to a removed mapping. Which group gave them is only known at sign-in,
// so they go now and come back at the next sign-in if another mapping still grants them.
export async function deleteSsoAssignmentsLike(tx: Tx, tenantId: string, v: MappingValues): Promise<number> {
  const res = (await tx.execute(sql`delete from role_assignments ra where ra.tenant_id = ${tenantId} and ra.source = 'sso'
    and ra.role = ${v.role} and ra.scope_type = ${v.scopeType}
    and ra.scope_unit_id is not distinct from ${v.scopeUnitId}::uuid
    and ra.scope_supplier_id is not distinct from ${v.scopeSupplierId}::uuid
    and (select coalesce(array_agg(x order by x), '{}') from unnest(ra.scope_system_ids) x)
      = (select coalesce(array_agg(x order by x), '{}') from unnest(${sql`array[${sql.join(
        v.scopeSystemIds.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`}) x)
    returning ra.user_id`)) as unknown as { rows: unknown[] };
  return res.rows.length;
}
