import { api, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// The measures register, the policy goals and the yearly action plan (issue 5).
type MeasuresPath = paths['/api/v1/measures'];
export type MeasureQuery = NonNullable<MeasuresPath['get']['parameters']['query']>;
export type MeasureInput = MeasuresPath['post']['requestBody']['content']['application/json'];
export type MeasurePatch = paths['/api/v1/measures/{id}']['patch']['requestBody']['content']['application/json'];
export type PlanInput = paths['/api/v1/action-plans']['post']['requestBody']['content']['application/json'];
export type ActivityInput = paths['/api/v1/action-plans/{id}/activities']['post']['requestBody']['content']['application/json'];
export type ActivityPatch =
  paths['/api/v1/action-plans/{id}/activities/{activityId}']['patch']['requestBody']['content']['application/json'];
export type DecisionInput = paths['/api/v1/action-plans/{id}/decision']['post']['requestBody']['content']['application/json'];
export type GoalInput = paths['/api/v1/policy-goals']['post']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const measuresApi = {
  list: (query: MeasureQuery) => unwrap(api.GET('/api/v1/measures', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/measures/{id}', path(id))),
  create: (body: MeasureInput) => unwrapTagged(api.POST('/api/v1/measures', { body })),
  update: (id: string, etag: string, body: MeasurePatch) =>
    unwrapTagged(api.PATCH('/api/v1/measures/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/measures/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/measures/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
  owners: () => unwrap(api.GET('/api/v1/measures/owners')),
};
export type Measure = Awaited<ReturnType<typeof measuresApi.get>>['data'];

export const policyGoalsApi = {
  list: () => unwrap(api.GET('/api/v1/policy-goals', { params: { query: { limit: 200 } } })),
  create: (body: GoalInput) => unwrapTagged(api.POST('/api/v1/policy-goals', { body })),
  update: (id: string, etag: string, body: Partial<GoalInput>) =>
    unwrapTagged(api.PATCH('/api/v1/policy-goals/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  starter: () => unwrap(api.POST('/api/v1/policy-goals/starter')),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/policy-goals/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
};
export type PolicyGoal = Awaited<ReturnType<typeof policyGoalsApi.list>>['items'][number];

const activity = (id: string, activityId: string) => ({ params: { path: { id, activityId } } });
export const actionPlansApi = {
  list: () => unwrap(api.GET('/api/v1/action-plans')),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/action-plans/{id}', path(id))),
  create: (body: PlanInput) => unwrapTagged(api.POST('/api/v1/action-plans', { body })),
  addActivity: (id: string, body: ActivityInput) => unwrapTagged(api.POST('/api/v1/action-plans/{id}/activities', { ...path(id), body })),
  updateActivity: (id: string, activityId: string, body: ActivityPatch) =>
    unwrapTagged(api.PATCH('/api/v1/action-plans/{id}/activities/{activityId}', { ...activity(id, activityId), body })),
  removeActivity: (id: string, activityId: string) =>
    unwrapTagged(api.DELETE('/api/v1/action-plans/{id}/activities/{activityId}', activity(id, activityId))),
  decide: (id: string, etag: string, body: DecisionInput) =>
    unwrapTagged(api.POST('/api/v1/action-plans/{id}/decision', { ...path(id), body, headers: ifMatch(etag) })),
  reopen: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/action-plans/{id}/reopen', { ...path(id), headers: ifMatch(etag) })),
};
export type ActionPlan = Awaited<ReturnType<typeof actionPlansApi.get>>['data'];
export type PlanMeasure = ActionPlan['unplannedMeasures'][number];

export const measureKeys = {
  all: ['measures'] as const,
  goals: ['policy-goals'] as const,
  plans: ['action-plans'] as const,
  owners: ['measure-owners'] as const,
};
