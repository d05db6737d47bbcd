import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/cookie.js';
import { requireActor } from '../../platform/auth/plugin.js';
import { Problem } from '../../platform/problems.js';
import { sessionList } from '../users/users.schemas.js';
import { membershipList, sessionIdParams, switchTenantBody, switchTenantOut } from './account.schemas.js';
import type { AccountService } from './account.service.js';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

const tags = ['Mitt konto'];
const self = { policy: 'signed-in' as const };

// Session management needs a person's browser session; an API token has none to list or end.
function personSession(req: FastifyRequest) {
  requireActor(req);
  const s = req.session!;
  if (!s.idHash || s.actor.tokenId) throw new Problem('forbidden');
  return s;
}

export const accountRoutes: FastifyPluginAsyncZod<{ service: AccountService; secureCookies: boolean }> = async (
  app,
  { service, secureCookies },
) => {
  app.get(
    '/sessions',
    { config: self, schema: { tags, summary: 'Mina inloggade sessioner (alla organisationer)', response: { 200: sessionList } } },
    (req) => service.sessions(personSession(req)),
  );

  app.delete(
    '/sessions/:id',
    { config: self, schema: { tags, summary: 'Avsluta en av mina sessioner', params: sessionIdParams } },
    async (req, reply) => {
      const { current } = await service.endSession(personSession(req), req.params.id, String(req.id));
      if (current) clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/sessions/end-others',
    {
      config: self,
      schema: { tags, summary: 'Avsluta alla mina andra sessioner', response: { 200: z.object({ sessionsEnded: z.number().int() }) } },
    },
    async (req) => ({ sessionsEnded: await service.endOthers(personSession(req), String(req.id)) }),
  );

  app.get(
    '/tenants',
    { config: self, schema: { tags, summary: 'Organisationer där jag har en roll', response: { 200: membershipList } } },
    (req) => service.memberships(personSession(req)),
  );

  app.post(
    '/switch-tenant',
    {
      config: self,
      schema: { tags, summary: 'Byt organisation utan att logga in igen', body: switchTenantBody, response: { 200: switchTenantOut } },
    },
    async (req, reply) => {
      const r = await service.switchTenant(personSession(req), req.body.tenantId, String(req.id));
      setSessionCookie(reply, r.id, r.expiresAt, secureCookies);
      return { csrfToken: r.csrfToken, tenant: r.tenant };
    },
  );
};
