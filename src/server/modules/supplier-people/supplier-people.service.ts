import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { fieldProblem, forbidden, notFound } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { supplierScope } from '../suppliers/suppliers.policy.js';
import { findSupplier } from '../suppliers/suppliers.repository.js';
import * as repo from './supplier-people.repository.js';
import type { SupplierPeopleQuery, SupplierPersonCreate, SupplierPersonOut, SupplierPersonPatch } from './supplier-people.schemas.js';

// A supplier's people are part of the supplier record: whoever reads the organisation reads them,
// whoever may change it (the coordinator, the supplier's own administrator) keeps them current.
const mayRead = (actor: Actor, supplierId: string) => can(actor, 'read', 'supplier', supplierScope(supplierId));
const mayChange = (actor: Actor, supplierId: string) => can(actor, 'update', 'supplier', supplierScope(supplierId));

export function present(actor: Actor, r: repo.SupplierPersonRow, today = stockholmToday()): SupplierPersonOut {
  const archived = r.archivedAt !== null;
  const change = mayChange(actor, r.supplierId);
  const allowed = (['update', 'archive', 'restore'] as const).filter((a) => change && (a === 'restore' ? archived : !archived));
  return {
    id: r.id,
    version: r.version,
    archived,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: ['read', ...allowed],
    supplierId: r.supplierId,
    kind: r.kind as SupplierPersonOut['kind'],
    name: r.name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    userId: r.userId,
    validFrom: r.validFrom,
    validTo: r.validTo,
    active: !archived && (!r.validFrom || r.validFrom <= today) && (!r.validTo || r.validTo >= today),
  };
}

async function load(tx: Tx, actor: Actor, id: string): Promise<SupplierPersonOut | null> {
  const row = await repo.findPerson(tx, actor.tenantId, id);
  if (!row || !mayRead(actor, row.supplierId)) return null;
  return present(actor, row);
}

// The supplier named by the route, as the actor may see it: absent or out of reach reads as 404.
async function reachableSupplier(tx: Tx, actor: Actor, supplierId: string) {
  const s = await findSupplier(tx, actor.tenantId, supplierId);
  if (!s || !mayRead(actor, s.id)) throw notFound();
  return s;
}

async function checkValues(
  tx: Tx,
  actor: Actor,
  supplierId: string,
  v: { userId?: string | null; validFrom?: string | null; validTo?: string | null },
) {
  if (v.validFrom && v.validTo && v.validTo < v.validFrom)
    throw fieldProblem('validTo', 'before_start', 'Slutdatumet ligger före startdatumet.', 'The end date is before the start date.');
  if (v.userId && !(await repo.isSupplierUser(tx, actor.tenantId, supplierId, v.userId)))
    throw fieldProblem(
      'userId',
      'unknown_reference',
      'Användaren finns inte eller hör inte till den här leverantören.',
      'The user does not exist or does not belong to this supplier.',
    );
}

export function createSupplierPeopleService(db: Db) {
  const change = (
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    fn: (tx: Tx, before: SupplierPersonOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'supplier-person',
      action: `supplier-person.${action}`,
      id,
      expectedVersion,
      lock: async (tx) => {
        const locked = await repo.lockPerson(tx, ctx.actor.tenantId, id);
        return locked && (await load(tx, ctx.actor, id)) ? locked : null;
      },
      load: (tx) => load(tx, ctx.actor, id),
      change: async (tx, before) => {
        if (!mayChange(ctx.actor, before.supplierId)) throw forbidden();
        await fn(tx, before);
      },
    });

  return {
    // the route's reach before its body is validated (reach-first)
    async assertSupplierReach({ actor }: RequestContext, supplierId: string): Promise<void> {
      await withTenant(db, actor.tenantId, (tx) => reachableSupplier(tx, actor, supplierId));
    },

    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    async list({ actor }: RequestContext, supplierId: string, q: SupplierPeopleQuery) {
      return withTenant(db, actor.tenantId, async (tx) => {
        await reachableSupplier(tx, actor, supplierId);
        const today = stockholmToday();
        return { items: (await repo.listPeople(tx, actor.tenantId, supplierId, q)).map((r) => present(actor, r, today)) };
      });
    },

    async create(ctx: RequestContext, supplierId: string, input: SupplierPersonCreate): Promise<SupplierPersonOut> {
      const { actor } = ctx;
      return withTenant(db, actor.tenantId, async (tx) => {
        const s = await reachableSupplier(tx, actor, supplierId);
        if (!mayChange(actor, supplierId)) throw forbidden();
        if (s.archivedAt) throw archivedConflict();
        await checkValues(tx, actor, supplierId, input);
        const id = await repo.insertPerson(tx, {
          tenantId: actor.tenantId,
          supplierId,
          kind: input.kind,
          name: input.name,
          title: input.title ?? null,
          email: input.email ?? null,
          phone: input.phone ?? null,
          userId: input.userId ?? null,
          validFrom: input.validFrom ?? null,
          validTo: input.validTo ?? null,
        });
        const out = (await load(tx, actor, id))!;
        await recordAudit(tx, ctx, { action: 'supplier-person.create', entityType: 'supplier-person', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<SupplierPersonOut> {
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    update(ctx: RequestContext, id: string, expectedVersion: number, patch: SupplierPersonPatch): Promise<SupplierPersonOut> {
      return change(ctx, id, expectedVersion, 'update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        const merged = { ...before, ...patch };
        await checkValues(tx, ctx.actor, before.supplierId, { userId: patch.userId, validFrom: merged.validFrom, validTo: merged.validTo });
        await repo.updatePerson(tx, ctx.actor.tenantId, id, patch);
      });
    },

    setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<SupplierPersonOut> {
      return change(ctx, id, expectedVersion, archived ? 'archive' : 'restore', async (tx, before) => {
        if (before.archived === archived) return;
        await repo.updatePerson(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type SupplierPeopleService = ReturnType<typeof createSupplierPeopleService>;
