import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import type { CommunicationsService } from './communications.service.js';
import {
  communicationCreate,
  communicationsOut,
  disruptionList,
  stakeholderCreate,
  stakeholderList,
  stakeholderOut,
  stakeholderParams,
} from './incident-comms.schemas.js';
import type { StakeholdersService } from './stakeholders.service.js';

interface Services {
  stakeholders: StakeholdersService;
  communications: CommunicationsService;
}

// D1-40: stakeholders per system, outage and disruption notices per incident, the internal status page.
export const incidentCommsRoutes: FastifyPluginAsyncZod<Services> = async (app, { stakeholders, communications }) => {
  await app.register(
    async (plain) => {
      const s = plain.withTypeProvider<ZodTypeProvider>();
      const tags = ['IT-system'];
      reachFirst(plain, (req, id, action) => stakeholders.assertReach(contextOf(req), id, action));
      s.get(
        '/:id/stakeholders',
        {
          config: { policy: { resource: 'system', action: 'read' } },
          schema: {
            tags,
            summary: 'Intressenter som informeras om avbrott och störningar i systemet (D1-40)',
            params: idParams,
            response: { 200: stakeholderList },
          },
        },
        async (req) => stakeholders.list(contextOf(req), req.params.id),
      );
      s.post(
        '/:id/stakeholders',
        {
          config: { policy: { resource: 'system', action: 'update' } },
          schema: {
            tags,
            summary: 'Lägg till en intressent (enhet, leverantör eller extern part)',
            params: idParams,
            body: stakeholderCreate,
            response: { 201: stakeholderOut },
          },
        },
        async (req, reply) => reply.status(201).send(await stakeholders.add(contextOf(req), req.params.id, req.body)),
      );
      s.delete(
        '/:id/stakeholders/:stakeholderId',
        {
          config: { policy: { resource: 'system', action: 'update' } },
          schema: { tags, summary: 'Ta bort en intressent', params: stakeholderParams },
        },
        async (req, reply) => {
          await stakeholders.remove(contextOf(req), req.params.id, req.params.stakeholderId);
          return reply.status(204).send();
        },
      );
    },
    { prefix: '/systems' },
  );

  await app.register(
    async (plain) => {
      const i = plain.withTypeProvider<ZodTypeProvider>();
      const tags = ['Incidenter'];
      reachFirst(plain, (req, id, action) => communications.assertReach(contextOf(req), id, action));
      i.get(
        '/:id/communications',
        {
          config: { policy: { resource: 'incident', action: 'read' } },
          schema: {
            tags,
            summary: 'Skickad driftinformation för incidenten, möjliga mottagare och statussidans rad (D1-40)',
            params: idParams,
            response: { 200: communicationsOut },
          },
        },
        async (req) => communications.list(contextOf(req), req.params.id),
      );
      i.post(
        '/:id/communications',
        {
          config: { policy: { resource: 'incident', action: 'update' } },
          schema: {
            tags,
            summary:
              'Skicka driftinformation (avbrott, störning, åtgärdat) till intressenterna för incidentens IT-system; loggas med mottagare och tid (D1-40)',
            params: idParams,
            body: communicationCreate,
            response: { 201: communicationsOut },
          },
        },
        async (req, reply) => reply.status(201).send(await communications.send(contextOf(req), req.params.id, req.body)),
      );
    },
    { prefix: '/incidents' },
  );

  await app.register(
    async (plain) => {
      const st = plain.withTypeProvider<ZodTypeProvider>();
      st.get(
        '/disruptions',
        {
          config: { policy: 'signed-in' },
          schema: {
            tags: ['Incidenter'],
            summary: 'Pågående störningar (intern statussida, D1-40): system, status och sedan när; aldrig incidentens innehåll',
            response: { 200: disruptionList },
          },
        },
        async (req) => communications.disruptions(contextOf(req)),
      );
    },
    { prefix: '/status' },
  );
};
