import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams } from '../../platform/http.js';
import { requestLang } from '../../platform/language.js';
import {
  calendarFeedCreated,
  calendarFeedOut,
  calendarParams,
  notificationListQuery,
  notificationPage,
  preferencesIn,
  preferencesOut,
  readAllOut,
  unreadCountOut,
} from './notifications.schemas.js';
import type { NotificationsService } from './notifications.service.js';

const tags = ['Aviseringar'];
// every route acts on the signed-in person's own notifications, preferences and feed only
const OWN = { policy: 'signed-in' as const };

export const notificationsRoutes: FastifyPluginAsyncZod<{ service: NotificationsService }> = async (app, { service }) => {
  app.get(
    '/notifications',
    {
      config: OWN,
      schema: { tags, summary: 'Mina aviseringar, nyast först', querystring: notificationListQuery, response: { 200: notificationPage } },
    },
    async (req) => service.list(contextOf(req), req.query, requestLang(req)),
  );

  app.get(
    '/notifications/unread-count',
    { config: OWN, schema: { tags, summary: 'Antal olästa aviseringar', response: { 200: unreadCountOut } } },
    async (req) => service.unreadCount(contextOf(req)),
  );

  app.post(
    '/notifications/:id/read',
    { config: OWN, schema: { tags, summary: 'Markera en avisering som läst', params: idParams } },
    async (req, reply) => {
      await service.markRead(contextOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/notifications/read-all',
    { config: OWN, schema: { tags, summary: 'Markera alla aviseringar som lästa', response: { 200: readAllOut } } },
    async (req) => service.markAllRead(contextOf(req)),
  );

  app.get(
    '/notifications/preferences',
    {
      config: OWN,
      schema: { tags, summary: 'Vilka aviseringar jag får, i appen och med e-post', response: { 200: preferencesOut } },
    },
    async (req) => service.preferences(contextOf(req)),
  );

  app.put(
    '/notifications/preferences',
    {
      config: OWN,
      schema: { tags, summary: 'Ändra vilka aviseringar jag får', body: preferencesIn, response: { 200: preferencesOut } },
    },
    async (req) => service.savePreferences(contextOf(req), req.body),
  );

  app.get(
    '/notifications/calendar-feed',
    { config: OWN, schema: { tags, summary: 'Min kalenderprenumeration (finns en?)', response: { 200: calendarFeedOut } } },
    async (req) => service.feed(contextOf(req)),
  );

  app.post(
    '/notifications/calendar-feed',
    {
      // per person: a new address is a credential, and making many in a row is no one's need
      config: {
        ...OWN,
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req: FastifyRequest) => `calendar-feed:${req.session?.actor.userId ?? req.ip}`,
        },
      },
      schema: {
        tags,
        summary: 'Skapa en ny adress för kalenderprenumeration (visas en gång; ersätter den gamla)',
        response: { 201: calendarFeedCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createFeed(contextOf(req))),
  );

  app.delete(
    '/notifications/calendar-feed',
    { config: OWN, schema: { tags, summary: 'Stäng av kalenderprenumerationen' } },
    async (req, reply) => {
      await service.revokeFeed(contextOf(req));
      return reply.status(204).send();
    },
  );

  // Fetched by calendar clients without a session: the address is the credential.
  app.get(
    '/calendar/:file',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Kalenderflöde (ICS) med mina tidsfrister; adressen skapas under aviseringar',
        security: [],
        params: calendarParams,
        produces: ['text/calendar'],
        response: { 200: z.string().describe('text/calendar') },
      },
    },
    async (req, reply) => {
      const body = await service.calendar(req.params.file, requestLang(req), String(req.id));
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="tillit.ics"').send(body);
    },
  );
};
