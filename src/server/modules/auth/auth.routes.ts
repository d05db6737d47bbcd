import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { permissionsOf } from '../../platform/access.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { retryAfterHook } from '../../platform/auth/throttle.js';
import { Problem } from '../../platform/problems.js';
import { loginBody, loginOut, meOut } from './auth.schemas.js';
import type { AuthService } from './auth.service.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/cookie.js';

const tags = ['Inloggning'];

export const authRoutes: FastifyPluginAsyncZod<{ service: AuthService; secureCookies: boolean }> = async (
  app,
  { service, secureCookies },
) => {
  app.addHook('onError', retryAfterHook);
  app.post(
    '/login',
    {
      config: {
        public: true,
        // A coarse flood guard (it also caps bursts that race past the throttle check); failed
        // attempts are throttled with growing delays and a lockout in platform/auth/throttle.ts.
        rateLimit: { max: 20, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req) => `${req.ip}:${loginKey(req.body)}` },
      },
      schema: { tags, summary: 'Logga in med e-post och lösenord', body: loginBody, response: { 200: loginOut } },
    },
    async (req, reply) => {
      const { id, csrfToken, user, expiresAt, stage, methods } = await service.login(req.body.email, req.body.password, {
        address: req.ip,
        userAgent: req.headers['user-agent'],
        requestId: String(req.id),
      });
      // A new sign-in replaces the session this browser had (no fixation, no orphaned sessions).
      if (req.session) await service.logout(req.session.idHash);
      setSessionCookie(reply, id, expiresAt, secureCookies);
      return { user, csrfToken, stage, ...(stage === 'mfa' ? { methods } : {}) };
    },
  );

  app.get(
    '/me',
    { config: { policy: 'signed-in' }, schema: { tags, summary: 'Den inloggade användaren', response: { 200: meOut } } },
    (req) => {
      const actor = requireActor(req);
      const s = req.session!;
      return {
        user: { id: actor.userId, email: actor.email, displayName: actor.displayName },
        tenant: { id: actor.tenantId, name: s.tenantName },
        roles: actor.roles,
        grants: actor.grants.map((g) => ({
          role: g.role,
          scopeType: g.scope.type,
          unitId: g.scope.type === 'unit' ? g.scope.unitId : null,
          systemIds: g.scope.type === 'systems' ? g.scope.systemIds : [],
          supplierId: g.scope.type === 'supplier' ? g.scope.supplierId : null,
        })),
        permissions: permissionsOf(actor),
        csrfToken: s.csrfToken,
      };
    },
  );

  app.post('/logout', { config: { policy: 'sign-in-step' }, schema: { tags, summary: 'Logga ut' } }, async (req, reply) => {
    // Also ends a half-finished sign-in (MFA owed or being set up): "Avbryt" on those steps.
    if (!req.session) throw new Problem('unauthenticated');
    await service.signOut(req.session, { requestId: String(req.id), address: req.ip });
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
};

function loginKey(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}
