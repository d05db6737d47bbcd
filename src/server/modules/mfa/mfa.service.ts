import { createHash, randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit, type AuditEntry } from '../../platform/audit.js';
import { rotateSession, type SessionInfo } from '../../platform/auth/sessions.js';
import { assertNotThrottled, clearThrottle, recordFailure, Throttled, type ThrottleKey } from '../../platform/auth/throttle.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import { accountById } from '../../platform/auth/accounts.js';
import { verifyPassword } from '../../platform/auth/passwords.js';
import {
  hasFactor,
  MAX_CODE_FAILURES,
  mayComplete,
  mayEnrol,
  mayRemove,
  methodsOf,
  mfaRequired,
  stageAfterPassword,
  type Factors,
} from './mfa.policy.js';
import * as repo from './mfa.repository.js';
import type { MfaMethod, PasskeyOut, StatusOut } from './mfa.schemas.js';

// Where WebAuthn ceremonies happen: the RP ID (a domain) and the exact origin the browser reports.
export interface RelyingParty {
  rpID: string;
  origin: string;
}

const ISSUER = 'Tillit';

// Five wrong answers end one half-finished sign-in, but whoever knows the password can start
// another: this key counts wrong answers per account across sign-ins (10 free, then 1–16 s apart,
// the 20th locks for 15 minutes and each one after re-locks), so guessing a 6-digit code stays
// hopeless (about a hundred tries a day). A correct answer clears it.
const mfaKey = (userId: string): ThrottleKey => ({
  key: `mfa:${userId}`,
  rule: { free: 10, baseDelayS: 1, maxDelayS: 16, lockAt: 20, lockS: 15 * 60, forgetAfterS: 24 * 3600 },
});
const mfaThrottled = (s: number) =>
  new Throttled(s, {
    sv: `För många felaktiga koder. Vänta ${s < 60 ? `${s} sekunder` : `${Math.ceil(s / 60)} minuter`} och försök igen.`,
    en: `Too many wrong codes. Wait ${s < 60 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`} and try again.`,
  });
const CHALLENGE_MS = 5 * 60_000;
const RECOVERY_CODE_COUNT = 10;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

async function factorsOf(db: Db | Tx, userId: string): Promise<Factors> {
  const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
    repo.findTotp(db, userId),
    repo.listPasskeys(db, userId),
    repo.recoveryCodesLeft(db, userId),
  ]);
  return { totp: !!totp?.confirmedAt, passkeys: passkeys.length, recoveryCodesLeft };
}

const requiredFor = async (db: Db | Tx, userId: string) => mfaRequired(await repo.tenantRequirements(db, userId));

// The sign-in step after a correct password (used by the auth module's login).
export async function signInStage(db: Db, userId: string) {
  const [factors, required] = await Promise.all([factorsOf(db, userId), requiredFor(db, userId)]);
  return stageAfterPassword(factors, required);
}

function totpOf(secretBase32: string, label: string) {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

// The 30-second step a code belongs to (now, or one step either side for clock drift), or null.
function stepOf(totp: TOTP, code: string, now = Date.now()): number | null {
  const token = code.replace(/[\s-]/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp.validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

// 10 base32 characters (50 bits) shown as xxxx-xxxx-xx; 32 divides 256, so `byte & 31` is unbiased.
function newRecoveryCode(): string {
  const chars = [...randomBytes(10)].map((b) => BASE32[b & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const hashRecoveryCode = (code: string) => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');

function presentPasskey(p: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }): PasskeyOut {
  return { id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null };
}

const wrongStage = () => new Problem('mfa-wrong-stage');

function requireStage(session: SessionInfo, ok: (stage: SessionInfo['stage']) => boolean) {
  if (!ok(session.stage)) throw wrongStage();
}

function requireFull(session: SessionInfo) {
  if (session.stage !== 'full') throw new Problem('unauthenticated');
}

export function createMfaService(db: Db, box: SecretBox) {
  // The change and its audit entry in one tenant transaction: they commit or fail together.
  async function audited<T>(
    session: SessionInfo,
    requestId: string,
    entry: Omit<AuditEntry, 'entityType' | 'entityId'>,
    work: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    const { actor } = session;
    return withTenant(db, actor.tenantId, async (tx) => {
      const out = await work(tx);
      await recordAudit(tx, { actor, requestId }, { ...entry, entityType: 'user', entityId: actor.userId });
      return out;
    });
  }

  // A wrong answer at the sign-in step: the fifth ends the half-finished sign-in.
  async function failed(session: SessionInfo, requestId: string, kind: 'invalid-mfa-code' | 'invalid-passkey'): Promise<never> {
    await recordFailure(db, [mfaKey(session.actor.userId)]);
    const failures = await repo.addCodeFailure(db, session.idHash);
    await audited(session, requestId, { action: 'auth.mfa-failed', after: { kind, failures } }, async () => {});
    if (failures >= MAX_CODE_FAILURES) {
      await audited(session, requestId, { action: 'mfa.locked', after: { failures } }, (tx) => repo.endSession(tx, session.idHash));
      throw new Problem('mfa-locked');
    }
    throw new Problem(kind);
  }

  const complete = async (session: SessionInfo, method: MfaMethod, requestId: string) => {
    await clearThrottle(db, [mfaKey(session.actor.userId)]);
    await audited(session, requestId, { action: 'auth.mfa-passed', after: { method } }, async () => {});
    const fresh = await rotateSession(db, session.idHash, { stage: 'full', authMethods: [...session.authMethods, method] });
    if (!fresh) throw new Problem('unauthenticated');
    return fresh;
  };

  // The confirmed TOTP of the user and the step a code matches, without using it up.
  async function matchTotp(session: SessionInfo, code: string) {
    const row = await repo.findTotp(db, session.actor.userId);
    if (!row?.confirmedAt) return null;
    return stepOf(totpOf(box.open(row.secretEnc), session.actor.email), code);
  }

  // A current code from the app, used once (replay refused): the re-check before changing factors.
  async function recheckTotp(session: SessionInfo, code: string) {
    const step = await matchTotp(session, code);
    if (step === null || !(await repo.claimTotpStep(db, session.actor.userId, step))) throw new Problem('invalid-mfa-code');
  }

  async function status(session: SessionInfo): Promise<StatusOut> {
    const userId = session.actor.userId;
    const [totp, passkeys, left, required, account] = await Promise.all([
      repo.findTotp(db, userId),
      repo.listPasskeys(db, userId),
      repo.recoveryCodesLeft(db, userId),
      requiredFor(db, userId),
      accountById(db, userId),
    ]);
    const enabled = !!totp?.confirmedAt;
    return {
      totp: { enabled, confirmedAt: totp?.confirmedAt?.toISOString() ?? null },
      recoveryCodesLeft: enabled || passkeys.length > 0 ? left : 0,
      passkeys: passkeys.map(presentPasskey),
      required,
      hasPassword: !!account?.passwordHash,
    };
  }

  return {
    // What the web app needs to show the right step after a reload (the in-memory CSRF token is gone).
    async pending(session: SessionInfo) {
      const methods = session.stage === 'mfa' ? methodsOf(await factorsOf(db, session.actor.userId)) : [];
      return {
        stage: session.stage,
        methods,
        user: { email: session.actor.email, displayName: session.actor.displayName },
        csrfToken: session.csrfToken,
      };
    },

    async status(session: SessionInfo): Promise<StatusOut> {
      requireStage(session, mayEnrol);
      return status(session);
    },

    async verifyCode(session: SessionInfo, method: 'totp' | 'recovery', code: string, requestId: string) {
      requireStage(session, mayComplete);
      const userId = session.actor.userId;
      await assertNotThrottled(db, [mfaKey(userId)], mfaThrottled);
      let ok = false;
      if (method === 'totp') {
        const step = await matchTotp(session, code);
        ok = step !== null && (await repo.claimTotpStep(db, userId, step));
      } else if (/^[a-z2-7]{10}$/.test(normaliseRecoveryCode(code))) {
        // Used only if the rest of the sign-in step goes through with it (audit in the same transaction).
        ok = await audited(session, requestId, { action: 'mfa.recovery-code.use' }, async (tx) => {
          const used = await repo.useRecoveryCode(tx, userId, hashRecoveryCode(code));
          if (!used) throw new NotUsed();
          return true;
        }).catch((e: unknown) => {
          if (e instanceof NotUsed) return false;
          throw e;
        });
      }
      if (!ok) return failed(session, requestId, 'invalid-mfa-code');
      return complete(session, method, requestId);
    },

    async authenticationOptions(session: SessionInfo, rp: RelyingParty) {
      requireStage(session, mayComplete);
      const passkeys = await repo.listPasskeys(db, session.actor.userId);
      if (passkeys.length === 0) throw notFound();
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        allowCredentials: passkeys.map((p) => ({ id: p.id, transports: p.transports })),
        // a second factor after the password: presence of the key is what counts
        userVerification: 'discouraged',
      });
      await repo.putChallenge(db, session.idHash, {
        challenge: options.challenge,
        purpose: 'authentication',
        expiresAt: Date.now() + CHALLENGE_MS,
      });
      return options;
    },

    async verifyPasskey(session: SessionInfo, response: AuthenticationResponseJSON, rp: RelyingParty, requestId: string) {
      requireStage(session, mayComplete);
      const userId = session.actor.userId;
      await assertNotThrottled(db, [mfaKey(userId)], mfaThrottled);
      const challenge = await repo.takeChallenge(db, session.idHash);
      const cred = await repo.findPasskey(db, userId, response.id);
      if (!challenge || challenge.purpose !== 'authentication' || challenge.expiresAt < Date.now() || !cred) {
        return failed(session, requestId, 'invalid-passkey');
      }
      let newCounter: number;
      try {
        const result = await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge.challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          credential: { id: cred.id, publicKey: isoBase64URL.toBuffer(cred.publicKey), counter: cred.counter, transports: cred.transports },
          requireUserVerification: false,
        });
        if (!result.verified) throw new Error('not verified');
        newCounter = result.authenticationInfo.newCounter;
      } catch {
        return failed(session, requestId, 'invalid-passkey');
      }
      await repo.touchPasskey(db, userId, cred.id, newCounter);
      return complete(session, 'webauthn', requestId);
    },

    async setupTotp(session: SessionInfo, requestId: string) {
      requireStage(session, mayEnrol);
      const secret = new Secret({ size: 20 }).base32;
      await audited(session, requestId, { action: 'mfa.totp.setup' }, async (tx) => {
        if (!(await repo.putUnconfirmedTotp(tx, session.actor.userId, box.seal(secret)))) throw new Problem('mfa-already-enabled');
      });
      const otpauthUrl = totpOf(secret, session.actor.email).toString();
      const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { secret, otpauthUrl, qrSvg };
    },

    // Confirms the app with a first code and issues the recovery codes (shown once). An enrolling
    // session is then signed in: it gets a new id.
    async confirmTotp(session: SessionInfo, code: string, requestId: string) {
      requireStage(session, mayEnrol);
      const userId = session.actor.userId;
      const row = await repo.findTotp(db, userId);
      if (!row) throw notFound();
      if (row.confirmedAt) throw new Problem('mfa-already-enabled');
      const step = stepOf(totpOf(box.open(row.secretEnc), session.actor.email), code);
      if (step === null) throw new Problem('invalid-mfa-code');
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await audited(session, requestId, { action: 'mfa.totp.enable', after: { recoveryCodes: codes.length } }, async (tx) => {
        if (!(await repo.confirmTotp(tx, userId, step))) throw new Problem('mfa-already-enabled');
        await repo.replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
      });
      const fresh = session.stage === 'enrol' ? await complete(session, 'totp', requestId) : null;
      return { recoveryCodes: codes, fresh };
    },

    // Re-check: a current code from the app (it proves the factor is still at hand, which a stolen
    // session cookie does not).
    async regenerateRecoveryCodes(session: SessionInfo, code: string, requestId: string) {
      requireFull(session);
      const row = await repo.findTotp(db, session.actor.userId);
      if (!row?.confirmedAt) {
        throw new Problem('conflict', {
          sv: 'Återställningskoder hör till appen för engångskoder. Koppla en app först.',
          en: 'Recovery codes belong to the authenticator app. Set up an app first.',
        });
      }
      await recheckTotp(session, code);
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await audited(session, requestId, { action: 'mfa.recovery-codes.regenerate', after: { recoveryCodes: codes.length } }, (tx) =>
        repo.replaceRecoveryCodes(tx, session.actor.userId, codes.map(hashRecoveryCode)),
      );
      return codes;
    },

    async removeTotp(session: SessionInfo, code: string, requestId: string) {
      requireFull(session);
      const userId = session.actor.userId;
      const [factors, required] = await Promise.all([factorsOf(db, userId), requiredFor(db, userId)]);
      if (!factors.totp) throw notFound();
      if (!mayRemove(factors, required, 'totp')) throw new Problem('mfa-last-factor');
      await recheckTotp(session, code);
      await audited(session, requestId, { action: 'mfa.totp.remove', before: { totp: true } }, async (tx) => {
        await repo.deleteTotp(tx, userId);
        // Recovery codes stand in for a factor; with none left they would only be a way in.
        if (factors.passkeys === 0) await repo.replaceRecoveryCodes(tx, userId, []);
      });
      return status(session);
    },

    async registrationOptions(session: SessionInfo, rp: RelyingParty) {
      requireStage(session, mayEnrol);
      const { actor } = session;
      const existing = await repo.listPasskeys(db, actor.userId);
      const options = await generateRegistrationOptions({
        rpName: ISSUER,
        rpID: rp.rpID,
        userName: actor.email,
        userDisplayName: actor.displayName,
        // the user handle is our user id: opaque, and the same for every key of the user
        userID: Buffer.from(actor.userId.replace(/-/g, ''), 'hex'),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await repo.putChallenge(db, session.idHash, {
        challenge: options.challenge,
        purpose: 'registration',
        expiresAt: Date.now() + CHALLENGE_MS,
      });
      return options;
    },

    async registerPasskey(session: SessionInfo, response: RegistrationResponseJSON, name: string, rp: RelyingParty, requestId: string) {
      requireStage(session, mayEnrol);
      const challenge = await repo.takeChallenge(db, session.idHash);
      if (!challenge || challenge.purpose !== 'registration' || challenge.expiresAt < Date.now()) {
        throw new Problem('passkey-not-registered');
      }
      let credential;
      try {
        const result = await verifyRegistrationResponse({
          response,
          expectedChallenge: challenge.challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          requireUserVerification: false,
        });
        if (!result.verified) throw new Error('not verified');
        credential = result.registrationInfo.credential;
      } catch {
        throw new Problem('passkey-not-registered');
      }
      if (await repo.passkeyExists(db, credential.id)) throw new Problem('conflict');
      const row = await audited(session, requestId, { action: 'mfa.passkey.add', after: { passkeyId: credential.id, name } }, (tx) =>
        repo.insertPasskey(tx, {
          id: credential.id,
          userId: session.actor.userId,
          name,
          publicKey: isoBase64URL.fromBuffer(credential.publicKey),
          counter: credential.counter,
          transports: (credential.transports ?? []).map(String).slice(0, 10),
        }),
      );
      const fresh = session.stage === 'enrol' ? await complete(session, 'webauthn', requestId) : null;
      return { passkey: presentPasskey(row), fresh };
    },

    async removePasskey(session: SessionInfo, id: string, password: string | undefined, requestId: string) {
      requireFull(session);
      const userId = session.actor.userId;
      const passkey = await repo.findPasskey(db, userId, id);
      if (!passkey) throw notFound();
      const account = await accountById(db, userId);
      if (account?.passwordHash && !(await verifyPassword(account.passwordHash, password ?? '')))
        throw fieldProblem('password', 'wrong_password', 'Lösenordet stämmer inte.', 'The password is not right.');
      const [factors, required] = await Promise.all([factorsOf(db, userId), requiredFor(db, userId)]);
      if (!mayRemove(factors, required, 'webauthn')) throw new Problem('mfa-last-factor');
      await audited(session, requestId, { action: 'mfa.passkey.remove', before: { passkeyId: id, name: passkey.name } }, async (tx) => {
        await repo.deletePasskey(tx, userId, id);
        if (!hasFactor({ ...factors, passkeys: factors.passkeys - 1 })) await repo.replaceRecoveryCodes(tx, userId, []);
      });
      return status(session);
    },
  };
}

class NotUsed extends Error {}

export type MfaService = ReturnType<typeof createMfaService>;
