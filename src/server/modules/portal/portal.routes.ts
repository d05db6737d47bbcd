import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { portalOut } from './portal.schemas.js';
import type { PortalService } from './portal.service.js';

const tags = ['Leverantörsportal'];

// The supplier portal's home page: the signed-in person's own organisations only.
export const portalRoutes: FastifyPluginAsyncZod<{ service: PortalService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: { policy: 'signed-in' as const },
      schema: { tags, summary: 'Leverantörsportalen: min organisations att göra', response: { 200: portalOut } },
    },
    async (req) => service.summary(contextOf(req)),
  );
};
