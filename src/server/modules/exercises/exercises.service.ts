import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, recordBase, viewOf, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, forbidden, notFound, Problem } from '../../platform/problems.js';
import { unreachableSystems } from '../../platform/references.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { systemsByIds, type SystemRef } from '../continuity/continuity.repository.js';
import { insertMeasure } from '../measures/measures.create.js';
import { measureScope } from '../measures/measures.presenter.js';
import { isActiveMember, unknownIds } from '../measures/measures.repository.js';
import * as repo from './exercises.repository.js';
import {
  exerciseSorts,
  type ExerciseCreate,
  type ExerciseListQuery,
  type ExerciseMeasureIn,
  type ExerciseOut,
  type ExercisePatch,
} from './exercises.schemas.js';

const systemScope = (s: SystemRef) => ({ unitId: s.unitId, systemIds: [s.id] });

// An exercise has no unit of its own: a tenant-wide grant reaches every exercise, a unit or systems
// grant those that cover one of its systems (an exercise without systems only tenant-wide).
function reaches(actor: Actor, action: Action, systems: readonly SystemRef[]): boolean {
  if (can(actor, action, 'exercise', { unitId: null, systemIds: [] })) return true;
  return systems.some((s) => can(actor, action, 'exercise', systemScope(s)));
}

const systemName = (actor: Actor, s: SystemRef) =>
  viewOf(actor, 'system', { ...systemScope(s), secret: s.secret }) === 'full' ? s.name : null;

function present(
  actor: Actor,
  r: repo.ExerciseRow,
  systems: readonly SystemRef[],
  measures: Awaited<ReturnType<typeof repo.measuresOf>>,
): ExerciseOut {
  const archived = r.archivedAt !== null;
  const byId = new Map(systems.map((s) => [s.id, s]));
  const allowed = (['update', 'archive', 'restore'] as const).filter(
    (a) => (a === 'restore' ? archived : !archived) && reaches(actor, a, systems),
  );
  return {
    ...recordBase(actor, 'exercise', r),
    allowedActions: ['read', ...allowed],
    title: r.title,
    kind: r.kind as ExerciseOut['kind'],
    heldOn: r.heldOn,
    scope: r.scope,
    systemIds: r.systemIds,
    systems: r.systemIds
      .map((id) => byId.get(id))
      .filter((s): s is SystemRef => !!s)
      .map((s) => ({ id: s.id, name: systemName(actor, s), critical: s.critical })),
    participants: r.participants,
    outcome: r.outcome,
    lessons: r.lessons,
    measures: measures
      .filter((m) => m.exerciseId === r.id && can(actor, 'read', 'measure', measureScope(m)))
      .map((m) => ({
        id: m.id,
        title: viewOf(actor, 'measure', measureScope(m)) === 'full' ? m.title : null,
        status: m.status as ExerciseOut['measures'][number]['status'],
      })),
  };
}

async function load(tx: Tx, actor: Actor, id: string): Promise<{ out: ExerciseOut; systems: SystemRef[] } | null> {
  const row = await repo.findExercise(tx, actor.tenantId, id);
  if (!row) return null;
  const systems = await systemsByIds(tx, actor.tenantId, row.systemIds);
  if (!reaches(actor, 'read', systems)) return null;
  return { out: present(actor, row, systems, await repo.measuresOf(tx, actor.tenantId, [id])), systems };
}

// Every system named must be one the actor may read; an id out of reach reads as unknown.
async function checkSystems(tx: Tx, actor: Actor, ids: readonly string[], had: readonly string[] = []): Promise<SystemRef[]> {
  if (
    (
      await unreachableSystems(
        tx,
        actor,
        ids.filter((id) => !had.includes(id)),
      )
    ).length
  )
    throw fieldProblem('systemIds', 'unknown_reference', 'Ett av systemen finns inte.', 'One of the systems does not exist.');
  return systemsByIds(tx, actor.tenantId, [...new Set(ids)]);
}

export function createExercisesService(db: Db) {
  return {
    // The route's reach before its body is validated: an exercise out of reach is 404 whatever was sent.
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    async create(ctx: RequestContext, input: ExerciseCreate): Promise<ExerciseOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'exercise');
      return withTenant(db, actor.tenantId, async (tx) => {
        const systems = await checkSystems(tx, actor, input.systemIds ?? []);
        if (!reaches(actor, 'create', systems)) throw forbidden();
        const id = await repo.insertExercise(tx, {
          tenantId: actor.tenantId,
          title: input.title,
          kind: input.kind,
          heldOn: input.heldOn,
          scope: input.scope ?? null,
          systemIds: [...new Set(input.systemIds ?? [])],
          participants: input.participants ?? [],
          outcome: input.outcome ?? null,
          lessons: input.lessons ?? null,
        });
        const out = (await load(tx, actor, id))!.out;
        await recordAudit(tx, ctx, { action: 'exercise.create', entityType: 'exercise', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<ExerciseOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'exercise');
      const found = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!found) throw notFound();
      return found.out;
    },

    async list(ctx: RequestContext, query: ExerciseListQuery) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'exercise');
      // newest first unless asked otherwise
      const spec = pageSpec({ ...query, sort: query.sort ?? '-heldOn' }, exerciseSorts, 'heldOn');
      const { rows, systems, measures } = await withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listExercises(tx, actor, query, spec.sort, spec.cursor, query.limit);
        const systems = await systemsByIds(tx, actor.tenantId, [...new Set(rows.flatMap((r) => r.systemIds))]);
        const measures = await repo.measuresOf(
          tx,
          actor.tenantId,
          rows.map((r) => r.id),
        );
        return { rows, systems, measures };
      });
      return toPage(rows, query.limit, spec.name, (r) =>
        present(
          actor,
          r,
          systems.filter((s) => r.systemIds.includes(s.id)),
          measures,
        ),
      );
    },

    iterate(ctx: RequestContext, query: ExerciseListQuery): AsyncGenerator<ExerciseOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: ExercisePatch): Promise<ExerciseOut> {
      return change(ctx, id, expectedVersion, 'update', async (tx, before) => {
        if (before.out.archived) throw archivedConflict();
        const systems = patch.systemIds ? await checkSystems(tx, ctx.actor, patch.systemIds, before.out.systemIds) : before.systems;
        // what the change leaves must still be within the actor's reach
        if (!reaches(ctx.actor, 'update', systems)) throw forbidden();
        await repo.updateExercise(tx, ctx.actor.tenantId, id, {
          ...patch,
          ...(patch.systemIds ? { systemIds: [...new Set(patch.systemIds)] } : {}),
        });
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<ExerciseOut> {
      return change(ctx, id, expectedVersion, archived ? 'archive' : 'restore', async (tx, before) => {
        if (before.out.archived === archived) return;
        await repo.updateExercise(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },

    // D1-42: a lesson becomes a measure (origin 'exercise'), in the measures register.
    async createMeasure(ctx: RequestContext, id: string, input: ExerciseMeasureIn): Promise<{ id: string; title: string }> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'measure');
      return withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (!found) throw notFound();
        const { out, systems } = found;
        const errs: { field: string; code: string; sv: string; en: string }[] = [];
        if (!input.title) errs.push({ field: 'title', code: 'required', sv: 'Fältet måste fyllas i.', en: 'This field is required.' });
        const systemId = input.systemId !== undefined ? input.systemId : out.systemIds.length === 1 ? out.systemIds[0]! : null;
        const system = systemId ? systems.find((s) => s.id === systemId) : undefined;
        if (systemId && !system)
          errs.push({
            field: 'systemId',
            code: 'not_in_exercise',
            sv: 'Välj ett av systemen som övningen gällde.',
            en: 'Choose one of the systems the exercise covered.',
          });
        if (input.unitId && (await unknownIds(tx, actor.tenantId, 'org_units', [input.unitId])).length)
          errs.push({ field: 'unitId', code: 'unknown_reference', sv: 'Enheten finns inte.', en: 'The unit does not exist.' });
        if (input.ownerUserId && !(await isActiveMember(tx, actor.tenantId, input.ownerUserId)))
          errs.push({
            field: 'ownerUserId',
            code: 'unknown_user',
            sv: 'Personen finns inte i kommunen.',
            en: 'The person is not a member.',
          });
        if (errs.length) throw new Problem('validation', undefined, errs);
        // the measure sits with the system's unit unless another unit is named
        const unitId = input.unitId !== undefined ? input.unitId : (system?.unitId ?? null);
        assertCan(actor, 'create', 'measure', measureScope({ unitId, systemId: system?.id ?? null, secret: false }));
        const title = input.title!;
        const measureId = await insertMeasure(tx, ctx, {
          title,
          description: input.description ?? null,
          origin: 'exercise',
          originId: id,
          systemId: system?.id ?? null,
          unitId,
          ownerUserId: input.ownerUserId ?? null,
          dueOn: input.dueOn ?? null,
          ...(input.priority ? { priority: input.priority } : {}),
        });
        return { id: measureId, title };
      });
    },
  };

  async function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: 'update' | 'archive' | 'restore',
    work: (tx: Tx, before: { out: ExerciseOut; systems: SystemRef[] }) => Promise<void>,
  ): Promise<ExerciseOut> {
    const { actor } = ctx;
    assertCan(actor, action, 'exercise');
    let current: { out: ExerciseOut; systems: SystemRef[] } | null = null;
    return trackedChange(db, ctx, {
      entityType: 'exercise',
      action: `exercise.${action}`,
      id,
      expectedVersion,
      lock: (tx) => repo.lockExercise(tx, actor.tenantId, id),
      load: async (tx) => (current = await load(tx, actor, id))?.out ?? null,
      change: async (tx, before) => {
        if (!reaches(actor, action, current!.systems)) throw forbidden();
        await work(tx, { out: before, systems: current!.systems });
      },
    });
  }
}

export type ExercisesService = ReturnType<typeof createExercisesService>;
