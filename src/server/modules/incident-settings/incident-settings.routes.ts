import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { requireIfMatch, sendWithEtag } from '../../platform/http.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import type { IncidentCategoriesService } from './incident-categories.service.js';
import type { IncidentRoutesService } from './incident-routes.service.js';
import {
  categoryCreate,
  categoryList,
  categoryListQuery,
  categoryOut,
  categoryPatch,
  peopleOut,
  routeCreate,
  routeList,
  routeListQuery,
  routeOut,
  routePatch,
  settingsIn,
  settingsOut,
} from './incident-settings.schemas.js';
import type { IncidentSettingsService } from './incident-settings.service.js';

const tags = ['Incidentinställningar'];
const read = { policy: { resource: 'incident-settings', action: 'read' } } as const;
const update = { policy: { resource: 'incident-settings', action: 'update' } } as const;

interface Services {
  categories: IncidentCategoriesService;
  routes: IncidentRoutesService;
  settings: IncidentSettingsService;
}

// Incident categories, reporting routes (D1-35) and the tenant's incident settings (crisis group
// D1-36, reminder stages, secrecy default): read by everyone who reports, changed tenant-wide.
export const incidentSettingsModuleRoutes: FastifyPluginAsyncZod<Services> = async (app, { categories, routes, settings }) => {
  await app.register(
    async (plain) => {
      const c = plain.withTypeProvider<ZodTypeProvider>();
      c.get(
        '',
        {
          config: read,
          schema: {
            tags,
            summary: 'Incidentkategorier (startlistan läggs in första gången listan läses; D3-37)',
            querystring: categoryListQuery,
            response: { 200: categoryList },
          },
        },
        async (req) => categories.list(contextOf(req), req.query),
      );
      registerRecordRoutes(c, {
        resource: 'incident-settings',
        basePath: '/api/v1/incident-categories',
        tags,
        noun: 'en incidentkategori',
        create: categoryCreate,
        patch: categoryPatch,
        out: categoryOut,
        service: categories,
      });
    },
    { prefix: '/incident-categories' },
  );

  await app.register(
    async (plain) => {
      const r = plain.withTypeProvider<ZodTypeProvider>();
      r.get(
        '',
        {
          config: read,
          schema: {
            tags,
            summary: 'Rapporteringsvägar (D1-35): den första matchande vägen i ordningen gäller',
            querystring: routeListQuery,
            response: { 200: routeList },
          },
        },
        async (req) => routes.list(contextOf(req), req.query),
      );
      registerRecordRoutes(r, {
        resource: 'incident-settings',
        basePath: '/api/v1/incident-routes',
        tags,
        noun: 'en rapporteringsväg',
        create: routeCreate,
        patch: routePatch,
        out: routeOut,
        service: routes,
      });
    },
    { prefix: '/incident-routes' },
  );

  await app.register(
    async (plain) => {
      const s = plain.withTypeProvider<ZodTypeProvider>();
      s.get(
        '',
        {
          config: read,
          schema: {
            tags,
            summary: 'Incidentinställningar: krisledningsgrupp (D1-36), påminnelsesteg, sekretess som standard',
            response: { 200: settingsOut },
          },
        },
        async (req, reply) => sendWithEtag(reply, await settings.get(contextOf(req))),
      );
      s.put(
        '',
        {
          config: update,
          schema: { tags, summary: 'Spara incidentinställningarna (kräver If-Match)', body: settingsIn, response: { 200: settingsOut } },
        },
        async (req, reply) => {
          const ctx = contextOf(req);
          return sendWithEtag(reply, await settings.put(ctx, requireIfMatch(req), req.body));
        },
      );
      s.get(
        '/people',
        {
          config: update,
          schema: { tags, summary: 'Personer som kan väljas till krisledning och rapporteringsvägar', response: { 200: peopleOut } },
        },
        async (req) => settings.people(contextOf(req)),
      );
    },
    { prefix: '/incident-settings' },
  );
};
