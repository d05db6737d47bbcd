import { sql, type SQL } from 'drizzle-orm';
import { can, readClauses, viewOf, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { forbidden } from '../../platform/problems.js';
import { uuidArray } from './log-reviews.sql.js';

// Where a plan or review sits: its systems (each with its responsible unit) and, for a supplier's
// review, the supplier organisation whose staff's activity is reviewed.
export interface SubjectSystem {
  id: string;
  name: string;
  unitId: string;
  secret: boolean;
}
export interface Subject {
  systems: SubjectSystem[];
  supplierId: string | null;
}

// The municipality's side reaches a plan or review through its systems, as it reaches the systems
// themselves (unit subtree or named systems); one without systems needs a tenant-wide grant.
const municipalScopes = (s: Subject): ObjectScope[] =>
  s.systems.length ? s.systems.map((x) => ({ unitId: x.unitId, systemIds: [x.id] })) : [{}];

// Reading needs one of the systems; changing a plan needs all of them, so a grant for one system
// cannot reschedule or widen a plan that also covers systems outside it.
export function municipalReach(actor: Actor, action: Action, s: Subject, need: 'any' | 'all' = 'any'): boolean {
  const scopes = municipalScopes(s);
  const ok = (o: ObjectScope) => can(actor, action, 'log-review', o);
  return need === 'all' ? scopes.every(ok) : scopes.some(ok);
}

// Plans are the municipality's planning: supplier staff never reach them.
export const planReach = municipalReach;

// A supplier's own staff reach the reviews of their organisation (D0-16: the supplier reviews the
// material the municipality produced), through the grant's supplier scope.
export function reviewReach(actor: Actor, action: Action, s: Subject): boolean {
  return municipalReach(actor, action, s) || (s.supplierId !== null && can(actor, action, 'log-review', { supplierId: s.supplierId }));
}

export function assertReach(ok: boolean): void {
  if (!ok) throw forbidden();
}

// A system's name is shown as the system register would show it to this viewer: a secret-marked
// system's name only to those who see its content in full.
export const systemNameShown = (actor: Actor, x: SubjectSystem): boolean =>
  !x.secret || viewOf(actor, 'system', { unitId: x.unitId, systemIds: [x.id], secret: true }) === 'full';

// The list filter matching the reach rules above, for rows with `system_ids` (and `supplier_id`).
export function subjectWhere(actor: Actor, cols: { tenantId: SQL; systemIds: SQL; supplierId?: SQL }): SQL {
  const parts: SQL[] = [];
  for (const c of readClauses(actor, 'log-review')) {
    if (c.all) return sql`true`;
    if (c.unitIds.length)
      parts.push(sql`exists (select 1 from systems s where s.tenant_id = ${cols.tenantId} and s.id = any(${cols.systemIds})
        and s.responsible_unit_id = any(${uuidArray(c.unitIds)}))`);
    if (c.systemIds.length) parts.push(sql`${cols.systemIds} && ${uuidArray(c.systemIds)}`);
    if (c.supplierIds.length && cols.supplierId) parts.push(sql`${cols.supplierId} = any(${uuidArray(c.supplierIds)})`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}
