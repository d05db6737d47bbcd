import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { assertMayMark, auditSecretReads, requireProvision } from '../../platform/secrecy.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { requireActiveUnit } from '../org-units/org-units.repository.js';
import { addMonths } from '../../platform/calendar.js';
import * as repo from './risk-analyses.repository.js';
import { matrixSizeSetting, saveMatrixSize } from './risks.repository.js';
import { analysisScope, presentAnalysis, presentAnalysisItem } from './risks.presenter.js';
import {
  analysisSorts,
  type AnalysisCreate,
  type AnalysisListItem,
  type AnalysisListQuery,
  type AnalysisOut,
  type AnalysisPatch,
  type RiskSettings,
} from './risks.schemas.js';

// Analyses and risks share the audit entity type 'risk', so the record routes' history finds both.
const ENTITY = 'risk';

async function load(tx: Tx, actor: Actor, id: string): Promise<AnalysisOut | null> {
  const row = await repo.findAnalysis(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'risk', analysisScope(row))) return null;
  return presentAnalysis(actor, row, await repo.riskScores(tx, actor.tenantId, id));
}

function assertChange(actor: Actor, action: Action, before: AnalysisOut, patch: AnalysisPatch = {}) {
  const scope = analysisScope(before);
  assertCan(actor, action, 'risk', scope);
  if (patch.unitId !== undefined && patch.unitId !== before.unitId) assertCan(actor, action, 'risk', { ...scope, unitId: patch.unitId });
  const secretChanged = patch.secret !== undefined && patch.secret !== before.secret;
  const provisionChanged = patch.secrecyProvision !== undefined && patch.secrecyProvision !== before.secrecyProvision;
  if (secretChanged || provisionChanged) assertMayMark(actor, 'risk', scope);
  requireProvision(patch.secret ?? before.secret, patch.secrecyProvision !== undefined ? patch.secrecyProvision : before.secrecyProvision);
}

const tooLarge = (size: number) =>
  fieldProblem(
    'matrixSize',
    'scores_exceed_matrix',
    `Analysen har risker med värden över ${size}. Ändra riskernas värden först, sedan matrisens storlek.`,
    `The analysis has risks scored above ${size}. Change the risks' scores first, then the matrix size.`,
  );

export function createRiskAnalysesService(db: Db) {
  return {
    async settings({ actor }: RequestContext): Promise<RiskSettings> {
      assertCan(actor, 'read', 'risk');
      return { matrixSize: await withTenant(db, actor.tenantId, (tx) => matrixSizeSetting(tx, actor.tenantId)) };
    },

    async saveSettings(ctx: RequestContext, input: RiskSettings): Promise<RiskSettings> {
      assertCan(ctx.actor, 'update', 'tenant-settings');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const before = await matrixSizeSetting(tx, t);
        if (before === input.matrixSize) return input;
        await saveMatrixSize(tx, t, input.matrixSize);
        await recordAudit(tx, ctx, {
          action: 'risk-settings.update',
          entityType: 'tenant-settings',
          entityId: null,
          before: { riskMatrixSize: before },
          after: { riskMatrixSize: input.matrixSize },
        });
        return input;
      });
    },

    async create(ctx: RequestContext, input: AnalysisCreate): Promise<AnalysisOut> {
      const scope = { unitId: input.unitId ?? null, secret: input.secret ?? false };
      assertCan(ctx.actor, 'create', 'risk', scope);
      if (input.secret) assertMayMark(ctx.actor, 'risk', scope);
      requireProvision(input.secret ?? false, input.secrecyProvision);
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        if (input.unitId) await requireActiveUnit(tx, t, input.unitId, 'unitId');
        const matrixSize = input.matrixSize ?? (await matrixSizeSetting(tx, t));
        // D1-11 "regelbundet uppdaterade": a year after the analysis unless the team says otherwise
        const nextUpdateOn = input.nextUpdateOn !== undefined ? input.nextUpdateOn : addMonths(input.analysedOn, 12);
        const id = await repo.insertAnalysis(tx, t, { ...input, matrixSize, nextUpdateOn });
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, { action: 'risk-analysis.create', entityType: ENTITY, entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<AnalysisOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'risk');
      const out = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (found) await auditSecretReads(tx, ctx, 'risk', [{ id, ...analysisScope(found) }]);
        return found;
      });
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: AnalysisListQuery): Promise<{ items: AnalysisListItem[]; nextCursor: string | null }> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'risk');
      const spec = pageSpec({ ...query, sort: query.sort ?? '-analysedOn' }, analysisSorts, 'analysedOn');
      const rows = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await repo.listAnalyses(tx, actor, query, spec.sort, spec.cursor, query.limit);
        await auditSecretReads(
          tx,
          ctx,
          'risk',
          found.slice(0, query.limit).map((r) => ({ id: r.id, ...analysisScope(r) })),
        );
        return found;
      });
      return toPage(rows, query.limit, spec.name, (r) => presentAnalysisItem(actor, r));
    },

    iterate(ctx: RequestContext, query: AnalysisListQuery) {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: AnalysisPatch): Promise<AnalysisOut> {
      assertCan(ctx.actor, 'update', 'risk');
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, expectedVersion, 'risk-analysis.update', async (tx, before) => {
        assertChange(ctx.actor, 'update', before, patch);
        if (before.archived) throw archivedConflict();
        if (patch.unitId && patch.unitId !== before.unitId) await requireActiveUnit(tx, t, patch.unitId, 'unitId');
        if (patch.matrixSize !== undefined && patch.matrixSize < before.matrixSize) {
          const scores = await repo.riskScores(tx, t, id);
          const max = Math.max(0, ...scores.flatMap((s) => [s.l, s.c, s.rl ?? 0, s.rc ?? 0]));
          if (max > patch.matrixSize) throw tooLarge(patch.matrixSize);
        }
        await repo.updateAnalysis(tx, t, id, patch);
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<AnalysisOut> {
      const action = archived ? 'archive' : 'restore';
      assertCan(ctx.actor, action, 'risk');
      return tracked(ctx, id, expectedVersion, `risk-analysis.${action}`, async (tx, before) => {
        assertChange(ctx.actor, action, before);
        if (before.archived === archived) return;
        await repo.updateAnalysis(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };

  function tracked(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    change: (tx: Tx, before: AnalysisOut) => Promise<void>,
  ) {
    return trackedChange(db, ctx, {
      entityType: ENTITY,
      action,
      id,
      expectedVersion,
      lock: (tx) => repo.lockAnalysis(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });
  }
}

export type RiskAnalysesService = ReturnType<typeof createRiskAnalysesService>;
