import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, viewOf, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import { auditSecretReads } from '../../platform/secrecy.js';
import { measureScope, sekToOre } from '../measures/measures.presenter.js';
import { findMeasuresByIds, unknownIds, type MeasureRow } from '../measures/measures.repository.js';
import { presentPlan, presentSummary } from './action-plans.presenter.js';
import * as repo from './action-plans.repository.js';
import type { ActivityCreate, ActivityPatch, DecisionIn, PlanCreate, PlanListQuery, PlanOut, PlanPatch } from './action-plans.schemas.js';

const locked = () =>
  new Problem('conflict', {
    sv: 'Handlingsplanen är beslutad och kan inte ändras. Öppna planen igen om innehållet behöver ändras.',
    en: 'The action plan has been decided and cannot be changed. Reopen the plan if its content needs to change.',
  });

const yearTaken = () =>
  fieldProblem('year', 'duplicate', 'Det finns redan en handlingsplan för det året.', 'There is already an action plan for that year.');

// Two plans for one year racing past the check meet the unique index (23505): the same 422 on year.
const sqlState = (err: unknown) => {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? e.cause.code : undefined;
};
async function yearUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (sqlState(err) === '23505') throw yearTaken();
    throw err;
  }
}

// Who may do what with a plan. Management decides the plan (D1: "beslutas av ledningen") and holds
// 'update' on it; the plan's content (its own fields and activities) and reopening a decided plan
// are the coordinator's work and need 'create' as well, which management does not have. So the
// decision needs 'update'; content changes and reopen need 'create'.
type PlanAction = 'update' | 'create';

// The plan with its activities and measures, as this viewer may see them.
async function loadPlan(tx: Tx, actor: Actor, id: string): Promise<{ out: PlanOut; measures: MeasureRow[] } | null> {
  const plan = await repo.findPlan(tx, actor.tenantId, id);
  if (!plan) return null;
  const activities = await repo.activitiesOf(tx, actor.tenantId, id);
  const unplannedIds = await repo.unplannedMeasureIds(tx, actor.tenantId, id, plan.year);
  const rows = await findMeasuresByIds(tx, actor.tenantId, [...new Set([...activities.flatMap((a) => a.measureIds), ...unplannedIds])]);
  const byId = new Map(rows.map((m) => [m.id, m]));
  const unplanned = unplannedIds.map((m) => byId.get(m)).filter((m): m is MeasureRow => !!m);
  return { out: presentPlan(actor, plan, activities, byId, unplanned), measures: rows };
}

// The audit trail keeps the plan's own content; measures are named by id, so a secret measure's
// title never lands in the plan's entries. Activities are keyed by their id: the trail reduces any
// nested object carrying an `id` to that id (it reads as a linked record), which would drop their content.
const auditShape = (p: PlanOut) => ({
  year: p.year,
  title: p.title,
  description: p.description,
  status: p.status,
  decision: p.decision,
  activities: Object.fromEntries(
    p.activities.map(({ id, measures, progress: _p, ...a }) => [id, { ...a, measureIds: measures.map((m) => m.id) }]),
  ),
});

function checkDates(startOn: string | null | undefined, endOn: string | null | undefined) {
  if (startOn && endOn && endOn < startOn)
    throw fieldProblem(
      'endOn',
      'before_start',
      'Slutdatum kan inte vara före startdatum.',
      'The end date cannot be before the start date.',
    );
}

async function checkMeasures(tx: Tx, actor: Actor, ids: readonly string[] | undefined) {
  if (!ids?.length) return;
  const missing = await unknownIds(tx, actor.tenantId, 'measures', ids);
  const rows = await findMeasuresByIds(tx, actor.tenantId, ids);
  const unreachable = rows.filter((m) => viewOf(actor, 'measure', measureScope(m)) === null);
  if (missing.length || unreachable.length)
    throw fieldProblem('measureIds', 'unknown_reference', 'En av åtgärderna finns inte.', 'One of the measures does not exist.');
}

const activityValues = (v: ActivityPatch): repo.ActivityValues => {
  const { measureIds: _m, budgetSek, ...rest } = v;
  return { ...rest, ...(budgetSek !== undefined ? { budgetOre: sekToOre(budgetSek) } : {}) };
};

export function createActionPlansService(db: Db) {
  // One write to a plan: lock it, check version (when the route takes If-Match), apply, audit.
  async function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number | null,
    action: string,
    needs: PlanAction,
    // returns the plan's own changed columns, if any; the plan's version moves on every write
    work: (tx: Tx, plan: repo.PlanRow) => Promise<repo.PlanValues | void>,
  ): Promise<PlanOut> {
    const { actor } = ctx;
    assertCan(actor, 'update', 'action-plan', {});
    if (needs === 'create') assertCan(actor, 'create', 'action-plan', {});
    return yearUnique(() =>
      withTenant(db, actor.tenantId, async (tx) => {
        const plan = await repo.findPlan(tx, actor.tenantId, id, true);
        if (!plan) throw notFound();
        if (expectedVersion !== null && plan.version !== expectedVersion) throw new Problem('precondition-failed');
        const before = (await loadPlan(tx, actor, id))!.out;
        await repo.updatePlan(tx, actor.tenantId, id, (await work(tx, plan)) ?? {});
        const after = (await loadPlan(tx, actor, id))!.out;
        await recordAudit(tx, ctx, {
          action,
          entityType: 'action-plan',
          entityId: id,
          before: auditShape(before),
          after: auditShape(after),
        });
        return after;
      }),
    );
  }

  const unlocked = (plan: repo.PlanRow) => {
    if (plan.status === 'decided') throw locked();
  };

  return {
    async list(ctx: RequestContext, q: PlanListQuery) {
      assertCan(ctx.actor, 'read', 'action-plan');
      const rows = await withTenant(db, ctx.actor.tenantId, (tx) => repo.listPlans(tx, ctx.actor.tenantId, q));
      return { items: rows.map((p) => presentSummary(ctx.actor, p)), nextCursor: null };
    },

    async create(ctx: RequestContext, input: PlanCreate): Promise<PlanOut> {
      assertCan(ctx.actor, 'create', 'action-plan', {});
      const t = ctx.actor.tenantId;
      return yearUnique(() =>
        withTenant(db, t, async (tx) => {
          if (await repo.yearTaken(tx, t, input.year)) throw yearTaken();
          const id = await repo.insertPlan(tx, t, input);
          const out = (await loadPlan(tx, ctx.actor, id))!.out;
          await recordAudit(tx, ctx, { action: 'action-plan.create', entityType: 'action-plan', entityId: id, after: auditShape(out) });
          return out;
        }),
      );
    },

    async get(ctx: RequestContext, id: string): Promise<PlanOut> {
      assertCan(ctx.actor, 'read', 'action-plan');
      const found = await withTenant(db, ctx.actor.tenantId, async (tx) => {
        const r = await loadPlan(tx, ctx.actor, id);
        if (r)
          await auditSecretReads(
            tx,
            ctx,
            'measure',
            r.measures.map((m) => ({ id: m.id, ...measureScope(m) })),
          );
        return r;
      });
      if (!found) throw notFound();
      return found.out;
    },

    update(ctx: RequestContext, id: string, version: number, patch: PlanPatch) {
      return change(ctx, id, version, 'action-plan.update', 'create', async (tx, plan) => {
        unlocked(plan);
        if (patch.year !== undefined && (await repo.yearTaken(tx, ctx.actor.tenantId, patch.year, id))) throw yearTaken();
        return patch;
      });
    },

    addActivity(ctx: RequestContext, id: string, input: ActivityCreate) {
      return change(ctx, id, null, 'action-plan.activity-add', 'create', async (tx, plan) => {
        unlocked(plan);
        checkDates(input.startOn, input.endOn);
        await checkMeasures(tx, ctx.actor, input.measureIds);
        const t = ctx.actor.tenantId;
        const position = input.position ?? (await repo.nextPosition(tx, t, id));
        const activityId = await repo.insertActivity(tx, t, id, { ...activityValues(input), title: input.title, position });
        await repo.replaceActivityMeasures(tx, t, activityId, input.measureIds ?? []);
      });
    },

    updateActivity(ctx: RequestContext, id: string, activityId: string, patch: ActivityPatch) {
      return change(ctx, id, null, 'action-plan.activity-update', 'create', async (tx, plan) => {
        const t = ctx.actor.tenantId;
        const current = (await repo.activitiesOf(tx, t, id)).find((a) => a.id === activityId);
        if (!current) throw notFound();
        unlocked(plan);
        checkDates(patch.startOn !== undefined ? patch.startOn : current.startOn, patch.endOn !== undefined ? patch.endOn : current.endOn);
        await checkMeasures(tx, ctx.actor, patch.measureIds);
        await repo.updateActivity(tx, t, activityId, activityValues(patch));
        if (patch.measureIds) await repo.replaceActivityMeasures(tx, t, activityId, patch.measureIds);
      });
    },

    removeActivity(ctx: RequestContext, id: string, activityId: string) {
      return change(ctx, id, null, 'action-plan.activity-remove', 'create', async (tx, plan) => {
        const t = ctx.actor.tenantId;
        if (!(await repo.activitiesOf(tx, t, id)).some((a) => a.id === activityId)) throw notFound();
        unlocked(plan);
        await repo.deleteActivity(tx, t, activityId);
      });
    },

    // Management's decision with date and case number (Dnr); the content is locked from here on.
    decide(ctx: RequestContext, id: string, version: number, d: DecisionIn) {
      return change(ctx, id, version, 'action-plan.decide', 'update', async (tx, plan) => {
        unlocked(plan);
        if ((await repo.activitiesOf(tx, ctx.actor.tenantId, id)).length === 0)
          throw new Problem('conflict', {
            sv: 'Handlingsplanen har inga aktiviteter. Lägg till minst en aktivitet innan planen beslutas.',
            en: 'The action plan has no activities. Add at least one activity before the plan is decided.',
          });
        return {
          status: 'decided',
          decidedOn: d.decidedOn,
          decidedBy: d.decidedBy,
          caseNumber: d.caseNumber,
          decisionNote: d.note ?? null,
        };
      });
    },

    // The old decision stays in the audit trail (the entry's before); the plan is a draft again.
    reopen(ctx: RequestContext, id: string, version: number) {
      return change(ctx, id, version, 'action-plan.reopen', 'create', async (_tx, plan) => {
        if (plan.status !== 'decided')
          throw new Problem('conflict', { sv: 'Handlingsplanen är inte beslutad.', en: 'The action plan has not been decided.' });
        return {
          status: 'draft',
          decidedOn: null,
          decidedBy: null,
          caseNumber: null,
          decisionNote: null,
        };
      });
    },

    async recordExport(ctx: RequestContext, id: string) {
      await withTenant(db, ctx.actor.tenantId, (tx) =>
        recordAudit(tx, ctx, { action: 'action-plan.export', entityType: 'action-plan', entityId: id, after: { format: 'xlsx' } }),
      );
    },
  };
}

export type ActionPlansService = ReturnType<typeof createActionPlansService>;
