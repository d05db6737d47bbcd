import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { policyGoals } from '../../db/schema/index.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import type { PolicyGoalListQuery, policyGoalSorts } from './policy-goals.schemas.js';

type Sort = (typeof policyGoalSorts)[number];
const sortColumns: Record<Sort, SortColumn> = {
  code: { expr: sql`lower(${policyGoals.code})`, cast: 'text' },
  updatedAt: { expr: sql`${policyGoals.updatedAt}`, cast: 'timestamptz' },
};

const measureCount = sql<number>`(select count(*)::int from measure_goals l join measures m on m.tenant_id = l.tenant_id and m.id = l.measure_id
  where l.tenant_id = policy_goals.tenant_id and l.goal_id = policy_goals.id and m.archived_at is null)`;

const columns = { ...getTableColumns(policyGoals), measureCount };
export type PolicyGoalRow = typeof policyGoals.$inferSelect & { measureCount: number };

export async function findGoal(tx: Tx, tenantId: string, id: string): Promise<PolicyGoalRow | null> {
  const rows = await tx
    .select(columns)
    .from(policyGoals)
    .where(and(eq(policyGoals.tenantId, tenantId), eq(policyGoals.id, id)));
  return rows[0] ?? null;
}

export async function lockGoal(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: policyGoals.version })
    .from(policyGoals)
    .where(and(eq(policyGoals.tenantId, tenantId), eq(policyGoals.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function codeTaken(tx: Tx, tenantId: string, code: string, exceptId?: string): Promise<boolean> {
  const rows = await tx
    .select({ id: policyGoals.id })
    .from(policyGoals)
    .where(and(eq(policyGoals.tenantId, tenantId), sql`lower(${policyGoals.code}) = lower(${code})`));
  return rows.some((r) => r.id !== exceptId);
}

export async function insertGoal(tx: Tx, tenantId: string, v: { code: string; text: string; source?: string | null }): Promise<string> {
  const [row] = await tx
    .insert(policyGoals)
    .values({ ...v, tenantId })
    .returning({ id: policyGoals.id });
  return row!.id;
}

export async function updateGoal(tx: Tx, tenantId: string, id: string, values: Partial<typeof policyGoals.$inferInsert>) {
  await tx
    .update(policyGoals)
    .set({ ...values, version: sql`${policyGoals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(policyGoals.tenantId, tenantId), eq(policyGoals.id, id)));
}

export async function listGoals(
  tx: Tx,
  tenantId: string,
  q: PolicyGoalListQuery,
  sort: SortSpec<Sort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  const where: SQL[] = [eq(policyGoals.tenantId, tenantId)];
  if (!q.includeArchived) where.push(isNull(policyGoals.archivedAt));
  if (q.q) where.push(sql`(${policyGoals.code} ilike ${likePattern(q.q)} or ${policyGoals.text} ilike ${likePattern(q.q)})`);
  const after = keysetWhere(col, sql`${policyGoals.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, sortKey: cursorValue(col) })
    .from(policyGoals)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${policyGoals.id}`, sort.desc))
    .limit(limit + 1);
}
