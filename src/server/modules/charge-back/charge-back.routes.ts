import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { requestLang } from '../../platform/language.js';
import { chargeBackWorkbook } from './charge-back.export.js';
import { chargeBackOut, chargeBackQuery } from './charge-back.schemas.js';
import type { ChargeBackService } from './charge-back.service.js';

const tags = ['Leverantörer'];
const read = { policy: { resource: 'credential', action: 'read' } } as const;

// D0-10, D0-17, D0-35, D0-40, D3-25: the charge-back report per supplier and period.
export const chargeBackRoutes: FastifyPluginAsyncZod<{ service: ChargeBackService }> = async (app, { service }) => {
  app.get(
    '/charge-back',
    {
      config: read,
      schema: {
        tags,
        summary: 'Debiteringsunderlag per leverantör och period',
        querystring: chargeBackQuery,
        response: { 200: chargeBackOut },
      },
    },
    async (req) => service.report(contextOf(req), req.query),
  );

  app.get(
    '/charge-back.xlsx',
    { config: read, schema: { tags, summary: 'Debiteringsunderlaget som Excel', querystring: chargeBackQuery } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const report = await service.report(ctx, req.query);
      const body = await chargeBackWorkbook(report, requestLang(req));
      await service.recordExport(ctx, report, req.query.supplierId);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="debitering-${report.from}-${report.to}.xlsx"`)
        .send(body);
    },
  );
};
