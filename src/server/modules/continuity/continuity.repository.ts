import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { systemContinuity } from '../../db/schema/index.js';

export const uuidArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

export interface SystemRef {
  id: string;
  name: string;
  unitId: string;
  secret: boolean;
  critical: boolean;
  archived: boolean;
}

export async function systemsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<SystemRef[]> {
  if (!ids.length) return [];
  return queryRows<SystemRef>(
    tx,
    sql`select id, name, responsible_unit_id as "unitId", secret, critical, archived_at is not null as archived
      from systems where tenant_id = ${tenantId} and id = any(${uuidArray(ids)})`,
  );
}

export async function suppliersByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from suppliers where tenant_id = ${tenantId} and id = any(${uuidArray(ids)})`,
  );
}

export type ContinuityRow = typeof systemContinuity.$inferSelect;

export async function findContinuity(tx: Tx, tenantId: string, systemId: string, lock = false): Promise<ContinuityRow | null> {
  const q = tx
    .select()
    .from(systemContinuity)
    .where(and(eq(systemContinuity.tenantId, tenantId), eq(systemContinuity.systemId, systemId)));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

// Two first saves racing both see no row: the primary key turns the second into an update of the
// first, and the version check that follows in the service still guards against lost updates.
export async function saveContinuity(
  tx: Tx,
  tenantId: string,
  systemId: string,
  userId: string,
  values: Omit<typeof systemContinuity.$inferInsert, 'tenantId' | 'systemId' | 'version' | 'updatedBy' | 'updatedAt'>,
) {
  await tx
    .insert(systemContinuity)
    .values({ ...values, tenantId, systemId, updatedBy: userId })
    .onConflictDoUpdate({
      target: [systemContinuity.tenantId, systemContinuity.systemId],
      set: { ...values, updatedBy: userId, updatedAt: sql`now()`, version: sql`${systemContinuity.version} + 1` },
    });
}

// What the gap report, the reminders and the calendar need to know of each critical system.
export interface CriticalStatus {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  secret: boolean;
  acceptedOutageMinutes: number | null;
  outageDecided: boolean;
  planDocumented: boolean;
  planImplemented: boolean;
  restorePlan: boolean;
  reviewOverdue: boolean;
  lastExerciseOn: string | null;
  restoreRank: number | null;
}

const docs = (kinds: string, cond = sql`true`) =>
  sql`exists (select 1 from continuity_documents d where d.tenant_id = s.tenant_id and d.system_id = s.id
    and d.archived_at is null and d.kind in (${sql.raw(kinds)}) and ${cond})`;

// Critical systems in use (not archived), or the systems among `ids` whatever their flag; `today` is
// the Swedish date the caller counts from (a job passes its own clock).
export async function criticalStatus(tx: Tx, tenantId: string, today: string, ids?: readonly string[]): Promise<CriticalStatus[]> {
  if (ids && ids.length === 0) return [];
  const only = ids ? sql`s.id = any(${uuidArray(ids)})` : sql`s.critical and s.archived_at is null`;
  return queryRows<CriticalStatus>(
    tx,
    sql`select s.id, s.name, s.responsible_unit_id as "unitId", u.name as "unitName", s.secret,
        c.accepted_outage_minutes as "acceptedOutageMinutes",
        (c.accepted_outage_minutes is not null and c.outage_decided_by is not null and c.outage_decided_on is not null) as "outageDecided",
        ${docs(`'reserve_routine', 'continuity_plan'`, sql`d.documented_on is not null`)} as "planDocumented",
        ${docs(`'reserve_routine', 'continuity_plan'`, sql`d.implemented_on is not null and d.implemented_on <= ${today}::date`)} as "planImplemented",
        ${docs(`'restore_plan'`)} as "restorePlan",
        ${docs(`'reserve_routine', 'continuity_plan', 'restore_plan'`, sql`d.review_on < ${today}::date`)} as "reviewOverdue",
        (select max(e.held_on)::text from exercises e where e.tenant_id = s.tenant_id and e.archived_at is null
          and s.id = any(e.system_ids) and e.held_on <= ${today}::date) as "lastExerciseOn",
        (select i.rank from restore_priority_items i join restore_priorities p on p.tenant_id = i.tenant_id and p.id = i.priority_id
          where i.tenant_id = s.tenant_id and i.system_id = s.id and p.status = 'decided' limit 1) as "restoreRank"
      from systems s
      join org_units u on u.tenant_id = s.tenant_id and u.id = s.responsible_unit_id
      left join system_continuity c on c.tenant_id = s.tenant_id and c.system_id = s.id
      where s.tenant_id = ${tenantId} and ${only}
      order by "restoreRank" nulls last, lower(s.name), s.id`,
  );
}

// The last exercise of a kind across the tenant (D1-54: incident handling).
export async function lastExerciseOfKind(tx: Tx, tenantId: string, kind: string, today: string): Promise<string | null> {
  const rows = await queryRows<{ heldOn: string | null }>(
    tx,
    sql`select max(held_on)::text as "heldOn" from exercises
      where tenant_id = ${tenantId} and kind = ${kind} and archived_at is null and held_on <= ${today}::date`,
  );
  return rows[0]?.heldOn ?? null;
}

export async function decidedPriority(tx: Tx, tenantId: string) {
  const rows = await queryRows<{ id: string; decidedOn: string | null; dnr: string | null }>(
    tx,
    sql`select id, decided_on::text as "decidedOn", dnr from restore_priorities
      where tenant_id = ${tenantId} and status = 'decided' order by decided_on desc, created_at desc limit 1`,
  );
  return rows[0] ?? null;
}

// D0-26: each supplier in use with its reserve routines and the scenarios none of them covers.
export async function supplierRoutines(tx: Tx, tenantId: string) {
  return queryRows<{ id: string; name: string; routines: number; covered: Record<string, boolean>[] }>(
    tx,
    sql`select sp.id, sp.name,
        (select count(*)::int from continuity_documents d where d.tenant_id = sp.tenant_id and d.supplier_id = sp.id
          and d.kind = 'supplier_reserve_routine' and d.archived_at is null) as routines,
        coalesce((select json_agg(d.scenarios) from continuity_documents d where d.tenant_id = sp.tenant_id and d.supplier_id = sp.id
          and d.kind = 'supplier_reserve_routine' and d.archived_at is null), '[]'::json) as covered
      from suppliers sp where sp.tenant_id = ${tenantId} and sp.archived_at is null
      order by lower(sp.name), sp.id`,
  );
}
