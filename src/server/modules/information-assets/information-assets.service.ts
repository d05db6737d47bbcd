import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { requireActiveUnit } from '../org-units/org-units.repository.js';
import { assertAssetAction } from './information-assets.policy.js';
import { presentAsset } from './information-assets.presenter.js';
import * as repo from './information-assets.repository.js';
import { assetSorts, type AssetCreate, type AssetListQuery, type AssetOut, type AssetPatch } from './information-assets.schemas.js';

async function load(tx: Tx, actor: Actor, id: string): Promise<AssetOut | null> {
  const row = await repo.findAsset(tx, actor.tenantId, id);
  return row ? presentAsset(actor, row) : null;
}

// Links may only name active systems of the same tenant; the field error says which one.
async function requireSystems(tx: Tx, tenantId: string, ids: string[]) {
  const found = await repo.activeSystemIds(tx, tenantId, ids);
  const index = ids.findIndex((id) => !found.has(id));
  if (index >= 0) {
    throw fieldProblem(
      `systemIds.${index}`,
      'unknown_system',
      'Systemet finns inte eller är arkiverat.',
      'The system does not exist or is archived.',
    );
  }
}

export function createInformationAssetsService(db: Db) {
  const tracked = (
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    change: (tx: Tx, before: AssetOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'information-asset',
      action,
      id,
      expectedVersion,
      lock: (tx) => repo.lockAsset(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  return {
    async create(ctx: RequestContext, input: AssetCreate): Promise<AssetOut> {
      assertAssetAction(ctx.actor, 'create');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const { systemIds = [], ...values } = input;
        await requireActiveUnit(tx, t, values.unitId, 'unitId');
        await requireSystems(tx, t, systemIds);
        const id = await repo.insertAsset(tx, t, values);
        await repo.replaceLinks(tx, t, id, systemIds);
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, {
          action: 'information-asset.create',
          entityType: 'information-asset',
          entityId: id,
          after: snapshot(out),
        });
        return out;
      });
    },

    async get(actor: Actor, id: string): Promise<AssetOut> {
      assertAssetAction(actor, 'read');
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list(actor: Actor, query: AssetListQuery) {
      assertAssetAction(actor, 'read');
      const spec = pageSpec(query, assetSorts, 'name');
      const rows = await withTenant(db, actor.tenantId, (tx) => repo.listAssets(tx, actor.tenantId, query, spec.sort, spec.cursor));
      return toPage(rows, query.limit, spec.name, (r) => presentAsset(actor, r));
    },

    iterate(actor: Actor, query: AssetListQuery): AsyncGenerator<AssetOut> {
      return allPages((cursor) => this.list(actor, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: AssetPatch): Promise<AssetOut> {
      assertAssetAction(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, expectedVersion, 'information-asset.update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        const { systemIds, ...values } = patch;
        if (values.unitId && values.unitId !== before.unitId) await requireActiveUnit(tx, t, values.unitId, 'unitId');
        if (systemIds) await requireSystems(tx, t, systemIds);
        await repo.updateAsset(tx, t, id, values);
        if (systemIds) await repo.replaceLinks(tx, t, id, systemIds);
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<AssetOut> {
      assertAssetAction(ctx.actor, archived ? 'archive' : 'restore');
      return tracked(ctx, id, expectedVersion, archived ? 'information-asset.archive' : 'information-asset.restore', async (tx, before) => {
        if (before.archived === archived) return;
        await repo.updateAsset(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type InformationAssetsService = ReturnType<typeof createInformationAssetsService>;
