import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contextOf } from '../../platform/auth/plugin.js';
import { idParams } from '../../platform/http.js';
import { reachFirst } from '../../platform/reach-first.js';
import { registerRecordRoutes } from '../../platform/record-routes.js';
import {
  exerciseCreate,
  exerciseListQuery,
  exerciseMeasureIn,
  exerciseMeasureOut,
  exerciseOut,
  exercisePage,
  exercisePatch,
} from './exercises.schemas.js';
import type { ExercisesService } from './exercises.service.js';

const tags = ['Kontinuitet'];

// D1-42, D1-54, D4-04: the exercise register; lessons become measures.
export const exercisesRoutes: FastifyPluginAsyncZod<{ service: ExercisesService }> = async (app, { service }) => {
  reachFirst(app, (req, id) => service.assertReach(contextOf(req), id));
  app.get(
    '',
    {
      config: { policy: { resource: 'exercise', action: 'read' } },
      schema: { tags, summary: 'Övningar: lista (nyast först)', querystring: exerciseListQuery, response: { 200: exercisePage } },
    },
    async (req) => service.list(contextOf(req), req.query),
  );

  app.post(
    '/:id/measures',
    {
      config: { policy: { resource: 'measure', action: 'create' } },
      schema: {
        tags,
        summary: 'Gör en lärdom från övningen till en åtgärd',
        params: idParams,
        body: exerciseMeasureIn,
        response: { 201: exerciseMeasureOut },
      },
    },
    async (req, reply) => {
      const created = await service.createMeasure(contextOf(req), req.params.id, req.body);
      return reply.status(201).header('location', `/api/v1/measures/${created.id}`).send(created);
    },
  );

  registerRecordRoutes(app, {
    resource: 'exercise',
    basePath: '/api/v1/exercises',
    tags,
    noun: 'en övning',
    create: exerciseCreate,
    patch: exercisePatch,
    out: exerciseOut,
    service,
  });
};
