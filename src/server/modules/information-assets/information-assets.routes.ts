import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/auth/plugin.js';
import { primed, sendCsv, sendXlsx } from '../../platform/export.js';
import { idParams, requireIfMatch, sendWithEtag, wantsCsv } from '../../platform/http.js';
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

  app.post(
    '',
    { schema: { tags, summary: 'Skapa en informationstillgång', body: assetCreate, response: { 201: assetOut } } },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/information-assets/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'Hämta en informationstillgång', params: idParams, response: { 200: assetOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(requireActor(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Ändra en informationstillgång (kräver If-Match)',
        params: idParams,
        body: assetPatch,
        response: { 200: assetOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  for (const [path, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    app.post(
      `/:id/${path}`,
      {
        schema: {
          tags,
          summary: archived ? 'Arkivera en informationstillgång' : 'Återställ en informationstillgång',
          params: idParams,
          response: { 200: assetOut },
        },
      },
      async (req, reply) => sendWithEtag(reply, await service.setArchived(contextOf(req), req.params.id, requireIfMatch(req), archived)),
    );
  }
};
