import type { FastifyRequest } from 'fastify';

// Where this instance is reached: TILLIT_PUBLIC_URL when configured, else what the request says
// (behind a proxy that needs TILLIT_TRUST_PROXY). The addresses handed to the IdP derive from it.
// Normalised through URL (default ports dropped), so the redirect URI sent to the IdP and the one
// openid-client rebuilds for the token request are the same string.
export function baseUrlOf(req: FastifyRequest, publicUrl: string | undefined): string {
  const url = new URL(publicUrl ?? `${req.protocol}://${req.host}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export const oidcRedirectUri = (base: string) => `${base}/api/v1/auth/sso/oidc/callback`;
export const samlAcsUrl = (base: string) => `${base}/api/v1/auth/sso/saml/acs`;
// The metadata address doubles as the SP entity id: one per provider, so each IdP sees its own SP.
export const samlEntityId = (base: string, providerId: string) => `${base}/api/v1/auth/sso/${providerId}/saml/metadata`;

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere after sign-in. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // control characters (a header split, a tab before another host) make it no path of ours
  return [...next].some((c) => c.charCodeAt(0) < 0x20) ? '/' : next;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

// IdP addresses must use https; plain http is accepted only on this machine's loopback, where test
// and development IdPs run (the same exception browsers make for localhost).
export function isAllowedIdpUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (loopbackHosts.has(url.hostname) || url.hostname.startsWith('127.'));
}

export const isInsecureLoopback = (raw: string) => new URL(raw).protocol === 'http:';
