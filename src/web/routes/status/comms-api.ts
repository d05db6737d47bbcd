import { api, unwrap } from '../../api/client.js';
import type { paths } from '../../api/schema.js';

// Incident communication (D1-40): stakeholders per system, notices per incident, the status page.
export type StakeholderInput = paths['/api/v1/systems/{id}/stakeholders']['post']['requestBody']['content']['application/json'];
export type NoticeInput = paths['/api/v1/incidents/{id}/communications']['post']['requestBody']['content']['application/json'];

const path = (id: string) => ({ params: { path: { id } } });

export const stakeholdersApi = {
  list: (systemId: string) => unwrap(api.GET('/api/v1/systems/{id}/stakeholders', path(systemId))),
  add: (systemId: string, body: StakeholderInput) => unwrap(api.POST('/api/v1/systems/{id}/stakeholders', { ...path(systemId), body })),
  remove: (systemId: string, stakeholderId: string) =>
    unwrap(api.DELETE('/api/v1/systems/{id}/stakeholders/{stakeholderId}', { params: { path: { id: systemId, stakeholderId } } })),
};
export type Stakeholder = Awaited<ReturnType<typeof stakeholdersApi.list>>['items'][number];

export const communicationsApi = {
  list: (incidentId: string) => unwrap(api.GET('/api/v1/incidents/{id}/communications', path(incidentId))),
  send: (incidentId: string, body: NoticeInput) => unwrap(api.POST('/api/v1/incidents/{id}/communications', { ...path(incidentId), body })),
};
export type Communications = Awaited<ReturnType<typeof communicationsApi.list>>;

export const statusApi = {
  disruptions: () => unwrap(api.GET('/api/v1/status/disruptions')),
};
export type Disruption = Awaited<ReturnType<typeof statusApi.disruptions>>['items'][number];

export const commsKeys = {
  stakeholders: (systemId: string) => ['system-stakeholders', systemId] as const,
  communications: (incidentId: string) => ['incidents', incidentId, 'communications'] as const,
  status: ['status', 'disruptions'] as const,
};

export const STAKEHOLDER_KINDS = ['unit', 'supplier', 'external'] as const;
export const NOTICE_KINDS = ['outage', 'disruption', 'restored', 'other'] as const;
