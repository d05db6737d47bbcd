import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { requestLang } from './language.js';
import { Problem, problemBody, type ProblemKind } from './problems.js';
import { localizeIssues } from './validation-messages.js';

function send(reply: FastifyReply, status: number, body: object) {
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

const codeToKind: Record<string, ProblemKind> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_BAD_URL: 'bad-request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad-request',
};

export function registerErrorHandling(app: FastifyInstance, opts: { spaFallback: boolean }) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const lang = requestLang(req);
    const instance = req.url.split('?')[0];
    if (err instanceof Problem) {
      const errors = err.fieldErrors?.map((f) => ({ field: f.field, code: f.code, message: f[lang] }));
      return send(reply, err.status, problemBody(err.kind, lang, { detail: err.detail?.[lang], errors, instance }));
    }
    // A malformed id in the path names no record: the same answer as an unknown one.
    if (hasZodFastifySchemaValidationErrors(err) && err.validationContext === 'params') {
      return send(reply, 404, problemBody('not-found', lang, { instance }));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        code: v.keyword,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message ?? '',
        params: v.params as Record<string, unknown>,
      }));
      const where = err.validationContext === 'querystring' ? 'query' : err.validationContext;
      const errors = localizeIssues(issues, lang).map((e) =>
        where && where !== 'body' ? { ...e, field: e.field ? `${where}.${e.field}` : where } : e,
      );
      return send(reply, 422, problemBody('validation', lang, { errors, instance }));
    }
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return send(reply, 400, problemBody('malformed-json', lang, { instance }));
    }
    const mapped = err.code ? codeToKind[err.code] : undefined;
    if (mapped) return send(reply, problemBody(mapped, lang).status, problemBody(mapped, lang, { instance }));
    if (err.statusCode === 429) return send(reply, 429, problemBody('rate-limited', lang, { instance }));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return send(reply, err.statusCode, { ...problemBody('bad-request', lang, { instance }), status: err.statusCode });
    }
    const sqlState = sqlStateOf(err);
    // Second line of defence behind validation: bad data or a lost race is the client's 4xx, not a 500.
    if (sqlState?.startsWith('22')) return send(reply, 422, problemBody('validation', lang, { instance }));
    if (sqlState === '23505' || sqlState === '23503' || sqlState === '40001' || sqlState === '40P01') {
      req.log.warn({ db: dbFacts(err) }, 'database constraint or concurrency conflict');
      return send(reply, 409, problemBody('conflict', lang, { instance }));
    }
    if (isDatabaseUnavailable(err)) {
      req.log.error({ db: dbFacts(err) }, 'database unavailable');
      return send(reply, 503, problemBody('unavailable', lang, { instance }));
    }
    // Database errors carry the query's values (user data, tokens): log only what identifies the fault.
    if (sqlState) req.log.error({ db: dbFacts(err) }, 'unhandled database error');
    else req.log.error({ err }, 'unhandled error');
    return send(reply, 500, problemBody('internal', lang, { instance }));
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api';
    if (opts.spaFallback && req.method === 'GET' && !isApi && (req.headers.accept ?? '').includes('text/html')) {
      return reply.sendFile('index.html');
    }
    return send(reply, 404, problemBody('not-found', requestLang(req), { instance: path }));
  });
}

function dbFacts(err: unknown) {
  const e = err as { cause?: Record<string, unknown> } & Record<string, unknown>;
  const src = e.cause ?? e;
  return { code: sqlStateOf(err) ?? src.code, table: src.table, constraint: src.constraint, routine: src.routine };
}

// drizzle wraps the driver's error; the SQLSTATE sits on it or on its cause.
function sqlStateOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : e.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

const unavailable = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001']);

function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  return [e.code, e.cause?.code].some((c) => typeof c === 'string' && unavailable.has(c));
}
