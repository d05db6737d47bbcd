import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { tenantSettingsOut, tenantSettingsPatch } from './tenant-settings.schemas.js';
import type { TenantSettingsService } from './tenant-settings.service.js';

const tags = ['Organisationens inställningar'];

export const tenantSettingsRoutes: FastifyPluginAsyncZod<{ service: TenantSettingsService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: { policy: { resource: 'tenant-settings', action: 'read' } },
      schema: { tags, summary: 'Organisationens säkerhetsinställningar (MFA-krav, sessionstider)', response: { 200: tenantSettingsOut } },
    },
    async (req, reply) => sendWithEtag(reply, await service.get(contextOf(req))),
  );

  app.patch(
    '',
    {
      config: { policy: { resource: 'tenant-settings', action: 'update' } },
      schema: {
        tags,
        summary: 'Ändra säkerhetsinställningarna (kräver If-Match)',
        body: tenantSettingsPatch,
        response: { 200: tenantSettingsOut },
      },
    },
    async (req, reply) => sendWithEtag(reply, await service.update(contextOf(req), requireIfMatch(req), req.body)),
  );
};
