import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { orgUnitCreate, orgUnitListQuery, orgUnitOut, orgUnitPage, orgUnitPatch } from './org-units.schemas.js';
import type { OrgUnitsService } from './org-units.service.js';

const tags = ['Organisation'];

export const orgUnitsRoutes: FastifyPluginAsyncZod<{ service: OrgUnitsService }> = async (app, { service }) => {
  app.get(
    '',
    { schema: { tags, summary: 'Lista organisationsenheter', querystring: orgUnitListQuery, response: { 200: orgUnitPage } } },
    (req) => service.list(requireActor(req), req.query),
  );

  app.post(
    '',
    { schema: { tags, summary: 'Skapa en organisationsenhet', body: orgUnitCreate, response: { 201: orgUnitOut } } },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/org-units/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'Hämta en organisationsenhet', params: idParams, response: { 200: orgUnitOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(requireActor(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Ändra en organisationsenhet (kräver If-Match)',
        params: idParams,
        body: orgUnitPatch,
        response: { 200: orgUnitOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  for (const [path, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/:id/${path}`,
      { schema: { tags, summary: archived ? 'Arkivera en enhet' : 'Återställ en enhet', params: idParams, response: { 200: orgUnitOut } } },
      async (req, reply) => sendWithEtag(reply, await service.setArchived(contextOf(req), req.params.id, requireIfMatch(req), archived)),
    );
  }
};
