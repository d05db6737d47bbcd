import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import {
  supplierPeopleList,
  supplierPeopleQuery,
  supplierPersonCreate,
  supplierPersonOut,
  supplierPersonPatch,
} from './supplier-people.schemas.js';
import type { SupplierPeopleService } from './supplier-people.service.js';

const tags = ['Leverantörer'];
// one reach-first hook per group of routes: their :id names different records
const plugin = (fn: FastifyPluginAsyncZod) => fn;
const read = { policy: { resource: 'supplier', action: 'read' } } as const;
// People are part of the supplier record: adding, changing and removing one changes the supplier.
const update = { policy: { resource: 'supplier', action: 'update' } } as const;

// D0-03, D0-11, D3-29: a supplier's key persons, authorised orderers, super users and contacts.
export const supplierPeopleRoutes: FastifyPluginAsyncZod<{ service: SupplierPeopleService }> = async (app, { service }) => {
  await app.register(
    plugin(async (scoped) => {
      reachFirst(scoped, (req, id) => service.assertSupplierReach(contextOf(req), id));
      scoped.get(
        '/suppliers/:id/people',
        {
          config: read,
          schema: {
            tags,
            summary: 'Leverantörens personer',
            params: idParams,
            querystring: supplierPeopleQuery,
            response: { 200: supplierPeopleList },
          },
        },
        async (req) => service.list(contextOf(req), req.params.id, req.query),
      );
      scoped.post(
        '/suppliers/:id/people',
        {
          config: update,
          schema: {
            tags,
            summary: 'Lägg till en person hos leverantören',
            params: idParams,
            body: supplierPersonCreate,
            response: { 201: supplierPersonOut },
          },
        },
        async (req, reply) => {
          const created = await service.create(contextOf(req), req.params.id, req.body);
          reply.header('location', `/api/v1/supplier-people/${created.id}`);
          return sendWithEtag(reply, created, 201);
        },
      );
    }),
  );

  await app.register(
    plugin(async (scoped) => {
      reachFirst(scoped, (req, id) => service.assertReach(contextOf(req), id));
      scoped.get(
        '/supplier-people/:id',
        {
          config: read,
          schema: { tags, summary: 'Hämta en person hos en leverantör', params: idParams, response: { 200: supplierPersonOut } },
        },
        async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
      );
      scoped.patch(
        '/supplier-people/:id',
        {
          config: update,
          schema: {
            tags,
            summary: 'Ändra en person hos en leverantör (kräver If-Match)',
            params: idParams,
            body: supplierPersonPatch,
            response: { 200: supplierPersonOut },
          },
        },
        async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
      );
      for (const [path, archived] of [
        ['archive', true],
        ['restore', false],
      ] as const) {
        scoped.post(
          `/supplier-people/:id/${path}`,
          {
            config: update,
            schema: {
              tags,
              summary: `${archived ? 'Ta bort (arkivera)' : 'Återställ'} en person hos en leverantör (kräver If-Match)`,
              params: idParams,
              response: { 200: supplierPersonOut },
            },
          },
          async (req, reply) =>
            sendWithEtag(reply, await service.setArchived(contextOf(req), req.params.id, requireIfMatch(req), archived)),
        );
      }
    }),
  );
};
