import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { fieldProblem, Problem } from '../../platform/problems.js';
import { objectReachHook } from './log-review-plans.routes.js';
import { disposition, servedType } from './log-reviews.download.js';
import {
  followUpCreate,
  followUpOut,
  followUpParams,
  followUpPatch,
  MAX_MATERIAL_BYTES,
  outcomeIn,
  reviewListQuery,
  reviewOut,
  reviewPage,
  reviewPatch,
} from './log-reviews.schemas.js';
import type { LogReviewsService, UploadedFile } from './log-reviews.service.js';

const tags = ['Loggkontroller'];
const policy = (action: 'read' | 'create' | 'update') => ({ policy: { resource: 'log-review' as const, action } });

const noFile = () => fieldProblem('file', 'required', 'Välj en fil med loggutdraget.', 'Choose a file with the log extract.');

// Control characters, quotes and path parts never reach the stored name or a Content-Disposition header.
const cleanName = (name: string) =>
  [...(name.split(/[\\/]/).pop() ?? '')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f' && c !== '"')
    .join('')
    .trim()
    .slice(0, 200) || 'loggutdrag';

// Busboy reports a body that ends mid-part ("Unexpected end of form", "Part terminated early") as a
// plain error: that is the client's cut-off upload, not a fault here. Errors that already carry a 4xx
// (too many parts or files, not multipart) and our own problems pass through.
const clientFault = (err: unknown) => {
  if (err instanceof Problem) return err;
  if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return new Problem('file-too-large');
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return err;
  return new Problem('bad-request', { sv: 'Filen kom inte fram hel. Försök igen.', en: 'The file did not arrive whole. Try again.' });
};

async function readUpload(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw noFile();
  let fileName: string;
  let contentType: string;
  let content: Buffer;
  try {
    const part = await req.file({ limits: { fileSize: MAX_MATERIAL_BYTES, files: 1, fields: 0 } });
    if (!part) throw noFile();
    fileName = part.filename;
    contentType = part.mimetype;
    content = await part.toBuffer();
  } catch (err) {
    throw clientFault(err);
  }
  if (content.length === 0) throw fieldProblem('file', 'empty', 'Filen är tom.', 'The file is empty.');
  return { fileName: cleanName(fileName), contentType: contentType || 'application/octet-stream', content };
}

export const logReviewsRoutes: FastifyPluginAsyncZod<{ service: LogReviewsService }> = async (app, { service }) => {
  // Only this scope takes multipart bodies (the log extract upload); everywhere else stays JSON.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_MATERIAL_BYTES, files: 1, fields: 0, parts: 1 } });
  app.addHook('preValidation', (req) => objectReachHook(req, (id, action) => service.assertRouteReach(contextOf(req), id, action)));

  app.get(
    '',
    {
      config: policy('read'),
      schema: {
        tags,
        summary: 'Loggkontroller: lista (status=overdue ger försenade)',
        querystring: reviewListQuery,
        response: { 200: reviewPage },
      },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.get(
    '/:id',
    { config: policy('read'), schema: { tags, summary: 'Hämta en loggkontroll', params: idParams, response: { 200: reviewOut } } },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), req.params.id)),
  );

  app.patch(
    '/:id',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ändra förfallodag eller period (kräver If-Match)',
        params: idParams,
        body: reviewPatch,
        response: { 200: reviewOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  app.post(
    '/:id/material',
    {
      config: policy('create'),
      schema: {
        tags,
        summary: 'Bifoga loggutdrag som fil (multipart/form-data, fältet file, högst 25 MB, kräver If-Match)',
        params: idParams,
        response: { 200: reviewOut },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      const version = requireIfMatch(req);
      return sendWithEtag(reply, await service.attachUpload(ctx, req.params.id, version, await readUpload(req)));
    },
  );

  app.post(
    '/:id/audit-extract',
    {
      config: policy('create'),
      schema: {
        tags,
        summary: 'Bifoga utdrag ur Tillits egen granskningslogg för systemen och perioden (kräver If-Match)',
        params: idParams,
        response: { 200: reviewOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.attachAuditExtract(contextOf(req), req.params.id, requireIfMatch(req))),
  );

  app.get(
    '/:id/material',
    { config: policy('read'), schema: { tags, summary: 'Ladda ned loggutdraget', params: idParams } },
    async (req, reply) => {
      const m = await service.download(contextOf(req), req.params.id);
      return reply
        .header('content-type', servedType(m.contentType))
        .header('content-disposition', disposition(m.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(m.content);
    },
  );

  app.post(
    '/:id/outcome',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Registrera granskningens resultat (D0-16, D3-04; kräver If-Match)',
        params: idParams,
        body: outcomeIn,
        response: { 200: reviewOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.recordOutcome(contextOf(req), req.params.id, requireIfMatch(req), req.body)),
  );

  app.post(
    '/:id/follow-ups',
    {
      config: policy('create'),
      schema: {
        tags,
        summary: 'Lägg till en uppföljning av en avvikelse',
        params: idParams,
        body: followUpCreate,
        response: { 201: followUpOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.addFollowUp(contextOf(req), req.params.id, req.body), 201),
  );

  app.patch(
    '/:id/follow-ups/:followUpId',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ändra eller stäng en uppföljning (kräver If-Match)',
        params: followUpParams,
        body: followUpPatch,
        response: { 200: followUpOut },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      const { id, followUpId } = req.params;
      return sendWithEtag(reply, await service.updateFollowUp(ctx, id, followUpId, requireIfMatch(req), req.body));
    },
  );
};
