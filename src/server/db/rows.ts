import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';

export type Queryable = Pick<Db | Tx, 'execute'>;

// Raw SQL through either driver: both answer with { rows }, which Drizzle's shared type leaves unknown.
export const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  return rowsOf<T>(await q.execute(query));
}
