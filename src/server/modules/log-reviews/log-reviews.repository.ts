import { and, asc, desc, eq, getTableColumns, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { logReviewFollowUps, logReviewMaterials, logReviewPlans, logReviews } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import { subjectWhere } from './log-reviews.policy.js';
import { personOf, supplierOf, systemsOf, today, uuidArray, type Person } from './log-reviews.sql.js';
import type { ReviewListQuery } from './log-reviews.schemas.js';
import { rowsOf } from '../../db/rows.js';

export type ReviewValues = Omit<typeof logReviews.$inferInsert, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>;

interface MaterialMeta {
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: Person;
  uploadedAt: string;
}

const planCol = (column: string) =>
  sql.raw(`(select p.${column} from log_review_plans p where p.tenant_id = log_reviews.tenant_id and p.id = log_reviews.plan_id)`);

const reviewColumns = {
  ...getTableColumns(logReviews),
  systems: systemsOf('log_reviews'),
  supplier: supplierOf('log_reviews'),
  reviewer: personOf(planCol('reviewer_user_id')) as SQL<Person>,
  producer: personOf(planCol('producer_user_id')),
  planArchived: sql<boolean>`${planCol('archived_at')} is not null`,
  outcomeByPerson: personOf(sql`log_reviews.outcome_by`),
  overdue: sql<boolean>`(log_reviews.status <> 'done' and log_reviews.due_on < ${today})`,
  material: sql<MaterialMeta | null>`(select json_build_object('kind', m.kind, 'fileName', m.file_name, 'contentType', m.content_type,
    'size', m.size, 'sha256', m.sha256, 'uploadedAt', m.uploaded_at,
    'uploadedBy', json_build_object('id', u.id, 'displayName', u.display_name))
    from log_review_materials m join users u on u.id = m.uploaded_by
    where m.tenant_id = log_reviews.tenant_id and m.review_id = log_reviews.id)`,
  openFollowUps: sql<number>`(select count(*)::int from log_review_follow_ups f
    where f.tenant_id = log_reviews.tenant_id and f.review_id = log_reviews.id and f.status = 'open')`,
};

const dueSort: SortColumn = { expr: sql`log_reviews.due_on::text`, cast: 'text' };

export async function insertReview(tx: Tx, tenantId: string, v: ReviewValues): Promise<string> {
  const [row] = await tx
    .insert(logReviews)
    .values({ ...v, tenantId })
    .returning({ id: logReviews.id });
  return row!.id;
}

export async function findReview(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select(reviewColumns)
    .from(logReviews)
    .where(and(eq(logReviews.tenantId, tenantId), eq(logReviews.id, id)));
  return rows[0] ?? null;
}
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof findReview>>>;

export async function lockReview(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: logReviews.version })
    .from(logReviews)
    .where(and(eq(logReviews.tenantId, tenantId), eq(logReviews.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateReview(tx: Tx, tenantId: string, id: string, values: Partial<ReviewValues>) {
  await tx
    .update(logReviews)
    .set({ ...values, version: sql`${logReviews.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(logReviews.tenantId, tenantId), eq(logReviews.id, id)));
}

export async function listReviews(tx: Tx, actor: Actor, q: ReviewListQuery, cursor: Cursor | null, limit: number) {
  const descending = q.sort === '-dueOn';
  const where: SQL[] = [
    eq(logReviews.tenantId, actor.tenantId),
    subjectWhere(actor, {
      tenantId: sql`log_reviews.tenant_id`,
      systemIds: sql`log_reviews.system_ids`,
      supplierId: sql`log_reviews.supplier_id`,
    }),
  ];
  if (q.planId) where.push(eq(logReviews.planId, q.planId));
  if (q.systemId) where.push(sql`log_reviews.system_ids @> array[${q.systemId}]::uuid[]`);
  if (q.supplierId) where.push(eq(logReviews.supplierId, q.supplierId));
  if (q.status === 'open') where.push(ne(logReviews.status, 'done'));
  else if (q.status === 'overdue') where.push(sql`log_reviews.status <> 'done' and log_reviews.due_on < ${today}`);
  else if (q.status) where.push(eq(logReviews.status, q.status));
  const after = keysetWhere(dueSort, sql`log_reviews.id`, descending, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...reviewColumns, sortKey: cursorValue(dueSort) })
    .from(logReviews)
    .where(and(...where))
    .orderBy(keysetOrder(dueSort, sql`log_reviews.id`, descending))
    .limit(limit + 1);
}

// The plan's open review of its schedule (there is at most one: completing it makes the next).
export async function openScheduledReview(tx: Tx, tenantId: string, planId: string) {
  const rows = await tx
    .select({ id: logReviews.id, status: logReviews.status, version: logReviews.version })
    .from(logReviews)
    .where(
      and(eq(logReviews.tenantId, tenantId), eq(logReviews.planId, planId), eq(logReviews.scheduled, true), ne(logReviews.status, 'done')),
    )
    .orderBy(asc(logReviews.dueOn))
    .limit(1);
  return rows[0] ?? null;
}

export async function lastScheduledDone(tx: Tx, tenantId: string, planId: string): Promise<string | null> {
  const rows = await tx
    .select({ dueOn: logReviews.dueOn })
    .from(logReviews)
    .where(
      and(eq(logReviews.tenantId, tenantId), eq(logReviews.planId, planId), eq(logReviews.scheduled, true), eq(logReviews.status, 'done')),
    )
    .orderBy(desc(logReviews.dueOn))
    .limit(1);
  return rows[0]?.dueOn ?? null;
}

export async function planIsActive(tx: Tx, tenantId: string, planId: string): Promise<boolean> {
  const rows = await tx
    .select({ archivedAt: logReviewPlans.archivedAt })
    .from(logReviewPlans)
    .where(and(eq(logReviewPlans.tenantId, tenantId), eq(logReviewPlans.id, planId)));
  return rows[0]?.archivedAt === null;
}

// --- material ---

export type MaterialValues = Omit<typeof logReviewMaterials.$inferInsert, 'tenantId' | 'reviewId' | 'uploadedAt'>;

export async function putMaterial(tx: Tx, tenantId: string, reviewId: string, v: MaterialValues) {
  await tx
    .insert(logReviewMaterials)
    .values({ ...v, tenantId, reviewId })
    .onConflictDoUpdate({ target: logReviewMaterials.reviewId, set: { ...v, uploadedAt: sql`now()` } });
}

export async function materialContent(tx: Tx, tenantId: string, reviewId: string) {
  const rows = await tx
    .select({
      fileName: logReviewMaterials.fileName,
      contentType: logReviewMaterials.contentType,
      sha256: logReviewMaterials.sha256,
      content: logReviewMaterials.content,
    })
    .from(logReviewMaterials)
    .where(and(eq(logReviewMaterials.tenantId, tenantId), eq(logReviewMaterials.reviewId, reviewId)));
  return rows[0] ?? null;
}

export interface TrailEvent {
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  client_address: string | null;
  tenant_seq: number;
  hash: string;
}

// Tillit's own audit trail for the records of these systems (the systems and the information assets
// linked to them) in the period, whole days in Europe/Stockholm. Row-level security applies.
//
// A supplier's review covers its own staff's activity (D0-07, D3-36), and the supplier's administrator
// reads the extract: it must not hand them the municipality's staff names, client addresses and
// register content. So for a supplier an event is included only if its actor holds a role assignment
// scoped to that supplier in this tenant, as the assignments stand when the extract is made (someone
// whose supplier role has been removed drops out; an event without an actor is nobody's staff).
export async function trailEvents(
  tx: Tx,
  tenantId: string,
  systemIds: string[],
  from: string,
  to: string,
  supplierId: string | null,
): Promise<TrailEvent[]> {
  const ids = uuidArray(systemIds);
  const staffOnly = supplierId
    ? sql`and exists (select 1 from role_assignments ra where ra.tenant_id = e.tenant_id and ra.user_id = e.actor_user_id
        and ra.scope_type = 'supplier' and ra.scope_supplier_id = ${supplierId})`
    : sql``;
  const res = await tx.execute(sql`select to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, e.actor_user_id,
      u.display_name as actor_name, e.action, e.entity_type, e.entity_id, e.before, e.after, e.request_id, e.client_address,
      e.tenant_seq, e.hash
    from audit_events e left join users u on u.id = e.actor_user_id
    where e.tenant_id = ${tenantId}
      and ((e.entity_type = 'system' and e.entity_id = any(${ids}))
        or e.entity_id in (select l.asset_id from information_asset_systems l where l.tenant_id = ${tenantId} and l.system_id = any(${ids})))
      and e.at >= (${from}::date::timestamp at time zone 'Europe/Stockholm')
      and e.at < ((${to}::date + 1)::timestamp at time zone 'Europe/Stockholm')
      ${staffOnly}
    order by e.tenant_seq`);
  return rowsOf<TrailEvent>(res);
}

// --- follow-ups ---

const followUpColumns = {
  ...getTableColumns(logReviewFollowUps),
  owner: personOf(sql`log_review_follow_ups.owner_user_id`),
  closedByPerson: personOf(sql`log_review_follow_ups.closed_by`),
};
export type FollowUpValues = Omit<
  typeof logReviewFollowUps.$inferInsert,
  'id' | 'tenantId' | 'reviewId' | 'version' | 'createdAt' | 'updatedAt'
>;

export async function insertFollowUp(tx: Tx, tenantId: string, reviewId: string, v: FollowUpValues): Promise<string> {
  const [row] = await tx
    .insert(logReviewFollowUps)
    .values({ ...v, tenantId, reviewId })
    .returning({ id: logReviewFollowUps.id });
  return row!.id;
}

export async function followUpsOf(tx: Tx, tenantId: string, reviewId: string) {
  return tx
    .select(followUpColumns)
    .from(logReviewFollowUps)
    .where(and(eq(logReviewFollowUps.tenantId, tenantId), eq(logReviewFollowUps.reviewId, reviewId)))
    .orderBy(asc(logReviewFollowUps.createdAt), asc(logReviewFollowUps.id));
}
export type FollowUpRow = Awaited<ReturnType<typeof followUpsOf>>[number];

export async function findFollowUp(tx: Tx, tenantId: string, reviewId: string, id: string, lock = false) {
  const q = tx
    .select(followUpColumns)
    .from(logReviewFollowUps)
    .where(and(eq(logReviewFollowUps.tenantId, tenantId), eq(logReviewFollowUps.reviewId, reviewId), eq(logReviewFollowUps.id, id)));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function updateFollowUp(tx: Tx, tenantId: string, id: string, values: Partial<FollowUpValues>) {
  await tx
    .update(logReviewFollowUps)
    .set({ ...values, version: sql`${logReviewFollowUps.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(logReviewFollowUps.tenantId, tenantId), eq(logReviewFollowUps.id, id)));
}
