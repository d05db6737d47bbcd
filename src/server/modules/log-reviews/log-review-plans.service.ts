import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { pageSpec, toPage, type Page } from '../../platform/keyset.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import * as plans from './log-review-plans.repository.js';
import { assertReach, planReach, type Subject } from './log-reviews.policy.js';
import { presentPlan, presentReview } from './log-reviews.presenter.js';
import * as reviews from './log-reviews.repository.js';
import { addMonths, stockholmToday } from '../../platform/calendar.js';
import { ensureScheduled, withdrawUnstarted } from './log-reviews.scheduler.js';
import type { ExtraReviewCreate, PlanCreate, PlanListQuery, PlanOut, PlanPatch, ReviewOut } from './log-reviews.schemas.js';

export const DEFAULT_INTERVAL_MONTHS = 3;

async function load(tx: Tx, actor: Actor, id: string): Promise<PlanOut | null> {
  const row = await plans.findPlan(tx, actor.tenantId, id);
  if (!row || !planReach(actor, 'read', { systems: row.systems, supplierId: row.supplierId })) return null;
  return presentPlan(actor, row);
}

// The plan's subject as the caller named it: systems of this tenant, an active supplier.
async function subjectOf(tx: Tx, tenantId: string, systemIds: string[], supplierId: string | null, field: string): Promise<Subject> {
  const unique = [...new Set(systemIds)];
  const systems = await plans.findSystems(tx, tenantId, unique);
  if (systems.length !== unique.length)
    throw fieldProblem(field, 'unknown_system', 'IT-systemet finns inte i registret.', 'The IT system is not in the register.');
  if (supplierId && !(await plans.supplierExists(tx, tenantId, supplierId)))
    throw fieldProblem('supplierId', 'unknown_supplier', 'Leverantören finns inte i registret.', 'The supplier is not in the register.');
  return { systems, supplierId };
}

// The reviewer must be able to record the outcome: municipal staff with a log-review role, or the
// supplier's own staff for a supplier's plan (D0-16). The producer is the municipality's.
async function checkPeople(tx: Tx, tenantId: string, supplierId: string | null, reviewer?: string, producer?: string | null) {
  if (reviewer) {
    const [c] = await plans.listPeople(tx, tenantId, reviewer);
    if (!c || !(c.municipal || (supplierId !== null && c.supplierId === supplierId)))
      throw fieldProblem(
        'reviewerUserId',
        'not_a_reviewer',
        'Personen kan inte granska den här loggkontrollen. Välj någon med en roll för loggkontroller i kommunen eller hos leverantören.',
        'This person cannot review this log control. Choose someone with a log-review role in the municipality or at the supplier.',
      );
  }
  if (producer) {
    const [c] = await plans.listPeople(tx, tenantId, producer);
    if (!c?.municipal)
      throw fieldProblem(
        'producerUserId',
        'not_a_producer',
        'Underlaget tas fram av kommunens systemförvaltare: välj en person i kommunen med en roll för loggkontroller.',
        'The material is produced by the municipality’s system administrator: choose a municipal person with a log-review role.',
      );
  }
}

export function createLogReviewPlansService(db: Db) {
  const tracked = (ctx: RequestContext, id: string, version: number, action: string, change: (tx: Tx, before: PlanOut) => Promise<void>) =>
    trackedChange(db, ctx, {
      // the resource's name, like every register's entries: the record routes' history reads them by it
      entityType: 'log-review',
      action,
      id,
      expectedVersion: version,
      lock: (tx) => plans.lockPlan(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  // Changing a plan needs reach to every system it covers, as stored and as changed.
  const assertChange = async (tx: Tx, actor: Actor, id: string, action: 'update' | 'archive' | 'restore' | 'create') => {
    const row = (await plans.findPlan(tx, actor.tenantId, id))!;
    assertReach(planReach(actor, action, { systems: row.systems, supplierId: row.supplierId }, 'all'));
    return row;
  };

  return {
    // For the route hook: an unreachable plan is 404 before its body is validated; a reachable one
    // the caller may not change is 403.
    async assertRouteReach(ctx: RequestContext, id: string, action: 'read' | 'create' | 'update' | 'archive' | 'restore') {
      const { actor } = ctx;
      const row = await withTenant(db, actor.tenantId, (tx) => plans.findPlan(tx, actor.tenantId, id));
      const subject = row ? { systems: row.systems, supplierId: row.supplierId } : null;
      if (!subject || !planReach(actor, 'read', subject)) throw notFound();
      if (action !== 'read') assertReach(planReach(actor, action, subject, 'all'));
    },

    async create(ctx: RequestContext, input: PlanCreate): Promise<PlanOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      if (input.systemId && input.supplierId)
        throw fieldProblem(
          'supplierId',
          'one_subject',
          'Välj antingen ett IT-system eller en leverantör.',
          'Choose either an IT system or a supplier.',
        );
      if (!input.systemId && !input.supplierId)
        throw fieldProblem(
          'systemId',
          'required',
          'Välj vilket IT-system eller vilken leverantör som ska granskas.',
          'Choose the IT system or supplier to review.',
        );
      if (input.systemId && input.systemIds?.length)
        throw fieldProblem(
          'systemIds',
          'not_allowed',
          'Flera system anges bara för en leverantör.',
          'Several systems are given for a supplier only.',
        );
      const supplierId = input.supplierId ?? null;
      return withTenant(db, t, async (tx) => {
        const ids = input.systemId ? [input.systemId] : (input.systemIds ?? []);
        const subject = await subjectOf(tx, t, ids, supplierId, input.systemId ? 'systemId' : 'systemIds');
        assertReach(planReach(actor, 'create', subject, 'all'));
        await checkPeople(tx, t, supplierId, input.reviewerUserId, input.producerUserId);
        const intervalMonths = input.intervalMonths ?? DEFAULT_INTERVAL_MONTHS;
        const id = await plans.insertPlan(tx, t, {
          supplierId,
          systemIds: subject.systems.map((s) => s.id),
          intervalMonths,
          firstDueOn: input.firstDueOn ?? addMonths(stockholmToday(), intervalMonths),
          reviewerUserId: input.reviewerUserId,
          producerUserId: input.producerUserId ?? null,
          note: input.note ?? null,
        });
        await ensureScheduled(tx, ctx, id);
        const out = (await load(tx, actor, id))!;
        await recordAudit(tx, ctx, {
          action: 'log-review-plan.create', // the resource's name, like every register's entries: the record routes' history reads them by it
          entityType: 'log-review',
          entityId: id,
          after: snapshot(out),
        });
        return out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<PlanOut> {
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list({ actor }: RequestContext, query: PlanListQuery): Promise<Page<PlanOut>> {
      const spec = pageSpec({ cursor: query.cursor }, ['nextDue'] as const, 'nextDue');
      const rows = await withTenant(db, actor.tenantId, (tx) => plans.listPlans(tx, actor, query, spec.cursor, query.limit));
      return toPage(rows, query.limit, spec.name, (r) => presentPlan(actor, r));
    },

    async people({ actor }: RequestContext) {
      return { items: await withTenant(db, actor.tenantId, (tx) => plans.listPeople(tx, actor.tenantId)) };
    },

    async update(ctx: RequestContext, id: string, version: number, patch: PlanPatch): Promise<PlanOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      return tracked(ctx, id, version, 'log-review-plan.update', async (tx, before) => {
        const row = await assertChange(tx, actor, id, 'update');
        if (before.archived) throw archivedConflict();
        const values: Partial<plans.PlanValues> = {};
        if (patch.systemIds !== undefined) {
          if (!row.supplierId)
            throw fieldProblem(
              'systemIds',
              'not_allowed',
              'Flera system anges bara för en leverantör.',
              'Several systems are given for a supplier only.',
            );
          const subject = await subjectOf(tx, t, patch.systemIds, row.supplierId, 'systemIds');
          assertReach(planReach(actor, 'update', subject, 'all'));
          values.systemIds = subject.systems.map((s) => s.id);
        }
        await checkPeople(tx, t, row.supplierId, patch.reviewerUserId, patch.producerUserId);
        if (patch.intervalMonths !== undefined) values.intervalMonths = patch.intervalMonths;
        if (patch.firstDueOn !== undefined) values.firstDueOn = patch.firstDueOn;
        if (patch.reviewerUserId !== undefined) values.reviewerUserId = patch.reviewerUserId;
        if (patch.producerUserId !== undefined) values.producerUserId = patch.producerUserId;
        if (patch.note !== undefined) values.note = patch.note;
        if (Object.keys(values).length) await plans.updatePlan(tx, t, id, values);
        await ensureScheduled(tx, ctx, id);
      });
    },

    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<PlanOut> {
      const action = archived ? 'archive' : 'restore';
      return tracked(ctx, id, version, `log-review-plan.${action}`, async (tx, before) => {
        await assertChange(tx, ctx.actor, id, action);
        if (before.archived === archived) return;
        await plans.updatePlan(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
        if (archived) await withdrawUnstarted(tx, ctx, id);
        else await ensureScheduled(tx, ctx, id);
      });
    },

    // A review outside the schedule: to redo a done one (which is never edited) or to check a period now.
    async addReview(ctx: RequestContext, id: string, input: ExtraReviewCreate): Promise<ReviewOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      if (input.periodFrom > input.periodTo)
        throw fieldProblem(
          'periodTo',
          'before_start',
          'Perioden kan inte sluta innan den börjar.',
          'The period cannot end before it starts.',
        );
      return withTenant(db, t, async (tx) => {
        const plan = await load(tx, actor, id);
        if (!plan) throw notFound();
        const row = await assertChange(tx, actor, id, 'create');
        if (plan.archived) throw archivedConflict();
        const reviewId = await reviews.insertReview(tx, t, {
          planId: id,
          scheduled: false,
          status: 'planned',
          dueOn: input.dueOn ?? stockholmToday(),
          periodFrom: input.periodFrom,
          periodTo: input.periodTo,
          systemIds: row.systemIds,
          supplierId: row.supplierId,
        });
        const created = (await reviews.findReview(tx, t, reviewId))!;
        const out = presentReview(actor, created, []);
        const { allowedActions: _a, followUps: _f, ...after } = out;
        await recordAudit(tx, ctx, { action: 'log-review.create', entityType: 'log-review', entityId: reviewId, after });
        return out;
      });
    },
  };
}
export type LogReviewPlansService = ReturnType<typeof createLogReviewPlansService>;
