import { api, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// The requirement catalogue and the per-system gap analysis (issue 5, D2-24).
type ListPath = paths['/api/v1/requirements'];
export type RequirementQuery = NonNullable<ListPath['get']['parameters']['query']>;
export type RequirementInput = ListPath['post']['requestBody']['content']['application/json'];
export type RequirementPatch = paths['/api/v1/requirements/{id}']['patch']['requestBody']['content']['application/json'];
export type GapQuery = NonNullable<paths['/api/v1/systems/{id}/gap-analysis']['get']['parameters']['query']>;
export type GapAssessInput =
  paths['/api/v1/systems/{id}/gap-analysis/{requirementId}']['put']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const requirementsApi = {
  list: (query: RequirementQuery) => unwrap(api.GET('/api/v1/requirements', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/requirements/{id}', path(id))),
  create: (body: RequirementInput) => unwrapTagged(api.POST('/api/v1/requirements', { body })),
  update: (id: string, etag: string, body: RequirementPatch) =>
    unwrapTagged(api.PATCH('/api/v1/requirements/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/requirements/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/requirements/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
  starter: () => unwrap(api.POST('/api/v1/requirements/starter-catalogue')),
  /** The file goes as multipart/form-data (field `file`); dryRun only checks and previews. */
  import: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(
      api.POST('/api/v1/requirements/import', {
        params: { query: { dryRun: dryRun ? 'true' : 'false' } },
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }),
    );
  },
};
export type Requirement = Awaited<ReturnType<typeof requirementsApi.list>>['items'][number];
export type ImportResult = Awaited<ReturnType<typeof requirementsApi.import>>;

export const gapApi = {
  get: (systemId: string, query: GapQuery = {}) =>
    unwrap(api.GET('/api/v1/systems/{id}/gap-analysis', { params: { path: { id: systemId }, query: cleanQuery(query) } })),
  assess: (systemId: string, requirementId: string, body: GapAssessInput, etag?: string) =>
    unwrapTagged(
      api.PUT('/api/v1/systems/{id}/gap-analysis/{requirementId}', {
        params: { path: { id: systemId, requirementId } },
        body,
        ...(etag ? { headers: ifMatch(etag) } : {}),
      }),
    ),
};
export type GapAnalysis = Awaited<ReturnType<typeof gapApi.get>>;
export type GapItem = GapAnalysis['items'][number];

export const requirementKeys = {
  all: ['requirements'] as const,
  gap: (systemId: string) => ['gap-analysis', systemId] as const,
};

export const ASPECTS = ['confidentiality', 'integrity', 'availability', 'traceability'] as const;
export const KINDS = ['organisation', 'procurement'] as const;
export const AREAS = ['administrative', 'physical', 'technical'] as const;
export const STATUSES = ['exists', 'partly', 'missing', 'not_applicable'] as const;
export const DEFICIENCIES = ['negligible', 'moderate', 'significant', 'serious'] as const;
