import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { assertOrgUnitAction } from './org-units.policy.js';
import { presentOrgUnit } from './org-units.presenter.js';
import * as repo from './org-units.repository.js';
import { orgUnitSorts, type OrgUnitCreate, type OrgUnitListQuery, type OrgUnitOut, type OrgUnitPatch } from './org-units.schemas.js';

async function load(tx: Tx, actor: Actor, id: string): Promise<OrgUnitOut | null> {
  const row = await repo.findOrgUnit(tx, actor.tenantId, id);
  return row ? presentOrgUnit(actor, row) : null;
}

const cycleProblem = () =>
  fieldProblem(
    'parentId',
    'cycle',
    'En enhet kan inte ligga under sig själv eller sina egna underenheter.',
    'A unit cannot be placed under itself or its own sub-units.',
  );

export function createOrgUnitsService(db: Db) {
  const tracked = (
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    change: (tx: Tx, before: OrgUnitOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'org-unit',
      action,
      id,
      expectedVersion,
      lock: (tx) => repo.findOrgUnit(tx, ctx.actor.tenantId, id, true),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  return {
    async create(ctx: RequestContext, input: OrgUnitCreate): Promise<OrgUnitOut> {
      assertOrgUnitAction(ctx.actor, 'create');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        if (input.parentId) await repo.requireActiveUnit(tx, t, input.parentId, 'parentId');
        const id = await repo.insertOrgUnit(tx, t, input);
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, { action: 'org-unit.create', entityType: 'org-unit', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<OrgUnitOut> {
      assertOrgUnitAction(actor, 'read');
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list(actor: Actor, query: OrgUnitListQuery) {
      assertOrgUnitAction(actor, 'read');
      const spec = pageSpec(query, orgUnitSorts, 'name');
      const rows = await withTenant(db, actor.tenantId, (tx) => repo.listOrgUnits(tx, actor.tenantId, query, spec.sort, spec.cursor));
      return toPage(rows, query.limit, spec.name, (r) => presentOrgUnit(actor, r));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: OrgUnitPatch): Promise<OrgUnitOut> {
      assertOrgUnitAction(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, expectedVersion, 'org-unit.update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        if (patch.parentId && patch.parentId !== before.parentId) {
          await repo.lockTree(tx, t);
          if ((await repo.subtreeIds(tx, t, id)).has(patch.parentId)) throw cycleProblem();
          await repo.requireActiveUnit(tx, t, patch.parentId, 'parentId');
        }
        await repo.updateOrgUnit(tx, t, id, patch);
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<OrgUnitOut> {
      assertOrgUnitAction(ctx.actor, archived ? 'archive' : 'restore');
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, expectedVersion, archived ? 'org-unit.archive' : 'org-unit.restore', async (tx, before) => {
        if (before.archived === archived) return;
        if (archived) {
          const d = await repo.activeDependents(tx, t, id);
          if (d.units + d.systems + d.assets > 0) {
            throw new Problem('conflict', {
              sv: `Enheten har ${d.units} aktiva underenheter, ${d.systems} system och ${d.assets} informationstillgångar. Flytta eller arkivera dem först.`,
              en: `The unit has ${d.units} active sub-units, ${d.systems} systems and ${d.assets} information assets. Move or archive them first.`,
            });
          }
        } else if (before.parentId) {
          await repo.requireActiveUnit(tx, t, before.parentId, 'parentId');
        }
        await repo.updateOrgUnit(tx, t, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type OrgUnitsService = ReturnType<typeof createOrgUnitsService>;
