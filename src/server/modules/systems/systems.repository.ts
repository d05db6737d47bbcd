import { and, asc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { informationAssetSystems, informationAssets, systemCosts, systems } from '../../db/schema/index.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import type { SystemCreate, SystemListQuery, systemSorts } from './systems.schemas.js';

export type SystemRow = typeof systems.$inferSelect;
export type CostRow = { category: string; amountOre: number; year: number; note: string | null };
export type SystemSort = (typeof systemSorts)[number];

const sortColumns: Record<SystemSort, SortColumn> = {
  name: { expr: sql`lower(${systems.name})`, cast: 'text' },
  updatedAt: { expr: sql`${systems.updatedAt}`, cast: 'timestamptz' },
  createdAt: { expr: sql`${systems.createdAt}`, cast: 'timestamptz' },
  lifecycleStatus: { expr: sql`${systems.lifecycleStatus}`, cast: 'text' },
};

const { search: _search, ...columns } = getTableColumns(systems);

// Subqueries name the outer table explicitly: drizzle leaves single-table columns unqualified.
const unitName = sql<string>`(select u.name from org_units u where u.tenant_id = systems.tenant_id and u.id = systems.responsible_unit_id)`;

export type SystemValues = Omit<SystemCreate, 'costs'>;

export async function insertSystem(tx: Tx, tenantId: string, v: SystemValues): Promise<string> {
  const [row] = await tx
    .insert(systems)
    .values({ ...v, tenantId })
    .returning({ id: systems.id });
  return row!.id;
}

export async function findSystem(tx: Tx, tenantId: string, id: string, forUpdate = false) {
  const q = tx
    .select({ ...columns, unitName })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), eq(systems.id, id)));
  const rows = forUpdate ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function costsOf(tx: Tx, tenantId: string, systemId: string): Promise<CostRow[]> {
  return tx
    .select({ category: systemCosts.category, amountOre: systemCosts.amountOre, year: systemCosts.year, note: systemCosts.note })
    .from(systemCosts)
    .where(and(eq(systemCosts.tenantId, tenantId), eq(systemCosts.systemId, systemId)))
    .orderBy(asc(systemCosts.position));
}

export async function assetsOf(tx: Tx, tenantId: string, systemId: string) {
  return tx
    .select({ id: informationAssets.id, name: informationAssets.name })
    .from(informationAssetSystems)
    .innerJoin(
      informationAssets,
      and(eq(informationAssets.tenantId, informationAssetSystems.tenantId), eq(informationAssets.id, informationAssetSystems.assetId)),
    )
    .where(
      and(eq(informationAssetSystems.tenantId, tenantId), eq(informationAssetSystems.systemId, systemId), isNull(informationAssets.archivedAt)),
    )
    .orderBy(sql`lower(${informationAssets.name})`);
}

export async function replaceCosts(tx: Tx, tenantId: string, systemId: string, costs: CostRow[]) {
  await tx.delete(systemCosts).where(and(eq(systemCosts.tenantId, tenantId), eq(systemCosts.systemId, systemId)));
  if (costs.length === 0) return;
  await tx.insert(systemCosts).values(costs.map((c, position) => ({ ...c, tenantId, systemId, position })));
}

export async function updateSystem(tx: Tx, tenantId: string, id: string, values: Partial<SystemRow>) {
  await tx
    .update(systems)
    .set({ ...values, version: sql`${systems.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(systems.tenantId, tenantId), eq(systems.id, id)));
}

function filters(tenantId: string, q: SystemListQuery): SQL[] {
  const where: SQL[] = [eq(systems.tenantId, tenantId)];
  if (!q.includeArchived) where.push(isNull(systems.archivedAt));
  if (q.unitId) where.push(eq(systems.responsibleUnitId, q.unitId));
  if (q.status) where.push(eq(systems.lifecycleStatus, q.status));
  if (q.critical !== undefined) where.push(eq(systems.critical, q.critical));
  if (q.owner) where.push(sql`${systems.systemOwner} ilike ${likePattern(q.owner)}`);
  if (q.q) {
    // Full-text (Swedish stemming) for words, substring on the name for what people type half of.
    where.push(sql`(${systems.search} @@ websearch_to_tsquery('swedish', ${q.q}) or ${systems.name} ilike ${likePattern(q.q)})`);
  }
  return where;
}

export async function listSystems(tx: Tx, tenantId: string, q: SystemListQuery, sort: SortSpec<SystemSort>, cursor: Cursor | null, limit: number) {
  const col = sortColumns[sort.key];
  const where = filters(tenantId, q);
  const after = keysetWhere(col, sql`${systems.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({
      ...columns,
      unitName,
      sortKey: cursorValue(col),
      costTotals: sql<{ year: number; amountOre: number }[]>`coalesce((select json_agg(json_build_object('year', c.year, 'amountOre', c.total) order by c.year)
        from (select sc.year, sum(sc.amount_ore)::bigint as total from system_costs sc
          where sc.tenant_id = systems.tenant_id and sc.system_id = systems.id group by sc.year) c), '[]'::json)`,
    })
    .from(systems)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${systems.id}`, sort.desc))
    .limit(limit + 1);
}

export async function costYears(tx: Tx, tenantId: string): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ year: systemCosts.year })
    .from(systemCosts)
    .where(eq(systemCosts.tenantId, tenantId))
    .orderBy(asc(systemCosts.year));
  return rows.map((r) => r.year);
}
