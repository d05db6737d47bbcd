import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { decisionIn, itemsIn, priorityCreate, priorityOut, priorityPage } from './restore-priorities.schemas.js';
import type { RestorePrioritiesService } from './restore-priorities.service.js';

const tags = ['Kontinuitet'];
const policy = (action: 'read' | 'create' | 'update') => ({ policy: { resource: 'restore-priority' as const, action } });

// D1-27: the restore priority order. The coordinator prepares a draft ('create'), management decides
// it ('update'); a decided order is locked and replaced by the next decided one.
export const restorePrioritiesRoutes: FastifyPluginAsyncZod<{ service: RestorePrioritiesService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Prioriteringsordningar för återställning',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: priorityPage },
      },
    },
    async (req) => service.list(contextOf(req), req.query.limit),
  );
  app.post(
    '',
    {
      config: policy('create'),
      schema: { tags, summary: 'Ny prioriteringsordning (utkast)', body: priorityCreate, response: { 201: priorityOut } },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/restore-priorities/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );
  app.get(
    '/:id',
    {
      config: policy('read'),
      schema: { tags, summary: 'Hämta en prioriteringsordning', params: idParams, response: { 200: priorityOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );
  app.put(
    '/:id/items',
    {
      config: policy('create'),
      schema: {
        tags,
        summary: 'Ordna de kritiska systemen i ett utkast (kräver If-Match)',
        params: idParams,
        body: itemsIn,
        response: { 200: priorityOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.setItems(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
  app.post(
    '/:id/decision',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ledningens beslut om ordningen: datum och Dnr (kräver If-Match)',
        params: idParams,
        body: decisionIn,
        response: { 200: priorityOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.decide(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
};
