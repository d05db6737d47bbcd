import { api, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// Change notices to suppliers (D0-06, D0-09, D0-41, D0-42, D0-45, D0-46, D3-10, D3-33) and the supplier
// portal's home page.
type ListPath = paths['/api/v1/change-notices'];
export type NoticeQuery = NonNullable<ListPath['get']['parameters']['query']>;
export type NoticeInput = ListPath['post']['requestBody']['content']['application/json'];
export type AcknowledgeInput = paths['/api/v1/change-notices/{id}/acknowledge']['post']['requestBody']['content']['application/json'];

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const changeNoticesApi = {
  list: (query: NoticeQuery) => unwrap(api.GET('/api/v1/change-notices', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/change-notices/{id}', path(id))),
  create: (body: NoticeInput) => unwrapTagged(api.POST('/api/v1/change-notices', { body })),
  update: (id: string, etag: string, body: Partial<NoticeInput>) =>
    unwrapTagged(api.PATCH('/api/v1/change-notices/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/change-notices/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/change-notices/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
  publish: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/change-notices/{id}/publish', { ...path(id), headers: ifMatch(etag) })),
  acknowledge: (id: string, body: AcknowledgeInput) =>
    unwrapTagged(api.POST('/api/v1/change-notices/{id}/acknowledge', { ...path(id), body })),
};
export type ChangeNotice = Awaited<ReturnType<typeof changeNoticesApi.get>>['data'];

export const portalApi = {
  home: () => unwrap(api.GET('/api/v1/portal')),
};
export type PortalHome = Awaited<ReturnType<typeof portalApi.home>>;

// Every key starts with 'change-notices' or 'portal'; an acknowledgement refreshes both.
export const changeNoticeKeys = {
  all: ['change-notices'] as const,
  portal: ['portal'] as const,
};

export const NOTICE_KINDS = [
  'system_change',
  'system_replacement',
  'authentication',
  'mdm',
  'mobile_operator',
  'messaging',
  'instruction',
  'sdk_request',
] as const;
