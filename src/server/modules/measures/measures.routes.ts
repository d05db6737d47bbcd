import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { registerListRoutes } from '../../platform/list-routes.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { measureExportColumns } from './measures.export.js';
import { measureCreate, measureListQuery, measureOut, measurePage, measurePatch } from './measures.schemas.js';
import type { MeasuresService } from './measures.service.js';

const tags = ['Åtgärder'];

export const measuresRoutes: FastifyPluginAsyncZod<{ service: MeasuresService }> = async (app, { service }) => {
  registerListRoutes(app, {
    resource: 'measure',
    tags,
    title: { sv: 'Åtgärder', en: 'Measures' },
    fileName: 'atgarder',
    query: measureListQuery,
    page: measurePage,
    list: (ctx, query) => service.list(ctx, query),
    iterate: (ctx, query) => service.iterate(ctx, query),
    columns: () => measureExportColumns,
  });

  app.get(
    '/owners',
    {
      config: { policy: { resource: 'measure', action: 'read' } },
      schema: {
        tags,
        summary: 'Personer som kan vara ansvariga för en åtgärd',
        response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), displayName: z.string() })) }) },
      },
    },
    async (req) => ({ items: await service.owners(contextOf(req).actor) }),
  );

  registerRecordRoutes(app, {
    resource: 'measure',
    basePath: '/api/v1/measures',
    tags,
    noun: 'en åtgärd',
    create: measureCreate,
    patch: measurePatch,
    out: measureOut,
    service,
  });
};
