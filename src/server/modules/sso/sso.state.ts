import type { Db } from '../../db/client.js';
import { randomToken, sha256 } from '../../platform/auth/sessions.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import * as repo from './sso.repository.js';
import type { SsoErrorCode } from './sso.schemas.js';

// A refused sign-in: the browser is sent to /sign-in?sso_error=<code>, the reason goes to the log only.
export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export const STATE_TTL_MS = 10 * 60_000;

// What the IdP tells us about the person, whichever protocol it came by.
export interface ExternalProfile {
  subject: string;
  email: string | null;
  // false when the IdP says the address is unverified: then it is not used to find an account
  emailTrusted: boolean;
  name: string | null;
  groups: string[];
}

export interface OidcState {
  kind: 'oidc';
  nonce: string;
  verifier: string;
  redirectUri: string;
  next: string;
  bind: string;
}

export interface SamlState {
  kind: 'saml';
  requestId: string;
  createdAt: string;
  acsUrl: string;
  entityId: string;
  next: string;
  bind: string;
}

export interface SamlFinishState {
  kind: 'saml-finish';
  profile: ExternalProfile;
  next: string;
  bind: string;
}

type State = OidcState | SamlState | SamlFinishState;

// Redirect state lives in sso_states under the sha256 of the token the browser carries; its content
// (PKCE verifier, nonce, the person's profile between ACS and finish) is sealed with the instance key.
export function createStateStore(db: Db, box: SecretBox) {
  return {
    async put(providerId: string, state: State, ttlMs = STATE_TTL_MS): Promise<string> {
      const token = randomToken();
      await repo.insertState(db, sha256(token), providerId, { sealed: box.seal(JSON.stringify(state)) }, ttlMs);
      return token;
    },

    async take<K extends State['kind']>(
      token: string | undefined,
      kind: K,
    ): Promise<{ providerId: string; state: Extract<State, { kind: K }> }> {
      if (!token) throw new SsoRefusal('failed', 'no state in the response');
      const row = await repo.consumeState(db, sha256(token));
      if (!row) throw new SsoRefusal('expired', 'unknown or already used state');
      if (row.expiresAt.getTime() <= Date.now()) throw new SsoRefusal('expired', 'state expired');
      let state: State;
      try {
        state = JSON.parse(box.open((row.data as { sealed: string }).sealed)) as State;
      } catch {
        throw new SsoRefusal('failed', 'state unreadable');
      }
      if (state.kind !== kind) throw new SsoRefusal('failed', 'state of another step');
      return { providerId: row.providerId, state: state as Extract<State, { kind: K }> };
    },
  };
}

export type StateStore = ReturnType<typeof createStateStore>;

// The redirect must come back to the browser that started it: a random value in a cookie, its hash
// in the state. Otherwise someone could start a sign-in with their own IdP account and hand the
// callback link to someone else, who would then work in Tillit as them (login CSRF).
export const BIND_COOKIE = 'tillit_sso';
export const newBinding = () => {
  const value = randomToken();
  return { value, hash: sha256(value) };
};

export function checkBinding(cookieValue: string | undefined, expectedHash: string): void {
  if (!cookieValue || sha256(cookieValue) !== expectedHash) throw new SsoRefusal('failed', 'started in another browser');
}
