import type { QueryClient } from '@tanstack/react-query';
import { auditKeys } from '../../api/audit.js';
import { api, unwrap, unwrapTagged, type Tagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import { commsKeys } from '../status/comms-api.js';
import type { paths } from '../../api/schema.js';

// The incident register (issue 6): reporting, the reporter's own view, triage and the timeline.
type ListPath = paths['/api/v1/incidents'];
export type IncidentQuery = NonNullable<ListPath['get']['parameters']['query']>;
export type IncidentInput = ListPath['post']['requestBody']['content']['application/json'];
export type IncidentPatch = paths['/api/v1/incidents/{id}']['patch']['requestBody']['content']['application/json'];
export type EntryInput = paths['/api/v1/incidents/{id}/entries']['post']['requestBody']['content']['application/json'];
export type IncidentMeasureInput = paths['/api/v1/incidents/{id}/measures']['post']['requestBody']['content']['application/json'];
export type SummaryQuery = NonNullable<paths['/api/v1/incidents/summary']['get']['parameters']['query']>;

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const incidentsApi = {
  list: (query: IncidentQuery) => unwrap(api.GET('/api/v1/incidents', { params: { query: cleanQuery(query) } })),
  mine: () => unwrap(api.GET('/api/v1/incidents/mine')),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/incidents/{id}', path(id))),
  report: (body: IncidentInput) => unwrap(api.POST('/api/v1/incidents', { body })),
  update: (id: string, etag: string, body: IncidentPatch) =>
    unwrapTagged(api.PATCH('/api/v1/incidents/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  addEntry: (id: string, body: EntryInput) => unwrap(api.POST('/api/v1/incidents/{id}/entries', { ...path(id), body })),
  addMyEntry: (id: string, text: string) => unwrap(api.POST('/api/v1/incidents/mine/{id}/entries', { ...path(id), body: { text } })),
  addMeasure: (id: string, body: IncidentMeasureInput) => unwrap(api.POST('/api/v1/incidents/{id}/measures', { ...path(id), body })),
  activateContinuity: (id: string, etag: string, note: string | null) =>
    unwrapTagged(api.POST('/api/v1/incidents/{id}/continuity-activation', { ...path(id), body: { note }, headers: ifMatch(etag) })),
  escalate: (id: string, etag: string, escalatedTo: string, note: string | null) =>
    unwrapTagged(api.POST('/api/v1/incidents/{id}/escalation', { ...path(id), body: { escalatedTo, note }, headers: ifMatch(etag) })),
  summary: (query: SummaryQuery) => unwrap(api.GET('/api/v1/incidents/summary', { params: { query: cleanQuery(query) } })),
};

export type Incident = Awaited<ReturnType<typeof incidentsApi.get>>['data'];
export type IncidentItem = Awaited<ReturnType<typeof incidentsApi.list>>['items'][number];
export type MineItem = Awaited<ReturnType<typeof incidentsApi.mine>>['items'][number];
export type Entry = Incident['entries'][number];

// Query keys shared with the obligations and communications panels (see scratch/interfaces.md). Every
// key starts with 'incidents', so `refreshIncident` reaches the page's panels, its history and the lists.
export const incidentKeys = {
  all: ['incidents'] as const,
  list: ['incidents', 'list'] as const,
  mine: ['incidents', 'mine'] as const,
  detail: (id: string) => ['incidents', id] as const,
  history: (id: string) => auditKeys.history('incidents', id),
};

/**
 * After any change to an incident: its page, panels (clocks, notices, drafts), history, the register's
 * next deadlines and the status page may all show it, so all of them are read again. When the change
 * answered with the incident itself (`saved`), that answer is the page: reading it again would only
 * write one more "secret content read" entry in the audit trail.
 */
export async function refreshIncident(client: QueryClient, saved?: Tagged<Incident>): Promise<void> {
  const detail = saved ? incidentKeys.detail(saved.data.id) : null;
  if (saved && detail) client.setQueryData(detail, saved);
  await client.invalidateQueries({
    queryKey: incidentKeys.all,
    predicate: (q) => !detail || q.queryKey.length !== detail.length || q.queryKey[1] !== detail[1],
  });
  await client.invalidateQueries({ queryKey: commsKeys.status });
}

export const TYPES = ['incident', 'deviation', 'disruption', 'outage', 'attack', 'fault'] as const;
export const SEVERITIES = ['low', 'moderate', 'high', 'extensive'] as const;
export const STATUSES = ['reported', 'triaged', 'contained', 'resolved', 'closed'] as const;
export const PERSONAL_DATA = ['unknown', 'yes', 'no'] as const;
export const PAYERS = ['municipality', 'supplier', 'provider'] as const;
