import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { recertificationCampaigns, recertificationItems } from '../../db/schema/index.js';
import { readClauses, type Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import { uuids } from '../credentials/credentials.repository.js';
import type { CampaignListQuery } from './recertifications.schemas.js';

export type CampaignRow = typeof recertificationCampaigns.$inferSelect;
export type ItemRow = typeof recertificationItems.$inferSelect;
export const campaignSorts = ['dueOn', 'title', 'updatedAt'] as const;
type CampaignSort = (typeof campaignSorts)[number];

const columns = getTableColumns(recertificationCampaigns);
const sortColumns: Record<CampaignSort, SortColumn> = {
  dueOn: { expr: sql`${recertificationCampaigns.dueOn}::text`, cast: 'text' },
  title: { expr: sql`lower(${recertificationCampaigns.title})`, cast: 'text' },
  updatedAt: { expr: sql`${recertificationCampaigns.updatedAt}`, cast: 'timestamptz' },
};

// A campaign is reached through its system (and the system's unit), or through one of its items: a
// unit's manager reviews the unit's staff, a supplier its own staff, in another unit's system.
function reachWhere(actor: Actor): SQL {
  const parts: SQL[] = [];
  const item = (cond: SQL) =>
    sql`exists (select 1 from recertification_items i where i.tenant_id = recertification_campaigns.tenant_id
      and i.campaign_id = recertification_campaigns.id and ${cond})`;
  for (const c of readClauses(actor, 'recertification')) {
    if (c.all) parts.push(sql`true`);
    if (c.unitIds.length) {
      parts.push(sql`exists (select 1 from systems s where s.tenant_id = recertification_campaigns.tenant_id
        and s.id = recertification_campaigns.system_id and s.responsible_unit_id = any(${uuids(c.unitIds)}))`);
      parts.push(item(sql`i.unit_id = any(${uuids(c.unitIds)})`));
    }
    if (c.systemIds.length) parts.push(sql`recertification_campaigns.system_id = any(${uuids(c.systemIds)})`);
    if (c.supplierIds.length) parts.push(item(sql`i.supplier_id = any(${uuids(c.supplierIds)})`));
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function findCampaign(tx: Tx, tenantId: string, id: string): Promise<CampaignRow | null> {
  const rows = await tx
    .select()
    .from(recertificationCampaigns)
    .where(and(eq(recertificationCampaigns.tenantId, tenantId), eq(recertificationCampaigns.id, id)));
  return rows[0] ?? null;
}

export async function lockCampaign(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: recertificationCampaigns.version })
    .from(recertificationCampaigns)
    .where(and(eq(recertificationCampaigns.tenantId, tenantId), eq(recertificationCampaigns.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertCampaign(tx: Tx, values: typeof recertificationCampaigns.$inferInsert): Promise<string> {
  const [row] = await tx.insert(recertificationCampaigns).values(values).returning({ id: recertificationCampaigns.id });
  return row!.id;
}

export async function updateCampaign(tx: Tx, tenantId: string, id: string, values: Partial<typeof recertificationCampaigns.$inferInsert>) {
  await tx
    .update(recertificationCampaigns)
    .set({ ...values, version: sql`${recertificationCampaigns.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(recertificationCampaigns.tenantId, tenantId), eq(recertificationCampaigns.id, id)));
}

export async function listCampaigns(
  tx: Tx,
  actor: Actor,
  q: CampaignListQuery,
  sort: SortSpec<CampaignSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const where: SQL[] = [eq(recertificationCampaigns.tenantId, actor.tenantId), reachWhere(actor)];
  if (q.status) where.push(eq(recertificationCampaigns.status, q.status));
  if (q.systemId) where.push(eq(recertificationCampaigns.systemId, q.systemId));
  const col = sortColumns[sort.key];
  const after = keysetWhere(col, sql`${recertificationCampaigns.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, sortKey: cursorValue(col) })
    .from(recertificationCampaigns)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${recertificationCampaigns.id}`, sort.desc))
    .limit(limit + 1);
}

export async function itemsOf(tx: Tx, tenantId: string, campaignIds: readonly string[]): Promise<ItemRow[]> {
  if (!campaignIds.length) return [];
  return tx
    .select()
    .from(recertificationItems)
    .where(and(eq(recertificationItems.tenantId, tenantId), sql`${recertificationItems.campaignId} = any(${uuids(campaignIds)})`))
    .orderBy(sql`lower(${recertificationItems.personName})`, recertificationItems.id);
}

export async function findItem(tx: Tx, tenantId: string, id: string, lock = false): Promise<ItemRow | null> {
  const q = tx
    .select()
    .from(recertificationItems)
    .where(and(eq(recertificationItems.tenantId, tenantId), eq(recertificationItems.id, id)));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function insertItems(tx: Tx, values: (typeof recertificationItems.$inferInsert)[]): Promise<string[]> {
  if (!values.length) return [];
  const rows = await tx.insert(recertificationItems).values(values).returning({ id: recertificationItems.id });
  return rows.map((r) => r.id);
}

export async function updateItem(tx: Tx, tenantId: string, id: string, values: Partial<typeof recertificationItems.$inferInsert>) {
  await tx
    .update(recertificationItems)
    .set({ ...values, version: sql`${recertificationItems.version} + 1` })
    .where(and(eq(recertificationItems.tenantId, tenantId), eq(recertificationItems.id, id)));
}

export interface AccountSource {
  accountName: string;
  personName: string;
  permissions: string | null;
  supplierId: string | null;
  unitId: string | null;
}

// The accounts a system has as far as Tillit knows: executed new/change orders of people with no
// termination since, and active account credentials. One row per person and supplier.
export async function accountsOfSystem(tx: Tx, tenantId: string, systemId: string): Promise<AccountSource[]> {
  const orders = await queryRows<AccountSource>(
    tx,
    sql`select distinct on (lower(o.person_name), coalesce(o.supplier_id::text, ''))
        coalesce(o.person_email, o.person_name) as "accountName", o.person_name as "personName", o.permissions,
        o.supplier_id as "supplierId", o.unit_id as "unitId"
      from access_orders o
      where o.tenant_id = ${tenantId} and o.system_id = ${systemId} and o.status = 'executed' and o.type in ('new', 'change')
        and not exists (select 1 from access_orders t where t.tenant_id = o.tenant_id and t.system_id = o.system_id
          and t.type = 'terminate' and t.status in ('submitted', 'approved', 'executed')
          and lower(t.person_name) = lower(o.person_name) and t.supplier_id is not distinct from o.supplier_id
          and t.submitted_at >= o.submitted_at)
      order by lower(o.person_name), coalesce(o.supplier_id::text, ''), o.executed_at desc nulls last`,
  );
  const accounts = await queryRows<AccountSource>(
    tx,
    sql`select coalesce(serial, holder_name) as "accountName", holder_name as "personName", null as permissions,
        supplier_id as "supplierId", null::uuid as "unitId"
      from credentials where tenant_id = ${tenantId} and system_id = ${systemId} and kind = 'account' and status = 'active'
      order by lower(holder_name)`,
  );
  const key = (a: AccountSource) => `${a.personName.toLowerCase()}|${a.supplierId ?? ''}`;
  const seen = new Set(orders.map(key));
  return [...orders, ...accounts.filter((a) => !seen.has(key(a)) && seen.add(key(a)))];
}

export async function ordersByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await queryRows<{ id: string; number: string }>(
    tx,
    sql`select id, number from access_orders where tenant_id = ${tenantId} and id = any(${uuids(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.number]));
}

export async function unitExists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  return (await queryRows(tx, sql`select 1 from org_units where tenant_id = ${tenantId} and id = ${id}`)).length > 0;
}
