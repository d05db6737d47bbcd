import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { roleAssignments, supplierPeople } from '../../db/schema/index.js';
import type { SupplierPeopleQuery } from './supplier-people.schemas.js';

export type SupplierPersonRow = typeof supplierPeople.$inferSelect;
export type SupplierPersonInsert = typeof supplierPeople.$inferInsert;

export async function insertPerson(tx: Tx, v: SupplierPersonInsert): Promise<string> {
  const [row] = await tx.insert(supplierPeople).values(v).returning({ id: supplierPeople.id });
  return row!.id;
}

export async function findPerson(tx: Tx, tenantId: string, id: string): Promise<SupplierPersonRow | null> {
  const rows = await tx
    .select()
    .from(supplierPeople)
    .where(and(eq(supplierPeople.tenantId, tenantId), eq(supplierPeople.id, id)));
  return rows[0] ?? null;
}

export async function lockPerson(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: supplierPeople.version })
    .from(supplierPeople)
    .where(and(eq(supplierPeople.tenantId, tenantId), eq(supplierPeople.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updatePerson(tx: Tx, tenantId: string, id: string, values: Partial<SupplierPersonRow>) {
  await tx
    .update(supplierPeople)
    .set({ ...values, version: sql`${supplierPeople.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(supplierPeople.tenantId, tenantId), eq(supplierPeople.id, id)));
}

export async function listPeople(tx: Tx, tenantId: string, supplierId: string, q: SupplierPeopleQuery) {
  const where: SQL[] = [eq(supplierPeople.tenantId, tenantId), eq(supplierPeople.supplierId, supplierId)];
  if (q.kind) where.push(eq(supplierPeople.kind, q.kind));
  if (!q.includeArchived) where.push(isNull(supplierPeople.archivedAt));
  return tx
    .select()
    .from(supplierPeople)
    .where(and(...where))
    .orderBy(asc(supplierPeople.kind), sql`lower(${supplierPeople.name})`, asc(supplierPeople.id));
}

// A person's portal account must be a user of this supplier organisation (a supplier-scoped grant).
export async function isSupplierUser(tx: Tx, tenantId: string, supplierId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId), eq(roleAssignments.scopeSupplierId, supplierId)))
    .limit(1);
  return rows.length > 0;
}
