import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { contextOf } from '../../platform/auth/plugin.js';
import { etagOf } from '../../platform/http.js';
import { requestLang } from '../../platform/language.js';
import { Problem } from '../../platform/problems.js';
import { reachFirst } from '../../platform/reach-first.js';
import {
  draftIn,
  draftOut,
  obligationParams,
  obligationPatch,
  obligationSchema,
  regimeCreate,
  regimeList,
  regimeOut,
} from './incident-obligations.schemas.js';
import type { IncidentObligationsService } from './incident-obligations.service.js';

const tags = ['Incidenter: rapporteringsskyldigheter'];
const incident = (action: 'read' | 'update') => ({ policy: { resource: 'incident' as const, action } });
const settings = (action: 'read' | 'create') => ({ policy: { resource: 'incident-settings' as const, action } });

// If-Match is honoured when sent (a stale form gets 412) but not required: the reporting fields are
// set by outside checks and integrations that hold no ETag.
function optionalIfMatch(req: FastifyRequest): number | null {
  const header = req.headers['if-match'];
  if (typeof header !== 'string' || header.trim() === '' || header.trim() === '*') return null;
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!m) throw new Problem('precondition-failed');
  return Number(m[1]);
}

const contentTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export const incidentObligationsRoutes: FastifyPluginAsyncZod<{ service: IncidentObligationsService }> = async (app, { service }) => {
  // an incident out of reach, or a code no regime has, is 404 before the body is validated
  reachFirst(app, (req, id, action) =>
    service.assertReach(contextOf(req), id, (req.params as { code?: string }).code ?? '', action === 'read' ? 'read' : 'update'),
  );

  app.patch(
    '/incidents/:id/obligations/:code',
    {
      config: incident('update'),
      schema: {
        tags,
        summary: 'Ändra en rapporteringsskyldighet: gäller, skickad, diarienummer, skäl till förseningen (D1-37)',
        params: obligationParams,
        body: obligationPatch,
        response: { 200: obligationSchema },
      },
    },
    async (req, reply) => {
      const out = await service.patch(contextOf(req), req.params.id, req.params.code, req.body, optionalIfMatch(req), requestLang(req));
      return reply.header('etag', etagOf(out.version)).send(out);
    },
  );

  app.get(
    '/incidents/:id/obligations/:code/draft',
    {
      config: incident('read'),
      schema: {
        tags,
        summary: 'Utkastet till rapporten (sekretess: läsningen loggas)',
        params: obligationParams,
        response: { 200: draftOut },
      },
    },
    async (req) => service.draft(contextOf(req), req.params.id, req.params.code, requestLang(req)),
  );

  app.put(
    '/incidents/:id/obligations/:code/draft',
    {
      config: incident('update'),
      schema: {
        tags,
        summary: 'Spara utkastet till rapporten: svar på myndighetens frågor (If-Match följs när det skickas)',
        params: obligationParams,
        body: draftIn,
        response: { 200: draftOut },
      },
    },
    async (req, reply) => {
      const out = await service.saveDraft(contextOf(req), req.params.id, req.params.code, req.body, optionalIfMatch(req), requestLang(req));
      return reply.header('etag', etagOf(out.version)).send(out);
    },
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/incidents/:id/obligations/:code/draft.${format}`,
      {
        config: incident('read'),
        schema: { tags, summary: `Utkastet till rapporten som ${format.toUpperCase()}`, params: obligationParams },
      },
      async (req, reply) => {
        const { fileName, body } = await service.draftDocument(contextOf(req), req.params.id, req.params.code, format);
        return reply
          .header('content-type', contentTypes[format])
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(body);
      },
    );
  }

  app.get(
    '/reporting-regimes',
    {
      config: settings('read'),
      schema: {
        tags,
        summary: 'Rapporteringsregler som gäller nu (mottagare, tidsfrister, fält) och tidigare versioner',
        response: { 200: regimeList },
      },
    },
    async (req) => service.regimes(contextOf(req), requestLang(req)),
  );

  app.post(
    '/reporting-regimes',
    {
      config: settings('create'),
      schema: {
        tags,
        summary: 'Lägg till kommunens egen version av en rapporteringsregel',
        body: regimeCreate,
        response: { 201: regimeOut },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createRegime(contextOf(req), req.body, requestLang(req))),
  );
};
