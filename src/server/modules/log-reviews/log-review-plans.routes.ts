import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, sendWithEtag } from '../../platform/http.js';
import { notFound } from '../../platform/problems.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import type { LogReviewPlansService } from './log-review-plans.service.js';
import {
  extraReviewCreate,
  peoplePage,
  planCreate,
  planListQuery,
  planOut,
  planPage,
  planPatch,
  reviewOut,
} from './log-reviews.schemas.js';

const tags = ['Loggkontroller'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Object-level reach before the body is validated: a plan out of the caller's reach is 404 whatever
// was sent, like a plan of another organisation (the route's own policy ran just before).
export async function objectReachHook(req: FastifyRequest, check: (id: string, action: never) => Promise<void>) {
  const id = (req.params as { id?: string } | undefined)?.id;
  const policy = req.routeOptions.config.policy;
  if (id === undefined || typeof policy !== 'object') return;
  if (!UUID.test(id)) throw notFound();
  await check(id, policy.action as never);
}

export const logReviewPlansRoutes: FastifyPluginAsyncZod<{ service: LogReviewPlansService }> = async (app, { service }) => {
  app.addHook('preValidation', (req) => objectReachHook(req, (id, action) => service.assertRouteReach(contextOf(req), id, action)));

  app.get(
    '',
    {
      config: { policy: { resource: 'log-review', action: 'read' } },
      schema: { tags, summary: 'Planer för loggkontroll: lista (D3-04, D0-16)', querystring: planListQuery, response: { 200: planPage } },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.get(
    '/people',
    {
      config: { policy: { resource: 'log-review', action: 'create' } },
      schema: { tags, summary: 'Personer som kan granska eller ta fram underlag', response: { 200: peoplePage } },
    },
    async (req) => service.people(contextOf(req)),
  );

  app.post(
    '/:id/reviews',
    {
      config: { policy: { resource: 'log-review', action: 'create' } },
      schema: {
        tags,
        summary: 'Lägg till en extra granskning i planen',
        params: idParams,
        body: extraReviewCreate,
        response: { 201: reviewOut },
      },
    },
    async (req, reply) => {
      const created = await service.addReview(contextOf(req), req.params.id, req.body);
      reply.header('location', `/api/v1/log-reviews/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  registerRecordRoutes(app, {
    resource: 'log-review',
    basePath: '/api/v1/log-review-plans',
    tags,
    noun: 'en plan för loggkontroll',
    create: planCreate,
    patch: planPatch,
    out: planOut,
    service,
  });
};
