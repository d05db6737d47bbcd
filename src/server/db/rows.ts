import type { SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.js';

export type Queryable = Pick<Db | Tx, 'execute'>;

// Raw SQL through either driver: both answer with { rows }, which Drizzle's shared type leaves unknown.
export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  return ((await q.execute(query)) as unknown as { rows: T[] }).rows;
}
