import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { assessmentSettings, riskAnalyses, risks } from '../../db/schema/index.js';
import { can, policy, type Actor, type ObjectScope } from '../../platform/access.js';
import { grantsFromRows, grantsJson, rolesOf, type GrantRow } from '../../platform/auth/grants.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import { roles } from '../../../shared/enums.js';
import { bandBounds, type MatrixSize, type RiskBand } from '../../../shared/risk-matrix.js';
import type { RiskListQuery, riskSorts } from './risks.schemas.js';

export type RiskRow = typeof risks.$inferSelect;
export type RiskSort = (typeof riskSorts)[number];

const uuidArray = (ids: readonly string[]) =>
  ids.length
    ? sql`array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`
    : sql`'{}'::uuid[]`;

// --- settings ---

export async function matrixSizeSetting(tx: Tx, tenantId: string): Promise<MatrixSize> {
  const [row] = await tx
    .select({ size: assessmentSettings.riskMatrixSize })
    .from(assessmentSettings)
    .where(eq(assessmentSettings.tenantId, tenantId));
  return row?.size === 5 ? 5 : 4;
}

// Other modules keep their own columns of the same row: only this column is written.
export async function saveMatrixSize(tx: Tx, tenantId: string, size: MatrixSize) {
  await tx
    .insert(assessmentSettings)
    .values({ tenantId, riskMatrixSize: size })
    .onConflictDoUpdate({
      target: assessmentSettings.tenantId,
      set: { riskMatrixSize: size, version: sql`${assessmentSettings.version} + 1`, updatedAt: sql`now()` },
    });
}

// --- risks ---

// Subqueries name the tables explicitly; the joined query qualifies its own columns the same way.
const riskSelect = {
  risk: risks,
  analysisTitle: riskAnalyses.title,
  analysisUnitId: riskAnalyses.unitId,
  analysisSecret: riskAnalyses.secret,
  matrixSize: riskAnalyses.matrixSize,
  ownerName: sql<string | null>`(select u.display_name from users u where u.id = risks.owner_user_id)`,
  approvedByName: sql<string | null>`(select u.display_name from users u where u.id = risks.approved_by)`,
  systems: sql<
    { id: string; name: string; unitId: string; secret: boolean }[]
  >`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name, 'unitId', s.responsible_unit_id, 'secret', s.secret) order by lower(s.name))
    from systems s where s.tenant_id = risks.tenant_id and s.id = any(risks.system_ids)), '[]'::json)`,
};
export type RiskJoined = {
  risk: RiskRow;
  analysisTitle: string;
  analysisUnitId: string | null;
  analysisSecret: boolean;
  matrixSize: number;
  ownerName: string | null;
  approvedByName: string | null;
  systems: { id: string; name: string; unitId: string; secret: boolean }[];
};

const joined = (tx: Tx) =>
  tx
    .select(riskSelect)
    .from(risks)
    .innerJoin(riskAnalyses, and(eq(riskAnalyses.tenantId, risks.tenantId), eq(riskAnalyses.id, risks.analysisId)));

export async function findRisk(tx: Tx, tenantId: string, id: string): Promise<RiskJoined | null> {
  const rows = await joined(tx).where(and(eq(risks.tenantId, tenantId), eq(risks.id, id)));
  return (rows[0] as RiskJoined | undefined) ?? null;
}

export async function lockRisk(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: risks.version })
    .from(risks)
    .where(and(eq(risks.tenantId, tenantId), eq(risks.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export type RiskValues = Partial<Omit<RiskRow, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>>;

export async function insertRisk(
  tx: Tx,
  tenantId: string,
  v: RiskValues & { analysisId: string; title: string; threat: string; likelihood: number; consequence: number },
) {
  const [row] = await tx
    .insert(risks)
    .values({ ...v, tenantId })
    .returning({ id: risks.id });
  return row!.id;
}

export async function updateRisk(tx: Tx, tenantId: string, id: string, values: RiskValues) {
  await tx
    .update(risks)
    .set({ ...values, version: sql`${risks.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(risks.tenantId, tenantId), eq(risks.id, id)));
}

const level = sql`(risks.likelihood * risks.consequence)`;
const residualLevel = sql`(risks.residual_likelihood * risks.residual_consequence)`;
const sortColumns: Record<RiskSort, SortColumn> = {
  // zero-padded so the text cursor sorts like the number
  level: { expr: sql`lpad(${level}::text, 2, '0')`, cast: 'text' },
  title: { expr: sql`lower(risks.title)`, cast: 'text' },
  updatedAt: { expr: sql`risks.updated_at`, cast: 'timestamptz' },
};

function inBand(levelExpr: SQL, band: RiskBand): SQL {
  const on = (size: MatrixSize) => {
    const b = bandBounds(band, size);
    return sql`(risk_analyses.matrix_size = ${size} and ${levelExpr} between ${b.min} and ${b.max})`;
  };
  return sql`(${on(4)} or ${on(5)})`;
}

export type RiskFilters = Omit<RiskListQuery, 'limit' | 'cursor' | 'sort'>;

// contentFiltered: the free-text filter must not find secret rows the actor sees only masked; the
// heat map counts secret rows only for those who may see them, as the brief of the mask requires.
export function riskWhere(actor: Actor, q: RiskFilters, contentFiltered: boolean): SQL[] {
  const where: SQL[] = [
    eq(risks.tenantId, actor.tenantId),
    scopeWhere(
      actor,
      'risk',
      {
        unitId: sql`risk_analyses.unit_id`,
        linkedSystems: (ids) => sql`risks.system_ids && ${ids}`,
        secret: sql`(risks.secret or risk_analyses.secret)`,
      },
      // assets, systems and units are the risk's content: a filter on them must not find a masked risk
      contentFiltered || !!q.q || !!q.assetId || !!q.systemId || !!q.unitId,
    ),
  ];
  if (!q.includeArchived) where.push(sql`risks.archived_at is null and risk_analyses.archived_at is null`);
  if (q.analysisId) where.push(eq(risks.analysisId, q.analysisId));
  if (q.systemId) where.push(sql`${q.systemId}::uuid = any(risks.system_ids)`);
  if (q.assetId) where.push(sql`${q.assetId}::uuid = any(risks.asset_ids)`);
  if (q.unitId) where.push(sql`(risk_analyses.unit_id = ${q.unitId} or ${q.unitId}::uuid = any(risks.unit_ids))`);
  const residual = q.bandOf === 'residual';
  if (q.band) where.push(inBand(residual ? residualLevel : level, q.band));
  if (q.likelihood) where.push(residual ? sql`risks.residual_likelihood = ${q.likelihood}` : sql`risks.likelihood = ${q.likelihood}`);
  if (q.consequence) where.push(residual ? sql`risks.residual_consequence = ${q.consequence}` : sql`risks.consequence = ${q.consequence}`);
  if (q.treatment) where.push(q.treatment === 'none' ? sql`risks.treatment is null` : sql`risks.treatment = ${q.treatment}`);
  if (q.ownerUserId) where.push(eq(risks.ownerUserId, q.ownerUserId));
  if (q.approved !== undefined) where.push(q.approved ? sql`risks.approved_at is not null` : sql`risks.approved_at is null`);
  if (q.status) where.push(eq(risks.status, q.status));
  if (q.q) {
    const p = likePattern(q.q);
    where.push(sql`(risks.title ilike ${p} or risks.threat ilike ${p} or coalesce(risks.vulnerability, '') ilike ${p})`);
  }
  return where;
}

export async function listRisks(tx: Tx, actor: Actor, q: RiskListQuery, sort: SortSpec<RiskSort>, cursor: Cursor | null, limit: number) {
  const col = sortColumns[sort.key];
  const where = riskWhere(actor, q, false);
  const after = keysetWhere(col, sql`risks.id`, sort.desc, cursor);
  if (after) where.push(after);
  const rows = await tx
    .select({ ...riskSelect, sortKey: cursorValue(col) })
    .from(risks)
    .innerJoin(riskAnalyses, and(eq(riskAnalyses.tenantId, risks.tenantId), eq(riskAnalyses.id, risks.analysisId)))
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`risks.id`, sort.desc))
    .limit(limit + 1);
  return rows.map((r) => ({ ...(r as RiskJoined), id: r.risk.id, sortKey: r.sortKey }));
}

// Counts per cell for the heat map, and how many matching risks sit on the other matrix size.
export async function heatCells(tx: Tx, actor: Actor, q: RiskFilters) {
  const where = riskWhere(actor, q, true);
  return queryRows<{ size: number; l: number; c: number; rl: number | null; rc: number | null; n: number }>(
    tx,
    sql`select risk_analyses.matrix_size as size, risks.likelihood as l, risks.consequence as c,
      risks.residual_likelihood as rl, risks.residual_consequence as rc, count(*)::int as n
      from risks join risk_analyses on risk_analyses.tenant_id = risks.tenant_id and risk_analyses.id = risks.analysis_id
      where ${and(...where)} group by 1, 2, 3, 4, 5`,
  );
}

export async function linkedMeasures(tx: Tx, tenantId: string, riskId: string) {
  return queryRows<{ id: string; title: string; status: string; secret: boolean; unitId: string | null; systemId: string | null }>(
    tx,
    sql`select m.id, m.title, m.status, m.secret, m.unit_id as "unitId", m.system_id as "systemId"
      from measure_risks mr join measures m on m.tenant_id = mr.tenant_id and m.id = mr.measure_id
      where mr.tenant_id = ${tenantId} and mr.risk_id = ${riskId} and m.archived_at is null order by m.created_at`,
  );
}

// --- references a risk points at (no foreign keys on the arrays: checked here) ---

export async function systemsByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<{ id: string; name: string; unitId: string; secret: boolean }>(
    tx,
    sql`select id, name, responsible_unit_id as "unitId", secret from systems where tenant_id = ${tenantId} and id = any(${uuidArray(ids)})`,
  );
}

export async function assetsByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<{ id: string; name: string; unitId: string; secret: boolean; systemIds: string[] }>(
    tx,
    sql`select a.id, a.name, a.unit_id as "unitId", a.secret,
      coalesce((select array_agg(l.system_id) from information_asset_systems l where l.tenant_id = a.tenant_id and l.asset_id = a.id), '{}') as "systemIds"
      from information_assets a where a.tenant_id = ${tenantId} and a.id = any(${uuidArray(ids)})`,
  );
}

export async function unitsByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from org_units where tenant_id = ${tenantId} and id = any(${uuidArray(ids)})`,
  );
}

// People who may own a risk: an active (not disabled) member whose role may change risks (the owner
// approves the treatment, which is a change), and with a scope: whose grants reach a risk there.
export async function listOwners(tx: Tx, tenantId: string, o: { scope?: ObjectScope | undefined; onlyUserId?: string } = {}) {
  const may = roles.filter((r) => policy[r].can.risk?.includes('update'));
  const roleList = sql`array[${sql.join(
    may.map((r) => sql`${r}`),
    sql`, `,
  )}]::text[]`;
  const rows = await queryRows<{ id: string; name: string; grants: GrantRow[] }>(
    tx,
    sql`select u.id, u.display_name as name, ${grantsJson(sql`u.id`, sql`${tenantId}::uuid`)} as grants from users u
      where u.disabled_at is null ${o.onlyUserId ? sql`and u.id = ${o.onlyUserId}` : sql``}
        and exists (select 1 from role_assignments ra where ra.user_id = u.id and ra.tenant_id = ${tenantId} and ra.role = any(${roleList}))
      order by lower(u.display_name), u.id limit 500`,
  );
  return rows
    .filter((r) => {
      const grants = grantsFromRows(r.grants);
      const person: Actor = { userId: r.id, tenantId, roles: rolesOf(grants), grants, email: '', displayName: r.name };
      return can(person, 'update', 'risk', o.scope);
    })
    .map((r) => ({ id: r.id, name: r.name }));
}
