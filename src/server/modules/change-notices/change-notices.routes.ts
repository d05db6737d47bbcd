import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action } from '../../platform/access.js';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import { historyPage, historyQuery } from '../audit/audit.schemas.js';
import {
  acknowledgeIn,
  changeNoticeCreate,
  changeNoticeListQuery,
  changeNoticeOut,
  changeNoticePage,
  changeNoticePatch,
} from './change-notices.schemas.js';
import type { ChangeNoticesService } from './change-notices.service.js';

const tags = ['Leverantörer'];
const policy = (action: Action) => ({ policy: { resource: 'change-notice' as const, action } });

// D0-06, D0-09, D0-41, D0-42, D0-45, D0-46, D3-10, D3-33: change notices to suppliers, published to
// the suppliers of the systems, acknowledged by each. The record routes are spelled out (not the shared
// helper) because a notice's history names every recipient: only the municipality reads it.
export const changeNoticesRoutes: FastifyPluginAsyncZod<{ service: ChangeNoticesService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));

  app.get(
    '',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Förändringsmeddelanden: lista (senast skickade först)',
        querystring: changeNoticeListQuery,
        response: { 200: changeNoticePage },
      },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '',
    {
      config: policy('create'),
      schema: { tags, summary: 'Skapa ett förändringsmeddelande (utkast)', body: changeNoticeCreate, response: { 201: changeNoticeOut } },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/change-notices/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    {
      config: policy('read'),
      schema: { tags, summary: 'Hämta ett förändringsmeddelande', params: idParams, response: { 200: changeNoticeOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ändra ett förändringsmeddelande (kräver If-Match; efter utskick bara datumen)',
        params: idParams,
        body: changeNoticePatch,
        response: { 200: changeNoticeOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  app.get(
    '/:id/history',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Historik för ett förändringsmeddelande',
        params: idParams,
        querystring: historyQuery,
        response: { 200: historyPage },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      await service.assertHistoryReader(ctx, req.params.id);
      return req.server.audit.history(ctx, 'change-notice', req.params.id, false, req.query);
    },
  );

  for (const [path, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/:id/${path}`,
      {
        config: policy(path),
        schema: {
          tags,
          summary: `${archived ? 'Arkivera' : 'Återställ'} ett förändringsmeddelande (kräver If-Match)`,
          params: idParams,
          response: { 200: changeNoticeOut },
        },
      },
      async (req, reply) => sendWithEtag(reply, await service.setArchived(contextOf(req), req.params.id, requireIfMatch(req), archived)),
    );
  }

  app.post(
    '/:id/publish',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Skicka förändringsmeddelandet till leverantörerna (kräver If-Match)',
        params: idParams,
        response: { 200: changeNoticeOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.publish(contextOf(req), req.params.id, requireIfMatch(req))),
  );

  app.post(
    '/:id/acknowledge',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Bekräfta att leverantören tagit del av förändringsmeddelandet',
        params: idParams,
        body: acknowledgeIn,
        response: { 200: changeNoticeOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.acknowledge(contextOf(req), req.params.id, req.body)),
  );
};
