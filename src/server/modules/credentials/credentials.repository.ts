import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { credentials } from '../../db/schema/index.js';
import { readClauses, type Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import type { CredentialListQuery, credentialSorts } from './credentials.schemas.js';

type CredentialSort = (typeof credentialSorts)[number];
export type CredentialRow = typeof credentials.$inferSelect;

export const uuids = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

const columns = getTableColumns(credentials);

const sortColumns: Record<CredentialSort, SortColumn> = {
  holderName: { expr: sql`lower(${credentials.holderName})`, cast: 'text' },
  issuedOn: { expr: sql`coalesce(${credentials.issuedOn}::text, '')`, cast: 'text' },
  updatedAt: { expr: sql`${credentials.updatedAt}`, cast: 'timestamptz' },
};

// The list filter matching the service's reach: a credential sits with its supplier, its system and
// the system's unit; one without a system is reached tenant-wide or through its supplier only.
export function credentialReachWhere(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const c of readClauses(actor, 'credential')) {
    if (c.all) parts.push(sql`true`);
    if (c.unitIds.length)
      parts.push(sql`exists (select 1 from systems s where s.tenant_id = credentials.tenant_id and s.id = credentials.system_id
        and s.responsible_unit_id = any(${uuids(c.unitIds)}))`);
    if (c.systemIds.length) parts.push(sql`credentials.system_id = any(${uuids(c.systemIds)})`);
    if (c.supplierIds.length) parts.push(sql`credentials.supplier_id = any(${uuids(c.supplierIds)})`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function findCredential(tx: Tx, tenantId: string, id: string): Promise<CredentialRow | null> {
  const rows = await tx
    .select()
    .from(credentials)
    .where(and(eq(credentials.tenantId, tenantId), eq(credentials.id, id)));
  return rows[0] ?? null;
}

export async function lockCredential(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: credentials.version })
    .from(credentials)
    .where(and(eq(credentials.tenantId, tenantId), eq(credentials.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertCredential(tx: Tx, values: typeof credentials.$inferInsert): Promise<string> {
  const [row] = await tx.insert(credentials).values(values).returning({ id: credentials.id });
  return row!.id;
}

export async function updateCredential(tx: Tx, tenantId: string, id: string, values: Partial<typeof credentials.$inferInsert>) {
  await tx
    .update(credentials)
    .set({ ...values, version: sql`${credentials.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(credentials.tenantId, tenantId), eq(credentials.id, id)));
}

export async function listCredentials(
  tx: Tx,
  actor: Actor,
  q: CredentialListQuery,
  sort: SortSpec<CredentialSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const where: SQL[] = [eq(credentials.tenantId, actor.tenantId), credentialReachWhere(actor)];
  if (q.kind) where.push(eq(credentials.kind, q.kind));
  if (q.status) where.push(eq(credentials.status, q.status));
  if (q.supplierId) where.push(eq(credentials.supplierId, q.supplierId));
  if (q.systemId) where.push(eq(credentials.systemId, q.systemId));
  if (q.q)
    where.push(sql`(${credentials.holderName} ilike ${likePattern(q.q)} or coalesce(${credentials.serial}, '') ilike ${likePattern(q.q)})`);
  const col = sortColumns[sort.key];
  const after = keysetWhere(col, sql`${credentials.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, sortKey: cursorValue(col) })
    .from(credentials)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${credentials.id}`, sort.desc))
    .limit(limit + 1);
}

export async function userNames(tx: Tx, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, display_name as name from users where id = any(${uuids(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function accessOrderExists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(tx, sql`select id from access_orders where tenant_id = ${tenantId} and id = ${id}`);
  return rows.length > 0;
}
