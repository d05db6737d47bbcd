import { api, unwrap, unwrapTagged } from '../../api/client.js';
import type { paths } from '../../api/schema.js';

// Incident settings (issue 6): categories, reporting routes (D1-35), crisis group, reminders, secrecy.
export type CategoryInput = paths['/api/v1/incident-categories']['post']['requestBody']['content']['application/json'];
export type RouteInput = paths['/api/v1/incident-routes']['post']['requestBody']['content']['application/json'];
export type SettingsInput = paths['/api/v1/incident-settings']['put']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const categoriesApi = {
  list: (includeArchived = false) =>
    unwrap(api.GET('/api/v1/incident-categories', { params: { query: includeArchived ? { includeArchived: 'true' } : {} } })),
  create: (body: CategoryInput) => unwrapTagged(api.POST('/api/v1/incident-categories', { body })),
  update: (id: string, etag: string, body: Partial<CategoryInput>) =>
    unwrapTagged(api.PATCH('/api/v1/incident-categories/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/incident-categories/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/incident-categories/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
};
export type Category = Awaited<ReturnType<typeof categoriesApi.list>>['items'][number];

export const routesApi = {
  list: (includeArchived = false) =>
    unwrap(api.GET('/api/v1/incident-routes', { params: { query: includeArchived ? { includeArchived: 'true' } : {} } })),
  create: (body: RouteInput) => unwrapTagged(api.POST('/api/v1/incident-routes', { body })),
  update: (id: string, etag: string, body: Partial<RouteInput>) =>
    unwrapTagged(api.PATCH('/api/v1/incident-routes/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/incident-routes/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/incident-routes/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
};
export type IncidentRoute = Awaited<ReturnType<typeof routesApi.list>>['items'][number];

export const settingsApi = {
  get: () => unwrapTagged(api.GET('/api/v1/incident-settings')),
  save: (etag: string, body: SettingsInput) => unwrapTagged(api.PUT('/api/v1/incident-settings', { body, headers: ifMatch(etag) })),
  people: () => unwrap(api.GET('/api/v1/incident-settings/people')),
};
export type IncidentSettings = Awaited<ReturnType<typeof settingsApi.get>>['data'];

export const incidentSettingsKeys = {
  categories: ['incident-categories'] as const,
  routes: ['incident-routes'] as const,
  settings: ['incident-settings'] as const,
  people: ['incident-settings', 'people'] as const,
};

export const SEVERITIES = ['low', 'moderate', 'high', 'extensive'] as const;

/** A category's name in the reader's language (the English name when there is one). */
export const categoryName = (c: { name: string; nameEn: string | null }, lang: string) => (lang === 'en' && c.nameEn ? c.nameEn : c.name);
