import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sessions, tenants, users } from '../../db/schema/index.js';
import { roles as knownRoles, type Role } from '../../../shared/enums.js';
import type { Actor } from '../access.js';

export const SESSION_COOKIE = 'tillit_session';

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export interface SessionInfo {
  actor: Actor;
  tenantName: string;
  csrfToken: string;
  idHash: string;
}

export async function createSession(db: Db, userId: string, tenantId: string, hours: number) {
  // Sign-in is a natural moment to drop this user's expired sessions; nothing else needs a sweeper.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, sql`now()`)));
  const id = token();
  const csrfToken = token();
  await db.insert(sessions).values({
    idHash: sha256(id),
    userId,
    tenantId,
    csrfToken,
    expiresAt: new Date(Date.now() + hours * 3600_000),
  });
  return { id, csrfToken };
}

export async function loadSession(db: Db, cookieValue: string): Promise<SessionInfo | null> {
  const idHash = sha256(cookieValue);
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      tenantId: sessions.tenantId,
      tenantName: tenants.name,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      roles: sql<string[]>`coalesce((select array_agg(ra.role) from role_assignments ra
        where ra.user_id = sessions.user_id and ra.tenant_id = sessions.tenant_id), '{}')`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`), sql`${users.disabledAt} is null`))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  // Touch at most once a minute: a write per request would cost more than it tells.
  if (Date.now() - new Date(row.lastSeenAt).getTime() > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.idHash, idHash));
  }
  const roles = row.roles.filter((r): r is Role => (knownRoles as readonly string[]).includes(r));
  return {
    actor: { userId: row.userId, tenantId: row.tenantId, roles, email: row.email, displayName: row.displayName },
    tenantName: row.tenantName,
    csrfToken: row.csrfToken,
    idHash,
  };
}

export async function deleteSession(db: Db, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}
