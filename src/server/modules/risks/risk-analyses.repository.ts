import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { riskAnalyses } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { AnalysisListQuery, analysisSorts } from './risks.schemas.js';

export type AnalysisRow = typeof riskAnalyses.$inferSelect;
export type AnalysisSort = (typeof analysisSorts)[number];

const columns = getTableColumns(riskAnalyses);
const unitName = sql<
  string | null
>`(select u.name from org_units u where u.tenant_id = risk_analyses.tenant_id and u.id = risk_analyses.unit_id)`;
const riskCount = sql<number>`(select count(*)::int from risks r where r.tenant_id = risk_analyses.tenant_id and r.analysis_id = risk_analyses.id and r.archived_at is null)`;
// D1-11: due when the planned update date is today or has passed, on the municipality's calendar
export const dueSql = sql`(risk_analyses.next_update_on is not null and risk_analyses.next_update_on <= (now() at time zone 'Europe/Stockholm')::date)`;

export type AnalysisJoined = AnalysisRow & { unitName: string | null; riskCount: number; due: boolean };

const select = { ...columns, unitName, riskCount, due: sql<boolean>`${dueSql}` };

export async function findAnalysis(tx: Tx, tenantId: string, id: string): Promise<AnalysisJoined | null> {
  const rows = await tx
    .select(select)
    .from(riskAnalyses)
    .where(and(eq(riskAnalyses.tenantId, tenantId), eq(riskAnalyses.id, id)));
  return rows[0] ?? null;
}

export async function lockAnalysis(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: riskAnalyses.version })
    .from(riskAnalyses)
    .where(and(eq(riskAnalyses.tenantId, tenantId), eq(riskAnalyses.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export type AnalysisValues = Partial<Omit<AnalysisRow, 'id' | 'tenantId' | 'version' | 'createdAt' | 'updatedAt'>>;

export async function insertAnalysis(tx: Tx, tenantId: string, v: AnalysisValues & { title: string; analysedOn: string }) {
  const [row] = await tx
    .insert(riskAnalyses)
    .values({ ...v, tenantId })
    .returning({ id: riskAnalyses.id });
  return row!.id;
}

export async function updateAnalysis(tx: Tx, tenantId: string, id: string, values: AnalysisValues) {
  await tx
    .update(riskAnalyses)
    .set({ ...values, version: sql`${riskAnalyses.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(riskAnalyses.tenantId, tenantId), eq(riskAnalyses.id, id)));
}

// Scores of the analysis's risks (archived ones too: they come back on its matrix when restored).
export async function riskScores(tx: Tx, tenantId: string, analysisId: string) {
  return queryRows<{ l: number; c: number; rl: number | null; rc: number | null; archived: boolean }>(
    tx,
    sql`select likelihood as l, consequence as c, residual_likelihood as rl, residual_consequence as rc, archived_at is not null as archived
      from risks where tenant_id = ${tenantId} and analysis_id = ${analysisId}`,
  );
}

const sortColumns: Record<AnalysisSort, SortColumn> = {
  analysedOn: { expr: sql`risk_analyses.analysed_on::text`, cast: 'text' },
  nextUpdateOn: { expr: sql`coalesce(risk_analyses.next_update_on::text, '9999-12-31')`, cast: 'text' },
  title: { expr: sql`lower(risk_analyses.title)`, cast: 'text' },
  updatedAt: { expr: sql`risk_analyses.updated_at`, cast: 'timestamptz' },
};

export async function listAnalyses(
  tx: Tx,
  actor: Actor,
  q: AnalysisListQuery,
  sort: SortSpec<AnalysisSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  const where: SQL[] = [
    eq(riskAnalyses.tenantId, actor.tenantId),
    scopeWhere(actor, 'risk', { unitId: sql`risk_analyses.unit_id`, secret: sql`risk_analyses.secret` }, !!q.q),
  ];
  if (!q.includeArchived) where.push(sql`risk_analyses.archived_at is null`);
  if (q.unitId) where.push(eq(riskAnalyses.unitId, q.unitId));
  if (q.status) where.push(eq(riskAnalyses.status, q.status));
  if (q.dueForUpdate !== undefined) where.push(q.dueForUpdate ? dueSql : sql`not ${dueSql}`);
  if (q.q) where.push(sql`(risk_analyses.title ilike ${likePattern(q.q)} or coalesce(risk_analyses.scope, '') ilike ${likePattern(q.q)})`);
  const after = keysetWhere(col, sql`risk_analyses.id`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...select, sortKey: cursorValue(col) })
    .from(riskAnalyses)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`risk_analyses.id`, sort.desc))
    .limit(limit + 1);
}
