import { and, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { Actor } from '../../platform/access.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import { informationAssetSystems, informationAssets, systems } from '../../db/schema/index.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import type { AssetCreate, AssetListQuery, assetSorts } from './information-assets.schemas.js';

export type AssetRow = typeof informationAssets.$inferSelect;
export type AssetSort = (typeof assetSorts)[number];

const { search: _search, ...columns } = getTableColumns(informationAssets);

const sortColumns: Record<AssetSort, SortColumn> = {
  name: { expr: sql`lower(${informationAssets.name})`, cast: 'text' },
  updatedAt: { expr: sql`${informationAssets.updatedAt}`, cast: 'timestamptz' },
  createdAt: { expr: sql`${informationAssets.createdAt}`, cast: 'timestamptz' },
};

// Subqueries name the outer table explicitly: drizzle leaves single-table columns unqualified.
const unitName = sql<string>`(select u.name from org_units u where u.tenant_id = information_assets.tenant_id and u.id = information_assets.unit_id)`;

// Linked systems ride along as one json column: no query per row.
const linkedSystems = sql<
  { id: string; name: string; unitId: string; secret: boolean }[]
>`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name, 'unitId', s.responsible_unit_id, 'secret', s.secret) order by lower(s.name))
  from information_asset_systems l join systems s on s.tenant_id = l.tenant_id and s.id = l.system_id
  where l.tenant_id = information_assets.tenant_id and l.asset_id = information_assets.id and s.archived_at is null), '[]'::json)`;

// The current classification (issue 5) rides along too; reviewDue uses the tenant's reminder days.
const currentClassification = sql<{
  confidentiality: number;
  integrity: number;
  availability: number;
  traceability: number;
  classifiedAt: string;
  nextReviewOn: string;
  reviewDue: boolean;
} | null>`(select json_build_object('confidentiality', c.confidentiality, 'integrity', c.integrity, 'availability', c.availability,
    'traceability', c.traceability, 'classifiedAt', c.classified_at, 'nextReviewOn', c.next_review_on,
    'reviewDue', c.next_review_on <= (now() at time zone 'Europe/Stockholm')::date
      + coalesce((select st.review_reminder_days from assessment_settings st where st.tenant_id = c.tenant_id), 30))
  from asset_classifications c
  where c.tenant_id = information_assets.tenant_id and c.asset_id = information_assets.id and c.superseded_at is null)`;

export type AssetValues = Omit<AssetCreate, 'systemIds'>;

export async function insertAsset(tx: Tx, tenantId: string, v: AssetValues): Promise<string> {
  const [row] = await tx
    .insert(informationAssets)
    .values({ ...v, tenantId })
    .returning({ id: informationAssets.id });
  return row!.id;
}

export async function findAsset(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ ...columns, unitName, systems: linkedSystems, classification: currentClassification })
    .from(informationAssets)
    .where(and(eq(informationAssets.tenantId, tenantId), eq(informationAssets.id, id)));
  return rows[0] ?? null;
}

export async function lockAsset(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: informationAssets.version })
    .from(informationAssets)
    .where(and(eq(informationAssets.tenantId, tenantId), eq(informationAssets.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateAsset(tx: Tx, tenantId: string, id: string, values: Partial<AssetRow>) {
  await tx
    .update(informationAssets)
    .set({ ...values, version: sql`${informationAssets.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(informationAssets.tenantId, tenantId), eq(informationAssets.id, id)));
}

// Clients see (and send back) only links to active systems, so links to archived systems are kept:
// restoring a system brings its assets back with it.
export async function replaceLinks(tx: Tx, tenantId: string, assetId: string, systemIds: string[]) {
  await tx
    .delete(informationAssetSystems)
    .where(
      and(
        eq(informationAssetSystems.tenantId, tenantId),
        eq(informationAssetSystems.assetId, assetId),
        sql`not exists (select 1 from systems s where s.tenant_id = ${tenantId} and s.id = ${informationAssetSystems.systemId} and s.archived_at is not null)`,
      ),
    );
  const unique = [...new Set(systemIds)];
  if (unique.length) {
    await tx
      .insert(informationAssetSystems)
      .values(unique.map((systemId) => ({ tenantId, assetId, systemId })))
      .onConflictDoNothing();
  }
}

// Share-locked like requireActiveUnit: a system being archived cannot gain a link meanwhile.
export async function activeSystemIds(tx: Tx, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), inArray(systems.id, ids), isNull(systems.archivedAt)))
    .for('share');
  return new Set(rows.map((r) => r.id));
}

// An asset is reached through its unit or through a system it is linked to.
const linkedTo = (ids: SQL) =>
  sql`exists (select 1 from information_asset_systems l where l.tenant_id = information_assets.tenant_id and l.asset_id = information_assets.id and l.system_id = any(${ids}))`;

export async function listAssets(tx: Tx, actor: Actor, q: AssetListQuery, sort: SortSpec<AssetSort>, cursor: Cursor | null) {
  const col = sortColumns[sort.key];
  const where: SQL[] = [
    eq(informationAssets.tenantId, actor.tenantId),
    scopeWhere(
      actor,
      'information-asset',
      { unitId: sql`${informationAssets.unitId}`, linkedSystems: linkedTo, secret: sql`${informationAssets.secret}` },
      !!q.q,
    ),
  ];
  if (!q.includeArchived) where.push(isNull(informationAssets.archivedAt));
  if (q.unitId) where.push(eq(informationAssets.unitId, q.unitId));
  if (q.personalData) where.push(eq(informationAssets.personalData, q.personalData));
  if (q.systemId) {
    where.push(
      sql`exists (select 1 from information_asset_systems l where l.tenant_id = information_assets.tenant_id and l.asset_id = information_assets.id and l.system_id = ${q.systemId})`,
    );
  }
  if (q.q) {
    where.push(
      sql`(${informationAssets.search} @@ websearch_to_tsquery('swedish', ${q.q}) or ${informationAssets.name} ilike ${likePattern(q.q)})`,
    );
  }
  const after = keysetWhere(col, sql`${informationAssets.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, unitName, systems: linkedSystems, classification: currentClassification, sortKey: cursorValue(col) })
    .from(informationAssets)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${informationAssets.id}`, sort.desc))
    .limit(q.limit + 1);
}
