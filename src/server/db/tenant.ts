import { sql } from 'drizzle-orm';
import type { Db, Tx } from './client.js';

// Every tenant-scoped unit of work runs in one transaction as the restricted role with the tenant
// set, so row-level security holds even if a repository forgets its tenant filter.
export function withTenant<T>(db: Db, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'tillit_app', true)`);
    return work(tx);
  });
}
