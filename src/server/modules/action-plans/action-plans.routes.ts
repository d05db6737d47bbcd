import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { requestLang } from '../../platform/language.js';
import { historyPage, historyQuery } from '../audit/audit.schemas.js';
import { planWorkbook } from './action-plans.export.js';
import {
  activityCreate,
  activityIdParams,
  activityPatch,
  decisionIn,
  planCreate,
  planList,
  planListQuery,
  planOut,
  planPatch,
} from './action-plans.schemas.js';
import type { ActionPlansService } from './action-plans.service.js';

const tags = ['Handlingsplan'];
const read = { policy: { resource: 'action-plan', action: 'read' } } as const;
const create = { policy: { resource: 'action-plan', action: 'create' } } as const;
// The decision needs 'update' (management records it); the plan's content, its activities and
// reopening need 'create' (the coordinator's work; the service checks 'update' as well).
const update = { policy: { resource: 'action-plan', action: 'update' } } as const;
const content = create;

export const actionPlansRoutes: FastifyPluginAsyncZod<{ service: ActionPlansService }> = async (app, { service }) => {
  app.get(
    '',
    { config: read, schema: { tags, summary: 'Handlingsplaner: lista', querystring: planListQuery, response: { 200: planList } } },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '',
    { config: create, schema: { tags, summary: 'Skapa en handlingsplan för ett år', body: planCreate, response: { 201: planOut } } },
    async (req, reply) => {
      const out = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/action-plans/${out.id}`);
      return sendWithEtag(reply, out, 201);
    },
  );

  app.get(
    '/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Hämta en handlingsplan med aktiviteter, åtgärder och framsteg',
        params: idParams,
        response: { 200: planOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      config: content,
      schema: { tags, summary: 'Ändra en handlingsplan (kräver If-Match)', params: idParams, body: planPatch, response: { 200: planOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  app.get(
    '/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'Historik för en handlingsplan',
        params: idParams,
        querystring: historyQuery,
        response: { 200: historyPage },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      await service.get(ctx, req.params.id);
      return req.server.audit.history(ctx, 'action-plan', req.params.id, false, req.query);
    },
  );

  app.post(
    '/:id/activities',
    {
      config: content,
      schema: { tags, summary: 'Lägg till en aktivitet', params: idParams, body: activityCreate, response: { 201: planOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.addActivity(contextOf(req), req.params.id, req.body), 201),
  );

  app.patch(
    '/:id/activities/:activityId',
    {
      config: content,
      schema: { tags, summary: 'Ändra en aktivitet', params: activityIdParams, body: activityPatch, response: { 200: planOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.updateActivity(contextOf(req), req.params.id, req.params.activityId, req.body)),
  );

  app.delete(
    '/:id/activities/:activityId',
    { config: content, schema: { tags, summary: 'Ta bort en aktivitet', params: activityIdParams, response: { 200: planOut } } },
    async (req, reply) => sendWithEtag(reply, await service.removeActivity(contextOf(req), req.params.id, req.params.activityId)),
  );

  app.post(
    '/:id/decision',
    {
      config: update,
      schema: {
        tags,
        summary: 'Registrera ledningens beslut med datum och Dnr (kräver If-Match)',
        params: idParams,
        body: decisionIn,
        response: { 200: planOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.decide(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  app.post(
    '/:id/reopen',
    {
      config: content,
      schema: { tags, summary: 'Öppna en beslutad plan för ändring (kräver If-Match)', params: idParams, response: { 200: planOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.reopen(contextOf(req), req.params.id, requireIfMatch(req))),
  );

  app.get(
    '/:id/export.xlsx',
    { config: read, schema: { tags, summary: 'Handlingsplanen som Excel', params: idParams } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const plan = await service.get(ctx, req.params.id);
      const body = await planWorkbook(plan, requestLang(req));
      await service.recordExport(ctx, plan.id);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="handlingsplan-${plan.year}.xlsx"`)
        .send(body);
    },
  );
};
