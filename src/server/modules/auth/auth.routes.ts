import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { loginBody, loginOut, meOut } from './auth.schemas.js';
import type { AuthService } from './auth.service.js';

const tags = ['Inloggning'];

export const authRoutes: FastifyPluginAsyncZod<{ service: AuthService; secureCookies: boolean }> = async (
  app,
  { service, secureCookies },
) => {
  app.post(
    '/login',
    {
      config: {
        public: true,
        rateLimit: { max: 20, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req) => `${req.ip}:${loginKey(req.body)}` },
      },
      schema: { tags, summary: 'Logga in med e-post och lösenord', body: loginBody, response: { 200: loginOut } },
    },
    async (req, reply) => {
      const { id, csrfToken, user, expiresAt } = await service.login(req.body.email, req.body.password, {
        address: req.ip,
        userAgent: req.headers['user-agent'],
      });
      // A new sign-in replaces the session this browser had (no fixation, no orphaned sessions).
      if (req.session) await service.logout(req.session.idHash);
      reply.setCookie(SESSION_COOKIE, id, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        expires: expiresAt,
      });
      return { user, csrfToken };
    },
  );

  app.get('/me', { schema: { tags, summary: 'Den inloggade användaren', response: { 200: meOut } } }, (req) => {
    const actor = requireActor(req);
    const s = req.session!;
    return {
      user: { id: actor.userId, email: actor.email, displayName: actor.displayName },
      tenant: { id: actor.tenantId, name: s.tenantName },
      roles: actor.roles,
      csrfToken: s.csrfToken,
    };
  });

  app.post('/logout', { schema: { tags, summary: 'Logga ut' } }, async (req, reply) => {
    requireActor(req);
    await service.logout(req.session!.idHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};

function loginKey(body: unknown): string {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : '';
}
