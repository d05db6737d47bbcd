import { and, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { supplierMeetings, suppliers } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { MeetingListQuery } from './supplier-meetings.schemas.js';

export type MeetingRow = typeof supplierMeetings.$inferSelect & { supplierName: string; latest: boolean };

const heldOn: SortColumn = { expr: sql`${supplierMeetings.heldOn}::text`, cast: 'text' };

// whether no later meeting with the same supplier exists (its "next meeting" is the one that counts)
const latest = sql<boolean>`not exists (select 1 from supplier_meetings m2 where m2.tenant_id = ${supplierMeetings.tenantId}
  and m2.supplier_id = ${supplierMeetings.supplierId} and (m2.held_on, m2.id) > (${supplierMeetings.heldOn}, ${supplierMeetings.id}))`;

const base = (tx: Tx) =>
  tx
    .select({ ...getTableColumns(supplierMeetings), supplierName: suppliers.name, latest, sortKey: cursorValue(heldOn) })
    .from(supplierMeetings)
    .innerJoin(suppliers, and(eq(suppliers.tenantId, supplierMeetings.tenantId), eq(suppliers.id, supplierMeetings.supplierId)));

export async function findMeeting(tx: Tx, tenantId: string, id: string): Promise<MeetingRow | null> {
  const rows = await base(tx).where(and(eq(supplierMeetings.tenantId, tenantId), eq(supplierMeetings.id, id)));
  return rows[0] ?? null;
}

export async function lockMeeting(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: supplierMeetings.version })
    .from(supplierMeetings)
    .where(and(eq(supplierMeetings.tenantId, tenantId), eq(supplierMeetings.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertMeeting(tx: Tx, v: typeof supplierMeetings.$inferInsert): Promise<string> {
  const [row] = await tx.insert(supplierMeetings).values(v).returning({ id: supplierMeetings.id });
  return row!.id;
}

export async function updateMeeting(tx: Tx, tenantId: string, id: string, values: Partial<typeof supplierMeetings.$inferInsert>) {
  await tx
    .update(supplierMeetings)
    .set({ ...values, version: sql`${supplierMeetings.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(supplierMeetings.tenantId, tenantId), eq(supplierMeetings.id, id)));
}

export async function deleteMeeting(tx: Tx, tenantId: string, id: string) {
  await tx.delete(supplierMeetings).where(and(eq(supplierMeetings.tenantId, tenantId), eq(supplierMeetings.id, id)));
}

// newest first
export async function listMeetings(tx: Tx, actor: Actor, q: MeetingListQuery, cursor: Cursor | null) {
  const where: SQL[] = [
    eq(supplierMeetings.tenantId, actor.tenantId),
    scopeWhere(actor, 'follow-up', { supplierId: sql`${supplierMeetings.supplierId}` }),
  ];
  if (q.supplierId) where.push(eq(supplierMeetings.supplierId, q.supplierId));
  const after = keysetWhere(heldOn, sql`${supplierMeetings.id}`, true, cursor);
  if (after) where.push(after);
  return base(tx)
    .where(and(...where))
    .orderBy(keysetOrder(heldOn, sql`${supplierMeetings.id}`, true), desc(supplierMeetings.id))
    .limit(q.limit + 1);
}
