import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { ObjectScope, Resource } from '../../platform/access.js';

// The dated records of the modules that exist today, read for reminders and the calendar feed: open
// measures with a due date, current classifications of information assets with their review date,
// and risk analyses with their next update. Archived records have no deadlines.

export interface DatedItem {
  id: string;
  title: string;
  secret: boolean;
  // a Swedish calendar day
  on: string;
  ownerUserId: string | null;
  resource: Resource;
  scope: ObjectScope;
}

export async function openMeasures(tx: Tx, tenantId: string): Promise<DatedItem[]> {
  const rows = await queryRows<{
    id: string;
    title: string;
    secret: boolean;
    on: string;
    owner: string | null;
    unit_id: string | null;
    system_id: string | null;
  }>(
    tx,
    sql`select m.id, m.title, m.secret, m.due_on::text as "on", m.owner_user_id as owner, m.unit_id, m.system_id
        from measures m
        where m.tenant_id = ${tenantId} and m.archived_at is null and m.due_on is not null
          and m.status not in ('done', 'cancelled')`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    secret: r.secret,
    on: r.on,
    ownerUserId: r.owner,
    resource: 'measure',
    scope: { unitId: r.unit_id, systemIds: r.system_id ? [r.system_id] : [], secret: r.secret },
  }));
}

export async function assetReviews(tx: Tx, tenantId: string): Promise<DatedItem[]> {
  const rows = await queryRows<{ id: string; name: string; secret: boolean; on: string; unit_id: string; system_ids: string[] | null }>(
    tx,
    sql`select a.id, a.name, a.secret, c.next_review_on::text as "on", a.unit_id,
          (select array_agg(l.system_id) from information_asset_systems l
           where l.tenant_id = a.tenant_id and l.asset_id = a.id) as system_ids
        from asset_classifications c
        join information_assets a on a.tenant_id = c.tenant_id and a.id = c.asset_id
        where c.tenant_id = ${tenantId} and c.superseded_at is null and a.archived_at is null`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.name,
    secret: r.secret,
    on: r.on,
    ownerUserId: null,
    resource: 'information-asset',
    scope: { unitId: r.unit_id, systemIds: r.system_ids ?? [], secret: r.secret },
  }));
}

export async function analysisUpdates(tx: Tx, tenantId: string): Promise<DatedItem[]> {
  const rows = await queryRows<{ id: string; title: string; secret: boolean; on: string; unit_id: string | null }>(
    tx,
    sql`select r.id, r.title, r.secret, r.next_update_on::text as "on", r.unit_id
        from risk_analyses r
        where r.tenant_id = ${tenantId} and r.archived_at is null and r.next_update_on is not null`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    secret: r.secret,
    on: r.on,
    ownerUserId: null,
    resource: 'risk',
    scope: { unitId: r.unit_id, secret: r.secret },
  }));
}

// How many days ahead a classification review is announced (the tenant's setting, 30 by default).
export async function reviewReminderDays(tx: Tx, tenantId: string): Promise<number> {
  const rows = await queryRows<{ days: number }>(
    tx,
    sql`select review_reminder_days as days from assessment_settings where tenant_id = ${tenantId}`,
  );
  return rows[0]?.days ?? 30;
}

// Where a notification's subject sits today, for the masking rule of the notification centre.
export async function scopesOf(
  tx: Tx,
  tenantId: string,
  table: 'measures' | 'information_assets' | 'risk_analyses' | 'incidents',
  ids: readonly string[],
) {
  if (ids.length === 0) return [];
  const list = sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const q = {
    measures: sql`select id, unit_id, case when system_id is null then '{}'::uuid[] else array[system_id] end as system_ids, secret
      from measures where tenant_id = ${tenantId} and id = any(${list})`,
    information_assets: sql`select a.id, a.unit_id, coalesce((select array_agg(l.system_id) from information_asset_systems l
        where l.tenant_id = a.tenant_id and l.asset_id = a.id), '{}'::uuid[]) as system_ids, a.secret
      from information_assets a where a.tenant_id = ${tenantId} and a.id = any(${list})`,
    risk_analyses: sql`select id, unit_id, '{}'::uuid[] as system_ids, secret
      from risk_analyses where tenant_id = ${tenantId} and id = any(${list})`,
    // as incidents.presenter.ts incidentScope: the handling unit, the affected systems, the reporting supplier
    incidents: sql`select id, handling_unit_id as unit_id, system_ids, reporter_supplier_id as supplier_id, secret
      from incidents where tenant_id = ${tenantId} and id = any(${list})`,
  }[table];
  type Row = { id: string; unit_id: string | null; system_ids: string[] | null; supplier_id?: string | null; secret: boolean };
  return queryRows<Row>(tx, q);
}
