import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

export async function supplierRow(tx: Tx, tenantId: string, id: string) {
  const rows = await queryRows<{ id: string; name: string; type: string; orderersConfirmedAt: Date | string | null; archived: boolean }>(
    tx,
    sql`select id, name, type, orderers_confirmed_at as "orderersConfirmedAt", archived_at is not null as archived
      from suppliers where tenant_id = ${tenantId} and id = ${id}`,
  );
  return rows[0] ?? null;
}

// The organisation's open work, counted straight from each area's table.
export async function counts(tx: Tx, tenantId: string, supplierId: string, today: string) {
  const [row] = await queryRows<{
    followUps: number;
    notices: number;
    overdueNotices: number;
    orders: number;
    credentials: number;
  }>(
    tx,
    sql`select
      (select count(*)::int from supplier_follow_ups f where f.tenant_id = ${tenantId} and f.supplier_id = ${supplierId}
        and f.status = 'sent') as "followUps",
      (select count(*)::int from change_notice_recipients r join change_notices n on n.tenant_id = r.tenant_id and n.id = r.notice_id
        where r.tenant_id = ${tenantId} and r.supplier_id = ${supplierId} and r.acknowledged_at is null
          and n.published_at is not null and n.archived_at is null) as notices,
      (select count(*)::int from change_notice_recipients r join change_notices n on n.tenant_id = r.tenant_id and n.id = r.notice_id
        where r.tenant_id = ${tenantId} and r.supplier_id = ${supplierId} and r.acknowledged_at is null
          and n.published_at is not null and n.archived_at is null and n.acknowledge_by < ${today}::date) as "overdueNotices",
      (select count(*)::int from access_orders o where o.tenant_id = ${tenantId} and o.supplier_id = ${supplierId}
        and o.status in ('submitted', 'approved')) as orders,
      (select count(*)::int from credentials c where c.tenant_id = ${tenantId} and c.supplier_id = ${supplierId}
        and c.status = 'active') as credentials`,
  );
  return row!;
}

export async function pendingNotices(tx: Tx, tenantId: string, supplierId: string) {
  return queryRows<{ id: string; title: string; kind: string; acknowledgeBy: string | null }>(
    tx,
    sql`select n.id, n.title, n.kind, n.acknowledge_by::text as "acknowledgeBy"
      from change_notice_recipients r join change_notices n on n.tenant_id = r.tenant_id and n.id = r.notice_id
      where r.tenant_id = ${tenantId} and r.supplier_id = ${supplierId} and r.acknowledged_at is null
        and n.published_at is not null and n.archived_at is null
      order by n.acknowledge_by asc nulls last, n.published_at desc, n.id
      limit 10`,
  );
}

export async function myIncidents(tx: Tx, tenantId: string, userId: string) {
  const [row] = await queryRows<{ open: number; total: number }>(
    tx,
    sql`select count(*) filter (where status not in ('resolved', 'closed'))::int as open, count(*)::int as total
      from incidents where tenant_id = ${tenantId} and reported_by = ${userId}`,
  );
  return row!;
}

// D0-11: active suppliers whose orderers list was never confirmed or not within the interval.
export async function orderersUnconfirmed(tx: Tx, tenantId: string, since: Date) {
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from suppliers where tenant_id = ${tenantId} and archived_at is null
      and (orderers_confirmed_at is null or orderers_confirmed_at < ${since})
      order by id`,
  );
}

// D0-32, D3-31: the organisation's support contacts, for its own staff.
export async function support(tx: Tx, tenantId: string, supplierId: string, today: string) {
  const [profile] = await queryRows<{ internal: { name?: string; phone?: string; email?: string } | null }>(
    tx,
    sql`select profile->'supportContact' as internal from suppliers where tenant_id = ${tenantId} and id = ${supplierId}`,
  );
  const superUsers = await queryRows<{ name: string; phone: string | null; email: string | null }>(
    tx,
    sql`select name, phone, email from supplier_people where tenant_id = ${tenantId} and supplier_id = ${supplierId}
      and kind = 'super_user' and archived_at is null and (valid_from is null or valid_from <= ${today}::date)
      and (valid_to is null or valid_to >= ${today}::date) order by lower(name)`,
  );
  const systems = await queryRows<{ name: string; administrators: string[] }>(
    tx,
    sql`select s.name, s.system_administrators as administrators from supplier_systems l
      join systems s on s.tenant_id = l.tenant_id and s.id = l.system_id
      where l.tenant_id = ${tenantId} and l.supplier_id = ${supplierId} and not s.secret and s.archived_at is null
      order by lower(s.name)`,
  );
  const i = profile?.internal;
  const internal = i && (i.name || i.phone || i.email) ? { name: i.name ?? null, phone: i.phone ?? null, email: i.email ?? null } : null;
  return { internal, superUsers, systems };
}
