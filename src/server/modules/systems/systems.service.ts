import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { notFound } from '../../platform/problems.js';
import { assertMayMark, auditSecretReads, requireProvision } from '../../platform/secrecy.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { systemProtection } from '../classification/protection.js';
import { requireActiveUnit } from '../org-units/org-units.repository.js';
import { assertSystemAction } from './systems.policy.js';
import { presentSystem, presentSystemListItem, systemScope } from './systems.presenter.js';
import * as repo from './systems.repository.js';
import {
  systemSorts,
  type SystemCreate,
  type SystemListItem,
  type SystemListQuery,
  type SystemOut,
  type SystemPatch,
} from './systems.schemas.js';

const toCostRows = (costs: NonNullable<SystemCreate['costs']>): repo.CostRow[] =>
  costs.map((c) => ({ category: c.category, amountOre: Math.round(c.amountSek * 100), year: c.year, note: c.note ?? null }));

// Loads a system as this actor may see it: null when out of reach (answered 404, like another tenant's).
async function load(tx: Tx, actor: Actor, id: string): Promise<SystemOut | null> {
  const row = await repo.findSystem(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'system', systemScope(row))) return null;
  const protection = (await systemProtection(tx, actor.tenantId, [id])).get(id)!;
  return presentSystem(actor, row, row.costs, row.assets, protection.effective);
}

// Object-level check for a change: the record as stored must be within the actor's reach for this
// action, and so must the unit it is moved to; changing the marking needs need-to-know.
function assertChange(actor: Actor, action: Action, before: SystemOut, patch: SystemPatch = {}): void {
  const scope = systemScope({ id: before.id, responsibleUnitId: before.responsibleUnitId, secret: before.secret });
  assertSystemAction(actor, action, scope);
  if (patch.responsibleUnitId && patch.responsibleUnitId !== before.responsibleUnitId)
    assertSystemAction(actor, action, { ...scope, unitId: patch.responsibleUnitId });
  const secretChanged = patch.secret !== undefined && patch.secret !== before.secret;
  const provisionChanged = patch.secrecyProvision !== undefined && patch.secrecyProvision !== before.secrecyProvision;
  if (secretChanged || provisionChanged) assertMayMark(actor, 'system', scope);
  requireProvision(patch.secret ?? before.secret, patch.secrecyProvision !== undefined ? patch.secrecyProvision : before.secrecyProvision);
}

export function createSystemsService(db: Db) {
  const tracked = (
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    change: (tx: Tx, before: SystemOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'system',
      action,
      id,
      expectedVersion,
      lock: (tx) => repo.lockSystem(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  return {
    async create(ctx: RequestContext, input: SystemCreate): Promise<SystemOut> {
      const scope = { unitId: input.responsibleUnitId, secret: input.secret ?? false };
      assertSystemAction(ctx.actor, 'create', scope);
      if (input.secret) assertMayMark(ctx.actor, 'system', scope);
      requireProvision(input.secret ?? false, input.secrecyProvision);
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        await requireActiveUnit(tx, t, input.responsibleUnitId, 'responsibleUnitId');
        const { costs = [], ...values } = input;
        const id = await repo.insertSystem(tx, t, values);
        await repo.replaceCosts(tx, t, id, toCostRows(costs));
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, { action: 'system.create', entityType: 'system', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<SystemOut> {
      const { actor } = ctx;
      assertSystemAction(actor, 'read');
      const out = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (found) await auditSecretReads(tx, ctx, 'system', [{ id, ...systemScope(found) }]);
        return found;
      });
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: SystemListQuery): Promise<{ items: SystemListItem[]; nextCursor: string | null }> {
      const { actor } = ctx;
      assertSystemAction(actor, 'read');
      const spec = pageSpec(query, systemSorts, 'name');
      const rows = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await repo.listSystems(tx, actor, query, spec.sort, spec.cursor, query.limit);
        await auditSecretReads(
          tx,
          ctx,
          'system',
          found.slice(0, query.limit).map((r) => ({ id: r.id, ...systemScope(r) })),
        );
        return found;
      });
      return toPage(rows, query.limit, spec.name, (r) => presentSystemListItem(actor, r));
    },

    iterate(ctx: RequestContext, query: SystemListQuery): AsyncGenerator<SystemListItem> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    costYears(actor: Actor): Promise<number[]> {
      assertSystemAction(actor, 'read');
      return withTenant(db, actor.tenantId, (tx) => repo.costYears(tx, actor.tenantId));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: SystemPatch): Promise<SystemOut> {
      assertSystemAction(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, expectedVersion, 'system.update', async (tx, before) => {
        assertChange(ctx.actor, 'update', before, patch);
        if (before.archived) throw archivedConflict();
        if (patch.responsibleUnitId && patch.responsibleUnitId !== before.responsibleUnitId) {
          await requireActiveUnit(tx, t, patch.responsibleUnitId, 'responsibleUnitId');
        }
        const { costs, ...values } = patch;
        await repo.updateSystem(tx, t, id, values);
        if (costs) await repo.replaceCosts(tx, t, id, toCostRows(costs));
      });
    },

    // D1-13: the owner confirms the entry is accurate; the date is what the register follow-up reads.
    async markReviewed(ctx: RequestContext, id: string, expectedVersion: number): Promise<SystemOut> {
      assertSystemAction(ctx.actor, 'update');
      return tracked(ctx, id, expectedVersion, 'system.review', async (tx, before) => {
        assertChange(ctx.actor, 'update', before);
        if (before.archived) throw archivedConflict();
        await repo.markReviewed(tx, ctx.actor.tenantId, id);
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<SystemOut> {
      assertSystemAction(ctx.actor, archived ? 'archive' : 'restore');
      return tracked(ctx, id, expectedVersion, archived ? 'system.archive' : 'system.restore', async (tx, before) => {
        assertChange(ctx.actor, archived ? 'archive' : 'restore', before);
        if (before.archived === archived) return;
        await repo.updateSystem(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type SystemsService = ReturnType<typeof createSystemsService>;
