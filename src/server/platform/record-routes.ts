import type { FastifyRequest, FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Action, Resource } from './access.js';
import type { RequestContext } from './audit.js';
import { contextOf } from './auth/plugin.js';
import { idParams, requireIfMatch, sendWithEtag } from './http.js';
import { historyPage, historyQuery, type HistoryQuery } from '../modules/audit/audit.schemas.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

export interface RecordService<Create, Patch, Out> {
  create(ctx: RequestContext, input: Create): Promise<Out>;
  get(ctx: RequestContext, id: string): Promise<Out>;
  update(ctx: RequestContext, id: string, expectedVersion: number, patch: Patch): Promise<Out>;
  setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<Out>;
}

interface RecordRoutes<C extends z.ZodType, P extends z.ZodType, O extends z.ZodType> {
  basePath: string;
  resource: Resource;
  tags: string[];
  // Swedish noun with article, for the API reference: "ett IT-system"
  noun: string;
  create: C;
  patch: P;
  out: O;
  service: RecordService<z.output<C>, z.output<P>, z.output<O> & { id: string; version: number }>;
}

// Validated by the schema before the handler runs; the generic schema cannot carry the type here.
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

// The record routes every register shares: create, read, change with If-Match, archive and restore.
// Lists differ per module (filters, exports) and stay in the module's routes.
export function registerRecordRoutes<C extends z.ZodType, P extends z.ZodType, O extends z.ZodType>(app: ZodApp, r: RecordRoutes<C, P, O>) {
  const { tags, noun, service } = r;
  const schema = (s: FastifySchema): FastifySchema => ({ tags, ...s });

  const policy = (action: Action) => ({ policy: { resource: r.resource, action } });

  app.post(
    '',
    { config: policy('create'), schema: schema({ summary: `Skapa ${noun}`, body: r.create, response: { 201: r.out } }) },
    async (req, reply) => {
      const created = await service.create(contextOf(req), req.body as z.output<C>);
      reply.header('location', `${r.basePath}/${created.id}`);
      return sendWithEtag(reply, created, 201);
    },
  );

  app.get(
    '/:id',
    { config: policy('read'), schema: schema({ summary: `Hämta ${noun}`, params: idParams, response: { 200: r.out } }) },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req), idOf(req))),
  );

  app.patch(
    '/:id',
    {
      config: policy('update'),
      schema: schema({ summary: `Ändra ${noun} (kräver If-Match)`, params: idParams, body: r.patch, response: { 200: r.out } }),
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      return sendWithEtag(reply, await service.update(ctx, idOf(req), requireIfMatch(req), req.body as z.output<P>));
    },
  );

  // Every record's history from the audit trail: whoever may read the record may read its history.
  app.get(
    '/:id/history',
    {
      config: policy('read'),
      schema: schema({ summary: `Historik för ${noun}`, params: idParams, querystring: historyQuery, response: { 200: historyPage } }),
    },
    async (req) => {
      const ctx = contextOf(req);
      const record = (await service.get(ctx, idOf(req))) as { masked?: boolean };
      return req.server.audit.history(ctx, r.resource, idOf(req), record.masked === true, req.query as HistoryQuery);
    },
  );

  for (const [path, archived] of [
    ['archive', true],
    ['restore', false],
  ] as const) {
    const summary = `${archived ? 'Arkivera' : 'Återställ'} ${noun} (kräver If-Match)`;
    app.post(
      `/:id/${path}`,
      { config: policy(path), schema: schema({ summary, params: idParams, response: { 200: r.out } }) },
      async (req, reply) => {
        const ctx = contextOf(req);
        return sendWithEtag(reply, await service.setArchived(ctx, idOf(req), requireIfMatch(req), archived));
      },
    );
  }
}
