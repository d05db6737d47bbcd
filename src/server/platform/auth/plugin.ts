import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import type { Actor } from '../access.js';
import type { RequestContext } from '../audit.js';
import { Problem } from '../problems.js';
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

export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) req.session = await loadSession(opts.db, cookie);
  });
});

// Registered as an onRequest hook inside the API scope, so it runs for the route the router
// actually matched (an encoded path cannot slip past a string comparison). Public routes (sign-in)
// have no session to carry a token; they get the Origin check instead.
export async function csrfGuard(req: FastifyRequest): Promise<void> {
  if (!unsafe.has(req.method)) return;
  if (req.routeOptions.config.public) {
    const origin = req.headers.origin;
    if (origin && req.headers.host && hostOf(origin) !== req.headers.host) throw new Problem('csrf');
    return;
  }
  if (req.session) {
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
  return { actor: requireActor(req), requestId: String(req.id) };
}
