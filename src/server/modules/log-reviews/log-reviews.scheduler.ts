import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { logReviews } from '../../db/schema/index.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { planBasics } from './log-review-plans.repository.js';
import * as repo from './log-reviews.repository.js';
import { nextDueOn, periodFor } from './log-reviews.schedule.js';

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

// Keeps one open review on an active plan's schedule: due on the plan's first date, or one interval
// after the last review of the schedule that was done (D3-04: "regelbunden uppföljning"). A review
// not yet begun follows changes of the plan; one with material attached keeps its period.
export async function ensureScheduled(tx: Tx, ctx: RequestContext, planId: string): Promise<void> {
  const t = ctx.actor.tenantId;
  const plan = await planBasics(tx, t, planId);
  if (!plan || plan.archivedAt) return;
  const dueOn = nextDueOn(plan, await repo.lastScheduledDone(tx, t, planId));
  const wanted = { dueOn, ...periodFor(plan, dueOn), systemIds: plan.systemIds, supplierId: plan.supplierId };
  const open = await repo.openScheduledReview(tx, t, planId);
  if (!open) {
    const id = await repo.insertReview(tx, t, { planId, scheduled: true, status: 'planned', ...wanted });
    await recordAudit(tx, ctx, { action: 'log-review.create', entityType: 'log-review', entityId: id, after: { planId, ...wanted } });
    return;
  }
  if (open.status !== 'planned') return;
  const current = (await repo.findReview(tx, t, open.id))!;
  const before = {
    dueOn: current.dueOn,
    periodFrom: current.periodFrom,
    periodTo: current.periodTo,
    systemIds: current.systemIds,
    supplierId: current.supplierId,
  };
  const unchanged =
    before.dueOn === wanted.dueOn &&
    before.periodFrom === wanted.periodFrom &&
    before.periodTo === wanted.periodTo &&
    before.supplierId === wanted.supplierId &&
    sameIds(before.systemIds, wanted.systemIds);
  if (unchanged) return;
  await repo.updateReview(tx, t, open.id, wanted);
  await recordAudit(tx, ctx, { action: 'log-review.reschedule', entityType: 'log-review', entityId: open.id, before, after: wanted });
}

// An archived plan stops its schedule: a review not yet begun is withdrawn (nothing of it is
// evidence yet); one with material attached stays and can still be completed.
export async function withdrawUnstarted(tx: Tx, ctx: RequestContext, planId: string): Promise<void> {
  const t = ctx.actor.tenantId;
  const open = await repo.openScheduledReview(tx, t, planId);
  if (!open || open.status !== 'planned') return;
  const current = (await repo.findReview(tx, t, open.id))!;
  await tx.delete(logReviews).where(and(eq(logReviews.tenantId, t), eq(logReviews.id, open.id)));
  await recordAudit(tx, ctx, {
    action: 'log-review.withdraw',
    entityType: 'log-review',
    entityId: open.id,
    before: { planId, dueOn: current.dueOn, periodFrom: current.periodFrom, periodTo: current.periodTo, status: current.status },
  });
}
