import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { measureGoals, measureRisks, measures } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { MeasureListQuery, measureSorts } from './measures.schemas.js';

export type MeasureSort = (typeof measureSorts)[number];
// A linked risk with what decides its reach: its analysis's unit, its systems, and its own or its
// analysis's secret marking (the same scope as GET /risks/{id}).
export type LinkedRisk = {
  id: string;
  title: string;
  secret: boolean;
  analysisSecret: boolean;
  analysisUnitId: string | null;
  systemIds: string[];
};
export type LinkedPlan = { id: string; year: number; title: string; activityId: string; activityTitle: string };
export type LinkedGoal = { id: string; code: string; text: string };

const uuidArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

const today = sql`(now() at time zone 'Europe/Stockholm')::date`;

const sortColumns: Record<MeasureSort, SortColumn> = {
  // no due date sorts last
  dueOn: { expr: sql`coalesce(${measures.dueOn}::text, '9999-12-31')`, cast: 'text' },
  priority: {
    expr: sql`(case ${measures.priority} when 'critical' then '1' when 'high' then '2' when 'medium' then '3' else '4' end)`,
    cast: 'text',
  },
  updatedAt: { expr: sql`${measures.updatedAt}`, cast: 'timestamptz' },
  createdAt: { expr: sql`${measures.createdAt}`, cast: 'timestamptz' },
  title: { expr: sql`lower(${measures.title})`, cast: 'text' },
};

const columns = getTableColumns(measures);

// Subqueries name the outer table explicitly: drizzle leaves single-table columns unqualified.
const extras = {
  unitName: sql<string | null>`(select u.name from org_units u where u.tenant_id = measures.tenant_id and u.id = measures.unit_id)`,
  systemName: sql<string | null>`(select s.name from systems s where s.tenant_id = measures.tenant_id and s.id = measures.system_id)`,
  systemSecret: sql<boolean | null>`(select s.secret from systems s where s.tenant_id = measures.tenant_id and s.id = measures.system_id)`,
  systemUnitId: sql<
    string | null
  >`(select s.responsible_unit_id from systems s where s.tenant_id = measures.tenant_id and s.id = measures.system_id)`,
  ownerName: sql<string | null>`(select u.display_name from users u where u.id = measures.owner_user_id)`,
  overdue: sql<boolean>`coalesce(measures.due_on < ${today} and measures.status not in ('done', 'cancelled'), false)`,
  risks: sql<LinkedRisk[]>`coalesce((select json_agg(json_build_object('id', r.id, 'title', r.title, 'secret', r.secret,
      'analysisSecret', a.secret, 'analysisUnitId', a.unit_id, 'systemIds', r.system_ids) order by lower(r.title), r.id)
    from measure_risks l join risks r on r.tenant_id = l.tenant_id and r.id = l.risk_id
      join risk_analyses a on a.tenant_id = r.tenant_id and a.id = r.analysis_id
    where l.tenant_id = measures.tenant_id and l.measure_id = measures.id), '[]'::json)`,
  goals: sql<LinkedGoal[]>`coalesce((select json_agg(json_build_object('id', g.id, 'code', g.code, 'text', g.text) order by lower(g.code))
    from measure_goals l join policy_goals g on g.tenant_id = l.tenant_id and g.id = l.goal_id
    where l.tenant_id = measures.tenant_id and l.measure_id = measures.id), '[]'::json)`,
};

export type MeasureRow = typeof measures.$inferSelect & {
  unitName: string | null;
  systemName: string | null;
  systemSecret: boolean | null;
  systemUnitId: string | null;
  ownerName: string | null;
  overdue: boolean;
  risks: LinkedRisk[];
  goals: LinkedGoal[];
};

export async function findMeasure(tx: Tx, tenantId: string, id: string): Promise<MeasureRow | null> {
  const rows = await tx
    .select({ ...columns, ...extras })
    .from(measures)
    .where(and(eq(measures.tenantId, tenantId), eq(measures.id, id)));
  return rows[0] ?? null;
}

export async function findMeasuresByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<MeasureRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select({ ...columns, ...extras })
    .from(measures)
    .where(
      and(
        eq(measures.tenantId, tenantId),
        sql`${measures.id} = any(${sql`array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]`})`,
      ),
    );
}

export async function lockMeasure(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: measures.version })
    .from(measures)
    .where(and(eq(measures.tenantId, tenantId), eq(measures.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateMeasure(tx: Tx, tenantId: string, id: string, values: Partial<typeof measures.$inferInsert>) {
  await tx
    .update(measures)
    .set({ ...values, version: sql`${measures.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(measures.tenantId, tenantId), eq(measures.id, id)));
}

export async function replaceRisks(tx: Tx, tenantId: string, measureId: string, riskIds: readonly string[]) {
  await tx.delete(measureRisks).where(and(eq(measureRisks.tenantId, tenantId), eq(measureRisks.measureId, measureId)));
  const unique = [...new Set(riskIds)];
  if (unique.length) await tx.insert(measureRisks).values(unique.map((riskId) => ({ tenantId, measureId, riskId })));
}

export async function replaceGoals(tx: Tx, tenantId: string, measureId: string, goalIds: readonly string[]) {
  await tx.delete(measureGoals).where(and(eq(measureGoals.tenantId, tenantId), eq(measureGoals.measureId, measureId)));
  const unique = [...new Set(goalIds)];
  if (unique.length) await tx.insert(measureGoals).values(unique.map((goalId) => ({ tenantId, measureId, goalId })));
}

// The ids among `ids` that name no row of `table` in this tenant (archived rows still count:
// a measure may rest on an analysis that has since been archived).
export async function unknownIds(tx: Tx, tenantId: string, table: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select x.id::text as id from unnest(${sql`array[${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]`}) as x(id)
      where not exists (select 1 from ${sql.identifier(table)} t where t.tenant_id = ${tenantId} and t.id = x.id)`,
  );
  return rows.map((r) => r.id);
}

// A person who can be named responsible: holds a role in the tenant and the account is not disabled
// (deactivation removes the assignments; a disabled account keeps none it can use). Shared with risks.
export async function isActiveMember(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const rows = await queryRows<{ ok: number }>(
    tx,
    sql`select 1 as ok from role_assignments ra join users u on u.id = ra.user_id
      where ra.tenant_id = ${tenantId} and ra.user_id = ${userId} and u.disabled_at is null limit 1`,
  );
  return rows.length > 0;
}

// The scope of each risk among `ids` (only those that exist in the tenant), for reach checks on links.
export async function riskScopes(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: string; analysisUnitId: string | null; systemIds: string[]; secret: boolean; analysisSecret: boolean }>(
    tx,
    sql`select r.id, a.unit_id as "analysisUnitId", r.system_ids as "systemIds", r.secret, a.secret as "analysisSecret"
      from risks r join risk_analyses a on a.tenant_id = r.tenant_id and a.id = r.analysis_id
      where r.tenant_id = ${tenantId} and r.id = any(${uuidArray(ids)})`,
  );
}

// The action plans whose activities hold this measure, for links from the measure's page.
export async function plansOf(tx: Tx, tenantId: string, measureId: string): Promise<LinkedPlan[]> {
  return queryRows<LinkedPlan>(
    tx,
    sql`select p.id, p.year, p.title, a.id as "activityId", a.title as "activityTitle"
      from action_plan_activity_measures l
      join action_plan_activities a on a.tenant_id = l.tenant_id and a.id = l.activity_id
      join action_plans p on p.tenant_id = a.tenant_id and p.id = a.plan_id
      where l.tenant_id = ${tenantId} and l.measure_id = ${measureId} order by p.year desc, a.position, a.id`,
  );
}

// The people who can own a measure: members of the tenant, for the form's picker.
export async function owners(tx: Tx, tenantId: string) {
  return queryRows<{ id: string; displayName: string }>(
    tx,
    sql`select distinct u.id, u.display_name as "displayName" from users u
      join role_assignments a on a.user_id = u.id and a.tenant_id = ${tenantId}
      where u.disabled_at is null order by u.display_name limit 500`,
  );
}

function filters(actor: Actor, q: MeasureListQuery): SQL[] {
  const where: SQL[] = [
    eq(measures.tenantId, actor.tenantId),
    // the links to risks and goals are content a masked measure withholds: filtering on them (like
    // free text) finds a secret measure only through a grant that sees it in full
    scopeWhere(
      actor,
      'measure',
      { unitId: sql`measures.unit_id`, systemId: sql`measures.system_id`, secret: sql`measures.secret` },
      !!q.q || !!q.riskId || !!q.goalId,
    ),
  ];
  if (!q.includeArchived) where.push(isNull(measures.archivedAt));
  if (q.status?.length)
    where.push(
      sql`${measures.status} in (${sql.join(
        q.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (q.origin) where.push(eq(measures.origin, q.origin));
  if (q.systemId) where.push(eq(measures.systemId, q.systemId));
  if (q.unitId) where.push(eq(measures.unitId, q.unitId));
  if (q.ownerUserId) where.push(eq(measures.ownerUserId, q.ownerUserId));
  if (q.riskId)
    where.push(
      sql`exists (select 1 from measure_risks l where l.tenant_id = measures.tenant_id and l.measure_id = measures.id and l.risk_id = ${q.riskId})`,
    );
  if (q.goalId)
    where.push(
      sql`exists (select 1 from measure_goals l where l.tenant_id = measures.tenant_id and l.measure_id = measures.id and l.goal_id = ${q.goalId})`,
    );
  if (q.overdue === true) where.push(sql`(measures.due_on < ${today} and measures.status not in ('done', 'cancelled'))`);
  if (q.overdue === false)
    where.push(sql`not coalesce(measures.due_on < ${today} and measures.status not in ('done', 'cancelled'), false)`);
  if (q.q) where.push(sql`(measures.title ilike ${likePattern(q.q)} or coalesce(measures.description, '') ilike ${likePattern(q.q)})`);
  return where;
}

export async function listMeasures(
  tx: Tx,
  actor: Actor,
  q: MeasureListQuery,
  sort: SortSpec<MeasureSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  const where = filters(actor, q);
  const after = keysetWhere(col, sql`${measures.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, ...extras, sortKey: cursorValue(col) })
    .from(measures)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${measures.id}`, sort.desc))
    .limit(limit + 1);
}
