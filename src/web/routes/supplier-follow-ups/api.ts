import { api, download, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// Supplier follow-ups (D1-17): the municipality plans and sends them, the supplier answers each item
// with evidence in the portal, the reviewer assesses, deficiencies become measures.
type ListPath = paths['/api/v1/supplier-follow-ups'];
export type FollowUpQuery = NonNullable<ListPath['get']['parameters']['query']>;
export type FollowUpInput = ListPath['post']['requestBody']['content']['application/json'];
export type FollowUpPatch = paths['/api/v1/supplier-follow-ups/{id}']['patch']['requestBody']['content']['application/json'];
export type AnswerInput = paths['/api/v1/follow-up-items/{id}/answer']['put']['requestBody']['content']['application/json'];
export type AssessmentInput = paths['/api/v1/follow-up-items/{id}/assessment']['put']['requestBody']['content']['application/json'];
export type TemplateInput = paths['/api/v1/follow-up-templates/{supplierType}']['put']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });
const v = (version: number) => ifMatch(`"v${version}"`);

export const followUpsApi = {
  list: (query: FollowUpQuery) => unwrap(api.GET('/api/v1/supplier-follow-ups', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/supplier-follow-ups/{id}', path(id))),
  create: (body: FollowUpInput) => unwrapTagged(api.POST('/api/v1/supplier-follow-ups', { body })),
  update: (id: string, etag: string, body: FollowUpPatch) =>
    unwrapTagged(api.PATCH('/api/v1/supplier-follow-ups/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  send: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/supplier-follow-ups/{id}/send', { ...path(id), headers: ifMatch(etag) })),
  submit: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/supplier-follow-ups/{id}/submit', { ...path(id), headers: ifMatch(etag) })),
  close: (id: string, etag: string, conclusion: string | null) =>
    unwrapTagged(api.POST('/api/v1/supplier-follow-ups/{id}/close', { ...path(id), body: { conclusion }, headers: ifMatch(etag) })),
  answer: (itemId: string, version: number, body: AnswerInput) =>
    unwrap(api.PUT('/api/v1/follow-up-items/{id}/answer', { ...path(itemId), body, headers: v(version) })),
  assess: (itemId: string, version: number, body: AssessmentInput) =>
    unwrap(api.PUT('/api/v1/follow-up-items/{id}/assessment', { ...path(itemId), body, headers: v(version) })),
  /** The file goes as multipart/form-data (field `file`); the route has no JSON body in the contract. */
  upload: (itemId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return unwrap(
      api.POST('/api/v1/follow-up-items/{id}/files', {
        ...path(itemId),
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      }),
    );
  },
  download: (fileId: string, name: string) => download(`/api/v1/files/${encodeURIComponent(fileId)}`, '*/*', name),
};
export type FollowUp = Awaited<ReturnType<typeof followUpsApi.get>>['data'];
export type FollowUpItem = FollowUp['items'][number];
export type FollowUpSummary = Awaited<ReturnType<typeof followUpsApi.list>>['items'][number];

export const templatesApi = {
  list: () => unwrap(api.GET('/api/v1/follow-up-templates')),
  get: (type: string) =>
    unwrapTagged(api.GET('/api/v1/follow-up-templates/{supplierType}', { params: { path: { supplierType: type as never } } })),
  put: (type: string, etag: string, body: TemplateInput) =>
    unwrapTagged(
      api.PUT('/api/v1/follow-up-templates/{supplierType}', {
        params: { path: { supplierType: type as never } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};
export type Template = Awaited<ReturnType<typeof templatesApi.get>>['data'];
export type TemplateItem = Template['items'][number];

export const followUpKeys = {
  all: ['supplier-follow-ups'] as const,
  templates: ['supplier-follow-ups', 'templates'] as const,
};

export const FOLLOW_UP_STATUSES = ['planned', 'sent', 'answered', 'assessed', 'closed'] as const;
export const ANSWERS = ['yes', 'partly', 'no', 'not_applicable'] as const;
export const ASSESSMENTS = ['approved', 'deficient', 'not_applicable'] as const;
export const AREAS = [
  'systems',
  'competence',
  'access',
  'security',
  'equipment',
  'continuity',
  'communication',
  'obligations',
  'compliance',
] as const;
