import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { accessOrderRulesOut, accessOrderSettingsIn, accessOrderSettingsOut } from './access-order-settings.schemas.js';
import type { AccessOrderSettingsService } from './access-order-settings.service.js';

const tags = ['Behörighetsbeställningar'];

// D0-12, D0-13, D0-14: lead times, late-order policy and the termination escalation threshold.
export const accessOrderSettingsRoutes: FastifyPluginAsyncZod<{ service: AccessOrderSettingsService }> = async (app, { service }) => {
  app.get(
    '/access-order-settings',
    {
      config: { policy: { resource: 'tenant-settings', action: 'read' } },
      schema: {
        tags,
        summary: 'Inställningar för behörighetsbeställningar (ledtider, sen beställning, eskalering)',
        response: { 200: accessOrderSettingsOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req))),
  );

  app.put(
    '/access-order-settings',
    {
      config: { policy: { resource: 'tenant-settings', action: 'update' } },
      schema: {
        tags,
        summary: 'Ändra inställningarna för behörighetsbeställningar (kräver If-Match)',
        body: accessOrderSettingsIn,
        response: { 200: accessOrderSettingsOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.put(contextOf(req), requireIfMatch(req), req.body)),
  );

  app.get(
    '/access-orders/lead-times',
    {
      config: { policy: { resource: 'access-order', action: 'read' } },
      schema: { tags, summary: 'Ledtiderna som gäller för nya beställningar', response: { 200: accessOrderRulesOut } },
    },
    async (req) => service.rules(contextOf(req)),
  );
};
