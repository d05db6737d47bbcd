import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { registerListRoutes } from '../../platform/list-routes.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { systemExportColumns } from './systems.export.js';
import { systemCreate, systemListQuery, systemOut, systemPage, systemPatch } from './systems.schemas.js';
import type { SystemsService } from './systems.service.js';

const tags = ['IT-system'];

export const systemsRoutes: FastifyPluginAsyncZod<{ service: SystemsService }> = async (app, { service }) => {
  registerListRoutes(app, {
    resource: 'system',
    tags,
    title: { sv: 'IT-system', en: 'IT systems' },
    fileName: 'it-system',
    query: systemListQuery,
    page: systemPage,
    list: (actor, query) => service.list(actor, query),
    iterate: (actor, query) => service.iterate(actor, query),
    columns: async (actor) => systemExportColumns(await service.costYears(actor)),
  });

  app.post(
    '/:id/review',
    {
      config: { policy: { resource: 'system', action: 'update' } },
      schema: {
        tags,
        summary: 'Bekräfta att uppgifterna om systemet stämmer (D1-13, kräver If-Match)',
        params: idParams,
        response: { 200: systemOut },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      return sendWithEtag(reply, await service.markReviewed(ctx, req.params.id, requireIfMatch(req)));
    },
  );

  registerRecordRoutes(app, {
    resource: 'system',
    basePath: '/api/v1/systems',
    tags,
    noun: 'ett IT-system',
    create: systemCreate,
    patch: systemPatch,
    out: systemOut,
    service,
  });
};
