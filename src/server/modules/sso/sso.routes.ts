import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import type { Action } from '../../platform/access.js';
import { contextOf, requireActor } from '../../platform/auth/plugin.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import type { SpCredential } from '../../platform/crypto/sp-credential.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { ssoLoginRoutes } from './sso.login-routes.js';
import { providerCreate, providerOut, providerPage, providerPatch } from './sso.schemas.js';
import { createSsoAdminService } from './sso.service.js';
import { baseUrlOf } from './sso.urls.js';

export interface SsoOptions {
  db: Db;
  secretBox: SecretBox;
  // TILLIT_PUBLIC_URL: the address IdPs and browsers reach this instance by
  publicUrl?: string;
  secureCookies: boolean;
  // the SAML SP key and certificate (signing AuthnRequests, decrypting assertions, in the metadata)
  spCredential: () => Promise<SpCredential>;
}

const tags = ['Inloggning med SSO'];
// Removing a provider is the policy table's "archive".
const policy = (action: Action) => ({ policy: { resource: 'identity-provider' as const, action } });

const adminRoutes: FastifyPluginAsyncZod<SsoOptions> = async (app, opts) => {
  const service = createSsoAdminService(opts.db, opts.secretBox);
  const base = (req: Parameters<typeof baseUrlOf>[0]) => baseUrlOf(req, opts.publicUrl);

  app.get(
    '',
    {
      config: policy('read'),
      schema: { tags, summary: 'Lista organisationens identitetsleverantörer (OIDC och SAML)', response: { 200: providerPage } },
    },
    async (req) => service.list(requireActor(req), base(req)),
  );

  app.post(
    '',
    {
      config: policy('create'),
      schema: {
        tags,
        summary: 'Lägg till en identitetsleverantör',
        description:
          'kind "oidc": issuer, clientId, clientSecret (skrivs bara, visas aldrig), scopes. kind "saml": entityId, ssoUrl, certificate (PEM). ' +
          'requiredAssurance: godtagna acr- eller AuthnContextClassRef-värden (tom lista = alla).',
        body: providerCreate,
        response: { 201: providerOut },
      },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body, base(req));
      reply.header('location', `/api/v1/identity-providers/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    {
      config: policy('read'),
      schema: { tags, summary: 'Hämta en identitetsleverantör', params: idParams, response: { 200: providerOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(requireActor(req), req.params.id, base(req))),
  );

  app.patch(
    '/:id',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ändra en identitetsleverantör (kräver If-Match)',
        description: 'clientSecret: en ny hemlighet ersätter den gamla, null tar bort den, utelämnad lämnar den orörd.',
        params: idParams,
        body: providerPatch,
        response: { 200: providerOut },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      return sendWithEtag(reply, await service.update(ctx, req.params.id, requireIfMatch(req), req.body, base(req)));
    },
  );

  app.delete(
    '/:id',
    { config: policy('archive'), schema: { tags, summary: 'Ta bort en identitetsleverantör (kräver If-Match)', params: idParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      await service.remove(ctx, req.params.id, requireIfMatch(req), base(req));
      return reply.status(204).send();
    },
  );
};

// Registered at the API root: the admin API and the public sign-in flow live under different paths.
export const ssoRoutes: FastifyPluginAsyncZod<SsoOptions> = async (app, opts) => {
  await app.register(adminRoutes, { ...opts, prefix: '/identity-providers' });
  await app.register(ssoLoginRoutes, { ...opts, prefix: '/auth/sso' });
};
