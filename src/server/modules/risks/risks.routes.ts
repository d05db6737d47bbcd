import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list-routes.js';
import { notFound } from '../../platform/problems.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import type { RiskAnalysesService } from './risk-analyses.service.js';
import type { RiskSnapshotsService } from './risk-snapshots.service.js';
import { riskExportColumns } from './risks.export.js';
import {
  analysisCreate,
  analysisListQuery,
  analysisOut,
  analysisPage,
  analysisPatch,
  compareOut,
  compareQuery,
  heatMapOut,
  heatMapQuery,
  ownersOut,
  ownersQuery,
  riskCreate,
  riskListQuery,
  riskMeasureCreate,
  riskOut,
  riskPage,
  riskPatch,
  riskSettings,
  snapshotCreate,
  snapshotList,
  snapshotOut,
} from './risks.schemas.js';
import type { RisksService } from './risks.service.js';

const tags = ['Risk- och sårbarhetsanalys'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const risk = (action: 'read' | 'create' | 'update') => ({ policy: { resource: 'risk' as const, action } });

interface Services {
  analyses: RiskAnalysesService;
  risks: RisksService;
  snapshots: RiskSnapshotsService;
}

const settingsRoutes: FastifyPluginAsyncZod<Services> = async (app, { analyses }) => {
  app.get(
    '',
    {
      config: risk('read'),
      schema: { tags, summary: 'Riskmatrisens storlek för nya analyser (4 eller 5)', response: { 200: riskSettings } },
    },
    async (req) => analyses.settings(contextOf(req)),
  );
  app.put(
    '',
    {
      config: { policy: { resource: 'tenant-settings', action: 'update' } },
      schema: { tags, summary: 'Ändra riskmatrisens storlek för nya analyser', body: riskSettings, response: { 200: riskSettings } },
    },
    async (req) => analyses.saveSettings(contextOf(req), req.body),
  );
};

const analysesRoutes: FastifyPluginAsyncZod<Services> = async (app, { analyses }) => {
  app.get(
    '',
    {
      config: risk('read'),
      schema: {
        tags,
        summary: 'Risk- och sårbarhetsanalyser: lista (D1-11)',
        querystring: analysisListQuery,
        response: { 200: analysisPage },
      },
    },
    async (req) => analyses.list(contextOf(req), req.query),
  );
  registerRecordRoutes(app, {
    resource: 'risk',
    basePath: '/api/v1/risk-analyses',
    tags,
    noun: 'en risk- och sårbarhetsanalys',
    create: analysisCreate,
    patch: analysisPatch,
    out: analysisOut,
    service: analyses,
  });
};

const risksRoutes: FastifyPluginAsyncZod<Services> = async (app, { risks }) => {
  // A risk out of the caller's reach is 404 before its body is validated, like another tenant's.
  app.addHook('preValidation', async (req) => {
    const id = (req.params as { id?: string } | undefined)?.id;
    if (id === undefined || typeof req.routeOptions.config.policy !== 'object') return;
    if (!UUID.test(id)) throw notFound();
    await risks.assertReach(contextOf(req), id);
  });

  registerListRoutes(app, {
    resource: 'risk',
    tags,
    title: { sv: 'Risker', en: 'Risks' },
    fileName: 'risker',
    query: riskListQuery,
    page: riskPage,
    list: (ctx, query) => risks.list(ctx, query),
    iterate: (ctx, query) => risks.iterate(ctx, query),
    columns: () => riskExportColumns,
  });

  app.get(
    '/heat-map',
    {
      config: risk('read'),
      schema: {
        tags,
        summary: 'Riskkarta: antal risker per ruta, före och efter åtgärder (rader: konsekvens högst först; kolumner: sannolikhet)',
        querystring: heatMapQuery,
        response: { 200: heatMapOut },
      },
    },
    async (req) => risks.heatMap(contextOf(req), req.query),
  );

  app.get(
    '/owners',
    {
      config: risk('read'),
      schema: { tags, summary: 'Personer som kan vara riskägare', querystring: ownersQuery, response: { 200: ownersOut } },
    },
    async (req) => risks.owners(contextOf(req), req.query),
  );

  app.post(
    '/:id/approve',
    {
      config: risk('update'),
      schema: {
        tags,
        summary: 'Riskägaren godkänner behandling och restrisk (kräver If-Match)',
        params: idParams,
        response: { 200: riskOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await risks.approve(contextOf(req), req.params.id, requireIfMatch(req))),
  );

  app.post(
    '/:id/measures',
    {
      config: { policy: { resource: 'measure', action: 'create' } },
      schema: {
        tags,
        summary: 'Skapa en åtgärd kopplad till risken (D1-02, D4-05)',
        params: idParams,
        body: riskMeasureCreate,
        response: { 201: z.object({ id: z.uuid(), title: z.string(), status: z.string() }) },
      },
    },
    async (req, reply) => {
      const created = await risks.addMeasure(contextOf(req), req.params.id, req.body);
      return reply.status(201).header('location', `/api/v1/measures/${created.id}`).send(created);
    },
  );

  registerRecordRoutes(app, {
    resource: 'risk',
    basePath: '/api/v1/risks',
    tags,
    noun: 'en risk',
    create: riskCreate,
    patch: riskPatch,
    out: riskOut,
    service: risks,
  });
};

const snapshotsRoutes: FastifyPluginAsyncZod<Services> = async (app, { snapshots }) => {
  app.get(
    '',
    { config: risk('read'), schema: { tags, summary: 'Årliga ögonblicksbilder av riskbilden', response: { 200: snapshotList } } },
    async (req) => snapshots.list(contextOf(req)),
  );
  app.post(
    '',
    {
      config: risk('create'),
      schema: { tags, summary: 'Ta årets ögonblicksbild av riskbilden (fryses)', body: snapshotCreate, response: { 201: snapshotOut } },
    },
    async (req, reply) => {
      const created = await snapshots.create(contextOf(req), req.body.year);
      return reply.status(201).header('location', `/api/v1/risk-snapshots/${created.id}`).send(created);
    },
  );
  app.get(
    '/compare',
    {
      config: risk('read'),
      schema: { tags, summary: 'Jämför riskbilden mellan två år', querystring: compareQuery, response: { 200: compareOut } },
    },
    async (req) => snapshots.compare(contextOf(req), req.query.from, req.query.to),
  );
  app.get(
    '/:id',
    { config: risk('read'), schema: { tags, summary: 'Hämta en ögonblicksbild', params: idParams, response: { 200: snapshotOut } } },
    async (req) => snapshots.get(contextOf(req), req.params.id),
  );
};

// The RSA module's routes under /api/v1: settings, analyses, risks with the heat map, snapshots.
export const riskModuleRoutes: FastifyPluginAsyncZod<Services> = async (app, services) => {
  await app.register(settingsRoutes, { prefix: '/risk-settings', ...services });
  await app.register(analysesRoutes, { prefix: '/risk-analyses', ...services });
  await app.register(risksRoutes, { prefix: '/risks', ...services });
  await app.register(snapshotsRoutes, { prefix: '/risk-snapshots', ...services });
};
