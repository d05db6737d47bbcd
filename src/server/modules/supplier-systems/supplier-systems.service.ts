import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, viewOf, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/problems.js';
import { unreachableSystems } from '../../platform/references.js';
import { mayRegisterSuppliers, supplierScope } from '../suppliers/suppliers.policy.js';
import { findSupplier } from '../suppliers/suppliers.repository.js';
import * as repo from './supplier-systems.repository.js';
import type { SupplierSystemIn, SupplierSystemOut } from './supplier-systems.schemas.js';

// Supplier users see their organisation's links, not the system register: a link to a secret-marked
// system is left out for them (they may not name it in a fault report either, D0-31).
const supplierSide = (actor: Actor, supplierId: string) =>
  actor.grants.some((g) => g.scope.type === 'supplier' && g.scope.supplierId === supplierId) && !mayRegisterSuppliers(actor);

function present(actor: Actor, l: repo.LinkRow, ownSide: boolean): SupplierSystemOut | null {
  if (ownSide && l.secret) return null;
  const visible = ownSide || viewOf(actor, 'system', { unitId: l.unitId, systemIds: [l.systemId], secret: l.secret }) === 'full';
  return {
    supplierId: l.supplierId,
    systemId: l.systemId,
    name: visible ? l.name : null,
    critical: l.critical,
    delivers: l.delivers,
    worksIn: l.worksIn,
    administersOwnUsers: l.administersOwnUsers,
    note: l.note,
    createdAt: new Date(l.createdAt).toISOString(),
  };
}

async function reachableSupplier(tx: Tx, actor: Actor, supplierId: string) {
  const s = await findSupplier(tx, actor.tenantId, supplierId);
  if (!s || !can(actor, 'read', 'supplier', supplierScope(s.id))) throw notFound();
  return s;
}

const snap = ({ name: _n, ...rest }: SupplierSystemOut) => rest;

export function createSupplierSystemsService(db: Db) {
  return {
    async list({ actor }: RequestContext, supplierId: string) {
      return withTenant(db, actor.tenantId, async (tx) => {
        await reachableSupplier(tx, actor, supplierId);
        const own = supplierSide(actor, supplierId);
        const items = (await repo.linksOf(tx, actor.tenantId, supplierId))
          .map((l) => present(actor, l, own))
          .filter((x): x is SupplierSystemOut => x !== null);
        return { items, mayChange: mayRegisterSuppliers(actor) };
      });
    },

    // Links or changes a link; only the municipality's register writers (the supplier reads its own).
    async put(ctx: RequestContext, supplierId: string, systemId: string, input: SupplierSystemIn): Promise<SupplierSystemOut> {
      const { actor } = ctx;
      return withTenant(db, actor.tenantId, async (tx) => {
        await reachableSupplier(tx, actor, supplierId);
        if ((await unreachableSystems(tx, actor, [systemId])).length) throw notFound();
        if (!mayRegisterSuppliers(actor)) throw forbidden();
        const [existing] = await repo.linksOf(tx, actor.tenantId, supplierId, systemId);
        const before = existing ? present(actor, existing, false) : null;
        await repo.upsertLink(tx, {
          tenantId: actor.tenantId,
          supplierId,
          systemId,
          delivers: input.delivers ?? existing?.delivers ?? false,
          worksIn: input.worksIn ?? existing?.worksIn ?? true,
          administersOwnUsers: input.administersOwnUsers ?? existing?.administersOwnUsers ?? false,
          note: input.note !== undefined ? input.note : (existing?.note ?? null),
        });
        const after = present(actor, (await repo.linksOf(tx, actor.tenantId, supplierId, systemId))[0]!, false)!;
        await recordAudit(tx, ctx, {
          action: existing ? 'supplier-system.update' : 'supplier-system.link',
          entityType: 'supplier',
          entityId: supplierId,
          before: before ? snap(before) : null,
          after: snap(after),
        });
        return after;
      });
    },

    async remove(ctx: RequestContext, supplierId: string, systemId: string): Promise<void> {
      const { actor } = ctx;
      await withTenant(db, actor.tenantId, async (tx) => {
        await reachableSupplier(tx, actor, supplierId);
        const [existing] = await repo.linksOf(tx, actor.tenantId, supplierId, systemId);
        if (!existing) throw notFound();
        if (!mayRegisterSuppliers(actor)) throw forbidden();
        await repo.deleteLink(tx, actor.tenantId, supplierId, systemId);
        await recordAudit(tx, ctx, {
          action: 'supplier-system.unlink',
          entityType: 'supplier',
          entityId: supplierId,
          before: snap(present(actor, existing, false)!),
        });
      });
    },
  };
}

export type SupplierSystemsService = ReturnType<typeof createSupplierSystemsService>;
