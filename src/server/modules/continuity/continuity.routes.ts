import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import type { ContinuityDocumentsService } from './continuity-documents.service.js';
import {
  documentCreate,
  documentListQuery,
  documentOut,
  documentPage,
  documentPatch,
  overviewOut,
  systemContinuityIn,
  systemContinuityOut,
} from './continuity.schemas.js';
import type { ContinuityService } from './continuity.service.js';

const tags = ['Kontinuitet'];
const continuity = (action: 'read' | 'update') => ({ policy: { resource: 'continuity' as const, action } });

interface Services {
  continuity: ContinuityService;
  documents: ContinuityDocumentsService;
}

// /systems/{id}/continuity: accepted outage time, vital activity, emergency procedure, dependencies
const systemRoutes: FastifyPluginAsyncZod<Services> = async (app, { continuity: service }) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));
  app.get(
    '/:id/continuity',
    {
      config: continuity('read'),
      schema: { tags, summary: 'Kontinuitet för ett IT-system', params: idParams, response: { 200: systemContinuityOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );
  app.put(
    '/:id/continuity',
    {
      config: continuity('update'),
      schema: {
        tags,
        summary: 'Spara kontinuitet för ett IT-system (kräver If-Match, "v0" första gången)',
        params: idParams,
        body: systemContinuityIn,
        response: { 200: systemContinuityOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.put(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
};

const documentRoutes: FastifyPluginAsyncZod<Services> = async (app, { documents }) => {
  reachFirst(app, (req, id) => documents.assertReach(contextOf(req), id));
  app.get(
    '',
    {
      config: continuity('read'),
      schema: {
        tags,
        summary: 'Reservrutiner, kontinuitetsplaner och återställningsplaner: lista',
        querystring: documentListQuery,
        response: { 200: documentPage },
      },
    },
    async (req) => documents.list(contextOf(req), req.query),
  );
  registerRecordRoutes(app, {
    resource: 'continuity',
    basePath: '/api/v1/continuity-documents',
    tags,
    noun: 'ett kontinuitetsdokument',
    create: documentCreate,
    patch: documentPatch,
    out: documentOut,
    service: documents,
  });
};

const overviewRoutes: FastifyPluginAsyncZod<Services> = async (app, { continuity: service }) => {
  app.get(
    '/overview',
    {
      config: continuity('read'),
      schema: { tags, summary: 'Kontinuitet för kritiska system och leverantörer: brister', response: { 200: overviewOut } },
    },
    async (req) => service.overview(contextOf(req)),
  );
};

export const continuityRoutes: FastifyPluginAsyncZod<Services> = async (app, services) => {
  await app.register(systemRoutes, { prefix: '/systems', ...services });
  await app.register(documentRoutes, { prefix: '/continuity-documents', ...services });
  await app.register(overviewRoutes, { prefix: '/continuity', ...services });
};
