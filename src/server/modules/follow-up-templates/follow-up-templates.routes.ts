import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { templateList, templateOut, templateParams, templatePut } from './follow-up-templates.schemas.js';
import type { FollowUpTemplatesService } from './follow-up-templates.service.js';

const tags = ['Leverantörer'];

// D1-17: the checklist per supplier type that a follow-up sends (shipped from seeds 000 and 003).
export const followUpTemplatesRoutes: FastifyPluginAsyncZod<{ service: FollowUpTemplatesService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: { policy: { resource: 'follow-up', action: 'read' } },
      schema: { tags, summary: 'Uppföljningsmallar: en per leverantörstyp', response: { 200: templateList } },
    },
    async (req) => service.list(contextOf(req)),
  );

  app.get(
    '/:supplierType',
    {
      config: { policy: { resource: 'follow-up', action: 'read' } },
      schema: { tags, summary: 'Hämta uppföljningsmallen för en leverantörstyp', params: templateParams, response: { 200: templateOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.supplierType)),
  );

  app.put(
    '/:supplierType',
    {
      config: { policy: { resource: 'follow-up', action: 'update' } },
      schema: {
        tags,
        summary: 'Ersätt mallens punkter med kommunens egen lydelse (kräver If-Match; "v0" för den levererade mallen)',
        params: templateParams,
        body: templatePut,
        response: { 200: templateOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.put(contextOf(req), req.params.supplierType, requireIfMatch(req), req.body)),
  );
};
