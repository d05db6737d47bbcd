import { and, eq, getTableColumns, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { roleAssignments, supplierPeople, suppliers } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { SupplierListQuery, supplierSorts } from './suppliers.schemas.js';

export type SupplierRow = typeof suppliers.$inferSelect;
export type SupplierSort = (typeof supplierSorts)[number];
export interface SupplierValues {
  name: string;
  organisationNumber: string | null;
  type: string;
}

const sortColumns: Record<SupplierSort, SortColumn> = {
  name: { expr: sql`lower(${suppliers.name})`, cast: 'text' },
  updatedAt: { expr: sql`${suppliers.updatedAt}`, cast: 'timestamptz' },
  createdAt: { expr: sql`${suppliers.createdAt}`, cast: 'timestamptz' },
};

export async function insertSupplier(tx: Tx, tenantId: string, v: SupplierValues): Promise<string> {
  const [row] = await tx
    .insert(suppliers)
    .values({ ...v, tenantId })
    .returning({ id: suppliers.id });
  return row!.id;
}

export async function findSupplier(tx: Tx, tenantId: string, id: string): Promise<SupplierRow | null> {
  const rows = await tx
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, id)));
  return rows[0] ?? null;
}

export async function lockSupplier(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: suppliers.version })
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateSupplier(tx: Tx, tenantId: string, id: string, values: Partial<SupplierRow>) {
  await tx
    .update(suppliers)
    .set({ ...values, version: sql`${suppliers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, id)));
}

// The table has no unique index on the organisation number (archived organisations keep theirs), so
// writers that set one take a lock on (tenant, number) first: two concurrent registrations of the
// same organisation then run one after the other and the second sees the first.
export async function lockOrganisationNumber(tx: Tx, tenantId: string, organisationNumber: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('supplier-organisation-number'), hashtext(${`${tenantId}:${organisationNumber}`}))`,
  );
}

// Another active supplier of the tenant with this organisation number, if any.
export async function activeWithOrganisationNumber(tx: Tx, tenantId: string, organisationNumber: string, exceptId?: string) {
  const where: SQL[] = [
    eq(suppliers.tenantId, tenantId),
    eq(suppliers.organisationNumber, organisationNumber),
    isNull(suppliers.archivedAt),
  ];
  if (exceptId) where.push(ne(suppliers.id, exceptId));
  const rows = await tx
    .select({ id: suppliers.id, name: suppliers.name })
    .from(suppliers)
    .where(and(...where))
    .limit(1);
  return rows[0] ?? null;
}

function filters(actor: Actor, q: SupplierListQuery): SQL[] {
  // Supplier-role grants list their own organisation only; municipal grants the whole register.
  const where: SQL[] = [eq(suppliers.tenantId, actor.tenantId), scopeWhere(actor, 'supplier', { supplierId: sql`${suppliers.id}` })];
  if (!q.includeArchived) where.push(isNull(suppliers.archivedAt));
  if (q.type) where.push(eq(suppliers.type, q.type));
  if (q.q) {
    const digits = q.q.replace(/[\s-]/g, '');
    const byNumber = /^\d+$/.test(digits) ? sql` or replace(${suppliers.organisationNumber}, '-', '') like ${likePattern(digits)}` : sql``;
    where.push(sql`(${suppliers.name} ilike ${likePattern(q.q)}${byNumber})`);
  }
  return where;
}

export async function listSuppliers(
  tx: Tx,
  actor: Actor,
  q: SupplierListQuery,
  sort: SortSpec<SupplierSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  const where = filters(actor, q);
  const after = keysetWhere(col, sql`${suppliers.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...getTableColumns(suppliers), sortKey: cursorValue(col) })
    .from(suppliers)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${suppliers.id}`, sort.desc))
    .limit(limit + 1);
}

// D3-29: active super users per supplier (not archived, within their validity today).
export async function activeSuperUsers(tx: Tx, tenantId: string, supplierIds: readonly string[]): Promise<Map<string, number>> {
  if (supplierIds.length === 0) return new Map();
  const rows = await tx
    .select({ supplierId: supplierPeople.supplierId, n: sql<number>`count(*)::int` })
    .from(supplierPeople)
    .where(
      and(
        eq(supplierPeople.tenantId, tenantId),
        inArray(supplierPeople.supplierId, [...supplierIds]),
        eq(supplierPeople.kind, 'super_user'),
        isNull(supplierPeople.archivedAt),
        sql`(${supplierPeople.validFrom} is null or ${supplierPeople.validFrom} <= current_date)`,
        sql`(${supplierPeople.validTo} is null or ${supplierPeople.validTo} >= current_date)`,
      ),
    )
    .groupBy(supplierPeople.supplierId);
  return new Map(rows.map((r) => [r.supplierId, Number(r.n)]));
}

// Tenant-wide coordinators: they are told when a supplier changes its own details (D3-08).
export async function tenantCoordinators(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.role, 'coordinator'), eq(roleAssignments.scopeType, 'tenant')));
  return rows.map((r) => r.userId);
}
