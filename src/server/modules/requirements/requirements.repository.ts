import { and, eq, getTableColumns, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { requirements } from '../../db/schema/index.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import type { RequirementListQuery, requirementSorts } from './requirements.schemas.js';

export type RequirementRow = typeof requirements.$inferSelect;
export type RequirementSort = (typeof requirementSorts)[number];
export type RequirementValues = Pick<RequirementRow, 'code' | 'text' | 'aspect' | 'minLevel'> &
  Partial<Pick<RequirementRow, 'guidance' | 'kind' | 'area' | 'source'>>;

const sortColumns: Record<RequirementSort, SortColumn> = {
  code: { expr: sql`lower(${requirements.code})`, cast: 'text' },
  updatedAt: { expr: sql`${requirements.updatedAt}`, cast: 'timestamptz' },
  createdAt: { expr: sql`${requirements.createdAt}`, cast: 'timestamptz' },
};

const columns = getTableColumns(requirements);

export async function findRequirement(tx: Tx, tenantId: string, id: string): Promise<RequirementRow | null> {
  const rows = await tx
    .select()
    .from(requirements)
    .where(and(eq(requirements.tenantId, tenantId), eq(requirements.id, id)));
  return rows[0] ?? null;
}

export async function lockRequirement(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: requirements.version })
    .from(requirements)
    .where(and(eq(requirements.tenantId, tenantId), eq(requirements.id, id)))
    .for('update');
  return rows[0] ?? null;
}

// Codes are unique per tenant whatever their case (the unique index is on lower(code)).
export async function idsByCode(tx: Tx, tenantId: string, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const lowered = codes.map((c) => c.toLowerCase());
  const rows = await tx
    .select({ id: requirements.id, code: requirements.code })
    .from(requirements)
    .where(and(eq(requirements.tenantId, tenantId), inArray(sql`lower(${requirements.code})`, lowered)));
  return new Map(rows.map((r) => [r.code.toLowerCase(), r.id]));
}

export async function insertRequirements(tx: Tx, tenantId: string, values: readonly RequirementValues[]): Promise<RequirementRow[]> {
  if (values.length === 0) return [];
  return tx
    .insert(requirements)
    .values(values.map((v) => ({ ...v, tenantId })))
    .returning();
}

export async function updateRequirement(tx: Tx, tenantId: string, id: string, values: Partial<RequirementRow>) {
  await tx
    .update(requirements)
    .set({ ...values, version: sql`${requirements.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(requirements.tenantId, tenantId), eq(requirements.id, id)));
}

function filters(tenantId: string, q: RequirementListQuery): SQL[] {
  const where: SQL[] = [eq(requirements.tenantId, tenantId)];
  if (!q.includeArchived) where.push(isNull(requirements.archivedAt));
  if (q.aspect) where.push(eq(requirements.aspect, q.aspect));
  if (q.kind) where.push(eq(requirements.kind, q.kind));
  if (q.area) where.push(eq(requirements.area, q.area));
  if (q.minLevel) where.push(lte(requirements.minLevel, q.minLevel));
  if (q.q) {
    const p = likePattern(q.q);
    where.push(sql`(${requirements.code} ilike ${p} or ${requirements.text} ilike ${p} or ${requirements.guidance} ilike ${p})`);
  }
  return where;
}

export async function listRequirements(
  tx: Tx,
  tenantId: string,
  q: RequirementListQuery,
  sort: SortSpec<RequirementSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  const where = filters(tenantId, q);
  const after = keysetWhere(col, sql`${requirements.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, sortKey: cursorValue(col) })
    .from(requirements)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${requirements.id}`, sort.desc))
    .limit(limit + 1);
}
