import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { orgUnits } from '../../db/schema/index.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import { fieldProblem } from '../../platform/problems.js';
import type { OrgUnitCreate, OrgUnitListQuery, orgUnitSorts } from './org-units.schemas.js';

export type OrgUnitRow = typeof orgUnits.$inferSelect;
export type OrgUnitSort = (typeof orgUnitSorts)[number];

const sortColumns: Record<OrgUnitSort, SortColumn> = {
  name: { expr: sql`lower(${orgUnits.name})`, cast: 'text' },
  updatedAt: { expr: sql`${orgUnits.updatedAt}`, cast: 'timestamptz' },
};

export async function insertOrgUnit(tx: Tx, tenantId: string, v: OrgUnitCreate): Promise<string> {
  const [row] = await tx
    .insert(orgUnits)
    .values({ ...v, tenantId })
    .returning({ id: orgUnits.id });
  return row!.id;
}

export async function findOrgUnit(tx: Tx, tenantId: string, id: string, forUpdate = false): Promise<OrgUnitRow | null> {
  const q = tx
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function updateOrgUnit(tx: Tx, tenantId: string, id: string, values: Partial<OrgUnitRow>) {
  await tx
    .update(orgUnits)
    .set({ ...values, version: sql`${orgUnits.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
}

export async function listOrgUnits(tx: Tx, tenantId: string, q: OrgUnitListQuery, sort: SortSpec<OrgUnitSort>, cursor: Cursor | null) {
  const col = sortColumns[sort.key];
  const where: SQL[] = [eq(orgUnits.tenantId, tenantId)];
  if (!q.includeArchived) where.push(isNull(orgUnits.archivedAt));
  if (q.type) where.push(eq(orgUnits.type, q.type));
  if (q.parentId) where.push(eq(orgUnits.parentId, q.parentId));
  if (q.q) where.push(sql`${orgUnits.name} ilike ${likePattern(q.q)}`);
  const after = keysetWhere(col, sql`${orgUnits.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...getTableColumns(orgUnits), sortKey: cursorValue(col) })
    .from(orgUnits)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${orgUnits.id}`, sort.desc))
    .limit(q.limit + 1);
}

// Parent changes in one tenant run one at a time: two concurrent moves could each pass the subtree
// check and together make a loop.
export async function lockTree(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('org-tree'), hashtext(${tenantId}))`);
}

// Ids of the unit and everything below it: a unit may not be moved under its own subtree.
export async function subtreeIds(tx: Tx, tenantId: string, id: string): Promise<Set<string>> {
  const result = await tx.execute(sql`with recursive sub as (
      select id from org_units where tenant_id = ${tenantId} and id = ${id}
      union select u.id from org_units u join sub on u.parent_id = sub.id where u.tenant_id = ${tenantId})
    select id from sub`);
  return new Set((result as unknown as { rows: { id: string }[] }).rows.map((r) => r.id));
}

export async function activeDependents(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({
      units: sql<number>`(select count(*)::int from org_units where tenant_id = ${tenantId} and parent_id = ${id} and archived_at is null)`,
      systems: sql<number>`(select count(*)::int from systems where tenant_id = ${tenantId} and responsible_unit_id = ${id} and archived_at is null)`,
      assets: sql<number>`(select count(*)::int from information_assets where tenant_id = ${tenantId} and unit_id = ${id} and archived_at is null)`,
    })
    .from(sql`(select 1) one`);
  return row!;
}

// Registers point at units; a reference must name an existing, active unit of the same tenant.
// The share lock holds the unit until commit, so a concurrent archive waits (and then sees the new
// reference) or goes first (and this check sees it archived).
export async function requireActiveUnit(tx: Tx, tenantId: string, unitId: string, field: string): Promise<void> {
  const rows = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, unitId), isNull(orgUnits.archivedAt)))
    .for('share');
  if (rows.length === 0) {
    throw fieldProblem(field, 'unknown_unit', 'Enheten finns inte eller är arkiverad.', 'The unit does not exist or is archived.');
  }
}
