import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, policy, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import { assertMayMark, auditSecretReads, requireProvision } from '../../platform/secrecy.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { addToGrid, emptyGrid, type MatrixSize } from '../../../shared/risk-matrix.js';
import { insertMeasure } from '../measures/measures.create.js';
import { isActiveMember } from '../measures/measures.repository.js';
import * as analyses from './risk-analyses.repository.js';
import * as repo from './risks.repository.js';
import { analysisScope, presentRisk, presentRiskItem, riskScope, scopeOfJoined } from './risks.presenter.js';
import { checkRisk, type RiskState } from './risks.rules.js';
import {
  riskSorts,
  type HeatMapQuery,
  type RiskCreate,
  type RiskListItem,
  type RiskListQuery,
  type RiskMeasureCreate,
  type RiskOut,
  type RiskPatch,
} from './risks.schemas.js';

async function loadScoped(tx: Tx, actor: Actor, id: string): Promise<{ out: RiskOut; scope: ObjectScope } | null> {
  const t = actor.tenantId;
  const j = await repo.findRisk(tx, t, id);
  if (!j || !can(actor, 'read', 'risk', scopeOfJoined(j))) return null;
  const assets = await repo.assetsByIds(tx, t, j.risk.assetIds);
  const units = await repo.unitsByIds(tx, t, j.risk.unitIds);
  const measures = await repo.linkedMeasures(tx, t, id);
  return { out: presentRisk(actor, j, assets, units, measures), scope: scopeOfJoined(j) };
}
const load = async (tx: Tx, actor: Actor, id: string) => (await loadScoped(tx, actor, id))?.out ?? null;

// Every id a risk adds must name a record of the tenant the actor may read (the arrays carry no
// foreign keys). An id out of reach gets the same answer as one that does not exist, so nothing
// leaks; ids already on the risk stay (whoever linked them had the reach).
async function checkRefs(
  tx: Tx,
  actor: Actor,
  v: { systemIds?: string[]; assetIds?: string[]; unitIds?: string[] },
  had: { systemIds: string[]; assetIds: string[]; unitIds: string[] } = { systemIds: [], assetIds: [], unitIds: [] },
) {
  const t = actor.tenantId;
  const added = (ids: string[] | undefined, old: string[]) => [...new Set(ids ?? [])].filter((id) => !old.includes(id));
  const unknown = (field: string, sv: string, en: string) => fieldProblem(field, 'unknown_reference', sv, en);
  const systems = added(v.systemIds, had.systemIds);
  const sys = await repo.systemsByIds(tx, t, systems);
  if (
    sys.length !== systems.length ||
    !sys.every((s) => can(actor, 'read', 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }))
  )
    throw unknown('systemIds', 'Ett av de valda IT-systemen finns inte.', 'One of the chosen IT systems does not exist.');
  const assets = added(v.assetIds, had.assetIds);
  const found = await repo.assetsByIds(tx, t, assets);
  if (
    found.length !== assets.length ||
    !found.every((a) => can(actor, 'read', 'information-asset', { unitId: a.unitId, systemIds: a.systemIds, secret: a.secret }))
  )
    throw unknown('assetIds', 'En av de valda informationsmängderna finns inte.', 'One of the chosen information assets does not exist.');
  const units = added(v.unitIds, had.unitIds);
  if ((await repo.unitsByIds(tx, t, units)).length !== units.length || !units.every((unitId) => can(actor, 'read', 'org-unit', { unitId })))
    throw unknown('unitIds', 'En av de valda enheterna finns inte.', 'One of the chosen units does not exist.');
}

// The owner approves the treatment and the residual risk, so naming the owner is guarded: only the
// current owner hands the risk on, or someone with a tenant-wide grant that may change risks (the
// coordinator) assigns it; otherwise an editor could name themselves and approve their own work.
const tenantWideRiskEditor = (actor: Actor) =>
  actor.grants.some((g) => g.scope.type === 'tenant' && (policy[g.role].can.risk?.includes('update') ?? false));

async function checkOwner(tx: Tx, actor: Actor, ownerUserId: string, scope: ObjectScope) {
  if ((await repo.listOwners(tx, actor.tenantId, { scope, onlyUserId: ownerUserId })).length === 0)
    throw fieldProblem(
      'ownerUserId',
      'not_an_owner',
      'Personen kan inte vara riskägare. Välj någon som får ändra risker där risken hör hemma.',
      'This person cannot own the risk. Choose someone who may change risks where the risk belongs.',
    );
}

const dedupe = (ids?: string[]) => (ids ? [...new Set(ids)] : ids);
const scoreFields = ['likelihood', 'consequence', 'residualLikelihood', 'residualConsequence', 'treatment', 'ownerUserId'] as const;

export function createRisksService(db: Db) {
  const tracked = (ctx: RequestContext, id: string, version: number, action: string, change: (tx: Tx, before: RiskOut) => Promise<void>) =>
    trackedChange(db, ctx, {
      entityType: 'risk',
      action,
      id,
      expectedVersion: version,
      lock: (tx) => repo.lockRisk(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  // An analysis the actor may not read answers like one that does not exist: 404 either way.
  async function analysisOf(tx: Tx, actor: Actor, id: string) {
    const a = await analyses.findAnalysis(tx, actor.tenantId, id);
    if (!a || !can(actor, 'read', 'risk', analysisScope(a))) throw notFound();
    return a;
  }

  return {
    // Object-level reach before the body is validated: a risk out of reach is 404 whatever was sent.
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      const j = await withTenant(db, actor.tenantId, (tx) => repo.findRisk(tx, actor.tenantId, id));
      if (!j || !can(actor, 'read', 'risk', scopeOfJoined(j))) throw notFound();
    },

    // With a risk or an analysis: only people who may change risks in its scope (and could approve).
    async owners({ actor }: RequestContext, q: { riskId?: string | undefined; analysisId?: string | undefined } = {}) {
      assertCan(actor, 'read', 'risk');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        let scope: ObjectScope | undefined;
        if (q.riskId) {
          const j = await repo.findRisk(tx, t, q.riskId);
          if (!j || !can(actor, 'read', 'risk', scopeOfJoined(j))) throw notFound();
          scope = scopeOfJoined(j);
        } else if (q.analysisId) {
          const a = await analyses.findAnalysis(tx, t, q.analysisId);
          if (!a || !can(actor, 'read', 'risk', analysisScope(a))) throw notFound();
          scope = analysisScope(a);
        }
        const items = await repo.listOwners(tx, t, { scope });
        return { items: items.map(({ id, name }) => ({ id, name })) };
      });
    },

    async create(ctx: RequestContext, input: RiskCreate): Promise<RiskOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'risk');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const a = await analysisOf(tx, actor, input.analysisId);
        const systemIds = dedupe(input.systemIds) ?? [];
        const scope = riskScope({ analysisUnitId: a.unitId, systemIds, secret: input.secret ?? false, analysisSecret: a.secret });
        assertCan(actor, 'create', 'risk', scope);
        if (input.secret) assertMayMark(actor, 'risk', scope);
        if (a.archivedAt) throw archivedConflict();
        requireProvision(input.secret ?? false, input.secrecyProvision);
        const values = { ...input, systemIds, assetIds: dedupe(input.assetIds) ?? [], unitIds: dedupe(input.unitIds) ?? [] };
        checkRisk(values as RiskState, a.matrixSize as MatrixSize);
        await checkRefs(tx, actor, values);
        if (values.ownerUserId) await checkOwner(tx, actor, values.ownerUserId, scope);
        const id = await repo.insertRisk(tx, t, values);
        const out = (await load(tx, actor, id))!;
        await recordAudit(tx, ctx, { action: 'risk.create', entityType: 'risk', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<RiskOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'risk');
      const out = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await loadScoped(tx, actor, id);
        if (found) await auditSecretReads(tx, ctx, 'risk', [{ id, ...found.scope }]);
        return found?.out ?? null;
      });
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: RiskListQuery): Promise<{ items: RiskListItem[]; nextCursor: string | null }> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'risk');
      const spec = pageSpec({ ...query, sort: query.sort ?? '-level' }, riskSorts, 'level');
      const rows = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await repo.listRisks(tx, actor, query, spec.sort, spec.cursor, query.limit);
        await auditSecretReads(
          tx,
          ctx,
          'risk',
          found.slice(0, query.limit).map((r) => ({ id: r.id, ...scopeOfJoined(r) })),
        );
        return found;
      });
      return toPage(rows, query.limit, spec.name, (r) => presentRiskItem(actor, r));
    },

    iterate(ctx: RequestContext, query: RiskListQuery): AsyncGenerator<RiskListItem> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async heatMap({ actor }: RequestContext, query: HeatMapQuery) {
      assertCan(actor, 'read', 'risk');
      return withTenant(db, actor.tenantId, async (tx) => {
        const size = (query.matrixSize ?? (await repo.matrixSizeSetting(tx, actor.tenantId))) as MatrixSize;
        const out = {
          matrixSize: size,
          inherent: emptyGrid(size),
          residual: emptyGrid(size),
          total: 0,
          residualUnassessed: 0,
          excludedOtherSize: 0,
        };
        for (const c of await repo.heatCells(tx, actor, query)) {
          if (c.size !== size) {
            out.excludedOtherSize += c.n;
            continue;
          }
          out.total += c.n;
          addToGrid(out.inherent, size, c.l, c.c, c.n);
          if (c.rl == null || c.rc == null) out.residualUnassessed += c.n;
          else addToGrid(out.residual, size, c.rl, c.rc, c.n);
        }
        return out;
      });
    },

    async update(ctx: RequestContext, id: string, version: number, patch: RiskPatch): Promise<RiskOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'risk');
      const t = actor.tenantId;
      return tracked(ctx, id, version, 'risk.update', async (tx, before) => {
        const j = (await repo.findRisk(tx, t, id))!;
        const scope = scopeOfJoined(j);
        assertChange(actor, 'update', scope, patch, j);
        if (before.archived) throw archivedConflict();
        const values = { ...patch, systemIds: dedupe(patch.systemIds), assetIds: dedupe(patch.assetIds), unitIds: dedupe(patch.unitIds) };
        for (const k of Object.keys(values) as (keyof typeof values)[]) if (values[k] === undefined) delete values[k];
        const next = { ...j.risk, ...values } as RiskState;
        checkRisk(next, j.matrixSize as MatrixSize);
        await checkRefs(tx, actor, values, j.risk);
        const nextScope = riskScope({
          analysisUnitId: j.analysisUnitId,
          systemIds: values.systemIds ?? j.risk.systemIds,
          secret: values.secret ?? j.risk.secret,
          analysisSecret: j.analysisSecret,
        });
        if (values.ownerUserId !== undefined && values.ownerUserId !== j.risk.ownerUserId) {
          if (j.risk.ownerUserId !== actor.userId && !tenantWideRiskEditor(actor))
            throw new Problem('forbidden', {
              sv: 'Bara riskägaren eller informationssäkerhetssamordnaren kan byta riskägare.',
              en: 'Only the risk owner or the information security coordinator can change the risk owner.',
            });
          if (values.ownerUserId) await checkOwner(tx, actor, values.ownerUserId, nextScope);
        }
        // The owner approved a treatment and a residual risk: any change of them needs a new approval.
        const cleared = j.risk.approvedAt !== null && scoreFields.some((k) => values[k] !== undefined && values[k] !== j.risk[k]);
        await repo.updateRisk(tx, t, id, cleared ? { ...values, approvedBy: null, approvedAt: null } : values);
        if (cleared)
          await recordAudit(tx, ctx, {
            action: 'risk.approval-cleared',
            entityType: 'risk',
            entityId: id,
            before: { approvedBy: j.risk.approvedBy, approvedAt: j.risk.approvedAt },
            after: { approvedBy: null, approvedAt: null, reason: 'scores, treatment or owner changed' },
          });
      });
    },

    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<RiskOut> {
      const action = archived ? 'archive' : 'restore';
      assertCan(ctx.actor, action, 'risk');
      return tracked(ctx, id, version, `risk.${action}`, async (tx, before) => {
        const j = (await repo.findRisk(tx, ctx.actor.tenantId, id))!;
        assertCan(ctx.actor, action, 'risk', scopeOfJoined(j));
        if (before.archived === archived) return;
        await repo.updateRisk(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },

    // The risk owner's approval of the treatment and the residual risk (issue 5, D1-02).
    async approve(ctx: RequestContext, id: string, version: number): Promise<RiskOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'risk');
      return tracked(ctx, id, version, 'risk.approve', async (tx, before) => {
        const j = (await repo.findRisk(tx, actor.tenantId, id))!;
        assertCan(actor, 'update', 'risk', scopeOfJoined(j));
        if (before.archived) throw archivedConflict();
        if (j.risk.ownerUserId !== actor.userId)
          throw new Problem('forbidden', {
            sv: 'Bara riskägaren kan godkänna behandlingen och restrisken.',
            en: 'Only the risk owner can approve the treatment and the residual risk.',
          });
        if (!j.risk.treatment || j.risk.residualLikelihood == null || j.risk.residualConsequence == null)
          throw fieldProblem(
            'treatment',
            'not_ready',
            'Ange behandling och restrisk (sannolikhet och konsekvens efter åtgärder) innan risken godkänns.',
            'Set the treatment and the residual risk (likelihood and consequence after measures) before approving.',
          );
        await repo.updateRisk(tx, actor.tenantId, id, { approvedBy: actor.userId, approvedAt: new Date() });
      });
    },

    async addMeasure(ctx: RequestContext, id: string, input: RiskMeasureCreate) {
      const { actor } = ctx;
      assertCan(actor, 'create', 'measure');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const j = await repo.findRisk(tx, t, id);
        if (!j || !can(actor, 'read', 'risk', scopeOfJoined(j))) throw notFound();
        const secret = j.risk.secret || j.analysisSecret;
        const scope: ObjectScope = { unitId: j.analysisUnitId, systemIds: j.risk.systemIds.slice(0, 1), secret };
        assertCan(actor, 'create', 'measure', scope);
        if (j.risk.archivedAt) throw archivedConflict();
        if (input.ownerUserId && !(await isActiveMember(tx, t, input.ownerUserId)))
          throw fieldProblem(
            'ownerUserId',
            'unknown',
            'Personen finns inte i kommunen.',
            'The person is not a member of the municipality.',
          );
        const provision = secret
          ? (j.risk.secrecyProvision ?? (await analyses.findAnalysis(tx, t, j.risk.analysisId))?.secrecyProvision ?? null)
          : null;
        const measureId = await insertMeasure(tx, ctx, {
          title: input.title,
          origin: 'risk',
          originId: id,
          riskIds: [id],
          unitId: j.analysisUnitId,
          systemId: j.risk.systemIds[0] ?? null,
          ownerUserId: input.ownerUserId ?? null,
          dueOn: input.dueOn ?? null,
          ...(input.priority ? { priority: input.priority } : {}),
          secret,
          secrecyProvision: provision,
        });
        return { id: measureId, title: input.title, status: 'proposed' };
      });
    },
  };
}

function assertChange(actor: Actor, action: Action, scope: ObjectScope, patch: RiskPatch, j: repo.RiskJoined) {
  assertCan(actor, action, 'risk', scope);
  if (patch.systemIds) assertCan(actor, action, 'risk', { ...scope, systemIds: patch.systemIds });
  const secretChanged = patch.secret !== undefined && patch.secret !== j.risk.secret;
  const provisionChanged = patch.secrecyProvision !== undefined && patch.secrecyProvision !== j.risk.secrecyProvision;
  if (secretChanged || provisionChanged) assertMayMark(actor, 'risk', scope);
  requireProvision(patch.secret ?? j.risk.secret, patch.secrecyProvision !== undefined ? patch.secrecyProvision : j.risk.secrecyProvision);
}

export type RisksService = ReturnType<typeof createRisksService>;
