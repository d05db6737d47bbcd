import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { continuityDocuments } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { DocumentListQuery, documentSorts } from './continuity.schemas.js';

type DocumentSort = (typeof documentSorts)[number];

const today = sql`(now() at time zone 'Europe/Stockholm')::date`;
const columns = getTableColumns(continuityDocuments);

// Subqueries name the outer table explicitly: drizzle leaves single-table columns unqualified.
const extras = {
  systemName: sql<
    string | null
  >`(select s.name from systems s where s.tenant_id = continuity_documents.tenant_id and s.id = continuity_documents.system_id)`,
  systemSecret: sql<
    boolean | null
  >`(select s.secret from systems s where s.tenant_id = continuity_documents.tenant_id and s.id = continuity_documents.system_id)`,
  systemUnitId: sql<
    string | null
  >`(select s.responsible_unit_id from systems s where s.tenant_id = continuity_documents.tenant_id and s.id = continuity_documents.system_id)`,
  supplierName: sql<
    string | null
  >`(select p.name from suppliers p where p.tenant_id = continuity_documents.tenant_id and p.id = continuity_documents.supplier_id)`,
  involvedSuppliers: sql<
    { id: string; name: string }[]
  >`coalesce((select json_agg(json_build_object('id', p.id, 'name', p.name) order by lower(p.name))
    from suppliers p where p.tenant_id = continuity_documents.tenant_id and p.id = any(continuity_documents.involved_supplier_ids)), '[]'::json)`,
  reviewOverdue: sql<boolean>`coalesce(continuity_documents.review_on < ${today}, false)`,
};

export type DocumentRow = typeof continuityDocuments.$inferSelect & {
  systemName: string | null;
  systemSecret: boolean | null;
  systemUnitId: string | null;
  supplierName: string | null;
  involvedSuppliers: { id: string; name: string }[];
  reviewOverdue: boolean;
};

const sortColumns: Record<DocumentSort, SortColumn> = {
  title: { expr: sql`lower(${continuityDocuments.title})`, cast: 'text' },
  reviewOn: { expr: sql`coalesce(${continuityDocuments.reviewOn}::text, '9999-12-31')`, cast: 'text' },
  updatedAt: { expr: sql`${continuityDocuments.updatedAt}`, cast: 'timestamptz' },
};

export async function findDocument(tx: Tx, tenantId: string, id: string): Promise<DocumentRow | null> {
  const rows = await tx
    .select({ ...columns, ...extras })
    .from(continuityDocuments)
    .where(and(eq(continuityDocuments.tenantId, tenantId), eq(continuityDocuments.id, id)));
  return rows[0] ?? null;
}

export async function lockDocument(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: continuityDocuments.version })
    .from(continuityDocuments)
    .where(and(eq(continuityDocuments.tenantId, tenantId), eq(continuityDocuments.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertDocument(tx: Tx, values: typeof continuityDocuments.$inferInsert): Promise<string> {
  const [row] = await tx.insert(continuityDocuments).values(values).returning({ id: continuityDocuments.id });
  return row!.id;
}

export async function updateDocument(tx: Tx, tenantId: string, id: string, values: Partial<typeof continuityDocuments.$inferInsert>) {
  await tx
    .update(continuityDocuments)
    .set({ ...values, version: sql`${continuityDocuments.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(continuityDocuments.tenantId, tenantId), eq(continuityDocuments.id, id)));
}

export async function listDocuments(
  tx: Tx,
  actor: Actor,
  q: DocumentListQuery,
  sort: SortSpec<DocumentSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const where: SQL[] = [
    eq(continuityDocuments.tenantId, actor.tenantId),
    scopeWhere(actor, 'continuity', {
      unitId: extras.systemUnitId,
      systemId: sql`continuity_documents.system_id`,
      supplierId: sql`continuity_documents.supplier_id`,
      secret: sql`continuity_documents.secret`,
    }),
  ];
  if (!q.includeArchived) where.push(isNull(continuityDocuments.archivedAt));
  if (q.kind) where.push(eq(continuityDocuments.kind, q.kind));
  if (q.systemId) where.push(eq(continuityDocuments.systemId, q.systemId));
  if (q.supplierId) where.push(eq(continuityDocuments.supplierId, q.supplierId));
  const col = sortColumns[sort.key];
  const after = keysetWhere(col, sql`${continuityDocuments.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, ...extras, sortKey: cursorValue(col) })
    .from(continuityDocuments)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${continuityDocuments.id}`, sort.desc))
    .limit(limit + 1);
}
