import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { logReviewPlans } from '../../db/schema/index.js';
import { policy, type Actor } from '../../platform/access.js';
import type { Cursor } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import { roles, supplierRoles } from '../../../shared/enums.js';
import { subjectWhere } from './log-reviews.policy.js';
import { personOf, supplierOf, systemsOf, textArray, today, uuidArray, type Person } from './log-reviews.sql.js';
import type { PlanListQuery } from './log-reviews.schemas.js';
import { rowsOf } from '../../db/rows.js';

export type PlanValues = Omit<typeof logReviewPlans.$inferInsert, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>;

interface ReviewBrief {
  id: string;
  dueOn: string;
  status: string;
  outcome: string | null;
  overdue: boolean;
}

const brief = (where: string, order: string) =>
  sql<ReviewBrief | null>`(select json_build_object('id', r.id, 'dueOn', r.due_on, 'status', r.status, 'outcome', r.outcome,
    'overdue', r.status <> 'done' and r.due_on < ${today})
    from log_reviews r where r.tenant_id = log_review_plans.tenant_id and r.plan_id = log_review_plans.id and ${sql.raw(where)}
    order by ${sql.raw(order)} limit 1)`;

const planColumns = {
  ...getTableColumns(logReviewPlans),
  systems: systemsOf('log_review_plans'),
  supplier: supplierOf('log_review_plans'),
  reviewer: personOf(sql`log_review_plans.reviewer_user_id`) as SQL<Person>,
  producer: personOf(sql`log_review_plans.producer_user_id`),
  nextReview: brief(`r.scheduled and r.status <> 'done'`, 'r.due_on, r.id'),
  lastDone: brief(`r.status = 'done'`, 'r.due_on desc, r.outcome_at desc'),
};

// Plans by their next due date (plans with nothing open last), then id.
const nextDueSort: SortColumn = {
  expr: sql`coalesce((select min(r.due_on) from log_reviews r where r.tenant_id = log_review_plans.tenant_id
    and r.plan_id = log_review_plans.id and r.status <> 'done'), '9999-12-31'::date)::text`,
  cast: 'text',
};

export async function insertPlan(tx: Tx, tenantId: string, v: PlanValues): Promise<string> {
  const [row] = await tx
    .insert(logReviewPlans)
    .values({ ...v, tenantId })
    .returning({ id: logReviewPlans.id });
  return row!.id;
}

export async function findPlan(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select(planColumns)
    .from(logReviewPlans)
    .where(and(eq(logReviewPlans.tenantId, tenantId), eq(logReviewPlans.id, id)));
  return rows[0] ?? null;
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function lockPlan(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: logReviewPlans.version })
    .from(logReviewPlans)
    .where(and(eq(logReviewPlans.tenantId, tenantId), eq(logReviewPlans.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updatePlan(tx: Tx, tenantId: string, id: string, values: Partial<PlanValues>) {
  await tx
    .update(logReviewPlans)
    .set({ ...values, version: sql`${logReviewPlans.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(logReviewPlans.tenantId, tenantId), eq(logReviewPlans.id, id)));
}

export async function listPlans(tx: Tx, actor: Actor, q: PlanListQuery, cursor: Cursor | null, limit: number) {
  const where: SQL[] = [
    eq(logReviewPlans.tenantId, actor.tenantId),
    subjectWhere(actor, { tenantId: sql`log_review_plans.tenant_id`, systemIds: sql`log_review_plans.system_ids` }),
  ];
  if (!q.includeArchived) where.push(isNull(logReviewPlans.archivedAt));
  if (q.systemId) where.push(sql`log_review_plans.system_ids @> array[${q.systemId}]::uuid[]`);
  if (q.supplierId) where.push(eq(logReviewPlans.supplierId, q.supplierId));
  const after = keysetWhere(nextDueSort, sql`log_review_plans.id`, false, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...planColumns, sortKey: cursorValue(nextDueSort) })
    .from(logReviewPlans)
    .where(and(...where))
    .orderBy(keysetOrder(nextDueSort, sql`log_review_plans.id`, false))
    .limit(limit + 1);
}

// Systems of the tenant with their units, for checking a plan's subject (archived ones included:
// a plan may outlive a system being phased out, and reviews of it stay evidence).
export async function findSystems(tx: Tx, tenantId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const res = await tx.execute(sql`select s.id, s.name, s.responsible_unit_id as "unitId", s.secret
    from systems s where s.tenant_id = ${tenantId} and s.id = any(${uuidArray(ids)})`);
  return rowsOf<{ id: string; name: string; unitId: string; secret: boolean }>(res);
}

export async function supplierExists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const res = await tx.execute(sql`select 1 from suppliers where tenant_id = ${tenantId} and id = ${id} and archived_at is null`);
  return rowsOf(res).length > 0;
}

export interface Candidate extends Person {
  supplierId: string | null;
  municipal: boolean;
}

// Active members of the tenant who may record a review's outcome, from the policy table: municipal
// staff, and supplier staff (for their own organisation's reviews).
export async function listPeople(tx: Tx, tenantId: string, onlyUserId?: string): Promise<Candidate[]> {
  const may = roles.filter((r) => policy[r].can['log-review']?.includes('update'));
  const supplierSide = textArray(supplierRoles);
  const res = await tx.execute(sql`select u.id, u.display_name as "displayName",
      (array_agg(ra.scope_supplier_id) filter (where ra.role = any(${supplierSide})))[1] as "supplierId",
      bool_or(not (ra.role = any(${supplierSide}))) as municipal
    from users u join role_assignments ra on ra.user_id = u.id and ra.tenant_id = ${tenantId}
    where u.disabled_at is null and ra.role = any(${textArray(may)}) ${onlyUserId ? sql`and u.id = ${onlyUserId}` : sql``}
    group by u.id, u.display_name order by lower(u.display_name), u.id limit 500`);
  return rowsOf<Candidate>(res);
}

// What the scheduler needs of a plan, locked with it.
export async function planBasics(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({
      intervalMonths: logReviewPlans.intervalMonths,
      firstDueOn: logReviewPlans.firstDueOn,
      archivedAt: logReviewPlans.archivedAt,
      systemIds: logReviewPlans.systemIds,
      supplierId: logReviewPlans.supplierId,
      reviewerUserId: logReviewPlans.reviewerUserId,
      producerUserId: logReviewPlans.producerUserId,
    })
    .from(logReviewPlans)
    .where(and(eq(logReviewPlans.tenantId, tenantId), eq(logReviewPlans.id, id)));
  return rows[0] ?? null;
}
