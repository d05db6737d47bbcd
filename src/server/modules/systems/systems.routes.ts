import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf, requireActor } from '../../platform/auth/plugin.js';
import { primed, sendCsv, sendXlsx } from '../../platform/export.js';
import { idParams, requireIfMatch, sendWithEtag, wantsCsv } from '../../platform/http.js';
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
    '',
    { schema: { tags, summary: 'Registrera ett IT-system', body: systemCreate, response: { 201: systemOut } } },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/systems/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'Hämta ett IT-system', params: idParams, response: { 200: systemOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(requireActor(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      schema: { tags, summary: 'Ändra ett IT-system (kräver If-Match)', params: idParams, body: systemPatch, response: { 200: systemOut } },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      return sendWithEtag(reply, await service.update(ctx, req.params.id, requireIfMatch(req), req.body));
    },
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
          summary: archived ? 'Arkivera ett IT-system' : 'Återställ ett arkiverat IT-system',
          params: idParams,
          response: { 200: systemOut },
        },
      },
      async (req, reply) => {
        const ctx = contextOf(req);
        return sendWithEtag(reply, await service.setArchived(ctx, req.params.id, requireIfMatch(req), archived));
      },
    );
  }
};
