import { api, unwrap } from './client.js';
import type { paths } from './schema.js';
import { cleanQuery } from './resources.js';

// The audit trail (issue 4): events with filters, chain verification, checkpoints, and each register
// record's own history.
export type AuditQuery = NonNullable<paths['/api/v1/audit/events']['get']['parameters']['query']>;
export type AuditFilter = Omit<AuditQuery, 'cursor' | 'limit'>;
export type AuditEvent = Awaited<ReturnType<typeof auditApi.events>>['items'][number];
export type VerifyReport = Awaited<ReturnType<typeof auditApi.verify>>;
export type Checkpoint = Awaited<ReturnType<typeof auditApi.checkpoints>>['items'][number];

export const auditApi = {
  events: (query: AuditQuery) => unwrap(api.GET('/api/v1/audit/events', { params: { query: cleanQuery(query) } })),
  actions: () => unwrap(api.GET('/api/v1/audit/actions')),
  verify: () => unwrap(api.POST('/api/v1/audit/verify')),
  checkpoints: () => unwrap(api.GET('/api/v1/audit/checkpoints')),
  takeCheckpoint: () => unwrap(api.POST('/api/v1/audit/checkpoints')),
};

/** The registers whose records have a history (`GET /<path>/:id/history`). */
export type HistoryPath =
  | 'systems'
  | 'information-assets'
  | 'suppliers'
  | 'org-units'
  | 'measures'
  | 'risks'
  | 'risk-analyses'
  | 'requirements'
  | 'policy-goals'
  | 'action-plans'
  | 'incidents'
  | 'exercises'
  | 'continuity-documents'
  | 'contracts'
  | 'change-notices'
  | 'credentials'
  | 'recertification-campaigns'
  | 'access-orders';
type HistoryQuery = { cursor?: string; limit?: number };
const historyCall = (path: HistoryPath, id: string, query: HistoryQuery) => {
  const init = { params: { path: { id }, query: cleanQuery(query) } };
  switch (path) {
    case 'systems':
      return api.GET('/api/v1/systems/{id}/history', init);
    case 'information-assets':
      return api.GET('/api/v1/information-assets/{id}/history', init);
    case 'suppliers':
      return api.GET('/api/v1/suppliers/{id}/history', init);
    case 'org-units':
      return api.GET('/api/v1/org-units/{id}/history', init);
    case 'measures':
      return api.GET('/api/v1/measures/{id}/history', init);
    case 'risks':
      return api.GET('/api/v1/risks/{id}/history', init);
    case 'risk-analyses':
      return api.GET('/api/v1/risk-analyses/{id}/history', init);
    case 'requirements':
      return api.GET('/api/v1/requirements/{id}/history', init);
    case 'policy-goals':
      return api.GET('/api/v1/policy-goals/{id}/history', init);
    case 'action-plans':
      return api.GET('/api/v1/action-plans/{id}/history', init);
    case 'incidents':
      return api.GET('/api/v1/incidents/{id}/history', init);
    case 'exercises':
      return api.GET('/api/v1/exercises/{id}/history', init);
    case 'continuity-documents':
      return api.GET('/api/v1/continuity-documents/{id}/history', init);
    case 'contracts':
      return api.GET('/api/v1/contracts/{id}/history', init);
    case 'change-notices':
      return api.GET('/api/v1/change-notices/{id}/history', init);
    case 'credentials':
      return api.GET('/api/v1/credentials/{id}/history', init);
    case 'recertification-campaigns':
      return api.GET('/api/v1/recertification-campaigns/{id}/history', init);
    case 'access-orders':
      return api.GET('/api/v1/access-orders/{id}/history', init);
  }
};
export const historyApi = {
  list: (path: HistoryPath, id: string, query: HistoryQuery) => unwrap(historyCall(path, id, query)),
};
export type HistoryEvent = Awaited<ReturnType<typeof historyApi.list>>['items'][number];

/** Export URLs with the same filters as the list (the browser downloads them through `download`). */
export const auditExportUrl = (kind: 'csv' | 'jsonl', filter: AuditFilter): string => {
  const qs = new URLSearchParams(cleanQuery(filter) as Record<string, string>).toString();
  return `/api/v1/audit/events/export.${kind}${qs ? `?${qs}` : ''}`;
};
export const CHECKPOINTS_EXPORT_URL = '/api/v1/audit/checkpoints/export.jsonl';

export const auditKeys = {
  all: ['audit'] as const,
  events: (filter: AuditFilter) => ['audit', 'events', filter] as const,
  actions: ['audit', 'actions'] as const,
  checkpoints: ['audit', 'checkpoints'] as const,
  // Under the register's own key (the path names match them): saving a record refreshes its history.
  history: (path: HistoryPath, id: string) => [path, 'history', id] as const,
};
