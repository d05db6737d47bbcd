import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { roles as knownRoles, type Role } from '../../../shared/enums.js';
import type { Grant } from '../access.js';

export interface GrantRow extends Record<string, unknown> {
  role: string;
  scope_type: string;
  scope_unit_id: string | null;
  scope_system_ids: string[] | null;
  scope_supplier_id: string | null;
  unit_ids: string[] | null;
}

// A user's role assignments in one tenant as one json value, each unit scope expanded to the unit and
// its subtree (archived units included: archiving a unit must not widen or narrow anyone's reach).
// A subquery, so the session and token lookups fetch grants in the same round trip.
export const grantsJson = (userId: SQL, tenantId: SQL): SQL => sql`coalesce((select json_agg(json_build_object(
    'role', ra.role, 'scope_type', ra.scope_type, 'scope_unit_id', ra.scope_unit_id,
    'scope_system_ids', ra.scope_system_ids, 'scope_supplier_id', ra.scope_supplier_id,
    'unit_ids', case when ra.scope_type = 'unit' then (
      with recursive sub(id) as (
        select ou.id from org_units ou where ou.tenant_id = ra.tenant_id and ou.id = ra.scope_unit_id
        union
        select c.id from org_units c join sub on c.parent_id = sub.id where c.tenant_id = ra.tenant_id
      ) select array_agg(id) from sub) end))
    from role_assignments ra
    where ra.user_id = ${userId} and ra.tenant_id = ${tenantId}
      -- an archived supplier's people lose what they had through it
      and (ra.scope_type <> 'supplier' or exists (select 1 from suppliers sp
        where sp.tenant_id = ra.tenant_id and sp.id = ra.scope_supplier_id and sp.archived_at is null))), '[]'::json)`;

export async function loadGrants(db: Db, userId: string, tenantId: string): Promise<Grant[]> {
  const res = (await db.execute(sql`select ${grantsJson(sql`${userId}::uuid`, sql`${tenantId}::uuid`)} as grants`)) as unknown as {
    rows: { grants: GrantRow[] }[];
  };
  return grantsFromRows(res.rows[0]?.grants ?? []);
}

export function grantsFromRows(rows: GrantRow[]): Grant[] {
  const out: Grant[] = [];
  for (const r of rows) {
    if (!(knownRoles as readonly string[]).includes(r.role)) continue;
    const role = r.role as Role;
    if (r.scope_type === 'tenant') out.push({ role, scope: { type: 'tenant' } });
    else if (r.scope_type === 'unit' && r.scope_unit_id)
      out.push({ role, scope: { type: 'unit', unitId: r.scope_unit_id, unitIds: r.unit_ids ?? [] } });
    else if (r.scope_type === 'systems') out.push({ role, scope: { type: 'systems', systemIds: r.scope_system_ids ?? [] } });
    else if (r.scope_type === 'supplier' && r.scope_supplier_id)
      out.push({ role, scope: { type: 'supplier', supplierId: r.scope_supplier_id } });
  }
  return out;
}

export const rolesOf = (grants: Grant[]): Role[] => [...new Set(grants.map((g) => g.role))];
