import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '../../platform/access.js';
import { contextOf, requireActor } from '../../platform/auth/plugin.js';
import { idParams } from '../../platform/http.js';
import { groupMappingCreate, groupMappingOut, groupMappingPage } from './group-mappings.schemas.js';
import type { GroupMappingsService } from './group-mappings.service.js';

const tags = ['Inloggning med SSO'];
// The group table belongs to the sign-in set-up: the identity-provider rows of the policy table.
const policy = (action: Action) => ({ policy: { resource: 'identity-provider' as const, action } });

export const groupMappingsRoutes: FastifyPluginAsyncZod<{ service: GroupMappingsService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Lista kopplingar från grupper i identitetsleverantören till roller',
        response: { 200: groupMappingPage },
      },
    },
    async (req) => service.list(requireActor(req)),
  );

  app.post(
    '',
    {
      config: policy('create'),
      schema: {
        tags,
        summary: 'Koppla en grupp i identitetsleverantören till en roll',
        description:
          'Den som är medlem i gruppen får rollen vid nästa inloggning med SSO. Leverantörsroller måste avgränsas till en leverantör (scopeType supplier).',
        body: groupMappingCreate,
        response: { 201: groupMappingOut },
      },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      return reply.status(201).header('location', `/api/v1/group-role-mappings/${created.id}`).send(created);
    },
  );

  app.delete(
    '/:id',
    { config: policy('archive'), schema: { tags, summary: 'Ta bort en koppling från grupp till roll', params: idParams } },
    async (req, reply) => {
      await service.remove(contextOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
};
