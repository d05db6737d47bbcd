import { stockholmToday } from '../../platform/calendar.js';
import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Action, type Actor } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { notFound, Problem } from '../../platform/problems.js';
import { assertMayMark, auditSecretReads, requireProvision } from '../../platform/secrecy.js';
import { archivedConflict, trackedChange } from '../../platform/tracked-change.js';
import type { MeasureOrigin, MeasureStatus } from '../../../shared/enums.js';
import { insertMeasure } from './measures.create.js';
import { systemsByIds } from '../risks/risks.repository.js';
import { riskScope } from '../risks/risks.presenter.js';
import { measureScope, presentMeasure, sekToOre } from './measures.presenter.js';
import * as repo from './measures.repository.js';
import { measureSorts, type MeasureCreate, type MeasureListQuery, type MeasureOut, type MeasurePatch } from './measures.schemas.js';

type FieldErr = { field: string; code: string; sv: string; en: string };

// The record an origin names, where Tillit holds it; other origins (incidents, supplier
// deficiencies, exercises …) belong to modules still to come, so their ids are taken as given.
const originTables: Partial<Record<MeasureOrigin, string>> = {
  risk: 'risks',
  gap: 'requirements',
  log_review: 'log_review_follow_ups',
};

// The state a create or change would leave, for the rules that look at the whole measure.
interface Merged {
  origin: MeasureOrigin;
  originId: string | null;
  basis: string | null;
  riskIds: readonly string[];
}

// D1-11 (interpretation of "grunda sig i"): a measure rests on a linked record, a linked risk, or a
// written basis such as a needs analysis or a follow-up finding.
function basisError(m: Merged): FieldErr | null {
  if (m.originId || m.riskIds.length || (m.basis && m.basis.trim())) return null;
  return {
    field: 'basis',
    code: 'basis_required',
    sv: 'Ange vad åtgärden grundar sig på: koppla en risk eller ett ursprung, eller beskriv underlaget (t.ex. behovsanalys, uppföljning eller incident).',
    en: 'State what the measure rests on: link a risk or an origin record, or describe the basis (e.g. needs analysis, follow-up or incident).',
  };
}

// Every id a create or change adds must name a record of the tenant that the actor may read: an id
// out of reach gets the same answer as an id that does not exist, so the answer reveals nothing.
// Links already on the measure stay as they are (whoever set them had the reach).
async function referenceErrors(tx: Tx, actor: Actor, input: MeasurePatch, merged: Merged, before?: MeasureOut): Promise<FieldErr[]> {
  const t = actor.tenantId;
  const errs: FieldErr[] = [];
  const refuse = (field: string, sv: string, en: string) => errs.push({ field, code: 'unknown_reference', sv, en });
  const added = (ids: readonly string[] | undefined, had: readonly string[] = []) =>
    [...new Set(ids ?? [])].filter((id) => !had.includes(id));
  const risksOk = async (ids: string[]) => {
    if (!ids.length) return true;
    const found = await repo.riskScopes(tx, t, ids);
    return found.length === ids.length && found.every((r) => can(actor, 'read', 'risk', riskScope(r)));
  };

  const originTable = originTables[merged.origin];
  if (merged.originId && originTable && (input.originId !== undefined || input.origin !== undefined)) {
    const fresh = !before || merged.originId !== before.originId || merged.origin !== before.origin;
    const ok =
      !fresh ||
      (merged.origin === 'risk'
        ? await risksOk([merged.originId])
        : (await repo.unknownIds(tx, t, originTable, [merged.originId])).length === 0);
    if (!ok) refuse('originId', 'Ursprungsposten finns inte.', 'The origin record does not exist.');
  }
  if (
    !(await risksOk(
      added(
        input.riskIds,
        before?.risks.map((r) => r.id),
      ),
    ))
  )
    refuse('riskIds', 'En av riskerna finns inte.', 'One of the risks does not exist.');
  const goals = added(
    input.goalIds,
    before?.goals.map((g) => g.id),
  );
  if (goals.length && (await repo.unknownIds(tx, t, 'policy_goals', goals)).length)
    refuse('goalIds', 'Ett av målen finns inte.', 'One of the goals does not exist.');
  const system = input.systemId && input.systemId !== before?.systemId ? input.systemId : null;
  if (system) {
    const [s] = await systemsByIds(tx, t, [system]);
    if (!s || !can(actor, 'read', 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }))
      refuse('systemId', 'IT-systemet finns inte.', 'The IT system does not exist.');
  }
  const unit = input.unitId && input.unitId !== before?.unitId ? input.unitId : null;
  if (unit && ((await repo.unknownIds(tx, t, 'org_units', [unit])).length || !can(actor, 'read', 'org-unit', { unitId: unit })))
    refuse('unitId', 'Enheten finns inte.', 'The unit does not exist.');
  if (input.ownerUserId && input.ownerUserId !== before?.ownerUserId && !(await repo.isActiveMember(tx, t, input.ownerUserId)))
    errs.push({ field: 'ownerUserId', code: 'unknown_user', sv: 'Personen finns inte i kommunen.', en: 'The person is not a member.' });
  return errs;
}

function throwIf(errs: (FieldErr | null)[]) {
  const list = errs.filter((e): e is FieldErr => e !== null);
  if (list.length) throw new Problem('validation', undefined, list);
}

// completedOn follows the status: set when a measure is done (today unless given), cleared when it leaves done.
function completion(status: MeasureStatus, given: string | null | undefined, before: string | null): string | null {
  if (status !== 'done') return null;
  return given ?? before ?? stockholmToday();
}

async function load(tx: Tx, actor: Actor, id: string): Promise<MeasureOut | null> {
  const row = await repo.findMeasure(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'measure', measureScope(row))) return null;
  return presentMeasure(actor, row, await repo.plansOf(tx, actor.tenantId, id));
}

function assertChange(actor: Actor, action: Action, before: MeasureOut, patch: MeasurePatch = {}) {
  const scope = measureScope(before);
  assertCan(actor, action, 'measure', scope);
  const moved =
    (patch.unitId !== undefined && patch.unitId !== before.unitId) || (patch.systemId !== undefined && patch.systemId !== before.systemId);
  if (moved)
    assertCan(
      actor,
      action,
      'measure',
      measureScope({ unitId: patch.unitId ?? before.unitId, systemId: patch.systemId ?? before.systemId, secret: before.secret }),
    );
  const secretChanged = patch.secret !== undefined && patch.secret !== before.secret;
  const provisionChanged = patch.secrecyProvision !== undefined && patch.secrecyProvision !== before.secrecyProvision;
  if (secretChanged || provisionChanged) assertMayMark(actor, 'measure', scope);
  requireProvision(patch.secret ?? before.secret, patch.secrecyProvision !== undefined ? patch.secrecyProvision : before.secrecyProvision);
}

export function createMeasuresService(db: Db) {
  return {
    async create(ctx: RequestContext, input: MeasureCreate): Promise<MeasureOut> {
      const { actor } = ctx;
      const scope = measureScope({ unitId: input.unitId ?? null, systemId: input.systemId ?? null, secret: input.secret ?? false });
      assertCan(actor, 'create', 'measure', scope);
      if (input.secret) assertMayMark(actor, 'measure', scope);
      requireProvision(input.secret ?? false, input.secrecyProvision);
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const merged: Merged = {
          origin: input.origin,
          originId: input.originId ?? null,
          basis: input.basis ?? null,
          riskIds: input.riskIds ?? [],
        };
        throwIf([basisError(merged), ...(await referenceErrors(tx, actor, input, merged))]);
        const { plannedCostSek, actualCostSek, completedOn, ...rest } = input;
        const status = input.status ?? 'proposed';
        const id = await insertMeasure(tx, ctx, {
          ...rest,
          status,
          plannedCostOre: sekToOre(plannedCostSek),
          actualCostOre: sekToOre(actualCostSek),
          completedOn: completion(status, completedOn, null),
        });
        return (await load(tx, actor, id))!;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<MeasureOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'measure');
      const out = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (found) await auditSecretReads(tx, ctx, 'measure', [{ id, ...measureScope(found) }]);
        return found;
      });
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: MeasureListQuery) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'measure');
      const spec = pageSpec(query, measureSorts, 'dueOn');
      const rows = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await repo.listMeasures(tx, actor, query, spec.sort, spec.cursor, query.limit);
        await auditSecretReads(
          tx,
          ctx,
          'measure',
          found.slice(0, query.limit).map((r) => ({ id: r.id, ...measureScope(r) })),
        );
        return found;
      });
      return toPage(rows, query.limit, spec.name, (r) => presentMeasure(actor, r));
    },

    iterate(ctx: RequestContext, query: MeasureListQuery): AsyncGenerator<MeasureOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    owners(actor: Actor) {
      assertCan(actor, 'read', 'measure');
      return withTenant(db, actor.tenantId, (tx) => repo.owners(tx, actor.tenantId));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: MeasurePatch): Promise<MeasureOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'measure');
      const t = actor.tenantId;
      return trackedChange(db, ctx, {
        entityType: 'measure',
        action: 'measure.update',
        id,
        expectedVersion,
        lock: (tx) => repo.lockMeasure(tx, t, id),
        load: (tx) => load(tx, actor, id),
        change: async (tx, before) => {
          assertChange(actor, 'update', before, patch);
          if (before.archived) throw archivedConflict();
          const merged: Merged = {
            origin: patch.origin ?? before.origin,
            originId: patch.originId !== undefined ? patch.originId : before.originId,
            basis: patch.basis !== undefined ? patch.basis : before.basis,
            riskIds: patch.riskIds ?? before.risks.map((r) => r.id),
          };
          throwIf([basisError(merged), ...(await referenceErrors(tx, actor, patch, merged, before))]);
          const { plannedCostSek, actualCostSek, completedOn, riskIds, goalIds, ...rest } = patch;
          const status = patch.status ?? before.status;
          await repo.updateMeasure(tx, t, id, {
            ...rest,
            ...(plannedCostSek !== undefined ? { plannedCostOre: sekToOre(plannedCostSek) } : {}),
            ...(actualCostSek !== undefined ? { actualCostOre: sekToOre(actualCostSek) } : {}),
            completedOn: completion(status, completedOn, before.completedOn),
          });
          if (riskIds) await repo.replaceRisks(tx, t, id, riskIds);
          if (goalIds) await repo.replaceGoals(tx, t, id, goalIds);
        },
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<MeasureOut> {
      const { actor } = ctx;
      const action = archived ? 'archive' : 'restore';
      assertCan(actor, action, 'measure');
      const t = actor.tenantId;
      return trackedChange(db, ctx, {
        entityType: 'measure',
        action: `measure.${action}`,
        id,
        expectedVersion,
        lock: (tx) => repo.lockMeasure(tx, t, id),
        load: (tx) => load(tx, actor, id),
        change: async (tx, before) => {
          assertChange(actor, action, before);
          if (before.archived === archived) return;
          await repo.updateMeasure(tx, t, id, { archivedAt: archived ? new Date() : null });
        },
      });
    },
  };
}

export type MeasuresService = ReturnType<typeof createMeasuresService>;
