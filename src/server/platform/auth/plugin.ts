import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import type { Actor } from '../access.js';
import type { RequestContext } from '../audit.js';
import { Problem } from '../problems.js';
import { bearerOf, loadTokenSession } from '../../modules/api-tokens/api-tokens.bearer.js';
import { loadSession, SESSION_COOKIE, type SessionInfo } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: SessionInfo | null;
  }
}

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function sameToken(a: string, b: string) {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

// Sign-in, sign-out, MFA, the own account and session management belong to a person's cookie session;
// a token there would sign out nothing or set up MFA for its creator.
const personOnly = /^\/api\/v1\/auth(\/|$)/;

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    // A bearer token wins over a cookie sent alongside it: the caller chose the token explicitly, and a
    // cookie a browser attached on its own must not lend a person's rights to it (or the reverse).
    const bearer = bearerOf(req.headers.authorization);
    if (bearer !== null) {
      req.session = await loadTokenSession(opts.db, bearer);
      if (req.session && personOnly.test(req.routeOptions.url ?? '')) throw new Problem('token-not-allowed');
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) req.session = await loadSession(opts.db, cookie);
  });
});

// Registered as an onRequest hook inside the API scope, so it runs for the route the router
// actually matched (an encoded path cannot slip past a string comparison). Public routes (sign-in)
// have no session to carry a token; they get the Origin check instead.
export async function csrfGuard(req: FastifyRequest): Promise<void> {
  if (!unsafe.has(req.method)) return;
  // An IdP's response posted back by the browser (SAML ACS) comes from the IdP's origin; its signature
  // and single-use InResponseTo protect it instead.
  if (req.routeOptions.config.ssoCallback) return;
  if (req.routeOptions.config.public) {
    const origin = req.headers.origin;
    if (origin && req.headers.host && hostOf(origin) !== req.headers.host) throw new Problem('csrf');
    return;
  }
  // A token session came from an Authorization header, which a browser never adds on its own to a
  // cross-site request: there is nothing to forge, and no cookie is used beside it.
  if (req.session && !req.session.actor.tokenId) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameToken(sent, req.session.csrfToken)) throw new Problem('csrf');
  }
}

// A session half-way through sign-in (MFA owed or to be set up) is not yet anyone: only the MFA
// routes, which read req.session themselves, accept it.
export function requireActor(req: FastifyRequest): Actor {
  if (!req.session || req.session.stage !== 'full') throw new Problem('unauthenticated');
  return req.session.actor;
}

export function contextOf(req: FastifyRequest): RequestContext {
  return { actor: requireActor(req), requestId: String(req.id), clientAddress: req.ip };
}
