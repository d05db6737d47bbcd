import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Actor } from './access.js';
import { requireActor } from './auth/plugin.js';
import { primed, sendCsv, sendXlsx, type ExportColumn } from './export.js';
import { wantsCsv } from './http.js';
import type { Page } from './keyset.js';
import { requestLang } from './language.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

interface ListRoutes<Q extends z.ZodType, T> {
  tags: string[];
  // register name for the API reference and the Excel sheet: "IT-system"
  title: { sv: string; en: string };
  fileName: string;
  query: Q;
  page: z.ZodType;
  list: (actor: Actor, query: z.output<Q>) => Promise<Page<T>>;
  iterate: (actor: Actor, query: z.output<Q>) => AsyncIterable<T>;
  columns: (actor: Actor) => Promise<ExportColumn<T>[]> | ExportColumn<T>[];
}

// A register's list: JSON pages, the same filters as CSV (Accept: text/csv) and as Excel.
export function registerListRoutes<Q extends z.ZodType, T>(app: ZodApp, r: ListRoutes<Q, T>) {
  const schema = (s: FastifySchema): FastifySchema => ({ tags: r.tags, querystring: r.query, ...s });

  app.get(
    '',
    { schema: schema({ summary: `${r.title.sv}: lista (Accept: text/csv ger CSV)`, response: { 200: r.page } }) },
    async (req, reply) => {
      const actor = requireActor(req);
      const query = req.query as z.output<Q>;
      if (!wantsCsv(req)) return r.list(actor, query);
      const rows = await primed(r.iterate(actor, query));
      return sendCsv(reply, `${r.fileName}.csv`, requestLang(req), await r.columns(actor), rows);
    },
  );

  app.get('/export.xlsx', { schema: schema({ summary: `${r.title.sv}: export som Excel` }) }, async (req, reply) => {
    const actor = requireActor(req);
    const lang = requestLang(req);
    const rows = await primed(r.iterate(actor, req.query as z.output<Q>));
    return sendXlsx(reply, `${r.fileName}.xlsx`, r.title[lang], lang, await r.columns(actor), rows);
  });
}
