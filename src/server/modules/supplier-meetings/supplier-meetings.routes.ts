import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import { meetingCreate, meetingListQuery, meetingOut, meetingPage, meetingPatch } from './supplier-meetings.schemas.js';
import type { SupplierMeetingsService } from './supplier-meetings.service.js';

const tags = ['Leverantörer'];
const policy = (action: 'read' | 'create' | 'update') => ({ policy: { resource: 'follow-up', action } }) as const;

// D1-29: the log of collaboration meetings with suppliers. Meetings are minutes: corrected, never removed
// (the table has no delete grant and no archive column).
export const supplierMeetingsRoutes: FastifyPluginAsyncZod<{ service: SupplierMeetingsService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));
  app.get(
    '',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Samverkansmöten med leverantörer (nyast först)',
        querystring: meetingListQuery,
        response: { 200: meetingPage },
      },
    },
    async (req) => service.list(contextOf(req), req.query),
  );
  app.post(
    '',
    {
      config: policy('create'),
      schema: { tags, summary: 'Registrera ett samverkansmöte', body: meetingCreate, response: { 201: meetingOut } },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/supplier-meetings/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );
  app.get(
    '/:id',
    { config: policy('read'), schema: { tags, summary: 'Hämta ett samverkansmöte', params: idParams, response: { 200: meetingOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );
  app.patch(
    '/:id',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ändra ett samverkansmöte (kräver If-Match)',
        params: idParams,
        body: meetingPatch,
        response: { 200: meetingOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
};
