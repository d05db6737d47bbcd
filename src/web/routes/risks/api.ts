import { api, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// The RSA module's calls (D1-02, D1-11, D4-05): analyses, risks, heat map, yearly snapshots.
export type AnalysisInput = paths['/api/v1/risk-analyses']['post']['requestBody']['content']['application/json'];
export type RiskInput = paths['/api/v1/risks']['post']['requestBody']['content']['application/json'];
export type RiskQuery = NonNullable<paths['/api/v1/risks']['get']['parameters']['query']>;
export type HeatQuery = NonNullable<paths['/api/v1/risks/heat-map']['get']['parameters']['query']>;
type AnalysisQuery = NonNullable<paths['/api/v1/risk-analyses']['get']['parameters']['query']>;
type MeasureInput = paths['/api/v1/risks/{id}/measures']['post']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const riskKeys = { all: ['risks'] as const, analyses: ['risks', 'analyses'] as const, risks: ['risks', 'risks'] as const };

export const analysesApi = {
  list: (query: AnalysisQuery) => unwrap(api.GET('/api/v1/risk-analyses', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/risk-analyses/{id}', path(id))),
  create: (body: AnalysisInput) => unwrapTagged(api.POST('/api/v1/risk-analyses', { body })),
  update: (id: string, etag: string, body: AnalysisInput) =>
    unwrapTagged(api.PATCH('/api/v1/risk-analyses/{id}', { ...path(id), body, headers: ifMatch(etag) })),
};
export type Analysis = Awaited<ReturnType<typeof analysesApi.get>>['data'];

export const risksApi = {
  list: (query: RiskQuery) => unwrap(api.GET('/api/v1/risks', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/risks/{id}', path(id))),
  create: (body: RiskInput) => unwrapTagged(api.POST('/api/v1/risks', { body })),
  update: (id: string, etag: string, { analysisId: _a, ...body }: RiskInput) =>
    unwrapTagged(api.PATCH('/api/v1/risks/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  approve: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/risks/{id}/approve', { ...path(id), headers: ifMatch(etag) })),
  addMeasure: (id: string, body: MeasureInput) => unwrap(api.POST('/api/v1/risks/{id}/measures', { ...path(id), body })),
  heatMap: (query: HeatQuery) => unwrap(api.GET('/api/v1/risks/heat-map', { params: { query: cleanQuery(query) } })),
  owners: (query: { riskId?: string; analysisId?: string } = {}) =>
    unwrap(api.GET('/api/v1/risks/owners', { params: { query: cleanQuery(query) } })),
};
export type Risk = Awaited<ReturnType<typeof risksApi.get>>['data'];
export type RiskItem = Awaited<ReturnType<typeof risksApi.list>>['items'][number];
export type Score = Risk['inherent'];

export const snapshotsApi = {
  list: () => unwrap(api.GET('/api/v1/risk-snapshots')),
  create: (year: number) => unwrap(api.POST('/api/v1/risk-snapshots', { body: { year } })),
  compare: (from: number, to: number) => unwrap(api.GET('/api/v1/risk-snapshots/compare', { params: { query: { from, to } } })),
};
