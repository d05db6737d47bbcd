import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { accessOrders } from '../../db/schema/index.js';
import { queryRows } from '../../db/rows.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmDate } from '../../../shared/incident-clocks.js';

export type AccessOrderType = 'new' | 'change' | 'terminate';

// What another module knows when it turns a decision into an order (a recertification removal becomes
// a termination). The caller has checked its own record and access; runs in the caller's transaction.
export interface AccessOrderSeed {
  type: AccessOrderType;
  systemId: string;
  supplierId?: string | null;
  unitId?: string | null;
  personName: string;
  personEmail?: string | null;
  permissions?: string | null;
  justification?: string | null;
  startDate: string;
  late?: boolean;
  lateReason?: string | null;
  ordererId?: string | null;
  recertificationItemId?: string | null;
  personnummerSealed?: string | null;
  personnummerMasked?: string | null;
  trainingDoneOn?: string | null;
  secrecyReminderSignedOn?: string | null;
  informedOfRegistrationOn?: string | null;
}

// BO-<year>-<n> per tenant (beställning), numbered under a per-tenant lock so two orders never share one.
export async function insertAccessOrder(tx: Tx, ctx: RequestContext, seed: AccessOrderSeed): Promise<{ id: string; number: string }> {
  const tenantId = ctx.actor.tenantId;
  await tx.execute(sql`select pg_advisory_xact_lock(7107, hashtext(${tenantId}))`);
  const year = stockholmDate(new Date()).slice(0, 4);
  const prefix = `BO-${year}-`;
  const [last] = await queryRows<{ n: number | null }>(
    tx,
    sql`select max(substring(number from ${prefix.length + 1}::int)::int) as n from access_orders where tenant_id = ${tenantId} and number like ${`${prefix}%`}`,
  );
  const number = `${prefix}${(last?.n ?? 0) + 1}`;
  const [row] = await tx
    .insert(accessOrders)
    .values({
      ...seed,
      tenantId,
      number,
      // D0-14: terminations go first
      priority: seed.type === 'terminate' ? 'high' : 'normal',
      submittedBy: ctx.actor.userId,
    })
    .returning({ id: accessOrders.id });
  const id = row!.id;
  const { personnummerSealed: _sealed, ...audited } = seed;
  await recordAudit(tx, ctx, {
    action: 'access-order.create',
    entityType: 'access-order',
    entityId: id,
    // the personnummer is in the sealed column only; the trail records that one was given
    after: { ...audited, number, personnummerGiven: !!_sealed },
  });
  return { id, number };
}
