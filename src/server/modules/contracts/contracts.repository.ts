import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { supplierContracts } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { ContractListQuery, contractSorts } from './contracts.schemas.js';

export type ContractRow = typeof supplierContracts.$inferSelect;
type ContractSort = (typeof contractSorts)[number];

const sortColumns: Record<ContractSort, SortColumn> = {
  title: { expr: sql`lower(${supplierContracts.title})`, cast: 'text' },
  endsOn: { expr: sql`coalesce(${supplierContracts.endsOn}::text, '9999-12-31')`, cast: 'text' },
  updatedAt: { expr: sql`${supplierContracts.updatedAt}`, cast: 'timestamptz' },
};

export async function insertContract(tx: Tx, v: typeof supplierContracts.$inferInsert): Promise<string> {
  const [row] = await tx.insert(supplierContracts).values(v).returning({ id: supplierContracts.id });
  return row!.id;
}

export async function findContract(tx: Tx, tenantId: string, id: string): Promise<ContractRow | null> {
  const rows = await tx
    .select()
    .from(supplierContracts)
    .where(and(eq(supplierContracts.tenantId, tenantId), eq(supplierContracts.id, id)));
  return rows[0] ?? null;
}

export async function lockContract(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: supplierContracts.version })
    .from(supplierContracts)
    .where(and(eq(supplierContracts.tenantId, tenantId), eq(supplierContracts.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateContract(tx: Tx, tenantId: string, id: string, values: Partial<ContractRow>) {
  await tx
    .update(supplierContracts)
    .set({ ...values, version: sql`${supplierContracts.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(supplierContracts.tenantId, tenantId), eq(supplierContracts.id, id)));
}

export async function listContracts(
  tx: Tx,
  actor: Actor,
  q: ContractListQuery,
  sort: SortSpec<ContractSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  // municipal readers see every contract; a supplier's own users their organisation's only
  const where: SQL[] = [
    eq(supplierContracts.tenantId, actor.tenantId),
    scopeWhere(actor, 'contract', { supplierId: sql`${supplierContracts.supplierId}` }),
  ];
  if (!q.includeArchived) where.push(isNull(supplierContracts.archivedAt));
  if (q.supplierId) where.push(eq(supplierContracts.supplierId, q.supplierId));
  if (q.systemId) where.push(sql`${q.systemId}::uuid = any(${supplierContracts.systemIds})`);
  if (q.q)
    where.push(sql`(${supplierContracts.title} ilike ${likePattern(q.q)} or ${supplierContracts.reference} ilike ${likePattern(q.q)})`);
  const after = keysetWhere(col, sql`${supplierContracts.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...getTableColumns(supplierContracts), sortKey: cursorValue(col) })
    .from(supplierContracts)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${supplierContracts.id}`, sort.desc))
    .limit(limit + 1);
}
