import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Action, Resource } from '../../platform/access.js';
import { contextOf } from '../../platform/auth/plugin.js';
import type { FastifyRequest } from 'fastify';
import { etagOf, idParams, requireIfMatch } from '../../platform/http.js';
import { notFound } from '../../platform/problems.js';
import {
  classificationList,
  classificationOut,
  classifyIn,
  coverageOut,
  protectionIn,
  protectionOut,
  reviewsDueOut,
  schemeIn,
  schemeOut,
  systemClassificationList,
} from './classification.schemas.js';
import type { ClassificationService } from './classification.service.js';
import type { ProtectionService } from './protection.service.js';

const tags = ['Informationsklassning'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const policy = (resource: Resource, action: Action) => ({ policy: { resource, action } });
// If-Match is optional here (the contract answers 200 without it); when sent, it must be the asset's /
// system's current ETag or the change is refused with 412.
const ifMatch = (req: FastifyRequest) => (req.headers['if-match'] === undefined ? null : requireIfMatch(req));

// Registered at /api/v1 with full paths: the asset and system routes sit under those registers.
export const classificationRoutes: FastifyPluginAsyncZod<{ service: ClassificationService; protection: ProtectionService }> = async (
  app,
  { service, protection },
) => {
  // Object reach before the body is validated: an asset or system out of the caller's reach is 404
  // whatever was sent (the route's own policy ran just before).
  app.addHook('preValidation', async (req) => {
    const id = (req.params as { id?: string } | undefined)?.id;
    const p = req.routeOptions.config.policy;
    if (id === undefined || typeof p !== 'object') return;
    if (!UUID.test(id)) throw notFound();
    const ctx = contextOf(req);
    if (p.resource === 'system') await protection.assertReach(ctx, id, p.action);
    else await service.assertReach(ctx, id, p.action);
  });

  app.get(
    '/classification/scheme',
    {
      config: policy('information-asset', 'read'),
      schema: {
        tags,
        summary: 'Klassningsmodellen: nivåer, miniminivåregler, vägledning, omprövningsintervall',
        response: { 200: schemeOut },
      },
    },
    async (req) => service.scheme(contextOf(req)),
  );

  app.put(
    '/classification/scheme',
    {
      config: policy('tenant-settings', 'update'),
      schema: { tags, summary: 'Ändra klassningsmodellen (benämningar, regler, intervall)', body: schemeIn, response: { 200: schemeOut } },
    },
    async (req) => service.updateScheme(contextOf(req), req.body),
  );

  app.get(
    '/classification/coverage',
    {
      config: policy('information-asset', 'read'),
      schema: { tags, summary: 'Täckning: klassade och oklassade tillgångar och system (D1-23, D4-31)', response: { 200: coverageOut } },
    },
    async (req) => service.coverage(contextOf(req)),
  );

  app.get(
    '/classification/reviews-due',
    {
      config: policy('information-asset', 'read'),
      schema: { tags, summary: 'Klassningar som snart ska omprövas eller är försenade (D2-23)', response: { 200: reviewsDueOut } },
    },
    async (req) => service.reviewsDue(contextOf(req)),
  );

  app.put(
    '/information-assets/:id/classification',
    {
      config: policy('information-asset', 'update'),
      schema: {
        tags,
        summary:
          'Klassa en informationstillgång (K, R, T, S med motivering; nivå 4 avvisas). If-Match med tillgångens ETag är valfritt (412 om den inte stämmer); svaret har tillgångens nya ETag.',
        params: idParams,
        body: classifyIn,
        response: { 200: classificationOut },
      },
    },
    async (req, reply) => {
      const { body, version } = await service.classifyWithVersion(contextOf(req), req.params.id, req.body, ifMatch(req));
      return reply.header('etag', etagOf(version)).send(body);
    },
  );

  app.get(
    '/information-assets/:id/classification',
    {
      config: policy('information-asset', 'read'),
      schema: { tags, summary: 'Gällande klassning för en informationstillgång', params: idParams, response: { 200: classificationOut } },
    },
    async (req) => service.current(contextOf(req), req.params.id),
  );

  app.get(
    '/information-assets/:id/classifications',
    {
      config: policy('information-asset', 'read'),
      schema: {
        tags,
        summary: 'Alla klassningar för en informationstillgång, nyast först',
        params: idParams,
        response: { 200: classificationList },
      },
    },
    async (req) => ({ items: await service.history(contextOf(req), req.params.id) }),
  );

  app.get(
    '/systems/:id/protection-level',
    {
      config: policy('system', 'read'),
      schema: {
        tags,
        summary: 'Systemets skyddsnivå: härledd, höjd, gällande, status (D1-23, D1-24)',
        params: idParams,
        response: { 200: protectionOut },
      },
    },
    async (req) => protection.get(contextOf(req), req.params.id),
  );

  app.put(
    '/systems/:id/protection-level',
    {
      config: policy('system', 'update'),
      schema: {
        tags,
        summary:
          'Höj systemets skyddsnivå med motivering, ange konsekvens vid bortfall och kritiskt (D1-23, D1-24). Utelämnad aspekt behåller lagrad höjning; null tar bort den. If-Match med systemets ETag är valfritt (412 om den inte stämmer).',
        params: idParams,
        body: protectionIn,
        response: { 200: protectionOut },
      },
    },
    async (req, reply) => {
      const { body, version } = await protection.setWithVersion(contextOf(req), req.params.id, req.body, ifMatch(req));
      return reply.header('etag', etagOf(version)).send(body);
    },
  );

  app.get(
    '/systems/:id/classifications',
    {
      config: policy('system', 'read'),
      schema: { tags, summary: 'Systemets klassningshistorik, nyast först', params: idParams, response: { 200: systemClassificationList } },
    },
    async (req) => ({ items: await protection.history(contextOf(req), req.params.id) }),
  );
};
