import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens, tenants, users } from '../../db/schema/index.js';
import { roles as knownRoles, type Role } from '../../../shared/enums.js';
import type { Actor, Grant } from '../../platform/access.js';
import { loadGrants, rolesOf } from '../../platform/auth/grants.js';
import { tokenRoleAllowed } from './api-tokens.policy.js';
import { sha256, type SessionInfo } from '../../platform/auth/sessions.js';

const TOKEN_SHAPE = /^tillit_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

// The token of an `Authorization: Bearer …` header; null when the request sends no bearer (other
// schemes, such as a proxy's Basic credentials, are not ours to judge).
export function bearerOf(header: string | undefined): string | null {
  const m = header ? /^Bearer[ ]+(\S*)\s*$/i.exec(header) : null;
  return m ? (m[1] ?? '') : null;
}

// The session a valid token stands for, or null for an unknown, revoked or expired token or one whose
// creator's account is disabled: the caller answers all of these with the same generic 401.
export async function loadTokenSession(db: Db, token: string): Promise<SessionInfo | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const rows = await db
    .select({
      id: apiTokens.id,
      tenantId: apiTokens.tenantId,
      name: apiTokens.name,
      roles: apiTokens.roles,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      userId: users.id,
      email: users.email,
      tenantName: tenants.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .innerJoin(tenants, eq(tenants.id, apiTokens.tenantId))
    .where(
      and(
        eq(apiTokens.tokenHash, sha256(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  // Last use at minute precision: a write per call would cost more than it tells.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, row.id));
  }
  // A token never holds more than its creator may give today: a creator who lost a role (or left this
  // tenant) takes it from their tokens at once, and a token left with nothing is refused.
  const creatorGrants = await loadGrants(db, row.userId, row.tenantId);
  const creator: Actor = {
    userId: row.userId,
    tenantId: row.tenantId,
    roles: rolesOf(creatorGrants),
    grants: creatorGrants,
    email: row.email,
    displayName: '',
  };
  const tokenRoles = row.roles.filter(
    (r): r is Role => (knownRoles as readonly string[]).includes(r) && tokenRoleAllowed(creator, r as Role),
  );
  if (tokenRoles.length === 0) return null;
  const grants: Grant[] = tokenRoles.map((role) => ({ role, scope: { type: 'tenant' } }));
  return {
    // The creator is the actor of record, so every audit entry names a responsible person; tokenId
    // tells the services it is an integration, not that person's session.
    actor: {
      userId: row.userId,
      tenantId: row.tenantId,
      roles: tokenRoles,
      grants,
      email: row.email,
      displayName: row.name,
      tokenId: row.id,
    },
    tenantName: row.tenantName,
    csrfToken: '',
    idHash: '',
    stage: 'full',
    authMethods: ['token'],
    pending: null,
    expiresAt: row.expiresAt,
  };
}
