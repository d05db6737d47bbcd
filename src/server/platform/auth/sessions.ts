import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sessions, tenants, users } from '../../db/schema/index.js';
import type { SessionStage } from '../../../shared/enums.js';
import type { Actor } from '../access.js';
import { grantsFromRows, grantsJson, rolesOf, type GrantRow } from './grants.js';

export const SESSION_COOKIE = 'tillit_session';

export const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export interface SessionInfo {
  actor: Actor;
  tenantName: string;
  csrfToken: string;
  idHash: string;
  stage: SessionStage;
  authMethods: string[];
  pending: unknown;
  expiresAt: Date;
}

export interface NewSession {
  userId: string;
  tenantId: string;
  stage?: SessionStage;
  authMethods: string[];
  clientAddress?: string | null;
  userAgent?: string | null;
}

// A half-finished sign-in (MFA owed) lives ten minutes at most; a full one the tenant's absolute limit.
const PENDING_MINUTES = 10;

export async function createSession(db: Db, s: NewSession) {
  // Sign-in is a natural moment to drop this user's expired sessions; nothing else needs a sweeper.
  await db.delete(sessions).where(and(eq(sessions.userId, s.userId), lte(sessions.expiresAt, sql`now()`)));
  const [tenant] = await db.select({ absoluteHours: tenants.absoluteHours }).from(tenants).where(eq(tenants.id, s.tenantId));
  const stage = s.stage ?? 'full';
  const ms = stage === 'full' ? (tenant?.absoluteHours ?? 12) * 3600_000 : PENDING_MINUTES * 60_000;
  const id = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + ms);
  await db.insert(sessions).values({
    idHash: sha256(id),
    userId: s.userId,
    tenantId: s.tenantId,
    csrfToken,
    stage,
    authMethods: s.authMethods,
    clientAddress: s.clientAddress ?? null,
    userAgent: s.userAgent?.slice(0, 300) ?? null,
    expiresAt,
  });
  return { id, csrfToken, expiresAt };
}

// A new session id for an existing session (after MFA, a privilege change or a tenant switch): the
// old cookie stops working, so a fixated or leaked id is worth nothing afterwards.
export async function rotateSession(
  db: Db,
  oldIdHash: string,
  changes: { stage?: SessionStage; authMethods?: string[]; tenantId?: string } = {},
) {
  const [old] = await db.select().from(sessions).where(eq(sessions.idHash, oldIdHash));
  if (!old) return null;
  await db.delete(sessions).where(eq(sessions.idHash, oldIdHash));
  const stage = changes.stage ?? (old.stage as SessionStage);
  const fresh = await createSession(db, {
    userId: old.userId,
    tenantId: changes.tenantId ?? old.tenantId,
    stage,
    authMethods: changes.authMethods ?? old.authMethods,
    clientAddress: old.clientAddress,
    userAgent: old.userAgent,
  });
  // The absolute limit counts from the first sign-in, not from the rotation; moving to another tenant
  // may shorten it (that tenant's own limit) but never lengthen it.
  if (old.stage === 'full' && stage === 'full') {
    const limitHere = old.createdAt.getTime() + (fresh.expiresAt.getTime() - Date.now());
    const expiresAt = new Date(Math.min(old.expiresAt.getTime(), limitHere));
    await db
      .update(sessions)
      .set({ createdAt: old.createdAt, expiresAt })
      .where(eq(sessions.idHash, sha256(fresh.id)));
    return { ...fresh, expiresAt };
  }
  return fresh;
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
      stage: sessions.stage,
      authMethods: sessions.authMethods,
      pending: sessions.pending,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      idleMinutes: tenants.idleMinutes,
      // only a full session holds its roles; a half-finished sign-in is no one yet
      grants: sql<
        GrantRow[]
      >`case when ${sessions.stage} = 'full' then ${grantsJson(sql`${sessions.userId}`, sql`${sessions.tenantId}`)} else '[]'::json end`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`), sql`${users.disabledAt} is null`))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const idleMs = Date.now() - new Date(row.lastSeenAt).getTime();
  if (idleMs > row.idleMinutes * 60_000) {
    await deleteSession(db, idHash);
    return null;
  }
  // Touch at most once a minute: a write per request would cost more than it tells.
  if (idleMs > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.idHash, idHash));
  }
  const grants = grantsFromRows(row.grants);
  return {
    actor: {
      userId: row.userId,
      tenantId: row.tenantId,
      roles: rolesOf(grants),
      grants,
      email: row.email,
      displayName: row.displayName,
    },
    tenantName: row.tenantName,
    csrfToken: row.csrfToken,
    idHash,
    stage: row.stage as SessionStage,
    authMethods: row.authMethods,
    pending: row.pending,
    expiresAt: row.expiresAt,
  };
}

export async function deleteSession(db: Db, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}
