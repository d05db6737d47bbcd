import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { recordAudit, systemContext } from '../../platform/audit.js';
import { notify } from '../../platform/notify/notify.js';
import type { ClaimedJob, JobContext, JobHandlers } from '../../platform/scheduler/jobs.js';
import { executorRoles } from '../../../shared/access-orders.js';
import { loadAccessOrderSettings } from '../access-order-settings/access-order-settings.service.js';

export const escalationJob = 'access-order-termination-escalation';
export const escalationSweep = 'access-order-termination-sweep';
export const escalationKey = (orderId: string) => `access-order-escalation:${orderId}`;

// The people whose grant covers an order (tenant-wide, its unit or a unit above it, or its system) in
// the given roles: IT for execution and escalation, the system's owner and administrator for approval.
export async function coveringPeople(
  tx: Tx,
  tenantId: string,
  roles: readonly string[],
  o: { systemId: string; unitId: string },
): Promise<string[]> {
  const rows = await queryRows<{ userId: string }>(
    tx,
    sql`with recursive up(id, parent_id) as (
        select id, parent_id from org_units where tenant_id = ${tenantId} and id = ${o.unitId}
        union
        select u.id, u.parent_id from org_units u join up on u.id = up.parent_id where u.tenant_id = ${tenantId}
      )
      select distinct ra.user_id as "userId" from role_assignments ra join users u on u.id = ra.user_id and u.disabled_at is null
      where ra.tenant_id = ${tenantId} and ra.role = any(${`{${roles.join(',')}}`}::text[]) and (
        ra.scope_type = 'tenant'
        or (ra.scope_type = 'systems' and ${o.systemId}::uuid = any(ra.scope_system_ids))
        or (ra.scope_type = 'unit' and ra.scope_unit_id in (select id from up)))`,
  );
  return rows.map((r) => r.userId);
}

// D0-14: terminations still open after the tenant's threshold are escalated once: marked, and the
// people who execute orders are told. The per-order job fires at the threshold; the daily sweep also
// catches terminations made elsewhere (a recertification removal) and a threshold changed since.
export async function escalateOpenTerminations(tx: Tx, tenantId: string, now: Date, publicUrl: string, orderId?: string): Promise<number> {
  const { terminateEscalateHours } = await loadAccessOrderSettings(tx, tenantId);
  const due = await queryRows<{ id: string; number: string; systemId: string; unitId: string; systemName: string; secret: boolean }>(
    tx,
    sql`select o.id, o.number, o.system_id as "systemId", coalesce(o.unit_id, s.responsible_unit_id) as "unitId",
        s.name as "systemName", s.secret
      from access_orders o join systems s on s.tenant_id = o.tenant_id and s.id = o.system_id
      where o.tenant_id = ${tenantId} and o.type = 'terminate' and o.status in ('submitted', 'approved') and o.escalated_at is null
        and o.submitted_at <= ${now.toISOString()}::timestamptz - make_interval(hours => ${terminateEscalateHours})
        ${orderId ? sql`and o.id = ${orderId}` : sql``}
      for update of o`,
  );
  const ctx = systemContext(tenantId, `job:${escalationSweep}`);
  for (const o of due) {
    await tx.execute(
      sql`update access_orders set escalated_at = ${now.toISOString()}::timestamptz, version = version + 1, updated_at = now()
        where tenant_id = ${tenantId} and id = ${o.id}`,
    );
    await recordAudit(tx, ctx, {
      action: 'access-order.escalate',
      entityType: 'access-order',
      entityId: o.id,
      after: { escalatedAt: now.toISOString(), thresholdHours: terminateEscalateHours },
    });
    await notify(
      tx,
      {
        tenantId,
        userIds: await coveringPeople(tx, tenantId, executorRoles, o),
        kind: 'access-order-escalated',
        key: `access-order-escalated:${o.id}`,
        subjectType: 'access-order',
        subjectId: o.id,
        // the order number and system only: no person's data in a notification or mail
        title: o.secret ? o.number : `${o.number} – ${o.systemName}`,
        secret: o.secret,
        link: `/access-orders/${o.id}`,
        mail: {
          subject: { sv: 'Ett konto har inte avslutats i tid', en: 'An account has not been terminated in time' },
          intro: {
            sv: `En beställning om avslut av konto har varit öppen i mer än ${terminateEscalateHours} timmar. Konton ska avslutas utan dröjsmål.`,
            en: `An order to terminate an account has been open for more than ${terminateEscalateHours} hours. Accounts must be terminated without delay.`,
          },
        },
      },
      { publicUrl },
    );
  }
  return due.length;
}

export const accessOrderJobs: JobHandlers = {
  [escalationJob]: async (tx: Tx, job: ClaimedJob, ctx: JobContext) => {
    const orderId = typeof job.payload.orderId === 'string' ? job.payload.orderId : undefined;
    if (orderId) await escalateOpenTerminations(tx, job.tenantId, ctx.now, ctx.publicUrl, orderId);
  },
  [escalationSweep]: async (tx: Tx, job: ClaimedJob, ctx: JobContext) => {
    await escalateOpenTerminations(tx, job.tenantId, ctx.now, ctx.publicUrl);
  },
};
export const accessOrderDailyKinds = [escalationSweep];
