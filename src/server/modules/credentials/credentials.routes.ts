import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import { historyPage, historyQuery } from '../audit/audit.schemas.js';
import {
  credentialCreate,
  credentialListQuery,
  credentialOut,
  credentialPage,
  credentialPatch,
  endIn,
  handOverIn,
} from './credentials.schemas.js';
import type { CredentialsService } from './credentials.service.js';

const tags = ['Leverantörer'];
const read = { policy: { resource: 'credential', action: 'read' } } as const;
const update = { policy: { resource: 'credential', action: 'update' } } as const;

// D0-08, D0-17, D0-18, D0-35, D0-40, D3-25: credentials and e-ID cards, their hand-over and end.
export const credentialsRoutes: FastifyPluginAsyncZod<{ service: CredentialsService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));

  app.get(
    '',
    {
      config: read,
      schema: {
        tags,
        summary: 'Behörighetsbevis och e-tjänstekort: lista',
        querystring: credentialListQuery,
        response: { 200: credentialPage },
      },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '',
    {
      config: { policy: { resource: 'credential', action: 'create' } },
      schema: { tags, summary: 'Registrera ett behörighetsbevis', body: credentialCreate, response: { 201: credentialOut } },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/credentials/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    { config: read, schema: { tags, summary: 'Hämta ett behörighetsbevis', params: idParams, response: { 200: credentialOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      config: update,
      schema: {
        tags,
        summary: 'Ändra ett behörighetsbevis (kräver If-Match)',
        params: idParams,
        body: credentialPatch,
        response: { 200: credentialOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  app.post(
    '/:id/hand-over',
    {
      config: update,
      schema: {
        tags,
        summary: 'Lämna ut ett behörighetsbevis: hur identiteten kontrollerades krävs (D0-18, kräver If-Match)',
        params: idParams,
        body: handOverIn,
        response: { 200: credentialOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.handOver(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  for (const [path, status, summary] of [
    ['revoke', 'revoked', 'Spärra ett behörighetsbevis (kräver If-Match)'],
    ['return', 'returned', 'Registrera att ett behörighetsbevis återlämnats (kräver If-Match)'],
  ] as const) {
    app.post(
      `/:id/${path}`,
      { config: update, schema: { tags, summary, params: idParams, body: endIn.optional(), response: { 200: credentialOut } } },
      async (req, reply) =>
        sendWithEtag(reply, await service.end(contextOf(req), req.params.id, requireIfMatch(req), status, req.body ?? { note: null })),
    );
  }

  app.get(
    '/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'Historik för ett behörighetsbevis',
        params: idParams,
        querystring: historyQuery,
        response: { 200: historyPage },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      await service.get(ctx, req.params.id);
      return req.server.audit.history(ctx, 'credential', req.params.id, false, req.query);
    },
  );
};
