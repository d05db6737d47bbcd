import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams } from '../../platform/http.js';
import type { Action } from '../../platform/access.js';
import {
  assignmentIn,
  sessionList,
  userAssignmentParams,
  userCreate,
  userListQuery,
  userOut,
  userPage,
  userPatch,
} from './users.schemas.js';
import type { UsersService } from './users.service.js';

const tags = ['Användare och roller'];
const policy = (action: Action) => ({ policy: { resource: 'user' as const, action } });

export const usersRoutes: FastifyPluginAsyncZod<{ service: UsersService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: policy('read'),
      schema: { tags, summary: 'Användare i organisationen med deras roller', querystring: userListQuery, response: { 200: userPage } },
    },
    (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '',
    {
      config: policy('create'),
      schema: { tags, summary: 'Lägg till en användare med roller', body: userCreate, response: { 201: userOut } },
    },
    async (req, reply) => {
      const out = await service.create(contextOf(req), req.body);
      return reply.status(201).header('location', `/api/v1/users/${out.id}`).send(out);
    },
  );

  app.get(
    '/:id',
    { config: policy('read'), schema: { tags, summary: 'Hämta en användare', params: idParams, response: { 200: userOut } } },
    (req) => service.get(contextOf(req), req.params.id),
  );

  app.patch(
    '/:id',
    { config: policy('update'), schema: { tags, summary: 'Ändra namn', params: idParams, body: userPatch, response: { 200: userOut } } },
    (req) => service.update(contextOf(req), req.params.id, req.body),
  );

  app.post(
    '/:id/assignments',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Ge en roll (hela organisationen, en enhet, vissa system eller en leverantör)',
        params: idParams,
        body: assignmentIn,
        response: { 200: userOut },
      },
    },
    (req) => service.addAssignment(contextOf(req), req.params.id, req.body),
  );

  app.delete(
    '/:id/assignments/:assignmentId',
    { config: policy('update'), schema: { tags, summary: 'Ta bort en roll', params: userAssignmentParams, response: { 200: userOut } } },
    (req) => service.removeAssignment(contextOf(req), req.params.id, req.params.assignmentId),
  );

  app.post(
    '/:id/deactivate',
    {
      config: policy('archive'),
      schema: {
        tags,
        summary: 'Avsluta användarens åtkomst till organisationen (roller tas bort, sessioner avslutas)',
        params: idParams,
        response: { 200: z.object({ sessionsEnded: z.number().int(), disabled: z.boolean() }) },
      },
    },
    (req) => service.deactivate(contextOf(req), req.params.id),
  );

  app.post(
    '/:id/invite',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Skicka en länk där användaren väljer sitt första lösenord (gäller 72 timmar, en gång)',
        params: idParams,
        response: { 200: z.object({ sentTo: z.string() }) },
      },
    },
    (req) => service.invite(contextOf(req), req.params.id),
  );

  app.get(
    '/:id/sessions',
    {
      config: policy('read'),
      schema: { tags, summary: 'Användarens aktiva sessioner i organisationen', params: idParams, response: { 200: sessionList } },
    },
    (req) => service.sessions(contextOf(req), req.params.id),
  );

  app.post(
    '/:id/sessions/end',
    {
      config: policy('update'),
      schema: {
        tags,
        summary: 'Avsluta alla användarens sessioner i organisationen',
        params: idParams,
        response: { 200: z.object({ sessionsEnded: z.number().int() }) },
      },
    },
    (req) => service.endSessions(contextOf(req), req.params.id),
  );
};
