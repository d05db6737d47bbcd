import { and, eq, getTableColumns, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { changeNoticeRecipients, changeNotices } from '../../db/schema/index.js';
import { readClauses, type Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import type { ChangeNoticeListQuery, changeNoticeSorts } from './change-notices.schemas.js';

type NoticeSort = (typeof changeNoticeSorts)[number];
export type NoticeRow = typeof changeNotices.$inferSelect;

export const uuids = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

const columns = getTableColumns(changeNotices);

const sortColumns: Record<NoticeSort, SortColumn> = {
  // drafts sort by when they were made
  publishedAt: { expr: sql`coalesce(${changeNotices.publishedAt}, ${changeNotices.createdAt})`, cast: 'timestamptz' },
  createdAt: { expr: sql`${changeNotices.createdAt}`, cast: 'timestamptz' },
  acknowledgeBy: { expr: sql`coalesce(${changeNotices.acknowledgeBy}::text, '9999-12-31')`, cast: 'text' },
  title: { expr: sql`lower(${changeNotices.title})`, cast: 'text' },
};

// Municipal readers see every notice (the resource is read tenant-wide); a supplier's users see the
// published notices their organisation received.
function reachWhere(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const c of readClauses(actor, 'change-notice')) {
    if (c.all) parts.push(sql`true`);
    if (c.supplierIds.length)
      parts.push(sql`(change_notices.published_at is not null and exists (select 1 from change_notice_recipients r
        where r.tenant_id = change_notices.tenant_id and r.notice_id = change_notices.id and r.supplier_id = any(${uuids(c.supplierIds)})))`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function findNotice(tx: Tx, tenantId: string, id: string): Promise<NoticeRow | null> {
  const rows = await tx
    .select()
    .from(changeNotices)
    .where(and(eq(changeNotices.tenantId, tenantId), eq(changeNotices.id, id)));
  return rows[0] ?? null;
}

export async function lockNotice(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: changeNotices.version })
    .from(changeNotices)
    .where(and(eq(changeNotices.tenantId, tenantId), eq(changeNotices.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertNotice(tx: Tx, values: typeof changeNotices.$inferInsert): Promise<string> {
  const [row] = await tx.insert(changeNotices).values(values).returning({ id: changeNotices.id });
  return row!.id;
}

export async function updateNotice(tx: Tx, tenantId: string, id: string, values: Partial<typeof changeNotices.$inferInsert>) {
  await tx
    .update(changeNotices)
    .set({ ...values, version: sql`${changeNotices.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(changeNotices.tenantId, tenantId), eq(changeNotices.id, id)));
}

export async function listNotices(
  tx: Tx,
  actor: Actor,
  q: ChangeNoticeListQuery,
  sort: SortSpec<NoticeSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const where: SQL[] = [eq(changeNotices.tenantId, actor.tenantId), reachWhere(actor)];
  if (!q.includeArchived) where.push(isNull(changeNotices.archivedAt));
  if (q.kind) where.push(eq(changeNotices.kind, q.kind));
  if (q.status === 'draft') where.push(isNull(changeNotices.publishedAt));
  if (q.status === 'published') where.push(isNotNull(changeNotices.publishedAt));
  if (q.systemId) where.push(sql`${q.systemId}::uuid = any(change_notices.system_ids)`);
  if (q.supplierId)
    where.push(sql`exists (select 1 from change_notice_recipients r where r.tenant_id = change_notices.tenant_id
      and r.notice_id = change_notices.id and r.supplier_id = ${q.supplierId})`);
  if (q.pending) {
    // for a supplier viewer: its own organisation has not acknowledged; for the municipality: anyone has not
    const own = actor.grants.flatMap((g) => (g.scope.type === 'supplier' ? [g.scope.supplierId] : []));
    const mine =
      own.length && !readClauses(actor, 'change-notice').some((c) => c.all) ? sql` and r.supplier_id = any(${uuids(own)})` : sql``;
    where.push(sql`change_notices.published_at is not null and exists (select 1 from change_notice_recipients r
      where r.tenant_id = change_notices.tenant_id and r.notice_id = change_notices.id and r.acknowledged_at is null${mine})`);
  }
  const col = sortColumns[sort.key];
  const after = keysetWhere(col, sql`${changeNotices.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, sortKey: cursorValue(col) })
    .from(changeNotices)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${changeNotices.id}`, sort.desc))
    .limit(limit + 1);
}

export interface RecipientRow {
  noticeId: string;
  supplierId: string;
  supplierName: string;
  acknowledgedAt: Date | string | null;
  acknowledgedByName: string | null;
  comment: string | null;
  remindedAt: Date | string | null;
}

export async function recipientsOf(tx: Tx, tenantId: string, noticeIds: readonly string[]): Promise<RecipientRow[]> {
  if (!noticeIds.length) return [];
  return queryRows<RecipientRow>(
    tx,
    sql`select r.notice_id as "noticeId", r.supplier_id as "supplierId", s.name as "supplierName",
        r.acknowledged_at as "acknowledgedAt", u.display_name as "acknowledgedByName", r.comment, r.reminded_at as "remindedAt"
      from change_notice_recipients r
      join suppliers s on s.tenant_id = r.tenant_id and s.id = r.supplier_id
      left join users u on u.id = r.acknowledged_by
      where r.tenant_id = ${tenantId} and r.notice_id = any(${uuids(noticeIds)})
      order by lower(s.name), r.supplier_id`,
  );
}

export async function userNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, display_name as name from users where id = any(${uuids([...new Set(ids)])})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function suppliersNamed(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<{ id: string; name: string; archived: boolean }>(
    tx,
    sql`select id, name, archived_at is not null as archived from suppliers where tenant_id = ${tenantId} and id = any(${uuids(ids)})`,
  );
}

// D0-06: the recipients are every (active) supplier linked to one of the systems, and those named.
export async function resolveRecipients(tx: Tx, tenantId: string, systemIds: readonly string[], supplierIds: readonly string[]) {
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select s.id, s.name from suppliers s where s.tenant_id = ${tenantId} and s.archived_at is null and (
        s.id = any(${uuids(supplierIds)})
        or exists (select 1 from supplier_systems ss where ss.tenant_id = s.tenant_id and ss.supplier_id = s.id
          and ss.system_id = any(${uuids(systemIds)})))
      order by lower(s.name), s.id`,
  );
}

export async function insertRecipients(tx: Tx, tenantId: string, noticeId: string, supplierIds: readonly string[]) {
  if (!supplierIds.length) return;
  await tx
    .insert(changeNoticeRecipients)
    .values(supplierIds.map((supplierId) => ({ tenantId, noticeId, supplierId })))
    .onConflictDoNothing();
}

export async function acknowledge(tx: Tx, tenantId: string, noticeId: string, supplierId: string, userId: string, comment: string | null) {
  await tx
    .update(changeNoticeRecipients)
    .set({ acknowledgedAt: sql`now()`, acknowledgedBy: userId, comment })
    .where(
      and(
        eq(changeNoticeRecipients.tenantId, tenantId),
        eq(changeNoticeRecipients.noticeId, noticeId),
        eq(changeNoticeRecipients.supplierId, supplierId),
      ),
    );
}

// The active people holding the supplier admin role for these organisations: they receive the
// organisation's notices and reminders.
export async function supplierAdmins(tx: Tx, tenantId: string, supplierIds: readonly string[]) {
  if (!supplierIds.length) return [];
  return queryRows<{ userId: string; supplierId: string }>(
    tx,
    sql`select distinct ra.user_id as "userId", ra.scope_supplier_id as "supplierId"
      from role_assignments ra join users u on u.id = ra.user_id and u.disabled_at is null
      where ra.tenant_id = ${tenantId} and ra.role = 'supplier_admin' and ra.scope_type = 'supplier'
        and ra.scope_supplier_id = any(${uuids(supplierIds)})`,
  );
}
