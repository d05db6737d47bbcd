import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit } from '../../platform/audit.js';
import { strongAuthMethods } from '../../platform/auth/mfa-rule.js';
import { rotateSession, type SessionInfo } from '../../platform/auth/sessions.js';
import { notFound, Problem } from '../../platform/problems.js';
import { listSessions } from '../users/users.repository.js';
import { presentSession } from '../users/users.presenter.js';
import * as repo from './account.repository.js';

const strongMethods: ReadonlySet<string> = new Set(strongAuthMethods);

// The signed-in person's own sessions and organisations. Every call acts on the caller only, and
// what changes a session is audited in the tenant the session was in.
export function createAccountService(db: Db) {
  const audit = (s: SessionInfo, requestId: string, action: string, after: Record<string, unknown>) =>
    withTenant(db, s.actor.tenantId, (tx) =>
      recordAudit(tx, { actor: s.actor, requestId }, { action, entityType: 'user', entityId: s.actor.userId, after }),
    );

  return {
    async sessions(s: SessionInfo) {
      const rows = await db.transaction((tx) => listSessions(tx, { userId: s.actor.userId }));
      return { items: rows.map((r) => presentSession(r, s.idHash)) };
    },

    // Returns whether the ended session was the caller's own (then the cookie goes too).
    async endSession(s: SessionInfo, publicId: string, requestId: string): Promise<{ current: boolean }> {
      const idHash = await repo.endOwnSession(db, s.actor.userId, publicId);
      if (!idHash) throw notFound();
      await audit(s, requestId, 'session.end', { session: publicId });
      return { current: idHash === s.idHash };
    },

    async endOthers(s: SessionInfo, requestId: string): Promise<number> {
      const n = await repo.endOtherSessions(db, s.actor.userId, s.idHash);
      await audit(s, requestId, 'session.end-others', { sessionsEnded: n });
      return n;
    },

    async memberships(s: SessionInfo) {
      const rows = await repo.memberships(db, s.actor.userId);
      return { items: rows.map((t) => ({ ...t, current: t.id === s.actor.tenantId })) };
    },

    // A joint IT organisation's staff switch tenant without signing in again: the session moves to
    // the other tenant under a new id (rotation on privilege change). A tenant that demands a second
    // factor the session never showed gets a fresh sign-in instead.
    async switchTenant(s: SessionInfo, tenantId: string, requestId: string) {
      const target = (await repo.memberships(db, s.actor.userId)).find((t) => t.id === tenantId);
      if (!target) throw notFound();
      const idp = s.authMethods.find((m) => m.startsWith('idp:'))?.slice(4);
      if (idp && !(await repo.idpTrustedIn(db, idp, s.actor.userId, tenantId)))
        throw new Problem('forbidden', {
          sv: `Du loggade in via en annan organisations inloggningstjänst. Logga in via ${target.name}s inloggning för att komma dit.`,
          en: `You signed in through another organisation's identity provider. Sign in through ${target.name}'s sign-in to go there.`,
        });
      if ((await repo.mfaRequiredIn(db, tenantId, s.actor.userId)) && !s.authMethods.some((m) => strongMethods.has(m)))
        throw new Problem('forbidden', {
          sv: `${target.name} kräver tvåstegsverifiering. Logga ut och logga in igen med tvåstegsverifiering.`,
          en: `${target.name} requires two-step verification. Sign out and sign in again with two-step verification.`,
        });
      const fresh = await rotateSession(db, s.idHash, { tenantId });
      if (!fresh) throw new Problem('unauthenticated');
      await audit(s, requestId, 'session.switch-tenant', { to: tenantId });
      return { ...fresh, tenant: { id: target.id, name: target.name } };
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
