import { api, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// Continuity of critical systems, suppliers' reserve routines, the restore order and exercises (issue 6).
export type ContinuityInput = paths['/api/v1/systems/{id}/continuity']['put']['requestBody']['content']['application/json'];
type DocumentsPath = paths['/api/v1/continuity-documents'];
export type DocumentQuery = NonNullable<DocumentsPath['get']['parameters']['query']>;
export type DocumentInput = DocumentsPath['post']['requestBody']['content']['application/json'];
export type DocumentPatch = paths['/api/v1/continuity-documents/{id}']['patch']['requestBody']['content']['application/json'];
type ExercisesPath = paths['/api/v1/exercises'];
export type ExerciseQuery = NonNullable<ExercisesPath['get']['parameters']['query']>;
export type ExerciseInput = ExercisesPath['post']['requestBody']['content']['application/json'];
export type ExerciseMeasureInput = paths['/api/v1/exercises/{id}/measures']['post']['requestBody']['content']['application/json'];
export type ItemsInput = paths['/api/v1/restore-priorities/{id}/items']['put']['requestBody']['content']['application/json'];
export type PriorityDecision = paths['/api/v1/restore-priorities/{id}/decision']['post']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const continuityApi = {
  get: (systemId: string) => unwrapTagged(api.GET('/api/v1/systems/{id}/continuity', path(systemId))),
  put: (systemId: string, etag: string, body: ContinuityInput) =>
    unwrapTagged(api.PUT('/api/v1/systems/{id}/continuity', { ...path(systemId), body, headers: ifMatch(etag) })),
  overview: () => unwrap(api.GET('/api/v1/continuity/overview')),
};
export type SystemContinuity = Awaited<ReturnType<typeof continuityApi.get>>['data'];
export type Overview = Awaited<ReturnType<typeof continuityApi.overview>>;

export const documentsApi = {
  list: (query: DocumentQuery) => unwrap(api.GET('/api/v1/continuity-documents', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/continuity-documents/{id}', path(id))),
  create: (body: DocumentInput) => unwrapTagged(api.POST('/api/v1/continuity-documents', { body })),
  update: (id: string, etag: string, body: DocumentPatch) =>
    unwrapTagged(api.PATCH('/api/v1/continuity-documents/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/continuity-documents/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/continuity-documents/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
};
export type ContinuityDocument = Awaited<ReturnType<typeof documentsApi.get>>['data'];

export const prioritiesApi = {
  list: () => unwrap(api.GET('/api/v1/restore-priorities', { params: { query: { limit: 50 } } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/restore-priorities/{id}', path(id))),
  create: (title: string) => unwrapTagged(api.POST('/api/v1/restore-priorities', { body: { title } })),
  setItems: (id: string, etag: string, body: ItemsInput) =>
    unwrapTagged(api.PUT('/api/v1/restore-priorities/{id}/items', { ...path(id), body, headers: ifMatch(etag) })),
  decide: (id: string, etag: string, body: PriorityDecision) =>
    unwrapTagged(api.POST('/api/v1/restore-priorities/{id}/decision', { ...path(id), body, headers: ifMatch(etag) })),
};
export type RestorePriority = Awaited<ReturnType<typeof prioritiesApi.get>>['data'];

export const exercisesApi = {
  list: (query: ExerciseQuery) => unwrap(api.GET('/api/v1/exercises', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/exercises/{id}', path(id))),
  create: (body: ExerciseInput) => unwrapTagged(api.POST('/api/v1/exercises', { body })),
  update: (id: string, etag: string, body: ExerciseInput) =>
    unwrapTagged(api.PATCH('/api/v1/exercises/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/exercises/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/exercises/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
  createMeasure: (id: string, body: ExerciseMeasureInput) => unwrap(api.POST('/api/v1/exercises/{id}/measures', { ...path(id), body })),
};
export type Exercise = Awaited<ReturnType<typeof exercisesApi.get>>['data'];

export const continuityKeys = {
  all: ['continuity'] as const,
  // a document's history lives under the path its history route has (auditKeys.history)
  documentHistory: ['continuity-documents'] as const,
  system: (id: string) => ['continuity', 'system', id] as const,
  overview: ['continuity', 'overview'] as const,
  documents: ['continuity', 'documents'] as const,
  priorities: ['restore-priorities'] as const,
  exercises: ['exercises'] as const,
};
