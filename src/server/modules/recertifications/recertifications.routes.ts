import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import { historyPage, historyQuery } from '../audit/audit.schemas.js';
import {
  campaignCreate,
  campaignListQuery,
  campaignOut,
  campaignPage,
  campaignPatch,
  decisionIn,
  itemCreate,
  itemList,
  itemOut,
} from './recertifications.schemas.js';
import type { RecertificationsService } from './recertifications.service.js';

const tags = ['Leverantörer'];
const policy = (action: 'read' | 'create' | 'update') => ({ policy: { resource: 'recertification', action } }) as const;

// D0-15, D3-36: recertification campaigns per system; each account is kept or removed.
export const recertificationCampaignsRoutes: FastifyPluginAsyncZod<{ service: RecertificationsService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));

  app.get(
    '',
    {
      config: policy('read'),
      schema: { tags, summary: 'Omprövningskampanjer: lista', querystring: campaignListQuery, response: { 200: campaignPage } },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '',
    {
      config: policy('create'),
      schema: { tags, summary: 'Starta en omprövning av ett systems konton', body: campaignCreate, response: { 201: campaignOut } },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/recertification-campaigns/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    { config: policy('read'), schema: { tags, summary: 'Hämta en omprövningskampanj', params: idParams, response: { 200: campaignOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ändra en omprövningskampanj (kräver If-Match)',
        params: idParams,
        body: campaignPatch,
        response: { 200: campaignOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  app.post(
    '/:id/close',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Stäng en omprövningskampanj när alla konton är granskade (kräver If-Match)',
        params: idParams,
        response: { 200: campaignOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.close(contextOf(req), req.params.id, requireIfMatch(req))),
  );

  app.get(
    '/:id/items',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Kontona i en omprövning (en leverantör ser sin egen personal)',
        params: idParams,
        response: { 200: itemList },
      },
    },
    async (req) => service.items(contextOf(req), req.params.id),
  );

  app.post(
    '/:id/items',
    {
      config: policy('create'),
      schema: { tags, summary: 'Lägg till ett konto i en omprövning', params: idParams, body: itemCreate, response: { 201: itemOut } },
    },
    async (req, reply) => reply.status(201).send(await service.addItem(contextOf(req), req.params.id, req.body)),
  );

  app.get(
    '/:id/history',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Historik för en omprövningskampanj',
        params: idParams,
        querystring: historyQuery,
        response: { 200: historyPage },
      },
    },
    async (req) => {
      const ctx = contextOf(req);
      await service.assertWholeReach(ctx, req.params.id);
      return req.server.audit.history(ctx, 'recertification', req.params.id, false, req.query);
    },
  );
};

export const recertificationItemsRoutes: FastifyPluginAsyncZod<{ service: RecertificationsService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertItemReach(contextOf(req), id));

  app.post(
    '/:id/decision',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Behåll eller ta bort ett konto; borttag skapar en avslutsbeställning (kräver If-Match)',
        params: idParams,
        body: decisionIn,
        response: { 200: itemOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.decide(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
};
