import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { can, type Actor } from '../../platform/access.js';
import { authPlugin } from '../../platform/auth/plugin.js';
import { rejectNulCharacters } from '../../platform/input-guard.js';
import { Problem, problemBody } from '../../platform/problems.js';
import { resourceTypeById, resourceTypesList, schemaById, schemasList, serviceProviderConfig, MAX_RESULTS } from './scim.discovery.js';
import { invalidValue, ScimError, scimErrorBody, scimNotFound, type ScimType } from './scim.errors.js';
import { etag, listResponse, presentGroup, presentUser } from './scim.presenter.js';
import { createScimService, type ListQuery } from './scim.service.js';

// SCIM 2.0 (RFC 7643/7644) for identity providers such as Entra ID, outside /api/v1: its own
// content type, its own error form, and only API tokens (never a browser session), so no CSRF
// check applies. The tenant is the token's.

const CONTENT_TYPE = 'application/scim+json; charset=utf-8';

function send(reply: FastifyReply, status: number, body: unknown) {
  return reply.status(status).type(CONTENT_TYPE).send(body);
}

function sendError(reply: FastifyReply, status: number, detail: string, scimType?: ScimType) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="tillit-scim"');
  return send(reply, status, scimErrorBody(status, detail, scimType));
}

function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : e.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof ScimError) return sendError(reply, err.status, err.detail, err.scimType);
  if (err instanceof Problem) {
    const detail = err.fieldErrors?.map((f) => `${f.field}: ${f.en}`).join('; ') || err.detail?.en || problemBody(err.kind, 'en').title;
    return err.status === 422 ? sendError(reply, 400, detail, 'invalidValue') : sendError(reply, err.status, detail);
  }
  if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return sendError(reply, 400, 'The request body is not valid JSON', 'invalidSyntax');
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'The request is too large (at most 1 MB)');
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'Send application/scim+json');
  const state = sqlState(err);
  // A race lost to a parallel request for the same name, or a deadlock: the IdP retries.
  if (state === '23505') return sendError(reply, 409, 'The resource already exists', 'uniqueness');
  if (state === '23503' || state === '40001' || state === '40P01')
    return sendError(reply, 409, 'A concurrent change got in the way; try again');
  if (state?.startsWith('22')) return sendError(reply, 400, 'A value is not valid', 'invalidValue');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendError(reply, err.statusCode, 'Bad request');
  // Database errors carry the query's values (personal data): log only what identifies the fault.
  if (state) req.log.error({ db: { code: state } }, 'unhandled database error in SCIM');
  else req.log.error({ err }, 'unhandled error in SCIM');
  return sendError(reply, 500, 'An unexpected error occurred');
}

// Only a bearer API token whose roles may provision (the provisioning role, or a coordinator's).
function scimActor(req: FastifyRequest): Actor {
  const actor = req.session?.stage === 'full' ? req.session.actor : null;
  if (!actor?.tokenId) throw new ScimError(401, 'A valid API token is required (Authorization: Bearer <token>)');
  if (!can(actor, 'create', 'scim')) throw new ScimError(403, 'This API token may not provision users and groups');
  return actor;
}

const ctxOf = (req: FastifyRequest) => ({ actor: scimActor(req), requestId: String(req.id), clientAddress: req.ip });
const baseOf = (req: FastifyRequest) => `${req.protocol}://${req.host}/scim/v2`;
type Query = Record<string, unknown>;

function intParam(q: Query, name: string, fallback: number): number {
  const v = q[name];
  if (v === undefined || v === '') return fallback;
  if (typeof v !== 'string' || !/^-?\d{1,9}$/.test(v.trim())) throw invalidValue(`${name} must be an integer`);
  return Number(v);
}

function listQuery(req: FastifyRequest): ListQuery {
  const q = req.query as Query;
  if (q.filter !== undefined && typeof q.filter !== 'string') throw invalidValue('filter must be given once');
  // RFC 7644 §3.4.2.4: below 1 counts as 1; a negative count as 0.
  const startIndex = Math.max(1, intParam(q, 'startIndex', 1));
  const count = Math.min(MAX_RESULTS, Math.max(0, intParam(q, 'count', 100)));
  return { ...(typeof q.filter === 'string' ? { filter: q.filter } : {}), startIndex, count };
}

function excluded(req: FastifyRequest): Set<string> {
  const v = (req.query as Query).excludedAttributes;
  return new Set(typeof v === 'string' ? v.split(',').map((s) => s.trim().toLowerCase()) : []);
}

const ifMatch = (req: FastifyRequest) => (typeof req.headers['if-match'] === 'string' ? req.headers['if-match'] : undefined);
const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;

export async function scimRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  const service = createScimService(opts.db);
  await app.register(authPlugin, { db: opts.db });
  app.addContentTypeParser('application/scim+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'ignore'));
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_req, reply) => sendError(reply, 404, 'No such SCIM endpoint'));
  // Token and permission before the body is even parsed: a caller without them learns nothing.
  app.addHook('onRequest', async (req) => {
    scimActor(req);
  });
  app.addHook('preValidation', rejectNulCharacters);
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const hide = { schema: { hide: true } };

  app.get('/ServiceProviderConfig', hide, async (req, reply) => send(reply, 200, serviceProviderConfig(baseOf(req))));
  app.get('/ResourceTypes', hide, async (req, reply) => send(reply, 200, resourceTypesList(baseOf(req))));
  app.get('/ResourceTypes/:id', hide, async (req, reply) => {
    const doc = resourceTypeById(baseOf(req), idOf(req));
    if (!doc) throw scimNotFound('Resource type');
    return send(reply, 200, doc);
  });
  app.get('/Schemas', hide, async (req, reply) => send(reply, 200, schemasList(baseOf(req))));
  app.get('/Schemas/:id', hide, async (req, reply) => {
    const doc = schemaById(baseOf(req), idOf(req));
    if (!doc) throw scimNotFound('Schema');
    return send(reply, 200, doc);
  });

  // ---- Users

  const sendUser = (req: FastifyRequest, reply: FastifyReply, rec: Parameters<typeof presentUser>[1], status = 200) => {
    const body = presentUser(baseOf(req), rec);
    reply.header('etag', etag(rec.row.version));
    if (status === 201) reply.header('location', body.meta.location);
    return send(reply, status, body);
  };

  app.get('/Users', hide, async (req, reply) => {
    const q = listQuery(req);
    const { total, items } = await service.listUsers(scimActor(req), q);
    const ex = excluded(req);
    return send(
      reply,
      200,
      listResponse(
        items.map((r) => presentUser(baseOf(req), r, ex)),
        total,
        q.startIndex,
      ),
    );
  });
  app.get('/Users/:id', hide, async (req, reply) => sendUser(req, reply, await service.getUser(scimActor(req), idOf(req))));
  app.post('/Users', hide, async (req, reply) => sendUser(req, reply, await service.createUser(ctxOf(req), req.body), 201));
  app.put('/Users/:id', hide, async (req, reply) =>
    sendUser(req, reply, await service.replaceUser(ctxOf(req), idOf(req), req.body, ifMatch(req))),
  );
  app.patch('/Users/:id', hide, async (req, reply) =>
    sendUser(req, reply, await service.patchUser(ctxOf(req), idOf(req), req.body, ifMatch(req))),
  );
  app.delete('/Users/:id', hide, async (req, reply) => {
    await service.deleteUser(ctxOf(req), idOf(req), ifMatch(req));
    return reply.status(204).send();
  });

  // ---- Groups

  const sendGroup = (req: FastifyRequest, reply: FastifyReply, rec: Parameters<typeof presentGroup>[1], status = 200) => {
    const body = presentGroup(baseOf(req), rec, excluded(req));
    reply.header('etag', etag(rec.row.version));
    if (status === 201) reply.header('location', body.meta.location);
    return send(reply, status, body);
  };

  app.get('/Groups', hide, async (req, reply) => {
    const q = listQuery(req);
    const ex = excluded(req);
    const { total, items } = await service.listGroups(scimActor(req), q, !ex.has('members'));
    return send(
      reply,
      200,
      listResponse(
        items.map((r) => presentGroup(baseOf(req), r, ex)),
        total,
        q.startIndex,
      ),
    );
  });
  app.get('/Groups/:id', hide, async (req, reply) => sendGroup(req, reply, await service.getGroup(scimActor(req), idOf(req))));
  app.post('/Groups', hide, async (req, reply) => sendGroup(req, reply, await service.createGroup(ctxOf(req), req.body), 201));
  app.put('/Groups/:id', hide, async (req, reply) =>
    sendGroup(req, reply, await service.replaceGroup(ctxOf(req), idOf(req), req.body, ifMatch(req))),
  );
  app.patch('/Groups/:id', hide, async (req, reply) =>
    sendGroup(req, reply, await service.patchGroup(ctxOf(req), idOf(req), req.body, ifMatch(req))),
  );
  app.delete('/Groups/:id', hide, async (req, reply) => {
    await service.deleteGroup(ctxOf(req), idOf(req), ifMatch(req));
    return reply.status(204).send();
  });
}
