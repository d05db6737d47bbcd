import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, type Actor } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';
import * as repo from './portal.repository.js';
import { ORDERERS_CONFIRMATION_DAYS, type PortalOrganisation, type PortalOut } from './portal.schemas.js';

// The supplier organisations the actor belongs to, with the roles held in each.
function organisationsOf(actor: Actor): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of actor.grants) {
    if (g.scope.type !== 'supplier') continue;
    out.set(g.scope.supplierId, [...(out.get(g.scope.supplierId) ?? []), g.role]);
  }
  return out;
}

// D0-11: when the orderers list was last confirmed and when it is due again.
export function orderersDue(confirmedAt: Date | string | null, today: string): { dueOn: string | null; due: boolean } {
  if (!confirmedAt) return { dueOn: null, due: true };
  const dueOn = addDays(stockholmToday(new Date(confirmedAt)), ORDERERS_CONFIRMATION_DAYS);
  return { dueOn, due: dueOn <= today };
}

export function createPortalService(db: Db) {
  return {
    // The portal's home page for a supplier user: each own organisation's open work. Anyone signed in
    // may ask; a municipal user simply has no organisations here.
    async summary(ctx: RequestContext): Promise<PortalOut> {
      const { actor } = ctx;
      const today = stockholmToday();
      return withTenant(db, actor.tenantId, async (tx) => {
        const organisations: PortalOrganisation[] = [];
        for (const [supplierId, roles] of organisationsOf(actor)) {
          const s = await repo.supplierRow(tx, actor.tenantId, supplierId);
          if (!s) continue;
          const scope = { supplierId };
          const reads = (r: Parameters<typeof can>[2]) => can(actor, 'read', r, scope);
          const c = await repo.counts(tx, actor.tenantId, supplierId, today);
          const notices = reads('change-notice') ? await repo.pendingNotices(tx, actor.tenantId, supplierId) : [];
          organisations.push({
            supplier: { id: s.id, name: s.name, type: s.type },
            roles,
            followUpsToAnswer: reads('follow-up') ? c.followUps : null,
            noticesToAcknowledge: reads('change-notice') ? c.notices : null,
            overdueNotices: reads('change-notice') ? c.overdueNotices : null,
            openAccessOrders: reads('access-order') ? c.orders : null,
            activeCredentials: reads('credential') ? c.credentials : null,
            orderersConfirmation: reads('supplier')
              ? {
                  confirmedAt: s.orderersConfirmedAt ? new Date(s.orderersConfirmedAt).toISOString() : null,
                  ...orderersDue(s.orderersConfirmedAt, today),
                  canConfirm: can(actor, 'update', 'supplier', scope),
                }
              : null,
            support: await repo.support(tx, actor.tenantId, supplierId, today),
            pendingNotices: notices.map((n) => ({ ...n, overdue: !!n.acknowledgeBy && n.acknowledgeBy < today })),
          });
        }
        const myIncidents = actor.userId ? await repo.myIncidents(tx, actor.tenantId, actor.userId) : { open: 0, total: 0 };
        return { organisations, myIncidents };
      });
    },
  };
}

export type PortalService = ReturnType<typeof createPortalService>;
