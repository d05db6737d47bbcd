import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import { fieldProblem } from '../../platform/problems.js';
import { addCalendarDays, stockholmDay } from '../../../shared/access-orders.js';
import { loadAccessOrderSettings } from '../access-order-settings/access-order-settings.service.js';
import { reachWhere } from './access-orders.repository.js';
import type { ReportQuery } from './access-orders.schemas.js';

// The period as Stockholm calendar days, the last 12 months unless named.
function period(q: ReportQuery) {
  const to = q.to ?? stockholmDay(new Date());
  const from = q.from ?? addCalendarDays(to, -365);
  if (from > to)
    throw fieldProblem('from', 'invalid_range', 'Från-datumet måste vara före till-datumet.', 'The from date must be before the to date.');
  return { from, to };
}

const submittedIn = (from: string, to: string) =>
  sql`(o.submitted_at at time zone 'Europe/Stockholm')::date between ${from}::date and ${to}::date`;

const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

// Lead-time compliance (D0-12, D0-13) and time to termination (D0-14, D3-06), per supplier; rows the
// viewer may not read (another supplier's orders for a supplier user) are left out.
export function createAccessOrderReports(db: Db) {
  return {
    async leadTime({ actor }: RequestContext, q: ReportQuery) {
      assertCan(actor, 'read', 'access-order');
      const { from, to } = period(q);
      const rows = await withTenant(db, actor.tenantId, (tx) =>
        queryRows<{
          supplierId: string | null;
          supplierName: string | null;
          newTotal: number;
          newLate: number;
          changeTotal: number;
          changeLate: number;
        }>(
          tx,
          sql`select o.supplier_id as "supplierId", sup.name as "supplierName",
              count(*) filter (where o.type = 'new')::int as "newTotal", count(*) filter (where o.type = 'new' and o.late)::int as "newLate",
              count(*) filter (where o.type = 'change')::int as "changeTotal", count(*) filter (where o.type = 'change' and o.late)::int as "changeLate"
            from access_orders o join systems s on s.tenant_id = o.tenant_id and s.id = o.system_id
            left join suppliers sup on sup.tenant_id = o.tenant_id and sup.id = o.supplier_id
            where o.tenant_id = ${actor.tenantId} and o.type in ('new', 'change') and ${submittedIn(from, to)} and ${reachWhere(actor)}
            group by o.supplier_id, sup.name order by sup.name nulls first`,
        ),
      );
      return {
        from,
        to,
        rows: rows.map((r) => {
          const total = r.newTotal + r.changeTotal;
          const onTime = total - r.newLate - r.changeLate;
          return { ...r, onTimePercent: total ? Math.round((onTime / total) * 1000) / 10 : null };
        }),
      };
    },

    async terminations({ actor }: RequestContext, q: ReportQuery) {
      assertCan(actor, 'read', 'access-order');
      const { from, to } = period(q);
      return withTenant(db, actor.tenantId, async (tx) => {
        const { terminateEscalateHours: h } = await loadAccessOrderSettings(tx, actor.tenantId);
        const rows = await queryRows<{
          supplierId: string | null;
          supplierName: string | null;
          total: number;
          executed: number;
          open: number;
          medianHours: unknown;
          maxHours: unknown;
          overThreshold: number;
        }>(
          tx,
          sql`with t as (
              select o.supplier_id, o.status, extract(epoch from (coalesce(o.executed_at, now()) - o.submitted_at)) / 3600.0 as hours
              from access_orders o join systems s on s.tenant_id = o.tenant_id and s.id = o.system_id
              where o.tenant_id = ${actor.tenantId} and o.type = 'terminate' and o.status <> 'cancelled'
                and ${submittedIn(from, to)} and ${reachWhere(actor)})
            select t.supplier_id as "supplierId", sup.name as "supplierName", count(*)::int as total,
              count(*) filter (where t.status = 'executed')::int as executed,
              count(*) filter (where t.status in ('submitted', 'approved'))::int as open,
              percentile_cont(0.5) within group (order by t.hours) filter (where t.status = 'executed') as "medianHours",
              max(t.hours) filter (where t.status = 'executed') as "maxHours",
              count(*) filter (where t.hours > ${h})::int as "overThreshold"
            from t left join suppliers sup on sup.tenant_id = ${actor.tenantId} and sup.id = t.supplier_id
            group by t.supplier_id, sup.name order by sup.name nulls first`,
        );
        return {
          from,
          to,
          thresholdHours: h,
          rows: rows.map((r) => ({ ...r, medianHours: num(r.medianHours), maxHours: num(r.maxHours) })),
        };
      });
    },
  };
}

export type AccessOrderReports = ReturnType<typeof createAccessOrderReports>;
