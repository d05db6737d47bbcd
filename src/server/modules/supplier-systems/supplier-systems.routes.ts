import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams } from '../../platform/http.js';
import { supplierSystemIn, supplierSystemList, supplierSystemOut, supplierSystemParams } from './supplier-systems.schemas.js';
import type { SupplierSystemsService } from './supplier-systems.service.js';

const tags = ['Leverantörer'];

// D0-01, D3-26, D0-31: the systems a supplier delivers or works in. Linking is registering the
// supplier's place in the municipality's systems ('create'), unlinking is removing it ('archive').
export const supplierSystemsRoutes: FastifyPluginAsyncZod<{ service: SupplierSystemsService }> = async (app, { service }) => {
  app.get(
    '/suppliers/:id/systems',
    {
      config: { policy: { resource: 'supplier', action: 'read' } },
      schema: {
        tags,
        summary: 'System som leverantören levererar eller arbetar i',
        params: idParams,
        response: { 200: supplierSystemList },
      },
    },
    async (req) => service.list(contextOf(req), req.params.id),
  );
  app.put(
    '/suppliers/:id/systems/:systemId',
    {
      config: { policy: { resource: 'supplier', action: 'create' } },
      schema: {
        tags,
        summary: 'Koppla ett system till leverantören eller ändra kopplingen',
        params: supplierSystemParams,
        body: supplierSystemIn,
        response: { 200: supplierSystemOut },
      },
    },
    async (req) => service.put(contextOf(req), req.params.id, req.params.systemId, req.body),
  );
  app.delete(
    '/suppliers/:id/systems/:systemId',
    {
      config: { policy: { resource: 'supplier', action: 'archive' } },
      schema: { tags, summary: 'Ta bort kopplingen mellan leverantören och ett system', params: supplierSystemParams },
    },
    async (req, reply) => {
      await service.remove(contextOf(req), req.params.id, req.params.systemId);
      return reply.status(204).send();
    },
  );
};
