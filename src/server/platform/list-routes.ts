import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Actor, Resource } from './access.js';
import type { Db } from '../db/client.js';
import { withTenant } from '../db/tenant.js';
import { recordAudit, type RequestContext } from './audit.js';
import { contextOf } from './auth/plugin.js';
import { primed, sendCsv, sendXlsx, type ExportColumn } from './export.js';
import { wantsCsv } from './http.js';
import type { Page } from './keyset.js';
import { requestLang } from './language.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

interface ListRoutes<Q extends z.ZodType, T> {
  resource: Resource;
  tags: string[];
  // register name for the API reference and the Excel sheet: "IT-system"
  title: { sv: string; en: string };
  fileName: string;
  query: Q;
  page: z.ZodType;
  // lists get the request context: reads of secret records are audited
  list: (ctx: RequestContext, query: z.output<Q>) => Promise<Page<T>>;
  iterate: (ctx: RequestContext, query: z.output<Q>) => AsyncIterable<T>;
  columns: (actor: Actor) => Promise<ExportColumn<T>[]> | ExportColumn<T>[];
}

// Every export leaves an event: who took which part of which register, in what format.
function auditExport(db: Db, ctx: RequestContext, resource: Resource, format: 'csv' | 'xlsx', filter: unknown) {
  return withTenant(db, ctx.actor.tenantId, (tx) =>
    recordAudit(tx, ctx, { action: `${resource}.export`, entityType: resource, entityId: null, after: { format, filter } }),
  );
}

// A register's list: JSON pages, the same filters as CSV (Accept: text/csv) and as Excel.
export function registerListRoutes<Q extends z.ZodType, T>(app: ZodApp, r: ListRoutes<Q, T>) {
  const schema = (s: FastifySchema): FastifySchema => ({ tags: r.tags, querystring: r.query, ...s });

  app.get(
    '',
    {
      config: { policy: { resource: r.resource, action: 'read' } },
      schema: schema({ summary: `${r.title.sv}: lista (Accept: text/csv ger CSV)`, response: { 200: r.page } }),
    },
    async (req, reply) => {
      const ctx = contextOf(req);
      const query = req.query as z.output<Q>;
      if (!wantsCsv(req)) return r.list(ctx, query);
      const rows = await primed(r.iterate(ctx, query));
      await auditExport(req.server.db, ctx, r.resource, 'csv', query);
      return sendCsv(reply, `${r.fileName}.csv`, requestLang(req), await r.columns(ctx.actor), rows);
    },
  );

  app.get(
    '/export.xlsx',
    { config: { policy: { resource: r.resource, action: 'read' } }, schema: schema({ summary: `${r.title.sv}: export som Excel` }) },
    async (req, reply) => {
      const ctx = contextOf(req);
      const lang = requestLang(req);
      const rows = await primed(r.iterate(ctx, req.query as z.output<Q>));
      await auditExport(req.server.db, ctx, r.resource, 'xlsx', req.query);
      return sendXlsx(reply, `${r.fileName}.xlsx`, r.title[lang], lang, await r.columns(ctx.actor), rows);
    },
  );
}
