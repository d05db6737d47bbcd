import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import {
  policyGoalCreate,
  policyGoalListQuery,
  policyGoalOut,
  policyGoalPage,
  policyGoalPatch,
  starterResult,
} from './policy-goals.schemas.js';
import type { PolicyGoalsService } from './policy-goals.service.js';

const tags = ['Policymål'];

export const policyGoalsRoutes: FastifyPluginAsyncZod<{ service: PolicyGoalsService }> = async (app, { service }) => {
  app.get(
    '',
    {
      config: { policy: { resource: 'policy-goal', action: 'read' } },
      schema: {
        tags,
        summary: 'Mål i IT-säkerhetspolicyn (D4-01): lista',
        querystring: policyGoalListQuery,
        response: { 200: policyGoalPage },
      },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '/starter',
    {
      config: { policy: { resource: 'policy-goal', action: 'create' } },
      schema: {
        tags,
        summary: 'Lägg in policyns mål (D4-02–D4-11) som startregister; befintliga koder hoppas över',
        response: { 200: starterResult },
      },
    },
    async (req) => service.installStarter(contextOf(req)),
  );

  registerRecordRoutes(app, {
    resource: 'policy-goal',
    basePath: '/api/v1/policy-goals',
    tags,
    noun: 'ett policymål',
    create: policyGoalCreate,
    patch: policyGoalPatch,
    out: policyGoalOut,
    service,
  });
};
