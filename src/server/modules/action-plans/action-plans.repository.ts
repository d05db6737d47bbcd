import { and, asc, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { actionPlanActivities, actionPlanActivityMeasures, actionPlans } from '../../db/schema/index.js';
import type { PlanListQuery } from './action-plans.schemas.js';

export type PlanRow = typeof actionPlans.$inferSelect;
export type ActivityRow = typeof actionPlanActivities.$inferSelect & { measureIds: string[] };

export async function findPlan(tx: Tx, tenantId: string, id: string, lock = false): Promise<PlanRow | null> {
  const q = tx
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.tenantId, tenantId), eq(actionPlans.id, id)));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function listPlans(tx: Tx, tenantId: string, q: PlanListQuery): Promise<PlanRow[]> {
  const where: SQL[] = [eq(actionPlans.tenantId, tenantId)];
  if (q.year) where.push(eq(actionPlans.year, q.year));
  if (q.status) where.push(eq(actionPlans.status, q.status));
  return tx
    .select()
    .from(actionPlans)
    .where(and(...where))
    .orderBy(desc(actionPlans.year))
    .limit(200);
}

export async function yearTaken(tx: Tx, tenantId: string, year: number, exceptId?: string): Promise<boolean> {
  const rows = await tx
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(and(eq(actionPlans.tenantId, tenantId), eq(actionPlans.year, year)));
  return rows.some((r) => r.id !== exceptId);
}

export async function insertPlan(tx: Tx, tenantId: string, v: { year: number; title: string; description?: string | null }) {
  const [row] = await tx
    .insert(actionPlans)
    .values({ ...v, tenantId })
    .returning({ id: actionPlans.id });
  return row!.id;
}

// Every change to the plan or its activities bumps the plan's version: the ETag covers the content.
export type PlanValues = Partial<typeof actionPlans.$inferInsert>;
export async function updatePlan(tx: Tx, tenantId: string, id: string, values: PlanValues) {
  await tx
    .update(actionPlans)
    .set({ ...values, version: sql`${actionPlans.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(actionPlans.tenantId, tenantId), eq(actionPlans.id, id)));
}

export async function activitiesOf(tx: Tx, tenantId: string, planId: string): Promise<ActivityRow[]> {
  return tx
    .select({
      ...getTableColumns(actionPlanActivities),
      measureIds: sql<string[]>`coalesce((select array_agg(m.measure_id::text order by m.measure_id) from action_plan_activity_measures m
        where m.tenant_id = action_plan_activities.tenant_id and m.activity_id = action_plan_activities.id), '{}'::text[])`,
    })
    .from(actionPlanActivities)
    .where(and(eq(actionPlanActivities.tenantId, tenantId), eq(actionPlanActivities.planId, planId)))
    .orderBy(asc(actionPlanActivities.position), asc(actionPlanActivities.createdAt));
}

export type ActivityValues = Partial<typeof actionPlanActivities.$inferInsert>;

export async function insertActivity(tx: Tx, tenantId: string, planId: string, v: ActivityValues & { title: string }) {
  const [row] = await tx
    .insert(actionPlanActivities)
    .values({ ...v, tenantId, planId })
    .returning({ id: actionPlanActivities.id });
  return row!.id;
}

export async function nextPosition(tx: Tx, tenantId: string, planId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(position) + 1, 0)::int as n from action_plan_activities where tenant_id = ${tenantId} and plan_id = ${planId}`,
  );
  return rows[0]!.n;
}

export async function updateActivity(tx: Tx, tenantId: string, id: string, v: ActivityValues) {
  await tx
    .update(actionPlanActivities)
    .set({ ...v, version: sql`${actionPlanActivities.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(actionPlanActivities.tenantId, tenantId), eq(actionPlanActivities.id, id)));
}

export async function deleteActivity(tx: Tx, tenantId: string, id: string) {
  await tx.delete(actionPlanActivities).where(and(eq(actionPlanActivities.tenantId, tenantId), eq(actionPlanActivities.id, id)));
}

export async function replaceActivityMeasures(tx: Tx, tenantId: string, activityId: string, measureIds: readonly string[]) {
  await tx
    .delete(actionPlanActivityMeasures)
    .where(and(eq(actionPlanActivityMeasures.tenantId, tenantId), eq(actionPlanActivityMeasures.activityId, activityId)));
  const unique = [...new Set(measureIds)];
  if (unique.length) await tx.insert(actionPlanActivityMeasures).values(unique.map((measureId) => ({ tenantId, activityId, measureId })));
}

// Open measures due in the plan's year that no activity of this plan holds yet.
export async function unplannedMeasureIds(tx: Tx, tenantId: string, planId: string, year: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select m.id from measures m where m.tenant_id = ${tenantId} and m.archived_at is null
      and m.status not in ('done', 'cancelled') and m.due_on between make_date(${year}::int, 1, 1) and make_date(${year}::int, 12, 31)
      and not exists (select 1 from action_plan_activity_measures l join action_plan_activities a on a.tenant_id = l.tenant_id and a.id = l.activity_id
        where l.tenant_id = m.tenant_id and l.measure_id = m.id and a.plan_id = ${planId})
      order by m.due_on, m.id limit 500`,
  );
  return rows.map((r) => r.id);
}
