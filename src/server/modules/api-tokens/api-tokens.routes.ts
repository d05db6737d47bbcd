import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/auth/plugin.js';
import { idParams } from '../../platform/http.js';
import { apiTokenCreate, apiTokenCreated, apiTokenList, apiTokenOut } from './api-tokens.schemas.js';
import type { ApiTokensService } from './api-tokens.service.js';

const tags = ['API-nycklar'];

export const apiTokensRoutes: FastifyPluginAsyncZod<{ service: ApiTokensService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: { policy: { resource: 'api-token', action: 'read' } },
      schema: { tags, summary: 'Organisationens API-nycklar (aldrig själva nyckeln)', response: { 200: apiTokenList } },
    },
    async (req) => ({ items: await service.list(requireActor(req)) }),
  );

  app.post(
    '',
    {
      config: { policy: { resource: 'api-token', action: 'create' } },
      schema: {
        tags,
        summary: 'Skapa en API-nyckel; nyckeln visas bara i detta svar',
        body: apiTokenCreate,
        response: { 201: apiTokenCreated },
      },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      return reply.status(201).header('location', `/api/v1/api-tokens/${created.id}`).send(created);
    },
  );

  app.get(
    '/:id',
    {
      config: { policy: { resource: 'api-token', action: 'read' } },
      schema: { tags, summary: 'En API-nyckel', params: idParams, response: { 200: apiTokenOut } },
    },
    async (req) => service.get(requireActor(req), req.params.id),
  );

  app.post(
    '/:id/revoke',
    {
      config: { policy: { resource: 'api-token', action: 'update' } },
      schema: { tags, summary: 'Återkalla en API-nyckel (upprepning gör inget)', params: idParams, response: { 200: apiTokenOut } },
    },
    async (req) => service.revoke(contextOf(req), req.params.id),
  );
};
