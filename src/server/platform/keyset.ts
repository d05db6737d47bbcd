import { sql, type SQL } from 'drizzle-orm';
import type { Cursor } from './http.js';

export interface SortColumn {
  expr: SQL;
  // how the cursor's text value is cast back for comparison (timestamps keep microseconds as text)
  cast: 'text' | 'timestamptz' | 'boolean';
}

// Keyset pagination over (sort expression, id): stable under inserts, no OFFSET scans.
export function keysetWhere(col: SortColumn, idCol: SQL, desc: boolean, cursor: Cursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const value = sql`cast(${String(cursor.k)} as ${sql.raw(col.cast)})`;
  return desc
    ? sql`(${col.expr}, ${idCol}) < (${value}, ${cursor.id}::uuid)`
    : sql`(${col.expr}, ${idCol}) > (${value}, ${cursor.id}::uuid)`;
}

export function keysetOrder(col: SortColumn, idCol: SQL, desc: boolean): SQL {
  return desc ? sql`${col.expr} desc, ${idCol} desc` : sql`${col.expr} asc, ${idCol} asc`;
}

export const cursorValue = (col: SortColumn) => sql<string>`(${col.expr})::text`;

// Escapes LIKE wildcards so a user's "%" or "_" is matched literally.
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
