import type { Db } from '../../db/client.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { createSession, deleteSession, type SessionInfo } from '../../platform/auth/sessions.js';
import { accountKey, assertNotThrottled, clearThrottle, recordFailure, signInKeys } from '../../platform/auth/throttle.js';
import { auditSignIn } from '../../platform/auth/sign-in-audit.js';
import { Problem } from '../../platform/problems.js';
import { tenantsOf } from '../password-reset/password-reset.repository.js';
import type { Role } from '../../../shared/enums.js';
import { signInStage } from '../mfa/mfa.service.js';
import * as repo from './auth.repository.js';

export function createAuthService(db: Db) {
  return {
    // One generic failure for unknown user, wrong password, disabled account or no membership:
    // the answer must not tell which accounts exist.
    async login(email: string, password: string, client: { address?: string; userAgent?: string; requestId?: string } = {}) {
      const event = (userId: string, tenantIds: string[]) => ({
        userId,
        tenantIds,
        requestId: client.requestId ?? '',
        clientAddress: client.address,
        authenticated: false,
      });
      const failedFor = async (userId: string | undefined, reason: string) => {
        if (!userId) return;
        const tenantIds = (await tenantsOf(db, userId)).map((t) => t.id);
        await auditSignIn(db, { ...event(userId, tenantIds), action: 'auth.sign-in-failed', detail: { method: 'password', reason } });
      };
      // Throttled keys are refused before any password work (see platform/auth/throttle.ts).
      const keys = signInKeys(email, client.address);
      try {
        await assertNotThrottled(db, keys);
      } catch (err) {
        await failedFor((await repo.findUserByEmail(db, email))?.id, 'throttled');
        throw err;
      }
      const user = await repo.findUserByEmail(db, email);
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok || user.disabledAt) {
        await recordFailure(db, keys);
        // An unknown address has no tenant to tell; the throttle and the service log still see it.
        await failedFor(user?.id, !ok ? 'wrong-password' : 'disabled');
        throw new Problem('invalid-credentials');
      }
      await clearThrottle(db, [accountKey(email)]);
      const tenantId = await repo.defaultTenantOf(db, user.id);
      if (!tenantId) throw new Problem('invalid-credentials');
      // A second factor may still be owed, or have to be set up first (see mfa.policy.ts).
      const { stage, methods } = await signInStage(db, user.id);
      const session = await createSession(db, {
        userId: user.id,
        tenantId,
        stage,
        authMethods: ['password'],
        clientAddress: client.address ?? null,
        userAgent: client.userAgent ?? null,
      });
      await auditSignIn(db, {
        ...event(user.id, [tenantId]),
        authenticated: true,
        action: 'auth.sign-in',
        detail: { method: 'password', stage },
      });
      return { user: { id: user.id, email: user.email, displayName: user.displayName }, ...session, stage, methods };
    },

    logout: (idHash: string) => deleteSession(db, idHash),

    // The person's own sign-out (also "Avbryt" on a half-finished sign-in): ends the session, audited.
    async signOut(session: SessionInfo, client: { requestId: string; address: string }) {
      await deleteSession(db, session.idHash);
      await auditSignIn(db, {
        userId: session.actor.userId,
        tenantIds: [session.actor.tenantId],
        action: 'auth.sign-out',
        detail: { stage: session.stage },
        requestId: client.requestId,
        clientAddress: client.address,
        authenticated: true,
      });
    },

    // Used by the CLI and the demo seed: creates the tenant when missing, and the user when missing
    // (an existing user gets the new password), then grants the role.
    async ensureUser(opts: { tenantName: string; email: string; password: string; displayName?: string; role: Role }) {
      const tenant = await repo.findTenantByName(db, opts.tenantName);
      const tenantId = tenant?.id ?? (await repo.insertTenant(db, opts.tenantName));
      const userId = await repo.upsertUser(db, opts.email, opts.displayName ?? opts.email, await hashPassword(opts.password));
      await repo.assignRole(db, tenantId, userId, opts.role);
      return { tenantId, userId, tenantCreated: !tenant };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
