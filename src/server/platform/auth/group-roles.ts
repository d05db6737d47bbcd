import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { groupRoleMappings, roleAssignments } from '../../db/schema/index.js';
import { roles as knownRoles, type Role, type ScopeType } from '../../../shared/enums.js';

export interface AssignmentSpec {
  role: Role;
  scopeType: ScopeType;
  scopeUnitId: string | null;
  scopeSystemIds: string[];
  scopeSupplierId: string | null;
}

export type AssignmentSource = 'manual' | 'sso' | 'scim';

// The roles a set of IdP group names (SSO claim values or SCIM group names) gives in one tenant,
// by the tenant's group → role table. Group names compare case-insensitively.
export async function specsForGroups(db: Db | Tx, tenantId: string, groupNames: readonly string[]): Promise<AssignmentSpec[]> {
  const names = [...new Set(groupNames.map((g) => g.toLowerCase()))];
  if (names.length === 0) return [];
  const rows = await db
    .select()
    .from(groupRoleMappings)
    .where(and(eq(groupRoleMappings.tenantId, tenantId), inArray(sql`lower(${groupRoleMappings.groupName})`, names)));
  return rows
    .filter((r) => (knownRoles as readonly string[]).includes(r.role))
    .map((r) => ({
      role: r.role as Role,
      scopeType: r.scopeType as ScopeType,
      scopeUnitId: r.scopeUnitId,
      scopeSystemIds: r.scopeSystemIds,
      scopeSupplierId: r.scopeSupplierId,
    }));
}

const key = (s: AssignmentSpec) => JSON.stringify([s.role, s.scopeType, s.scopeUnitId, [...s.scopeSystemIds].sort(), s.scopeSupplierId]);

// Replaces what one source (an SSO sign-in, a SCIM run) granted a user in a tenant; manual
// assignments stay. Returns true when anything changed, so the caller can audit it.
export async function replaceAssignments(
  tx: Db | Tx,
  tenantId: string,
  userId: string,
  source: Exclude<AssignmentSource, 'manual'>,
  specs: readonly AssignmentSpec[],
): Promise<boolean> {
  const current = await tx
    .select()
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId), eq(roleAssignments.source, source)));
  const want = new Map(specs.map((s) => [key(s), s]));
  const have = new Set(current.map((r) => key({ ...r, role: r.role as Role, scopeType: r.scopeType as ScopeType })));
  if (want.size === have.size && [...want.keys()].every((k) => have.has(k))) return false;
  await tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId), eq(roleAssignments.source, source)));
  if (want.size > 0) await tx.insert(roleAssignments).values([...want.values()].map((s) => ({ tenantId, userId, source, ...s })));
  return true;
}
