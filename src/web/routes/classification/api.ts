import { api, unwrap } from '../../api/client.js';
import type { paths } from '../../api/schema.js';

// Classification (issue 5): the scheme, asset classifications, system protection levels, coverage.
type ClassifyPath = paths['/api/v1/information-assets/{id}/classification'];
type ProtectionPath = paths['/api/v1/systems/{id}/protection-level'];
export type ClassifyInput = ClassifyPath['put']['requestBody']['content']['application/json'];
export type ProtectionInput = ProtectionPath['put']['requestBody']['content']['application/json'];
export type SchemeInput = paths['/api/v1/classification/scheme']['put']['requestBody']['content']['application/json'];

const path = (id: string) => ({ params: { path: { id } } });
// An empty ETag (not known) sends no If-Match; the server's check is optional.
const ifMatch = (etag: string): Record<string, string> => (etag ? { 'If-Match': etag } : {});

export const classificationKeys = {
  all: ['classification'] as const,
  scheme: ['classification', 'scheme'] as const,
  coverage: ['classification', 'coverage'] as const,
  reviewsDue: ['classification', 'reviews-due'] as const,
  asset: (id: string) => ['classification', 'asset', id] as const,
  system: (id: string) => ['classification', 'system', id] as const,
};

export const classificationApi = {
  scheme: () => unwrap(api.GET('/api/v1/classification/scheme')),
  updateScheme: (body: SchemeInput) => unwrap(api.PUT('/api/v1/classification/scheme', { body })),
  coverage: () => unwrap(api.GET('/api/v1/classification/coverage')),
  reviewsDue: () => unwrap(api.GET('/api/v1/classification/reviews-due')),
  /** With the asset's ETag, so a classification made from a stale page is refused (412) instead of overwriting. */
  classify: (id: string, etag: string, body: ClassifyInput) =>
    unwrap(api.PUT('/api/v1/information-assets/{id}/classification', { ...path(id), body, headers: ifMatch(etag) })),
  assetHistory: (id: string) => unwrap(api.GET('/api/v1/information-assets/{id}/classifications', path(id))),
  protection: (id: string) => unwrap(api.GET('/api/v1/systems/{id}/protection-level', path(id))),
  setProtection: (id: string, etag: string, body: ProtectionInput) =>
    unwrap(api.PUT('/api/v1/systems/{id}/protection-level', { ...path(id), body, headers: ifMatch(etag) })),
};

export type Scheme = Awaited<ReturnType<typeof classificationApi.scheme>>;
export type AssetClassification = Awaited<ReturnType<typeof classificationApi.assetHistory>>['items'][number];
export type Protection = Awaited<ReturnType<typeof classificationApi.protection>>;
export type Coverage = Awaited<ReturnType<typeof classificationApi.coverage>>;
