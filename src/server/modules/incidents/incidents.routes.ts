import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { etagOf, idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { requestLang } from '../../platform/language.js';
import { registerListRoutes } from '../../platform/list-routes.js';
import { reachFirst } from '../../platform/reach-first.js';
import { historyPage, historyQuery, type HistoryQuery } from '../audit/audit.schemas.js';
import type { IncidentActions } from './incidents.actions.js';
import { incidentExportColumns } from './incidents.export.js';
import {
  continuityActivation,
  entryCreate,
  entryOut,
  escalationCreate,
  incidentCreate,
  incidentListQuery,
  incidentMeasureCreate,
  incidentOut,
  incidentPage,
  incidentPatch,
  mineItem,
  mineList,
  reporterEntryCreate,
  summaryOut,
  summaryQuery,
} from './incidents.schemas.js';
import type { IncidentsService } from './incidents.service.js';

const tags = ['Incidenter'];
const incident = (action: 'read' | 'create' | 'update') => ({ policy: { resource: 'incident' as const, action } });

interface Services {
  service: IncidentsService;
  actions: IncidentActions;
}

// The reporter's side (D1-52, D0-30): everyone who may report follows their own reports here, also
// people and supplier users without access to the register.
const mineRoutes: FastifyPluginAsyncZod<Services> = async (app, { service, actions }) => {
  // someone else's report is 404 before the body is validated
  reachFirst(app, (req, id) => service.assertReporter(contextOf(req), id));

  app.get(
    '',
    {
      config: incident('create'),
      schema: { tags, summary: 'Mina rapporterade incidenter (det jag skrev och hur långt ärendet kommit)', response: { 200: mineList } },
    },
    async (req) => service.mine(contextOf(req)),
  );

  app.post(
    '/:id/entries',
    {
      config: incident('create'),
      schema: {
        tags,
        summary: 'Lägg till en kommentar eller åtgärd i min egen rapport (D0-30)',
        params: idParams,
        body: reporterEntryCreate,
        response: { 201: entryOut },
      },
    },
    async (req, reply) => reply.status(201).send(await actions.addReporterEntry(contextOf(req), req.params.id, req.body.text)),
  );
};

const registerRoutes: FastifyPluginAsyncZod<Services> = async (app, { service, actions }) => {
  // An incident out of the caller's reach is 404 before its body is validated, like another tenant's.
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));

  registerListRoutes(app, {
    resource: 'incident',
    tags,
    title: { sv: 'Incidenter', en: 'Incidents' },
    fileName: 'incidenter',
    query: incidentListQuery,
    page: incidentPage,
    list: (ctx, query) => service.list(ctx, query),
    iterate: (ctx, query) => service.iterate(ctx, query),
    columns: () => incidentExportColumns,
  });

  app.post(
    '',
    {
      config: incident('create'),
      schema: {
        tags,
        summary: 'Rapportera en incident, avvikelse eller störning (alla får rapportera, D1-52)',
        body: incidentCreate,
        response: { 201: mineItem },
      },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      return reply.status(201).header('location', `/api/v1/incidents/${created.id}`).header('etag', etagOf(1)).send(created);
    },
  );

  app.get(
    '/summary',
    {
      config: incident('read'),
      schema: {
        tags,
        summary: 'Uppföljning: antal incidenter per typ, allvarlighetsgrad, system och månad (D1-34, D1-72)',
        querystring: summaryQuery,
        response: { 200: summaryOut },
      },
    },
    async (req) => actions.summary(contextOf(req), req.query),
  );

  app.get(
    '/:id',
    { config: incident('read'), schema: { tags, summary: 'Hämta en incident', params: idParams, response: { 200: incidentOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id, requestLang(req))),
  );

  app.patch(
    '/:id',
    {
      config: incident('update'),
      schema: {
        tags,
        summary: 'Bedöm och dokumentera en incident (kräver If-Match). Incidenter tas aldrig bort (D1-53).',
        params: idParams,
        body: incidentPatch,
        response: { 200: incidentOut },
      },
    },
    async (req, reply) =>
      sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body, requestLang(req))),
  );

  app.get(
    '/:id/history',
    {
      config: incident('read'),
      schema: { tags, summary: 'Historik för en incident', params: idParams, querystring: historyQuery, response: { 200: historyPage } },
    },
    async (req) => {
      const ctx = contextOf(req);
      const record = await service.get(ctx, req.params.id, requestLang(req));
      return req.server.audit.history(ctx, 'incident', req.params.id, record.masked, req.query as HistoryQuery);
    },
  );

  app.post(
    '/:id/entries',
    {
      config: incident('update'),
      schema: {
        tags,
        summary: 'Lägg till i tidslinjen: åtgärd (kommunen eller leverantören, D0-30) eller krislogg (D1-36)',
        params: idParams,
        body: entryCreate,
        response: { 201: entryOut },
      },
    },
    async (req, reply) => reply.status(201).send(await actions.addEntry(contextOf(req), req.params.id, req.body)),
  );

  app.post(
    '/:id/measures',
    {
      config: { policy: { resource: 'measure', action: 'create' } },
      schema: {
        tags,
        summary: 'Skapa en åtgärd utifrån incidentens slutsatser (D1-33)',
        params: idParams,
        body: incidentMeasureCreate,
        response: { 201: z.object({ id: z.uuid(), title: z.string(), status: z.string() }) },
      },
    },
    async (req, reply) => {
      const created = await actions.addMeasure(contextOf(req), req.params.id, req.body);
      return reply.status(201).header('location', `/api/v1/measures/${created.id}`).send(created);
    },
  );

  app.post(
    '/:id/continuity-activation',
    {
      config: incident('update'),
      schema: {
        tags,
        summary: 'Aktivera kontinuitetsplan och nöddrift (D1-26, kräver If-Match)',
        params: idParams,
        body: continuityActivation,
        response: { 200: incidentOut },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      return sendWithEtag(
        reply,
        await actions.activateContinuity(ctx, req.params.id, requireIfMatch(req), req.body?.note, requestLang(req)),
      );
    },
  );

  app.post(
    '/:id/escalation',
    {
      config: incident('update'),
      schema: {
        tags,
        summary: 'Eskalera till driftpart, t.ex. Unikom (D0-31, kräver If-Match)',
        params: idParams,
        body: escalationCreate,
        response: { 200: incidentOut },
      },
    },
    async (req, reply) =>
      sendWithEtag(reply, await actions.escalate(contextOf(req), req.params.id, requireIfMatch(req), req.body, requestLang(req))),
  );
};

// The incident register under /api/v1: the reporter's own view, then the register itself.
export const incidentModuleRoutes: FastifyPluginAsyncZod<Services> = async (app, services) => {
  await app.register(mineRoutes, { prefix: '/incidents/mine', ...services });
  await app.register(registerRoutes, { prefix: '/incidents', ...services });
};
