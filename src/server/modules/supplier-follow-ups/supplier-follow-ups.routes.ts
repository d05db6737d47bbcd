import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { sendFile } from '../../platform/files/download.js';
import { MAX_FILE_BYTES } from '../../platform/files/store.js';
import { readUpload } from '../../platform/files/upload.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import type { FollowUpItemsService } from './follow-up-items.service.js';
import {
  answerIn,
  assessmentIn,
  closeIn,
  followUpCreate,
  followUpListQuery,
  followUpOut,
  followUpPage,
  followUpPatch,
  itemOut,
} from './supplier-follow-ups.schemas.js';
import type { SupplierFollowUpsService } from './supplier-follow-ups.service.js';

const tags = ['Leverantörer'];
const policy = (action: 'read' | 'create' | 'update') => ({ policy: { resource: 'follow-up' as const, action } });

// D1-17: follow-ups of suppliers — planned, sent with the checklist, answered in the portal, assessed,
// deficiencies followed as measures, closed.
export const supplierFollowUpsRoutes: FastifyPluginAsyncZod<{ service: SupplierFollowUpsService }> = async (app, { service }) => {
  reachFirst(app, (req, id, action) => service.assertReach(contextOf(req), id, action));

  app.get(
    '',
    {
      config: policy('read'),
      schema: { tags, summary: 'Leverantörsuppföljningar: lista', querystring: followUpListQuery, response: { 200: followUpPage } },
    },
    async (req) => service.list(contextOf(req), req.query),
  );
  app.post(
    '',
    {
      config: policy('create'),
      schema: { tags, summary: 'Planera en uppföljning av en leverantör', body: followUpCreate, response: { 201: followUpOut } },
    },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body);
      reply.header('location', `/api/v1/supplier-follow-ups/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );
  app.get(
    '/:id',
    {
      config: policy('read'),
      schema: { tags, summary: 'Hämta en uppföljning med punkter och underlag', params: idParams, response: { 200: followUpOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );
  app.patch(
    '/:id',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ändra en uppföljning (kräver If-Match)',
        params: idParams,
        body: followUpPatch,
        response: { 200: followUpOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
  app.post(
    '/:id/send',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Skicka uppföljningen till leverantören (kräver If-Match)',
        params: idParams,
        response: { 200: followUpOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.send(contextOf(req), req.params.id, requireIfMatch(req))),
  );
  app.post(
    '/:id/submit',
    {
      config: policy('update'),
      schema: { tags, summary: 'Lämna in leverantörens svar (kräver If-Match)', params: idParams, response: { 200: followUpOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.submit(contextOf(req), req.params.id, requireIfMatch(req))),
  );
  app.post(
    '/:id/close',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Avsluta uppföljningen när alla brister är åtgärdade (kräver If-Match)',
        params: idParams,
        body: closeIn,
        response: { 200: followUpOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.close(contextOf(req), req.params.id, requireIfMatch(req), req.body.conclusion)),
  );
};

export const followUpItemsRoutes: FastifyPluginAsyncZod<{ service: FollowUpItemsService }> = async (app, { service }) => {
  // Only this scope takes multipart bodies (evidence uploads); everywhere else stays JSON.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1 } });
  reachFirst(app, (req, id, action) => service.assertReach(contextOf(req), id, action));

  app.put(
    '/:id/answer',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Besvara en punkt (leverantörens intygande; kräver If-Match)',
        params: idParams,
        body: answerIn,
        response: { 200: itemOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.answer(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
  app.put(
    '/:id/assessment',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Bedöm en punkt; en brist kräver förfallodag och blir en åtgärd (kräver If-Match)',
        params: idParams,
        body: assessmentIn,
        response: { 200: itemOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.assess(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );
  app.post(
    '/:id/files',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Bifoga underlag (multipart/form-data, fältet file, högst 25 MB; PDF, PNG, JPEG, docx, xlsx, odt, ods, txt, csv)',
        params: idParams,
        response: { 200: itemOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.upload(contextOf(req), req.params.id, await readUpload(req))),
  );
};

// Downloads of stored files: always as attachments, only to those who may read the owner record.
export const filesRoutes: FastifyPluginAsyncZod<{ service: FollowUpItemsService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertFileReach(contextOf(req), id));
  app.get(
    '/:id',
    { config: policy('read'), schema: { tags, summary: 'Ladda ned en fil (alltid som bilaga)', params: idParams } },
    async (req, reply) => {
      const { file, content } = await service.download(contextOf(req), req.params.id);
      return sendFile(reply, file, content);
    },
  );
};
