import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { followUpItems, supplierFollowUps, suppliers, users } from '../../db/schema/index.js';
import { readClauses, type Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import type { followUpSorts, FollowUpListQuery } from './supplier-follow-ups.schemas.js';

export type FollowUpRow = typeof supplierFollowUps.$inferSelect & {
  supplierName: string;
  supplierType: string;
  reviewerName: string | null;
};
export type ItemRow = typeof followUpItems.$inferSelect;
type FollowUpSort = (typeof followUpSorts)[number];

const columns = {
  ...getTableColumns(supplierFollowUps),
  supplierName: suppliers.name,
  supplierType: suppliers.type,
  reviewerName: users.displayName,
};

const sortColumns: Record<FollowUpSort, SortColumn> = {
  plannedOn: { expr: sql`${supplierFollowUps.plannedOn}::text`, cast: 'text' },
  title: { expr: sql`lower(${supplierFollowUps.title})`, cast: 'text' },
  updatedAt: { expr: sql`${supplierFollowUps.updatedAt}`, cast: 'timestamptz' },
};

const supplierJoin = and(eq(suppliers.tenantId, supplierFollowUps.tenantId), eq(suppliers.id, supplierFollowUps.supplierId));

// A municipal grant that reads follow-ups reads them all; a supplier's grant its own organisation's,
// once they have been sent (a planned follow-up is the municipality's own preparation).
function reachWhere(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const c of readClauses(actor, 'follow-up')) {
    if (c.all) parts.push(sql`true`);
    for (const id of c.supplierIds) parts.push(sql`(${supplierFollowUps.supplierId} = ${id} and ${supplierFollowUps.status} <> 'planned')`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function findFollowUp(tx: Tx, tenantId: string, id: string): Promise<FollowUpRow | null> {
  const rows = await tx
    .select(columns)
    .from(supplierFollowUps)
    .innerJoin(suppliers, supplierJoin)
    .leftJoin(users, eq(users.id, supplierFollowUps.reviewerId))
    .where(and(eq(supplierFollowUps.tenantId, tenantId), eq(supplierFollowUps.id, id)));
  return rows[0] ?? null;
}

export async function lockFollowUp(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: supplierFollowUps.version })
    .from(supplierFollowUps)
    .where(and(eq(supplierFollowUps.tenantId, tenantId), eq(supplierFollowUps.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertFollowUp(tx: Tx, values: typeof supplierFollowUps.$inferInsert): Promise<string> {
  const [row] = await tx.insert(supplierFollowUps).values(values).returning({ id: supplierFollowUps.id });
  return row!.id;
}

export async function updateFollowUp(tx: Tx, tenantId: string, id: string, values: Partial<typeof supplierFollowUps.$inferInsert>) {
  await tx
    .update(supplierFollowUps)
    .set({ ...values, version: sql`${supplierFollowUps.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(supplierFollowUps.tenantId, tenantId), eq(supplierFollowUps.id, id)));
}

export async function listFollowUps(
  tx: Tx,
  actor: Actor,
  q: FollowUpListQuery,
  sort: SortSpec<FollowUpSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const where: SQL[] = [eq(supplierFollowUps.tenantId, actor.tenantId), reachWhere(actor)];
  if (q.supplierId) where.push(eq(supplierFollowUps.supplierId, q.supplierId));
  if (q.status) where.push(eq(supplierFollowUps.status, q.status));
  const col = sortColumns[sort.key];
  const after = keysetWhere(col, sql`${supplierFollowUps.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, sortKey: cursorValue(col) })
    .from(supplierFollowUps)
    .innerJoin(suppliers, supplierJoin)
    .leftJoin(users, eq(users.id, supplierFollowUps.reviewerId))
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${supplierFollowUps.id}`, sort.desc))
    .limit(limit + 1);
}

export async function itemsOf(tx: Tx, tenantId: string, followUpIds: readonly string[]): Promise<ItemRow[]> {
  if (!followUpIds.length) return [];
  return tx
    .select()
    .from(followUpItems)
    .where(and(eq(followUpItems.tenantId, tenantId), inArray(followUpItems.followUpId, [...followUpIds])))
    .orderBy(asc(followUpItems.position));
}

export async function findItem(tx: Tx, tenantId: string, id: string): Promise<ItemRow | null> {
  const rows = await tx
    .select()
    .from(followUpItems)
    .where(and(eq(followUpItems.tenantId, tenantId), eq(followUpItems.id, id)));
  return rows[0] ?? null;
}

export async function lockItem(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: followUpItems.version })
    .from(followUpItems)
    .where(and(eq(followUpItems.tenantId, tenantId), eq(followUpItems.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertItems(tx: Tx, rows: (typeof followUpItems.$inferInsert)[]) {
  if (rows.length) await tx.insert(followUpItems).values(rows);
}

export async function updateItem(tx: Tx, tenantId: string, id: string, values: Partial<typeof followUpItems.$inferInsert>) {
  await tx
    .update(followUpItems)
    .set({ ...values, version: sql`${followUpItems.version} + 1` })
    .where(and(eq(followUpItems.tenantId, tenantId), eq(followUpItems.id, id)));
}

export async function measuresByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<{ id: string; title: string; status: string; unitId: string | null; systemId: string | null; secret: boolean }>(
    tx,
    sql`select id, title, status, unit_id as "unitId", system_id as "systemId", secret from measures
      where tenant_id = ${tenantId} and id = any(${sql`array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`})`,
  );
}

// The people who answer for a supplier organisation in the portal (its supplier admins).
export async function supplierAdmins(tx: Tx, tenantId: string, supplierId: string): Promise<string[]> {
  const rows = await queryRows<{ userId: string }>(
    tx,
    sql`select distinct user_id as "userId" from role_assignments
      where tenant_id = ${tenantId} and role = 'supplier_admin' and scope_type = 'supplier' and scope_supplier_id = ${supplierId}`,
  );
  return rows.map((r) => r.userId);
}

// Tenant-wide coordinators: told of an answered follow-up when it has no reviewer.
export async function coordinators(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await queryRows<{ userId: string }>(
    tx,
    sql`select distinct user_id as "userId" from role_assignments
      where tenant_id = ${tenantId} and role = 'coordinator' and scope_type = 'tenant'`,
  );
  return rows.map((r) => r.userId);
}
