import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import { accessOrderSteps } from '../../../shared/access-orders.js';
import { historyPage, historyQuery } from '../audit/audit.schemas.js';
import type { AccessOrderReports } from './access-orders.reports.js';
import {
  accessOrderCreate,
  accessOrderListQuery,
  accessOrderOut,
  accessOrderPage,
  accessOrderPatch,
  accessOrderStepIn,
  leadTimeReportOut,
  personnummerOut,
  reportQuery,
  terminationReportOut,
} from './access-orders.schemas.js';
import type { AccessOrdersService } from './access-orders.service.js';

const tags = ['Behörighetsbeställningar'];
const read = { policy: { resource: 'access-order', action: 'read' } } as const;
const update = { policy: { resource: 'access-order', action: 'update' } } as const;

const stepSummary = {
  approve: 'Godkänn beställningen (systemägare eller systemförvaltare, kräver If-Match)',
  reject: 'Avslå beställningen med motivering (systemägare eller systemförvaltare, kräver If-Match)',
  execute: 'Markera beställningen som utförd (IT; spärrarna för extern personal måste vara uppfyllda, kräver If-Match)',
  cancel: 'Återkalla beställningen (kräver If-Match)',
} as const;

// D0-11..D0-14, D3-03, D3-06, D3-22..D3-26: access orders from suppliers' authorised orderers and
// municipal managers, approved by the system's owner and executed by IT.
export const accessOrdersRoutes: FastifyPluginAsyncZod<{ service: AccessOrdersService; reports: AccessOrderReports }> = async (
  app,
  { service, reports },
) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));

  app.get(
    '',
    {
      config: read,
      schema: {
        tags,
        summary: 'Behörighetsbeställningar: lista (nyast först)',
        querystring: accessOrderListQuery,
        response: { 200: accessOrderPage },
      },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '',
    {
      config: { policy: { resource: 'access-order', action: 'create' } },
      schema: {
        tags,
        summary: 'Beställ nytt konto, ändrad behörighet eller avslut (ledtid 14/7 dagar, avslut utan ledtid)',
        body: accessOrderCreate,
        response: { 201: accessOrderOut },
      },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/access-orders/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/reports/lead-time',
    {
      config: read,
      schema: { tags, summary: 'Rapport: ledtider per leverantör', querystring: reportQuery, response: { 200: leadTimeReportOut } },
    },
    async (req) => reports.leadTime(contextOf(req), req.query),
  );

  app.get(
    '/reports/terminations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Rapport: tid från beställt avslut till utfört, per leverantör',
        querystring: reportQuery,
        response: { 200: terminationReportOut },
      },
    },
    async (req) => reports.terminations(contextOf(req), req.query),
  );

  app.get(
    '/:id',
    { config: read, schema: { tags, summary: 'Hämta en behörighetsbeställning', params: idParams, response: { 200: accessOrderOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      config: update,
      schema: {
        tags,
        summary: 'Ändra en öppen beställning, t.ex. registrera utbildning och sekretesserinran (kräver If-Match)',
        params: idParams,
        body: accessOrderPatch,
        response: { 200: accessOrderOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  for (const step of accessOrderSteps) {
    app.post(
      `/:id/${step}`,
      {
        config: update,
        schema: { tags, summary: stepSummary[step], params: idParams, body: accessOrderStepIn, response: { 200: accessOrderOut } },
      },
      async (req, reply) =>
        sendWithEtag(reply, await service.step(contextOf(req), req.params.id, requireIfMatch(req), step, req.body ?? {})),
    );
  }

  app.get(
    '/:id/personnummer',
    {
      config: read,
      schema: {
        tags,
        summary: 'Visa hela personnumret (samordnare och IT; visningen loggas)',
        params: idParams,
        response: { 200: personnummerOut },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await service.personnummer(contextOf(req), req.params.id)),
  );

  app.get(
    '/:id/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'Historik för en behörighetsbeställning',
        params: idParams,
        querystring: historyQuery,
        response: { 200: historyPage },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      await service.get(ctx, req.params.id);
      return req.server.audit.history(ctx, 'access-order', req.params.id, false, req.query);
    },
  );
};
