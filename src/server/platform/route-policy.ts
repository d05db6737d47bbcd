import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { assertCan, type Action, type Resource } from './access.js';
import { requireActor } from './auth/plugin.js';
import { Problem } from './problems.js';

// What a route demands before its body is even read. Every API route declares one of:
// - `public: true` (sign-in, password reset, SSO redirects),
// - `policy: 'sign-in-step'` (any session, also one half-way through sign-in: the MFA step),
// - `policy: 'signed-in'` (any signed-in person; the route acts on their own account only),
// - `policy: { resource, action }` (a row of the policy table; services then check the object).
export type RoutePolicy = 'signed-in' | 'sign-in-step' | { resource: Resource; action: Action };

declare module 'fastify' {
  interface FastifyContextConfig {
    public?: boolean;
    policy?: RoutePolicy;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  policy: RoutePolicy | null;
}

// The catalogue the authorization-matrix test walks. A route that declares no policy stops the
// app from starting: nothing is reachable by accident.
export function collectRoutes(scope: FastifyInstance, into: RouteEntry[]): void {
  scope.addHook('onRoute', (r: RouteOptions) => {
    if (r.config?.public !== true && !r.config?.policy)
      throw new Error(
        `${String(r.method)} ${r.url} declares no access policy: set config.public or config.policy (see platform/route-policy.ts)`,
      );
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      into.push({ method, url: r.url, public: r.config?.public === true, policy: r.config?.policy ?? null });
    }
  });
}

// preValidation: the route-level check. Denied callers get 401/403 before validation, so the
// answer never depends on what they sent.
export async function enforceRoutePolicy(req: FastifyRequest): Promise<void> {
  const { config } = req.routeOptions;
  if (config.public) return;
  const p = config.policy;
  if (p === 'sign-in-step') {
    if (!req.session) throw new Problem('unauthenticated');
    return;
  }
  const actor = requireActor(req);
  if (p && p !== 'signed-in') assertCan(actor, p.action, p.resource);
}
