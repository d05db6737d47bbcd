import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { hasStrongMethod, tenantDemandsMfa } from '../../platform/auth/mfa-rule.js';
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

// A new MFA demand applies to sessions already open: those of people it now covers that were
// opened with a password alone end, so the next sign-in asks for (or sets up) the second factor.
// The person making the change keeps theirs (they are asked at their next sign-in), so saving the
// setting does not throw them out mid-work.
export async function endSessionsLackingMfa(tx: Tx, tenantId: string, exceptUserId: string): Promise<number> {
  const res = (await tx.execute(sql`delete from sessions s using tenants t
    where s.tenant_id = ${tenantId} and t.id = s.tenant_id and s.stage = 'full' and s.user_id <> ${exceptUserId}
      and not ${hasStrongMethod(sql`s.auth_methods`)} and ${tenantDemandsMfa('t', sql`s.user_id`)}
    returning s.public_id`)) as unknown as { rows: unknown[] };
  return res.rows.length;
}
