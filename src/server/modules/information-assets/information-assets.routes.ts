import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { primed, sendCsv, sendXlsx } from '../../platform/export.js';
import { wantsCsv } from '../../platform/http.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { requestLang } from '../../platform/language.js';
import { assetExportColumns } from './information-assets.export.js';
import { assetCreate, assetListQuery, assetOut, assetPage, assetPatch } from './information-assets.schemas.js';
import type { InformationAssetsService } from './information-assets.service.js';

const tags = ['Informationstillgångar'];

export const informationAssetsRoutes: FastifyPluginAsyncZod<{ service: InformationAssetsService }> = async (app, { service }) => {
  app.get(
    '',
    {
      schema: {
        tags,
        summary: 'Lista informationstillgångar (Accept: text/csv ger CSV)',
        querystring: assetListQuery,
        response: { 200: assetPage },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!wantsCsv(req)) return service.list(actor, req.query);
      const rows = await primed(service.iterate(actor, req.query));
      return sendCsv(reply, 'informationstillgangar.csv', requestLang(req), assetExportColumns, rows);
    },
  );

  app.get(
    '/export.xlsx',
    { schema: { tags, summary: 'Exportera informationstillgångar som Excel', querystring: assetListQuery } },
    async (req, reply) => {
      const actor = requireActor(req);
      const lang = requestLang(req);
      const rows = await primed(service.iterate(actor, req.query));
      return sendXlsx(
        reply,
        'informationstillgangar.xlsx',
        lang === 'sv' ? 'Informationstillgångar' : 'Information assets',
        lang,
        assetExportColumns,
        rows,
      );
    },
  );

  registerRecordRoutes(app, {
    basePath: '/api/v1/information-assets',
    tags,
    noun: 'en informationstillgång',
    create: assetCreate,
    patch: assetPatch,
    out: assetOut,
    service,
  });
};
