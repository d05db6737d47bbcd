import { api, download, unwrap, unwrapTagged } from './client.js';
import { cleanQuery } from './resources.js';
import type { paths } from './schema.js';

// Log-control reviews (D0-16, D3-04): plans that schedule reviews, the reviews with their material,
// outcome and follow-ups.
type PlansPath = paths['/api/v1/log-review-plans'];
type ReviewsPath = paths['/api/v1/log-reviews'];
export type PlanQuery = NonNullable<PlansPath['get']['parameters']['query']>;
export type ReviewQuery = NonNullable<ReviewsPath['get']['parameters']['query']>;
export type PlanInput = PlansPath['post']['requestBody']['content']['application/json'];
export type PlanPatch = paths['/api/v1/log-review-plans/{id}']['patch']['requestBody']['content']['application/json'];
export type ExtraReviewInput = paths['/api/v1/log-review-plans/{id}/reviews']['post']['requestBody']['content']['application/json'];
export type ReviewPatch = paths['/api/v1/log-reviews/{id}']['patch']['requestBody']['content']['application/json'];
export type OutcomeInput = paths['/api/v1/log-reviews/{id}/outcome']['post']['requestBody']['content']['application/json'];
export type FollowUpInput = paths['/api/v1/log-reviews/{id}/follow-ups']['post']['requestBody']['content']['application/json'];
export type FollowUpPatch =
  paths['/api/v1/log-reviews/{id}/follow-ups/{followUpId}']['patch']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const logReviewPlansApi = {
  list: (query: PlanQuery) => unwrap(api.GET('/api/v1/log-review-plans', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/log-review-plans/{id}', path(id))),
  create: (body: PlanInput) => unwrapTagged(api.POST('/api/v1/log-review-plans', { body })),
  update: (id: string, etag: string, body: PlanPatch) =>
    unwrapTagged(api.PATCH('/api/v1/log-review-plans/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/log-review-plans/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/log-review-plans/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
  people: () => unwrap(api.GET('/api/v1/log-review-plans/people')),
  addReview: (id: string, body: ExtraReviewInput) => unwrapTagged(api.POST('/api/v1/log-review-plans/{id}/reviews', { ...path(id), body })),
};
export type LogReviewPlan = Awaited<ReturnType<typeof logReviewPlansApi.get>>['data'];
export type ReviewPerson = Awaited<ReturnType<typeof logReviewPlansApi.people>>['items'][number];

export const logReviewsApi = {
  list: (query: ReviewQuery) => unwrap(api.GET('/api/v1/log-reviews', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/log-reviews/{id}', path(id))),
  update: (id: string, etag: string, body: ReviewPatch) =>
    unwrapTagged(api.PATCH('/api/v1/log-reviews/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  /** The file goes as multipart/form-data (field `file`); the route has no JSON body in the contract. */
  upload: (id: string, etag: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrapTagged(
      api.POST('/api/v1/log-reviews/{id}/material', {
        ...path(id),
        headers: ifMatch(etag),
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }),
    );
  },
  auditExtract: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/log-reviews/{id}/audit-extract', { ...path(id), headers: ifMatch(etag) })),
  download: (id: string, fileName: string) => download(`/api/v1/log-reviews/${encodeURIComponent(id)}/material`, '*/*', fileName),
  recordOutcome: (id: string, etag: string, body: OutcomeInput) =>
    unwrapTagged(api.POST('/api/v1/log-reviews/{id}/outcome', { ...path(id), body, headers: ifMatch(etag) })),
  addFollowUp: (id: string, body: FollowUpInput) => unwrap(api.POST('/api/v1/log-reviews/{id}/follow-ups', { ...path(id), body })),
  updateFollowUp: (id: string, followUpId: string, version: number, body: FollowUpPatch) =>
    unwrap(
      api.PATCH('/api/v1/log-reviews/{id}/follow-ups/{followUpId}', {
        params: { path: { id, followUpId } },
        body,
        headers: ifMatch(`"v${version}"`),
      }),
    ),
};
export type LogReview = Awaited<ReturnType<typeof logReviewsApi.get>>['data'];
export type LogReviewItem = Awaited<ReturnType<typeof logReviewsApi.list>>['items'][number];
export type FollowUp = LogReview['followUps'][number];

/** Plans and reviews share one prefix: a change to either refreshes both. */
export const logReviewKeys = {
  all: ['log-reviews'] as const,
  plans: ['log-reviews', 'plans'] as const,
  reviews: ['log-reviews', 'reviews'] as const,
  people: ['log-reviews', 'people'] as const,
};
