import type { FastifyBaseLogger } from 'fastify';
import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { assertPasswordAcceptable, type PasswordContext } from '../../platform/auth/password-policy.js';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.js';
import { randomToken, rotateSession, sha256 } from '../../platform/auth/sessions.js';
import {
  accountKey,
  assertNotThrottled,
  clearThrottle,
  recordFailure,
  resetRequestKeys,
  resetThrottled,
  signInKeys,
} from '../../platform/auth/throttle.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { fieldProblem, forbidden, Problem } from '../../platform/problems.js';
import { inviteMail, resetMail } from './password-reset.mail.js';
import * as repo from './password-reset.repository.js';

export const RESET_MINUTES = 30;

// A nil id for the lookalike work done when no account matches (see requestReset).
const NOBODY = '00000000-0000-0000-0000-000000000000';

interface User {
  id: string;
  email: string;
  displayName: string;
}

const actorFor = (user: User, tenantId: string): Actor => ({
  userId: user.id,
  tenantId,
  roles: [],
  grants: [],
  email: user.email,
  displayName: user.displayName,
});

// The password is the account's, not a tenant's: the change is audited in every tenant the user
// belongs to. Runs last in the transaction, since withTenant switches to the restricted role.
async function auditInEachTenant(tx: Tx, user: User, requestId: string, action: string, after: Record<string, unknown>) {
  for (const tenant of await repo.tenantsOf(tx, user.id)) {
    await withTenant(tx, tenant.id, (t) =>
      recordAudit(t, { actor: actorFor(user, tenant.id), requestId }, { action, entityType: 'user', entityId: user.id, after }),
    );
  }
}

async function policyContext(db: Db, user: User): Promise<PasswordContext> {
  const tenants = await repo.tenantsOf(db, user.id);
  return { email: user.email, displayName: user.displayName, tenantNames: tenants.map((t) => t.name) };
}

export interface PasswordServiceOptions {
  mailer: Mailer;
  // base of the link in the mail; never the request's Host header, which a caller can choose
  publicUrl: string;
  log: FastifyBaseLogger;
}

export interface Client {
  address?: string;
  requestId: string;
}

// An invitation waits three days: people are added before they start, and check mail later.
const INVITE_HOURS = 72;

export function createPasswordService(db: Db, opts: PasswordServiceOptions) {
  return {
    // The same answer, and nearly the same work, whether or not the address has an account: the
    // mail goes out in the background, and the lookalike update below runs for nobody too.
    async requestReset(email: string, client: Client): Promise<void> {
      const keys = resetRequestKeys(email, client.address);
      await assertNotThrottled(db, keys, resetThrottled);
      await recordFailure(db, keys);
      const user = await repo.findUserByEmail(db, email);
      const eligible = !!user && !!user.passwordHash && !user.disabledAt;
      await repo.invalidateTokens(db, eligible ? user.id : NOBODY);
      if (!eligible) return;
      const token = randomToken();
      // Audited too: a run of requests nobody asked for is worth seeing in the log.
      await db.transaction(async (tx) => {
        await repo.insertToken(tx, user.id, sha256(token), RESET_MINUTES);
        await auditInEachTenant(tx, user, client.requestId, 'password-reset-requested', { validMinutes: RESET_MINUTES });
      });
      // In the fragment, not the query: browsers never send it, so it stays out of server and proxy logs.
      const link = `${opts.publicUrl}/reset-password#token=${token}`;
      void opts.mailer.send(resetMail(user.email, link, RESET_MINUTES)).catch((err: unknown) => {
        const e = err as { code?: string; responseCode?: number };
        opts.log.error(
          { code: e.code, responseCode: e.responseCode, requestId: client.requestId },
          'password reset mail could not be sent',
        );
      });
    },

    // D1-39: a person added by the coordinator chooses the first password through a single-use link
    // sent to their own address; nobody else ever knows it. Only for accounts without a password
    // (the others use "forgot password"). Earlier links of the user stop working.
    async invite(user: { id: string; email: string }, organisation: string, client: Client): Promise<void> {
      if (opts.mailer.kind === 'none')
        throw new Problem('unavailable', {
          sv: 'Servern kan inte skicka e-post (TILLIT_SMTP_URL saknas), så inbjudan kan inte skickas.',
          en: 'The server cannot send e-mail (TILLIT_SMTP_URL is not set), so the invitation cannot be sent.',
        });
      const token = randomToken();
      await db.transaction(async (tx) => {
        await repo.invalidateTokens(tx, user.id);
        await repo.insertToken(tx, user.id, sha256(token), INVITE_HOURS * 60);
      });
      const link = `${opts.publicUrl}/reset-password#token=${token}`;
      await opts.mailer.send(inviteMail(user.email, link, INVITE_HOURS, organisation)).catch((err: unknown) => {
        const e = err as { code?: string; responseCode?: number };
        opts.log.error({ code: e.code, responseCode: e.responseCode, requestId: client.requestId }, 'invitation mail could not be sent');
        throw new Problem('unavailable', {
          sv: 'Inbjudan kunde inte skickas just nu. Försök igen om en stund.',
          en: 'The invitation could not be sent right now. Try again shortly.',
        });
      });
    },

    async confirmReset(token: string, password: string, client: Client): Promise<void> {
      const tokenHash = sha256(token);
      const user = await repo.findTokenUser(db, tokenHash);
      if (!user) throw new Problem('invalid-token');
      assertPasswordAcceptable('password', password, await policyContext(db, user));
      const hash = await hashPassword(password);
      await db.transaction(async (tx) => {
        // The conditional update makes the link single-use even for two requests at once.
        if (!(await repo.consumeToken(tx, tokenHash, user.id))) throw new Problem('invalid-token');
        const changedAt = await repo.setPasswordHash(tx, user.id, hash);
        await repo.invalidateTokens(tx, user.id);
        const sessionsEnded = await repo.endSessions(tx, user.id);
        // Whoever locked the account out by guessing no longer keeps its owner out.
        await clearThrottle(tx, [accountKey(user.email)]);
        await auditInEachTenant(tx, user, client.requestId, 'password-reset', {
          passwordChangedAt: changedAt.toISOString(),
          sessionsEnded,
        });
      });
    },

    // Needs the current password (a session left open on a shared computer is not enough); a wrong
    // one counts as a failed sign-in. The other sessions end; this one gets a new id.
    async changePassword(
      actor: Actor,
      sessionIdHash: string,
      input: { currentPassword: string; newPassword: string },
      client: Client,
    ): Promise<{ id: string; csrfToken: string; expiresAt: Date }> {
      // A person's own act: an API token acting for its creator may not change the creator's password.
      if (actor.tokenId) throw forbidden();
      const keys = signInKeys(actor.email, client.address);
      await assertNotThrottled(db, keys);
      const user = await repo.findUserById(db, actor.userId);
      if (!user?.passwordHash) {
        throw fieldProblem(
          'currentPassword',
          'no_local_password',
          'Ditt konto har inget eget lösenord i Tillit; du loggar in via din organisations inloggning.',
          'Your account has no password of its own in Tillit; you sign in through your organisation’s sign-in.',
        );
      }
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await recordFailure(db, keys);
        throw fieldProblem(
          'currentPassword',
          'wrong_password',
          'Det nuvarande lösenordet stämmer inte. Skriv lösenordet du loggade in med.',
          'The current password is not right. Type the password you signed in with.',
        );
      }
      await clearThrottle(db, [accountKey(user.email)]);
      if (input.newPassword.normalize('NFC') === input.currentPassword.normalize('NFC')) {
        throw fieldProblem(
          'newPassword',
          'same_as_current',
          'Det nya lösenordet är samma som det nuvarande. Välj ett nytt.',
          'The new password is the same as the current one. Choose a new one.',
        );
      }
      assertPasswordAcceptable('newPassword', input.newPassword, await policyContext(db, user));
      const hash = await hashPassword(input.newPassword);
      return db.transaction(async (tx) => {
        const changedAt = await repo.setPasswordHash(tx, user.id, hash);
        const sessionsEnded = await repo.endSessions(tx, user.id, sessionIdHash);
        await repo.invalidateTokens(tx, user.id);
        const fresh = await rotateSession(tx, sessionIdHash);
        if (!fresh) throw new Problem('unauthenticated');
        await auditInEachTenant(tx, user, client.requestId, 'password-change', {
          passwordChangedAt: changedAt.toISOString(),
          sessionsEnded,
        });
        return fresh;
      });
    },
  };
}

export type PasswordService = ReturnType<typeof createPasswordService>;
