import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/plugin.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import { orgUnitCreate, orgUnitListQuery, orgUnitOut, orgUnitPage, orgUnitPatch } from './org-units.schemas.js';
import type { OrgUnitsService } from './org-units.service.js';

const tags = ['Organisation'];

export const orgUnitsRoutes: FastifyPluginAsyncZod<{ service: OrgUnitsService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: { policy: { resource: 'org-unit', action: 'read' } },
      schema: { tags, summary: 'Lista organisationsenheter', querystring: orgUnitListQuery, response: { 200: orgUnitPage } },
    },
    (req) => service.list(requireActor(req), req.query),
  );

  registerRecordRoutes(app, {
    resource: 'org-unit',
    basePath: '/api/v1/org-units',
    tags,
    noun: 'en organisationsenhet',
    create: orgUnitCreate,
    patch: orgUnitPatch,
    out: orgUnitOut,
    service,
  });
};
