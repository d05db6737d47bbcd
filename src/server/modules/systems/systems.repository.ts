import { and, asc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../../platform/access.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import { systemCosts, systems } from '../../db/schema/index.js';
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

// Cost lines and linked assets ride along as json columns: a detail read is one query.
const costLines = sql<
  CostRow[]
>`coalesce((select json_agg(json_build_object('category', c.category, 'amountOre', c.amount_ore, 'year', c.year, 'note', c.note) order by c.position)
  from system_costs c where c.tenant_id = systems.tenant_id and c.system_id = systems.id), '[]'::json)`;
const linkedAssets = sql<
  { id: string; name: string; unitId: string; secret: boolean }[]
>`coalesce((select json_agg(json_build_object('id', a.id, 'name', a.name, 'unitId', a.unit_id, 'secret', a.secret) order by lower(a.name))
  from information_asset_systems l join information_assets a on a.tenant_id = l.tenant_id and a.id = l.asset_id
  where l.tenant_id = systems.tenant_id and l.system_id = systems.id and a.archived_at is null), '[]'::json)`;

export async function findSystem(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ ...columns, unitName, costs: costLines, assets: linkedAssets })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), eq(systems.id, id)));
  return rows[0] ?? null;
}

export async function lockSystem(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: systems.version })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), eq(systems.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function replaceCosts(tx: Tx, tenantId: string, systemId: string, costs: CostRow[]) {
  await tx.delete(systemCosts).where(and(eq(systemCosts.tenantId, tenantId), eq(systemCosts.systemId, systemId)));
  if (costs.length === 0) return;
  await tx.insert(systemCosts).values(costs.map((c, position) => ({ ...c, tenantId, systemId, position })));
}

// The register's accuracy is confirmed on the municipality's calendar day, not the server's.
export async function markReviewed(tx: Tx, tenantId: string, id: string) {
  await tx
    .update(systems)
    .set({
      lastReviewedOn: sql`(now() at time zone 'Europe/Stockholm')::date`,
      version: sql`${systems.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(systems.tenantId, tenantId), eq(systems.id, id)));
}

export async function updateSystem(tx: Tx, tenantId: string, id: string, values: Partial<SystemRow>) {
  await tx
    .update(systems)
    .set({ ...values, version: sql`${systems.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(systems.tenantId, tenantId), eq(systems.id, id)));
}

function filters(actor: Actor, q: SystemListQuery): SQL[] {
  const where: SQL[] = [
    eq(systems.tenantId, actor.tenantId),
    scopeWhere(
      actor,
      'system',
      { unitId: sql`${systems.responsibleUnitId}`, systemId: sql`${systems.id}`, secret: sql`${systems.secret}` },
      !!(q.q || q.owner),
    ),
  ];
  if (!q.includeArchived) where.push(isNull(systems.archivedAt));
  if (q.unitId) where.push(eq(systems.responsibleUnitId, q.unitId));
  if (q.status) where.push(eq(systems.lifecycleStatus, q.status));
  if (q.reviewedBefore) where.push(sql`(${systems.lastReviewedOn} is null or ${systems.lastReviewedOn} < ${q.reviewedBefore}::date)`);
  if (q.critical !== undefined) where.push(eq(systems.critical, q.critical));
  if (q.owner) where.push(sql`${systems.systemOwner} ilike ${likePattern(q.owner)}`);
  if (q.q) {
    // Full-text (Swedish stemming) for words, substring on the name for what people type half of.
    where.push(sql`(${systems.search} @@ websearch_to_tsquery('swedish', ${q.q}) or ${systems.name} ilike ${likePattern(q.q)})`);
  }
  return where;
}

export async function listSystems(
  tx: Tx,
  actor: Actor,
  q: SystemListQuery,
  sort: SortSpec<SystemSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  const where = filters(actor, q);
  const after = keysetWhere(col, sql`${systems.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({
      ...columns,
      unitName,
      sortKey: cursorValue(col),
      costTotals: sql<
        { year: number; amountOre: number }[]
      >`coalesce((select json_agg(json_build_object('year', c.year, 'amountOre', c.total) order by c.year)
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
