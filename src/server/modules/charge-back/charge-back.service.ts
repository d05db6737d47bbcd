import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { Problem } from '../../platform/problems.js';
import { credentialReachWhere } from '../credentials/credentials.repository.js';
import type { ChargeBackOut, ChargeBackQuery, ChargeCounts, ChargeLine } from './charge-back.schemas.js';

// Which counter each kind feeds; an 'account' is not charged for.
const counterOf: Record<string, keyof ChargeCounts> = {
  e_id_card: 'eIdCards',
  siths_card: 'sithsCards',
  token: 'tokens',
  key: 'keys',
  mobile_phone: 'mobilePhones',
  sim_card: 'simCards',
  mdm_enrolment: 'mdmUsers',
};
const perUse = ['sim_card', 'mdm_enrolment'];
const zero = (): ChargeCounts => ({ eIdCards: 0, sithsCards: 0, tokens: 0, keys: 0, mobilePhones: 0, simCards: 0, mdmUsers: 0 });

export function period(q: ChargeBackQuery): { from: string; to: string } {
  const today = stockholmToday();
  const from = q.from ?? `${today.slice(0, 7)}-01`;
  const to = q.to ?? today;
  if (to < from)
    throw new Problem('validation', undefined, [
      { field: 'query.to', code: 'before_start', sv: 'Perioden slutar före sin början.', en: 'The period ends before it starts.' },
    ]);
  return { from, to };
}

// D0-10, D0-17, D0-35, D0-40, D3-25: what each supplier is charged for in a period, with the lines
// behind each count. Only chargeable credentials of a supplier the actor may read count.
export function createChargeBackService(db: Db) {
  return {
    async report(ctx: RequestContext, q: ChargeBackQuery): Promise<ChargeBackOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'credential');
      const { from, to } = period(q);
      const rows = await withTenant(db, actor.tenantId, (tx) =>
        queryRows<ChargeLine & { supplierName: string }>(
          tx,
          sql`select credentials.id as "credentialId", credentials.supplier_id as "supplierId", s.name as "supplierName",
              credentials.kind, credentials.holder_name as "holderName", credentials.serial,
              coalesce(credentials.issued_on, (credentials.handed_over_at at time zone 'Europe/Stockholm')::date)::text as "issuedOn",
              credentials.revoked_on::text as "revokedOn",
              case when credentials.kind in ('sim_card', 'mdm_enrolment') then 'active' else 'issued' end as basis
            from credentials join suppliers s on s.tenant_id = credentials.tenant_id and s.id = credentials.supplier_id
            where credentials.tenant_id = ${actor.tenantId} and credentials.chargeable and credentials.kind <> 'account'
              and ${credentialReachWhere(actor)}
              ${q.supplierId ? sql`and credentials.supplier_id = ${q.supplierId}` : sql``}
              and coalesce(credentials.issued_on, (credentials.handed_over_at at time zone 'Europe/Stockholm')::date) is not null
              and case when credentials.kind in ('sim_card', 'mdm_enrolment')
                then coalesce(credentials.issued_on, (credentials.handed_over_at at time zone 'Europe/Stockholm')::date) <= ${to}::date
                  and (credentials.revoked_on is null or credentials.revoked_on >= ${from}::date)
                else coalesce(credentials.issued_on, (credentials.handed_over_at at time zone 'Europe/Stockholm')::date) between ${from}::date and ${to}::date
              end
            order by lower(s.name), s.id, credentials.kind, lower(credentials.holder_name), credentials.id`,
        ),
      );
      const bySupplier = new Map<string, ChargeBackOut['suppliers'][number]>();
      const totals = zero();
      for (const { supplierName, ...line } of rows) {
        let s = bySupplier.get(line.supplierId);
        if (!s) bySupplier.set(line.supplierId, (s = { supplierId: line.supplierId, supplierName, counts: zero(), lines: [] }));
        const counter = counterOf[line.kind]!;
        s.counts[counter]++;
        totals[counter]++;
        s.lines.push({ ...line, basis: perUse.includes(line.kind) ? 'active' : 'issued' });
      }
      return { from, to, suppliers: [...bySupplier.values()], totals };
    },

    async recordExport(ctx: RequestContext, report: ChargeBackOut, supplierId: string | undefined): Promise<void> {
      await withTenant(db, ctx.actor.tenantId, (tx) =>
        recordAudit(tx, ctx, {
          action: 'charge-back.export',
          entityType: 'report',
          entityId: null,
          after: { format: 'xlsx', from: report.from, to: report.to, supplierId: supplierId ?? null },
        }),
      );
    },
  };
}

export type ChargeBackService = ReturnType<typeof createChargeBackService>;
