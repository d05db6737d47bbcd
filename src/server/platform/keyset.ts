import { sql, type SQL } from 'drizzle-orm';
import { decodeCursor, encodeCursor, parseSort, type Cursor } from './http.js';

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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Reads sort and cursor from a list query; a cursor only continues the sort it was made for.
export function pageSpec<K extends string>(
  query: { sort?: string | undefined; cursor?: string | undefined },
  allowed: readonly K[],
  fallback: K,
) {
  const sort = parseSort(query.sort, allowed, fallback);
  const name = `${sort.desc ? '-' : ''}${sort.key}`;
  return { sort, name, cursor: decodeCursor(query.cursor, name) };
}

// Repositories fetch limit + 1 rows: the extra one says whether another page exists.
export function toPage<R extends { id: string; sortKey: string }, T>(
  rows: R[],
  limit: number,
  sortName: string,
  present: (r: R) => T,
): Page<T> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ s: sortName, k: last.sortKey, id: last.id }) : null;
  return { items: page.map(present), nextCursor };
}

// Walks every page of a list, one short transaction per page, for exports.
export async function* allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
