import { api, unwrap, unwrapTagged } from './client.js';
import type { AssetQuery, InformationAssetInput, OrgUnitInput, OrgUnitQuery, SystemInput, SystemQuery } from './types.js';

const ifMatch = (etag: string) => ({ 'If-Match': etag });

/** Drop empty filter values so the URL stays clean and the server sees no blank filters. */
export function cleanQuery<T extends object>(query: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== null) out[k] = v;
  return out as T;
}

export const authApi = {
  login: (email: string, password: string) => unwrap(api.POST('/api/v1/auth/login', { body: { email, password } })),
  me: () => unwrap(api.GET('/api/v1/auth/me')),
  logout: () => unwrap(api.POST('/api/v1/auth/logout')),
};

export const systemsApi = {
  list: (query: SystemQuery) => unwrap(api.GET('/api/v1/systems', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/systems/{id}', { params: { path: { id } } })),
  create: (body: SystemInput) => unwrapTagged(api.POST('/api/v1/systems', { body })),
  update: (id: string, etag: string, body: Partial<SystemInput>) =>
    unwrapTagged(api.PATCH('/api/v1/systems/{id}', { params: { path: { id } }, body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/systems/{id}/archive', { params: { path: { id } }, headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/systems/{id}/restore', { params: { path: { id } }, headers: ifMatch(etag) })),
  /** D1-13: confirm the entry is accurate; the server sets `lastReviewedOn` to today (Stockholm). */
  review: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/systems/{id}/review', { params: { path: { id } }, headers: ifMatch(etag) })),
};

export const assetsApi = {
  list: (query: AssetQuery) => unwrap(api.GET('/api/v1/information-assets', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/information-assets/{id}', { params: { path: { id } } })),
  create: (body: InformationAssetInput) => unwrapTagged(api.POST('/api/v1/information-assets', { body })),
  update: (id: string, etag: string, body: Partial<InformationAssetInput>) =>
    unwrapTagged(
      api.PATCH('/api/v1/information-assets/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  archive: (id: string, etag: string) =>
    unwrapTagged(
      api.POST('/api/v1/information-assets/{id}/archive', {
        params: { path: { id } },
        headers: ifMatch(etag),
      }),
    ),
  restore: (id: string, etag: string) =>
    unwrapTagged(
      api.POST('/api/v1/information-assets/{id}/restore', {
        params: { path: { id } },
        headers: ifMatch(etag),
      }),
    ),
};

export const orgUnitsApi = {
  list: (query: OrgUnitQuery) => unwrap(api.GET('/api/v1/org-units', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/org-units/{id}', { params: { path: { id } } })),
  create: (body: OrgUnitInput) => unwrapTagged(api.POST('/api/v1/org-units', { body })),
  update: (id: string, etag: string, body: Partial<OrgUnitInput>) =>
    unwrapTagged(api.PATCH('/api/v1/org-units/{id}', { params: { path: { id } }, body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/org-units/{id}/archive', { params: { path: { id } }, headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/org-units/{id}/restore', { params: { path: { id } }, headers: ifMatch(etag) })),
};

/** Query keys shared by lists and details so a save invalidates both. */
export const keys = {
  me: ['me'] as const,
  systems: ['systems'] as const,
  assets: ['information-assets'] as const,
  orgUnits: ['org-units'] as const,
};
