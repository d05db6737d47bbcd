import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { assertMayMark, auditSecretReads, requireProvision } from '../../platform/secrecy.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { requireActiveUnit } from '../org-units/org-units.repository.js';
import { assertAssetAction } from './information-assets.policy.js';
import { assetScope, presentAsset } from './information-assets.presenter.js';
import * as repo from './information-assets.repository.js';
import { assetSorts, type AssetCreate, type AssetListQuery, type AssetOut, type AssetPatch } from './information-assets.schemas.js';

// Loads an asset as this actor may see it: null when out of reach (answered 404).
async function load(tx: Tx, actor: Actor, id: string): Promise<AssetOut | null> {
  const row = await repo.findAsset(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'information-asset', assetScope(row))) return null;
  return presentAsset(actor, row);
}

// The masked view drops links the viewer cannot see, so scope checks read the stored links.
async function storedScope(tx: Tx, actor: Actor, id: string, before: AssetOut): Promise<ObjectScope> {
  const row = await repo.findAsset(tx, actor.tenantId, id);
  return row ? assetScope(row) : { unitId: before.unitId, secret: before.secret };
}

async function assertChange(tx: Tx, actor: Actor, action: Action, before: AssetOut, patch: AssetPatch = {}): Promise<void> {
  const scope = await storedScope(tx, actor, before.id, before);
  assertAssetAction(actor, action, scope);
  if (patch.unitId && patch.unitId !== before.unitId) assertAssetAction(actor, action, { ...scope, unitId: patch.unitId });
  const secretChanged = patch.secret !== undefined && patch.secret !== before.secret;
  const provisionChanged = patch.secrecyProvision !== undefined && patch.secrecyProvision !== before.secrecyProvision;
  if (secretChanged || provisionChanged) assertMayMark(actor, 'information-asset', scope);
  requireProvision(patch.secret ?? before.secret, patch.secrecyProvision !== undefined ? patch.secrecyProvision : before.secrecyProvision);
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
      const scope = { unitId: input.unitId, systemIds: input.systemIds ?? [], secret: input.secret ?? false };
      assertAssetAction(ctx.actor, 'create', scope);
      if (input.secret) assertMayMark(ctx.actor, 'information-asset', scope);
      requireProvision(input.secret ?? false, input.secrecyProvision);
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

    async get(ctx: RequestContext, id: string): Promise<AssetOut> {
      const { actor } = ctx;
      assertAssetAction(actor, 'read');
      const out = await withTenant(db, actor.tenantId, async (tx) => {
        const row = await repo.findAsset(tx, actor.tenantId, id);
        if (!row || !can(actor, 'read', 'information-asset', assetScope(row))) return null;
        await auditSecretReads(tx, ctx, 'information-asset', [{ id, ...assetScope(row) }]);
        return presentAsset(actor, row);
      });
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: AssetListQuery) {
      const { actor } = ctx;
      assertAssetAction(actor, 'read');
      const spec = pageSpec(query, assetSorts, 'name');
      const rows = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await repo.listAssets(tx, actor, query, spec.sort, spec.cursor);
        await auditSecretReads(
          tx,
          ctx,
          'information-asset',
          found.slice(0, query.limit).map((r) => ({ id: r.id, ...assetScope(r) })),
        );
        return found;
      });
      return toPage(rows, query.limit, spec.name, (r) => presentAsset(actor, r));
    },

    iterate(ctx: RequestContext, query: AssetListQuery): AsyncGenerator<AssetOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: AssetPatch): Promise<AssetOut> {
      assertAssetAction(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, expectedVersion, 'information-asset.update', async (tx, before) => {
        await assertChange(tx, ctx.actor, 'update', before, patch);
        if (before.archived) throw archivedConflict();
        const { systemIds, ...values } = patch;
        if (values.unitId && values.unitId !== before.unitId) await requireActiveUnit(tx, t, values.unitId, 'unitId');
        if (systemIds) {
          await requireSystems(tx, t, systemIds);
          // Links to systems the viewer cannot see stay as they are: a masked list cannot remove them.
          const hidden = (await storedScope(tx, ctx.actor, id, before)).systemIds?.filter((s) => !before.systemIds.includes(s)) ?? [];
          await repo.replaceLinks(tx, t, id, [...new Set([...systemIds, ...hidden])]);
        }
        await repo.updateAsset(tx, t, id, values);
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<AssetOut> {
      assertAssetAction(ctx.actor, archived ? 'archive' : 'restore');
      return tracked(ctx, id, expectedVersion, archived ? 'information-asset.archive' : 'information-asset.restore', async (tx, before) => {
        await assertChange(tx, ctx.actor, archived ? 'archive' : 'restore', before);
        if (before.archived === archived) return;
        await repo.updateAsset(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type InformationAssetsService = ReturnType<typeof createInformationAssetsService>;
