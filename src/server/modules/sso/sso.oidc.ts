import * as oidc from 'openid-client';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { OidcConfig, ProviderRow } from './sso.repository.js';
import { checkBinding, newBinding, SsoRefusal, type ExternalProfile, type StateStore } from './sso.state.js';
import { isInsecureLoopback, oidcRedirectUri } from './sso.urls.js';

const CACHE_MS = 10 * 60_000;
// Keyed by provider id and version: a changed configuration is discovered afresh.
const configurations = new Map<string, { until: number; config: oidc.Configuration }>();

async function configurationFor(p: ProviderRow, box: SecretBox): Promise<oidc.Configuration> {
  const key = `${p.id}:${p.version}`;
  const hit = configurations.get(key);
  if (hit && hit.until > Date.now()) return hit.config;
  const cfg = p.config as OidcConfig;
  const insecure = isInsecureLoopback(cfg.issuer);
  let server: oidc.ServerMetadata;
  try {
    const found = await oidc.discovery(new URL(cfg.issuer), cfg.clientId, undefined, undefined, {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    server = { ...found.serverMetadata() };
  } catch (err) {
    throw new SsoRefusal('unavailable', `discovery failed: ${describe(err)}`);
  }
  const secret = p.secretEnc ? box.open(p.secretEnc) : null;
  // client_secret_basic is the OIDC default; post only when the IdP says it supports nothing else.
  const methods = server.token_endpoint_auth_methods_supported;
  const auth = !secret
    ? oidc.None()
    : !methods || methods.includes('client_secret_basic')
      ? oidc.ClientSecretBasic(secret)
      : oidc.ClientSecretPost(secret);
  const config = new oidc.Configuration(server, cfg.clientId, secret ? { client_secret: secret } : undefined, auth);
  config.timeout = 10;
  if (insecure) oidc.allowInsecureRequests(config);
  for (const k of configurations.keys()) if (k.startsWith(`${p.id}:`)) configurations.delete(k);
  configurations.set(key, { until: Date.now() + CACHE_MS, config });
  return config;
}

// Error texts of the library name what failed (a claim, a check), never a token.
function describe(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown; error?: unknown };
  const parts = [e.code, e.error, e.message].filter((x): x is string => typeof x === 'string');
  return parts.join(': ').slice(0, 200);
}

export async function startOidc(p: ProviderRow, box: SecretBox, states: StateStore, base: string, next: string) {
  const cfg = p.config as OidcConfig;
  const config = await configurationFor(p, box);
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  const redirectUri = oidcRedirectUri(base);
  const binding = newBinding();
  const state = await states.put(p.id, { kind: 'oidc', nonce, verifier, redirectUri, next, bind: binding.hash });
  const params: Record<string, string> = {
    redirect_uri: redirectUri,
    scope: cfg.scopes,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  };
  if (p.requiredAssurance.length > 0) params.acr_values = p.requiredAssurance.join(' ');
  return { url: oidc.buildAuthorizationUrl(config, params).href, binding: binding.value };
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string') return v ? [v] : [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.length > 0);
  return [];
}

const firstString = (v: unknown): string | null => stringList(v)[0] ?? null;

// The authorization response: state (single use, same browser), code exchange with PKCE, ID token
// checks (signature, issuer, audience, expiry, nonce: openid-client), then the assurance level.
export async function finishOidc(
  query: URLSearchParams,
  bindCookie: string | undefined,
  loadProvider: (id: string) => Promise<ProviderRow | null>,
  box: SecretBox,
  states: StateStore,
): Promise<{ provider: ProviderRow; profile: ExternalProfile; next: string }> {
  const stateToken = query.get('state') ?? undefined;
  const { providerId, state } = await states.take(stateToken, 'oidc');
  checkBinding(bindCookie, state.bind);
  const p = await loadProvider(providerId);
  if (!p || !p.enabled || p.kind !== 'oidc') throw new SsoRefusal('failed', 'provider removed or disabled');
  const idpError = query.get('error');
  if (idpError) {
    const code = idpError === 'unmet_authentication_requirements' ? 'assurance-too-low' : 'failed';
    throw new SsoRefusal(code, `IdP answered ${idpError.slice(0, 60)}`);
  }
  const config = await configurationFor(p, box);
  const current = new URL(state.redirectUri);
  current.search = query.toString();
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: state.verifier,
      expectedState: stateToken,
      expectedNonce: state.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw new SsoRefusal('failed', `code exchange or ID token check failed: ${describe(err)}`);
  }
  const claims: Record<string, unknown> = { ...tokens.claims()! };
  const acr = typeof claims.acr === 'string' ? claims.acr : null;
  if (p.requiredAssurance.length > 0 && (!acr || !p.requiredAssurance.includes(acr))) {
    throw new SsoRefusal('assurance-too-low', `acr ${acr ?? 'missing'} not accepted`);
  }
  const cfg = p.config as OidcConfig;
  // Many IdPs put profile claims and groups in the userinfo answer rather than the ID token.
  const wanted = [cfg.emailClaim, cfg.nameClaim, p.groupsClaim];
  if (wanted.some((c) => claims[c] === undefined) && config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    try {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      for (const [k, v] of Object.entries(info)) if (claims[k] === undefined) claims[k] = v;
    } catch (err) {
      throw new SsoRefusal('failed', `userinfo failed: ${describe(err)}`);
    }
  }
  return {
    provider: p,
    next: state.next,
    profile: {
      subject: String(claims.sub),
      email: firstString(claims[cfg.emailClaim]),
      emailTrusted: claims.email_verified !== false,
      name: firstString(claims[cfg.nameClaim]),
      groups: stringList(claims[p.groupsClaim]),
    },
  };
}
