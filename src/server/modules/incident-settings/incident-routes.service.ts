import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { notFound, Problem } from '../../platform/problems.js';
import { unreachableSystems } from '../../platform/references.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { presentRoute } from './incident-settings.presenter.js';
import * as repo from './incident-settings.repository.js';
import type { RouteCreate, RouteOut, RoutePatch } from './incident-settings.schemas.js';

type FieldErr = { field: string; code: string; sv: string; en: string };

async function present(tx: Tx, actor: Actor, rows: repo.RouteRow[]): Promise<RouteOut[]> {
  const names = await repo.peopleNames(tx, [...new Set(rows.flatMap((r) => r.notifyUserIds))]);
  return rows.map((r) => presentRoute(actor, r, names));
}

async function load(tx: Tx, actor: Actor, id: string): Promise<RouteOut | null> {
  const row = await repo.findRoute(tx, actor.tenantId, id);
  return row ? (await present(tx, actor, [row]))[0]! : null;
}

interface Merged {
  categoryId: string | null;
  systemId: string | null;
  handlingUnitId: string | null;
  notifyUserIds: string[];
}

// Every id a route names must be the tenant's (a system also one the editor may see); people must hold
// a role in the tenant. References already on the route stay as they are.
async function referenceErrors(tx: Tx, actor: Actor, m: Merged, before?: RouteOut): Promise<FieldErr[]> {
  const t = actor.tenantId;
  const errs: FieldErr[] = [];
  const refuse = (field: string, code: string, sv: string, en: string) => errs.push({ field, code, sv, en });
  if (m.categoryId && m.categoryId !== before?.categoryId) {
    const c = await repo.findCategory(tx, t, m.categoryId);
    if (!c) refuse('categoryId', 'unknown_reference', 'Kategorin finns inte.', 'The category does not exist.');
    else if (c.archivedAt) refuse('categoryId', 'archived', 'Kategorin är arkiverad.', 'The category is archived.');
  }
  if (m.systemId && m.systemId !== before?.systemId && (await unreachableSystems(tx, actor, [m.systemId])).length)
    refuse('systemId', 'unknown_reference', 'IT-systemet finns inte.', 'The IT system does not exist.');
  if (m.handlingUnitId && m.handlingUnitId !== before?.handlingUnitId && !(await repo.unitExists(tx, t, m.handlingUnitId)))
    refuse('handlingUnitId', 'unknown_reference', 'Enheten finns inte.', 'The unit does not exist.');
  const added = [...new Set(m.notifyUserIds)].filter((id) => !before?.notifyUserIds.includes(id));
  if (added.length && (await repo.activeMembers(tx, t, added)).length !== added.length)
    refuse('notifyUserIds', 'unknown_user', 'En av personerna finns inte i kommunen.', 'One of the people is not a member.');
  if (!m.handlingUnitId && m.notifyUserIds.length === 0)
    refuse(
      'handlingUnitId',
      'required',
      'Ange vilken enhet som leder hanteringen eller vilka personer som ska underrättas.',
      'Name the unit that leads the handling or the people to be told.',
    );
  return errs;
}

function throwIf(errs: FieldErr[]) {
  if (errs.length) throw new Problem('validation', undefined, errs);
}

// D1-35: reporting routes. Readable by everyone who reports (visible to those reporting); changed
// from a tenant-wide grant only (access.ts tenantWideWrites).
export function createIncidentRoutesService(db: Db) {
  const tracked = (ctx: RequestContext, id: string, version: number, action: string, change: (tx: Tx, before: RouteOut) => Promise<void>) =>
    trackedChange(db, ctx, {
      entityType: 'incident-settings',
      action,
      id,
      expectedVersion: version,
      lock: (tx) => repo.lockRoute(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  return {
    async list(ctx: RequestContext, query: { includeArchived?: boolean }) {
      assertCan(ctx.actor, 'read', 'incident-settings');
      const t = ctx.actor.tenantId;
      const items = await withTenant(db, t, async (tx) =>
        present(tx, ctx.actor, await repo.listRoutes(tx, t, query.includeArchived ?? false)),
      );
      return { items, nextCursor: null };
    },

    async create(ctx: RequestContext, input: RouteCreate): Promise<RouteOut> {
      assertCan(ctx.actor, 'create', 'incident-settings', {});
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const merged: Merged = {
          categoryId: input.categoryId ?? null,
          systemId: input.systemId ?? null,
          handlingUnitId: input.handlingUnitId ?? null,
          notifyUserIds: [...new Set(input.notifyUserIds ?? [])],
        };
        throwIf(await referenceErrors(tx, ctx.actor, merged));
        const id = await repo.insertRoute(tx, t, {
          ...merged,
          name: input.name,
          minSeverity: input.minSeverity ?? null,
          instructions: input.instructions ?? null,
          sortOrder: input.sortOrder ?? (await repo.nextRouteOrder(tx, t)),
        });
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, {
          action: 'incident-route.create',
          entityType: 'incident-settings',
          entityId: id,
          after: snapshot(out),
        });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<RouteOut> {
      assertCan(ctx.actor, 'read', 'incident-settings');
      const out = await withTenant(db, ctx.actor.tenantId, (tx) => load(tx, ctx.actor, id));
      if (!out) throw notFound();
      return out;
    },

    async update(ctx: RequestContext, id: string, version: number, patch: RoutePatch): Promise<RouteOut> {
      assertCan(ctx.actor, 'update', 'incident-settings', {});
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, version, 'incident-route.update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        const merged: Merged = {
          categoryId: patch.categoryId !== undefined ? patch.categoryId : before.categoryId,
          systemId: patch.systemId !== undefined ? patch.systemId : before.systemId,
          handlingUnitId: patch.handlingUnitId !== undefined ? patch.handlingUnitId : before.handlingUnitId,
          notifyUserIds: [...new Set(patch.notifyUserIds ?? before.notifyUserIds)],
        };
        throwIf(await referenceErrors(tx, ctx.actor, merged, before));
        const { notifyUserIds: _n, ...rest } = patch;
        await repo.updateRoute(tx, t, id, { ...rest, notifyUserIds: merged.notifyUserIds });
      });
    },

    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<RouteOut> {
      const action = archived ? 'archive' : 'restore';
      assertCan(ctx.actor, action, 'incident-settings', {});
      return tracked(ctx, id, version, `incident-route.${action}`, async (tx, before) => {
        if (before.archived === archived) return;
        await repo.updateRoute(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type IncidentRoutesService = ReturnType<typeof createIncidentRoutesService>;
