import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { roleAssignments, sessions, users } from '../../db/schema/index.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import type { AssignmentSpec } from '../../platform/auth/group-roles.js';
import type { userSorts } from './users.schemas.js';
import { rowsOf } from '../../db/rows.js';

export type UserSort = (typeof userSorts)[number];

const sortColumns: Record<UserSort, SortColumn> = {
  name: { expr: sql`lower(u.display_name)`, cast: 'text' },
  email: { expr: sql`lower(u.email)`, cast: 'text' },
  createdAt: { expr: sql`u.created_at`, cast: 'timestamptz' },
};

export interface AssignmentRow {
  id: string;
  role: string;
  scopeType: string;
  scopeUnit: { id: string; name: string } | null;
  scopeSystems: { id: string; name: string }[];
  scopeSupplier: { id: string; name: string } | null;
  source: string;
  createdAt: string;
}

export interface UserRow extends Record<string, unknown> {
  id: string;
  email: string;
  display_name: string;
  disabled: boolean;
  has_password: boolean;
  totp: boolean;
  passkeys: number;
  sso_linked: boolean;
  scim_managed: boolean;
  last_seen_at: string | null;
  created_at: string;
  assignments: AssignmentRow[];
  sort_key: string;
}

// A user belongs to a tenant while they hold a role there or the tenant's IdP provisions them.
const member = (tenantId: string) => sql`(exists (select 1 from role_assignments m where m.user_id = u.id and m.tenant_id = ${tenantId})
  or exists (select 1 from scim_users su where su.user_id = u.id and su.tenant_id = ${tenantId}))`;

const userColumns = (tenantId: string) => sql`u.id, u.email, u.display_name, u.disabled_at is not null as disabled,
  u.password_hash is not null as has_password,
  exists (select 1 from mfa_totp t where t.user_id = u.id and t.confirmed_at is not null) as totp,
  (select count(*)::int from webauthn_credentials w where w.user_id = u.id) as passkeys,
  exists (select 1 from external_identities ei join identity_providers ip on ip.id = ei.provider_id
    where ei.user_id = u.id and ip.tenant_id = ${tenantId}) as sso_linked,
  exists (select 1 from scim_users su where su.user_id = u.id and su.tenant_id = ${tenantId}) as scim_managed,
  (select max(s.last_seen_at) from sessions s where s.user_id = u.id and s.tenant_id = ${tenantId}) as last_seen_at,
  u.created_at,
  coalesce((select json_agg(json_build_object(
      'id', ra.id, 'role', ra.role, 'scopeType', ra.scope_type, 'source', ra.source, 'createdAt', ra.created_at,
      'scopeUnit', (select json_build_object('id', ou.id, 'name', ou.name) from org_units ou
        where ou.tenant_id = ra.tenant_id and ou.id = ra.scope_unit_id),
      'scopeSystems', coalesce((select json_agg(json_build_object('id', sy.id, 'name', sy.name) order by lower(sy.name))
        from systems sy where sy.tenant_id = ra.tenant_id and sy.id = any(ra.scope_system_ids)), '[]'::json),
      'scopeSupplier', (select json_build_object('id', sp.id, 'name', sp.name) from suppliers sp
        where sp.tenant_id = ra.tenant_id and sp.id = ra.scope_supplier_id)
    ) order by ra.created_at, ra.id)
    from role_assignments ra where ra.user_id = u.id and ra.tenant_id = ${tenantId}), '[]'::json) as assignments`;

export async function listUsers(
  tx: Tx,
  tenantId: string,
  q: { q?: string | undefined; role?: string | undefined; limit: number },
  sort: SortSpec<UserSort>,
  cursor: Cursor | null,
) {
  const col = sortColumns[sort.key];
  const where: SQL[] = [member(tenantId)];
  if (q.q) where.push(sql`(u.display_name ilike ${likePattern(q.q)} or u.email ilike ${likePattern(q.q)})`);
  if (q.role)
    where.push(sql`exists (select 1 from role_assignments r where r.user_id = u.id and r.tenant_id = ${tenantId} and r.role = ${q.role})`);
  const after = keysetWhere(col, sql`u.id`, sort.desc, cursor);
  if (after) where.push(after);
  const res = await tx.execute(sql`select ${userColumns(tenantId)}, (${col.expr})::text as sort_key from users u
    where ${sql.join(where, sql` and `)} order by ${keysetOrder(col, sql`u.id`, sort.desc)} limit ${q.limit + 1}`);
  return rowsOf<UserRow>(res);
}

export async function findMember(tx: Tx, tenantId: string, userId: string): Promise<UserRow | null> {
  const res = await tx.execute(
    sql`select ${userColumns(tenantId)}, '' as sort_key from users u where u.id = ${userId} and ${member(tenantId)}`,
  );
  return rowsOf<UserRow>(res)[0] ?? null;
}

export async function findUserByEmail(tx: Tx, email: string) {
  const rows = await tx
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return rows[0] ?? null;
}

export async function insertUser(tx: Tx, email: string, displayName: string): Promise<string> {
  const [row] = await tx.insert(users).values({ email, displayName }).returning({ id: users.id });
  return row!.id;
}

export async function updateUser(tx: Tx, userId: string, values: { displayName?: string; disabledAt?: Date | null }) {
  await tx.update(users).set(values).where(eq(users.id, userId));
}

export async function insertAssignment(tx: Tx, tenantId: string, userId: string, s: AssignmentSpec): Promise<string> {
  const [row] = await tx
    .insert(roleAssignments)
    .values({ tenantId, userId, source: 'manual', ...s })
    .returning({ id: roleAssignments.id });
  return row!.id;
}

export async function findAssignment(tx: Tx, tenantId: string, userId: string, id: string) {
  const rows = await tx
    .select()
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId), eq(roleAssignments.id, id)));
  return rows[0] ?? null;
}

export async function deleteAssignment(tx: Tx, id: string) {
  await tx.delete(roleAssignments).where(eq(roleAssignments.id, id));
}

export async function deleteTenantAssignments(tx: Tx, tenantId: string, userId: string) {
  await tx.delete(roleAssignments).where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId)));
}

// Tenant-wide coordinators other than this assignment: the tenant must never lose its last one.
export async function otherTenantCoordinators(tx: Tx, tenantId: string, exceptUserId: string): Promise<number> {
  const res = await tx.execute(sql`select count(*)::int as n from role_assignments ra join users u on u.id = ra.user_id
    where ra.tenant_id = ${tenantId} and ra.role = 'coordinator' and ra.scope_type = 'tenant' and ra.user_id <> ${exceptUserId}
      and u.disabled_at is null`);
  return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
}

export async function hasRolesElsewhere(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const res = await tx.execute(
    sql`select exists (select 1 from role_assignments ra where ra.user_id = ${userId} and ra.tenant_id <> ${tenantId}) as e`,
  );
  return rowsOf<{ e: boolean }>(res)[0]?.e ?? false;
}

export async function endTenantSessions(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const gone = await tx
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)))
    .returning({ id: sessions.publicId });
  return gone.length;
}

export async function listSessions(tx: Tx, where: { userId: string; tenantId?: string }) {
  const res = await tx.execute(sql`select s.public_id as id, s.id_hash, s.created_at, s.last_seen_at, s.expires_at, s.client_address,
      s.user_agent, s.auth_methods, t.id as tenant_id, t.name as tenant_name
    from sessions s join tenants t on t.id = s.tenant_id
    where s.user_id = ${where.userId} and s.stage = 'full' and s.expires_at > now()
      ${where.tenantId ? sql`and s.tenant_id = ${where.tenantId}` : sql``}
    order by s.last_seen_at desc`);
  return rowsOf<{
    id: string;
    id_hash: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
    client_address: string | null;
    user_agent: string | null;
    auth_methods: string[];
    tenant_id: string;
    tenant_name: string;
  }>(res);
}

// Scope targets must exist in this tenant (and units and systems must not be archived).
export async function scopeTargetsExist(tx: Tx, tenantId: string, s: AssignmentSpec) {
  const res = await tx.execute(sql`select
      ${s.scopeUnitId ? sql`exists (select 1 from org_units o where o.tenant_id = ${tenantId} and o.id = ${s.scopeUnitId} and o.archived_at is null)` : sql`true`} as unit_ok,
      (select count(*)::int from systems y where y.tenant_id = ${tenantId} and y.archived_at is null
        and y.id = any(${
          s.scopeSystemIds.length
            ? sql`array[${sql.join(
                s.scopeSystemIds.map((id) => sql`${id}`),
                sql`, `,
              )}]::uuid[]`
            : sql`'{}'::uuid[]`
        })) as systems_found,
      ${s.scopeSupplierId ? sql`exists (select 1 from suppliers p where p.tenant_id = ${tenantId} and p.id = ${s.scopeSupplierId} and p.archived_at is null)` : sql`true`} as supplier_ok`);
  return rowsOf<{ unit_ok: boolean; systems_found: number; supplier_ok: boolean }>(res)[0]!;
}

export async function tenantName(tx: Tx, tenantId: string): Promise<string> {
  const res = await tx.execute(sql`select name from tenants where id = ${tenantId}`);
  return rowsOf<{ name: string }>(res)[0]?.name ?? '';
}
