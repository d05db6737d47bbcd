import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { forbidden, notFound, Problem } from '../../platform/problems.js';
import { unreachableSuppliers, unreachableSystems } from '../../platform/references.js';
import { snapshot, trackedChange } from '../../platform/tracked-change.js';
import { systemsByIds, type SystemRef } from '../continuity/continuity.repository.js';
import { insertAccessOrder } from '../access-orders/access-orders.create.js';
import {
  canDecide,
  contextFor,
  presentCampaign,
  presentItems,
  reachesCampaign,
  visibleItems,
  type CampaignContext,
} from './recertifications.presenter.js';
import * as repo from './recertifications.repository.js';
import type { AccountSource } from './recertifications.repository.js';
import type {
  CampaignCreate,
  CampaignListQuery,
  CampaignOut,
  CampaignPatch,
  DecisionIn,
  ItemCreate,
  ItemOut,
} from './recertifications.schemas.js';

interface Loaded {
  row: repo.CampaignRow;
  system: SystemRef | undefined;
  ctx: CampaignContext;
  out: CampaignOut;
}

// null when the actor reaches neither the campaign's system nor any of its items
async function load(tx: Tx, actor: Actor, id: string): Promise<Loaded | null> {
  const row = await repo.findCampaign(tx, actor.tenantId, id);
  if (!row) return null;
  const ctx = await contextFor(tx, actor.tenantId, [row]);
  const system = ctx.systems.get(row.systemId);
  if (!reachesCampaign(actor, 'read', row, system) && visibleItems(actor, row, ctx).length === 0) return null;
  return { row, system, ctx, out: presentCampaign(actor, row, ctx) };
}

// The supplier reviews its own staff (D0-15), a unit's manager the unit's staff, else the administrator.
const reviewerFor = (a: { supplierId: string | null; unitId: string | null }) =>
  a.supplierId ? 'supplier' : a.unitId ? 'manager' : 'system_administrator';

const closedConflict = () => new Problem('conflict', { sv: 'Kampanjen är stängd.', en: 'The campaign is closed.' });

export function createRecertificationsService(db: Db) {
  return {
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    // The whole campaign (its trail names every supplier's staff): the municipality's reviewers only.
    async assertWholeReach({ actor }: RequestContext, id: string): Promise<void> {
      const found = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!found || !reachesCampaign(actor, 'read', found.row, found.system)) throw notFound();
    },

    async create(ctx: RequestContext, input: CampaignCreate): Promise<CampaignOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'recertification');
      return withTenant(db, actor.tenantId, async (tx) => {
        if ((await unreachableSystems(tx, actor, [input.systemId])).length)
          throw new Problem('validation', undefined, [
            { field: 'systemId', code: 'unknown_reference', sv: 'Systemet finns inte.', en: 'The system does not exist.' },
          ]);
        const [system] = await systemsByIds(tx, actor.tenantId, [input.systemId]);
        const seed = { tenantId: actor.tenantId, systemId: input.systemId, title: input.title, dueOn: input.dueOn };
        if (!reachesCampaign(actor, 'create', { ...seed, status: 'open' } as repo.CampaignRow, system)) throw forbidden();
        const id = await repo.insertCampaign(tx, seed);
        const accounts: AccountSource[] = input.populate === false ? [] : await repo.accountsOfSystem(tx, actor.tenantId, input.systemId);
        await repo.insertItems(
          tx,
          accounts.map((a) => ({ ...a, tenantId: actor.tenantId, campaignId: id, reviewer: reviewerFor(a) })),
        );
        const out = (await load(tx, actor, id))!.out;
        await recordAudit(tx, ctx, { action: 'recertification.create', entityType: 'recertification', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<CampaignOut> {
      assertCan(ctx.actor, 'read', 'recertification');
      const found = await withTenant(db, ctx.actor.tenantId, (tx) => load(tx, ctx.actor, id));
      if (!found) throw notFound();
      return found.out;
    },

    async list(ctx: RequestContext, query: CampaignListQuery) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'recertification');
      const spec = pageSpec({ ...query, sort: query.sort ?? '-dueOn' }, repo.campaignSorts, 'dueOn');
      const { rows, context } = await withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listCampaigns(tx, actor, query, spec.sort, spec.cursor, query.limit);
        return { rows, context: await contextFor(tx, actor.tenantId, rows) };
      });
      return toPage(rows, query.limit, spec.name, (r) => presentCampaign(actor, r, context));
    },

    async items(ctx: RequestContext, id: string): Promise<{ items: ItemOut[] }> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'recertification');
      return withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (!found) throw notFound();
        return { items: await presentItems(tx, actor, found.row, found.system, visibleItems(actor, found.row, found.ctx)) };
      });
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: CampaignPatch): Promise<CampaignOut> {
      return change(ctx, id, expectedVersion, 'update', async (tx, before) => {
        if (before.row.status === 'closed') throw closedConflict();
        await repo.updateCampaign(tx, ctx.actor.tenantId, id, patch);
      });
    },

    // Closed once every account has been reviewed; the progress shows what is left.
    async close(ctx: RequestContext, id: string, expectedVersion: number): Promise<CampaignOut> {
      return change(ctx, id, expectedVersion, 'close', async (tx, before) => {
        if (before.row.status === 'closed') return;
        if (before.out.progress.open > 0)
          throw new Problem('conflict', {
            sv: `${before.out.progress.open} konton är inte granskade än.`,
            en: `${before.out.progress.open} accounts have not been reviewed yet.`,
          });
        await repo.updateCampaign(tx, ctx.actor.tenantId, id, { status: 'closed', closedAt: new Date() });
      });
    },

    async addItem(ctx: RequestContext, id: string, input: ItemCreate): Promise<ItemOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'recertification');
      return withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (!found) throw notFound();
        if (!reachesCampaign(actor, 'create', found.row, found.system)) throw forbidden();
        if (found.row.status === 'closed') throw closedConflict();
        const errs: { field: string; code: string; sv: string; en: string }[] = [];
        if (input.supplierId && (await unreachableSuppliers(tx, actor, [input.supplierId])).length)
          errs.push({ field: 'supplierId', code: 'unknown_reference', sv: 'Leverantören finns inte.', en: 'The supplier does not exist.' });
        if (input.unitId && !(await repo.unitExists(tx, actor.tenantId, input.unitId)))
          errs.push({ field: 'unitId', code: 'unknown_reference', sv: 'Enheten finns inte.', en: 'The unit does not exist.' });
        if (input.reviewer === 'supplier' && !input.supplierId)
          errs.push({
            field: 'reviewer',
            code: 'supplier_required',
            sv: 'Leverantören kan bara granska sin egen personal: ange leverantör.',
            en: 'A supplier reviews only its own staff: name the supplier.',
          });
        if (errs.length) throw new Problem('validation', undefined, errs);
        const seed = { supplierId: input.supplierId ?? null, unitId: input.unitId ?? null };
        const [itemId] = await repo.insertItems(tx, [
          {
            tenantId: actor.tenantId,
            campaignId: id,
            accountName: input.accountName,
            personName: input.personName,
            permissions: input.permissions ?? null,
            ...seed,
            reviewer: input.reviewer ?? reviewerFor(seed),
          },
        ]);
        const item = (await repo.findItem(tx, actor.tenantId, itemId!))!;
        const [out] = await presentItems(tx, actor, found.row, found.system, [item]);
        await recordAudit(tx, ctx, { action: 'recertification.item-add', entityType: 'recertification', entityId: id, after: out! });
        return out!;
      });
    },

    async assertItemReach({ actor }: RequestContext, itemId: string): Promise<void> {
      const ok = await withTenant(db, actor.tenantId, async (tx) => {
        const item = await repo.findItem(tx, actor.tenantId, itemId);
        const found = item ? await load(tx, actor, item.campaignId) : null;
        return !!found && visibleItems(actor, found.row, found.ctx).some((i) => i.id === itemId);
      });
      if (!ok) throw notFound();
    },

    // D0-15, D3-36: keep or remove one account; a removal becomes a termination order at once.
    async decide(ctx: RequestContext, itemId: string, expectedVersion: number, input: DecisionIn): Promise<ItemOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'recertification');
      return withTenant(db, actor.tenantId, async (tx) => {
        const item = await repo.findItem(tx, actor.tenantId, itemId, true);
        const found = item ? await load(tx, actor, item.campaignId) : null;
        if (!item || !found || !visibleItems(actor, found.row, found.ctx).some((i) => i.id === itemId)) throw notFound();
        if (item.version !== expectedVersion) throw new Problem('precondition-failed');
        if (found.row.status === 'closed') throw closedConflict();
        if (item.decision === 'remove')
          throw new Problem('conflict', {
            sv: 'Kontot är redan borttaget; avslutsbeställningen är skickad.',
            en: 'The account has already been removed; the termination order was sent.',
          });
        if (!canDecide(actor, found.row, found.system, item)) throw forbidden();
        const [before] = await presentItems(tx, actor, found.row, found.system, [item]);
        let terminationOrderId: string | null = null;
        if (input.decision === 'remove') {
          terminationOrderId = (
            await insertAccessOrder(tx, ctx, {
              type: 'terminate',
              systemId: found.row.systemId,
              supplierId: item.supplierId,
              unitId: item.unitId,
              personName: item.personName,
              permissions: item.permissions,
              justification: `Omprövning: ${found.row.title}${input.note ? ` – ${input.note}` : ''}`,
              startDate: stockholmToday(),
              recertificationItemId: item.id,
            })
          ).id;
        }
        await repo.updateItem(tx, actor.tenantId, itemId, {
          decision: input.decision,
          decisionNote: input.note ?? null,
          decidedBy: actor.userId,
          decidedAt: new Date(),
          terminationOrderId,
        });
        const [after] = await presentItems(tx, actor, found.row, found.system, [(await repo.findItem(tx, actor.tenantId, itemId))!]);
        const strip = ({ canDecide: _c, ...rest }: ItemOut) => rest;
        await recordAudit(tx, ctx, {
          action: 'recertification.decide',
          entityType: 'recertification',
          entityId: found.row.id,
          before: strip(before!),
          after: strip(after!),
        });
        return after!;
      });
    },
  };

  async function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    verb: string,
    work: (tx: Tx, before: Loaded) => Promise<void>,
  ): Promise<CampaignOut> {
    const { actor } = ctx;
    assertCan(actor, 'update', 'recertification');
    let current: Loaded | null = null;
    return trackedChange(db, ctx, {
      entityType: 'recertification',
      action: `recertification.${verb}`,
      id,
      expectedVersion,
      lock: (tx) => repo.lockCampaign(tx, actor.tenantId, id),
      load: async (tx) => (current = await load(tx, actor, id))?.out ?? null,
      change: async (tx) => {
        if (!reachesCampaign(actor, 'update', current!.row, current!.system)) throw forbidden();
        await work(tx, current!);
      },
    });
  }
}

export type RecertificationsService = ReturnType<typeof createRecertificationsService>;
