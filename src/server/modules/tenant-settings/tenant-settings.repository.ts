import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { sessions, tenants } from '../../db/schema/index.js';

export async function findTenant(tx: Tx, tenantId: string, lock = false) {
  const q = tx.select().from(tenants).where(eq(tenants.id, tenantId));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function updateTenant(tx: Tx, tenantId: string, values: Partial<typeof tenants.$inferInsert>) {
  await tx
    .update(tenants)
    .set({ ...values, version: sql`${tenants.version} + 1` })
    .where(eq(tenants.id, tenantId));
}

// A shorter absolute limit applies to sessions already open, not only to new ones.
export async function capSessions(tx: Tx, tenantId: string, hours: number) {
  await tx
    .update(sessions)
    .set({ expiresAt: sql`least(${sessions.expiresAt}, ${sessions.createdAt} + make_interval(hours => ${hours}))` })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.stage, 'full')));
}
