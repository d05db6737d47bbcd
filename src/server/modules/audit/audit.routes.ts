import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { primed, sendCsv } from '../../platform/export.js';
import { requestLang } from '../../platform/language.js';
import { auditExportColumns, sendJsonLines } from './audit.export.js';
import { actionList, auditFilter, auditListQuery, auditPage, checkpointList, checkpointOut, verifyReport } from './audit.schemas.js';
import type { AuditService } from './audit.service.js';

const tags = ['Händelselogg'];
const read = { policy: { resource: 'audit-trail', action: 'read' } } as const;
const day = () => new Date().toISOString().slice(0, 10);

export const auditRoutes: FastifyPluginAsyncZod<{ service: AuditService }> = async (app, { service }) => {
  app.get(
    '/events',
    { config: read, schema: { tags, summary: 'Händelseloggen, nyast först', querystring: auditListQuery, response: { 200: auditPage } } },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.get(
    '/events/export.csv',
    { config: read, schema: { tags, summary: 'Händelseloggen som CSV (samma filter)', querystring: auditFilter } },
    async (req, reply) => {
      const rows = await primed(await service.export(contextOf(req), req.query, 'csv'));
      return sendCsv(reply, `handelselogg-${day()}.csv`, requestLang(req), auditExportColumns, rows);
    },
  );

  app.get(
    '/events/export.jsonl',
    { config: read, schema: { tags, summary: 'Händelseloggen som JSON Lines (samma filter)', querystring: auditFilter } },
    async (req, reply) => sendJsonLines(reply, `handelselogg-${day()}.jsonl`, await service.export(contextOf(req), req.query, 'jsonl')),
  );

  app.get(
    '/actions',
    { config: read, schema: { tags, summary: 'Händelsetyper som finns i loggen', response: { 200: actionList } } },
    async (req) => ({ items: await service.actions(contextOf(req)) }),
  );

  app.post('/verify', { config: read, schema: { tags, summary: 'Kontrollera hashkedjan', response: { 200: verifyReport } } }, async (req) =>
    service.verify(contextOf(req)),
  );

  app.get(
    '/checkpoints',
    { config: read, schema: { tags, summary: 'Kontrollpunkter (kedjans huvud över tid)', response: { 200: checkpointList } } },
    async (req) => ({ items: await service.checkpoints(contextOf(req)) }),
  );

  app.post(
    '/checkpoints',
    {
      config: { policy: { resource: 'audit-trail', action: 'create' } },
      schema: { tags, summary: 'Ta en kontrollpunkt nu', response: { 201: checkpointOut } },
    },
    async (req, reply) => reply.status(201).send(await service.takeCheckpoint(contextOf(req))),
  );

  app.get(
    '/checkpoints/export.jsonl',
    { config: read, schema: { tags, summary: 'Kontrollpunkterna som JSON Lines' } },
    async (req, reply) => {
      const items = await service.exportCheckpoints(contextOf(req));
      return sendJsonLines(
        reply,
        `kontrollpunkter-${day()}.jsonl`,
        (async function* () {
          yield* items;
        })(),
      );
    },
  );
};
