import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { presentCategory } from './incident-settings.presenter.js';
import * as repo from './incident-settings.repository.js';
import { starterCategories, type CategoryCreate, type CategoryOut, type CategoryPatch } from './incident-settings.schemas.js';

const nameConflict = () =>
  fieldProblem('name', 'duplicate', 'Det finns redan en kategori med det namnet.', 'A category with this name already exists.');

async function load(tx: Tx, actor: Actor, id: string): Promise<CategoryOut | null> {
  const row = await repo.findCategory(tx, actor.tenantId, id);
  return row ? presentCategory(actor, row) : null;
}

// The starter list lands the first time anyone in the tenant reads the categories (a reporter's
// form included), once: a tenant that has any category row, archived ones too, has made the list its own.
export async function ensureStarterCategories(tx: Tx, ctx: RequestContext): Promise<void> {
  const t = ctx.actor.tenantId;
  if ((await repo.countCategories(tx, t)) > 0) return;
  const added = await repo.insertStarterCategories(tx, t, starterCategories);
  if (added > 0)
    await recordAudit(tx, ctx, {
      action: 'incident-category.starter',
      entityType: 'incident-settings',
      entityId: null,
      after: { categories: starterCategories.map((c) => c.name) },
    });
}

// Categories are the tenant's: read by everyone who reports, changed from a tenant-wide grant (access.ts).
export function createIncidentCategoriesService(db: Db) {
  const tracked = (
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    change: (tx: Tx, before: CategoryOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'incident-settings',
      action,
      id,
      expectedVersion: version,
      lock: (tx) => repo.lockCategory(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  return {
    async list(ctx: RequestContext, query: { includeArchived?: boolean }) {
      assertCan(ctx.actor, 'read', 'incident-settings');
      const t = ctx.actor.tenantId;
      const rows = await withTenant(db, t, async (tx) => {
        await ensureStarterCategories(tx, ctx);
        return repo.listCategories(tx, t, query.includeArchived ?? false);
      });
      return { items: rows.map((r) => presentCategory(ctx.actor, r)), nextCursor: null };
    },

    async create(ctx: RequestContext, input: CategoryCreate): Promise<CategoryOut> {
      assertCan(ctx.actor, 'create', 'incident-settings', {});
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        await ensureStarterCategories(tx, ctx);
        if (await repo.categoryNameTaken(tx, t, input.name)) throw nameConflict();
        const id = await repo.insertCategory(tx, t, {
          name: input.name,
          nameEn: input.nameEn ?? null,
          sortOrder: input.sortOrder ?? (await repo.nextCategoryOrder(tx, t)),
        });
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, {
          action: 'incident-category.create',
          entityType: 'incident-settings',
          entityId: id,
          after: snapshot(out),
        });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<CategoryOut> {
      assertCan(ctx.actor, 'read', 'incident-settings');
      const out = await withTenant(db, ctx.actor.tenantId, (tx) => load(tx, ctx.actor, id));
      if (!out) throw notFound();
      return out;
    },

    async update(ctx: RequestContext, id: string, version: number, patch: CategoryPatch): Promise<CategoryOut> {
      assertCan(ctx.actor, 'update', 'incident-settings', {});
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, version, 'incident-category.update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        if (patch.name && (await repo.categoryNameTaken(tx, t, patch.name, id))) throw nameConflict();
        await repo.updateCategory(tx, t, id, patch);
      });
    },

    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<CategoryOut> {
      const action = archived ? 'archive' : 'restore';
      assertCan(ctx.actor, action, 'incident-settings', {});
      return tracked(ctx, id, version, `incident-category.${action}`, async (tx, before) => {
        if (before.archived === archived) return;
        await repo.updateCategory(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type IncidentCategoriesService = ReturnType<typeof createIncidentCategoriesService>;
