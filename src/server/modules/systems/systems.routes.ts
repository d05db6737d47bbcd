import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/auth/plugin.js';
import { primed, sendCsv, sendXlsx } from '../../platform/export.js';
import { idParams, requireIfMatch, sendWithEtag, wantsCsv } from '../../platform/http.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { requestLang } from '../../platform/language.js';
import { systemExportColumns } from './systems.export.js';
import { systemCreate, systemListQuery, systemOut, systemPage, systemPatch } from './systems.schemas.js';
import type { SystemsService } from './systems.service.js';

const tags = ['IT-system'];

export const systemsRoutes: FastifyPluginAsyncZod<{ service: SystemsService }> = async (app, { service }) => {
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Lista IT-system (Accept: text/csv ger CSV)',
        querystring: systemListQuery,
        response: { 200: systemPage },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!wantsCsv(req)) return service.list(actor, req.query);
      const lang = requestLang(req);
      const rows = await primed(service.iterate(actor, req.query));
      return sendCsv(reply, 'it-system.csv', lang, systemExportColumns(await service.costYears(actor)), rows);
    },
  );

  app.get(
    '/export.xlsx',
    { schema: { tags, summary: 'Exportera IT-system som Excel', querystring: systemListQuery } },
    async (req, reply) => {
      const actor = requireActor(req);
      const lang = requestLang(req);
      const rows = await primed(service.iterate(actor, req.query));
      const columns = systemExportColumns(await service.costYears(actor));
      return sendXlsx(reply, 'it-system.xlsx', lang === 'sv' ? 'IT-system' : 'IT systems', lang, columns, rows);
    },
  );

  app.post(
    '/:id/review',
    {
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
    basePath: '/api/v1/systems',
    tags,
    noun: 'ett IT-system',
    create: systemCreate,
    patch: systemPatch,
    out: systemOut,
    service,
  });
};
