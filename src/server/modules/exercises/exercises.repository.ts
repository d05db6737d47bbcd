import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { exercises } from '../../db/schema/index.js';
import { readClauses, type Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import type { ExerciseListQuery, exerciseSorts } from './exercises.schemas.js';

type ExerciseSort = (typeof exerciseSorts)[number];
export type ExerciseRow = typeof exercises.$inferSelect;

const uuids = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

const columns = getTableColumns(exercises);

const sortColumns: Record<ExerciseSort, SortColumn> = {
  heldOn: { expr: sql`${exercises.heldOn}::text`, cast: 'text' },
  title: { expr: sql`lower(${exercises.title})`, cast: 'text' },
  updatedAt: { expr: sql`${exercises.updatedAt}`, cast: 'timestamptz' },
};

// The list filter matching the service's reach: a tenant-wide grant reaches every exercise, a unit or
// systems grant those that cover one of its systems.
function reachWhere(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const c of readClauses(actor, 'exercise')) {
    if (c.all) parts.push(sql`true`);
    if (c.unitIds.length)
      parts.push(sql`exists (select 1 from systems s where s.tenant_id = exercises.tenant_id and s.id = any(exercises.system_ids)
        and s.responsible_unit_id = any(${uuids(c.unitIds)}))`);
    if (c.systemIds.length) parts.push(sql`exercises.system_ids && ${uuids(c.systemIds)}`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function findExercise(tx: Tx, tenantId: string, id: string): Promise<ExerciseRow | null> {
  const rows = await tx
    .select()
    .from(exercises)
    .where(and(eq(exercises.tenantId, tenantId), eq(exercises.id, id)));
  return rows[0] ?? null;
}

export async function lockExercise(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: exercises.version })
    .from(exercises)
    .where(and(eq(exercises.tenantId, tenantId), eq(exercises.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function insertExercise(tx: Tx, values: typeof exercises.$inferInsert): Promise<string> {
  const [row] = await tx.insert(exercises).values(values).returning({ id: exercises.id });
  return row!.id;
}

export async function updateExercise(tx: Tx, tenantId: string, id: string, values: Partial<typeof exercises.$inferInsert>) {
  await tx
    .update(exercises)
    .set({ ...values, version: sql`${exercises.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(exercises.tenantId, tenantId), eq(exercises.id, id)));
}

export async function listExercises(
  tx: Tx,
  actor: Actor,
  q: ExerciseListQuery,
  sort: SortSpec<ExerciseSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const where: SQL[] = [eq(exercises.tenantId, actor.tenantId), reachWhere(actor)];
  if (!q.includeArchived) where.push(isNull(exercises.archivedAt));
  if (q.kind) where.push(eq(exercises.kind, q.kind));
  if (q.systemId) where.push(sql`${q.systemId}::uuid = any(exercises.system_ids)`);
  const col = sortColumns[sort.key];
  const after = keysetWhere(col, sql`${exercises.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, sortKey: cursorValue(col) })
    .from(exercises)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${exercises.id}`, sort.desc))
    .limit(limit + 1);
}

// The measures made from exercises' lessons, with what decides whether the viewer sees their titles.
export async function measuresOf(tx: Tx, tenantId: string, exerciseIds: readonly string[]) {
  if (!exerciseIds.length) return [];
  return queryRows<{
    id: string;
    exerciseId: string;
    title: string;
    status: string;
    unitId: string | null;
    systemId: string | null;
    secret: boolean;
  }>(
    tx,
    sql`select id, origin_id as "exerciseId", title, status, unit_id as "unitId", system_id as "systemId", secret from measures
      where tenant_id = ${tenantId} and origin = 'exercise' and origin_id = any(${uuids(exerciseIds)}) and archived_at is null
      order by created_at, id`,
  );
}
