import { api, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// Access orders (D0-11..D0-14, D3-03, D3-22..D3-26): list, order form, flow, settings and reports.
type OrdersPath = paths['/api/v1/access-orders'];
export type OrderQuery = NonNullable<OrdersPath['get']['parameters']['query']>;
export type OrderInput = OrdersPath['post']['requestBody']['content']['application/json'];
export type OrderPatch = paths['/api/v1/access-orders/{id}']['patch']['requestBody']['content']['application/json'];
export type SettingsInput = paths['/api/v1/access-order-settings']['put']['requestBody']['content']['application/json'];
export type ReportQuery = NonNullable<paths['/api/v1/access-orders/reports/lead-time']['get']['parameters']['query']>;
export type Step = 'approve' | 'reject' | 'execute' | 'cancel';

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const accessOrderKeys = { all: ['access-orders'] as const, settings: ['access-order-settings'] as const };

export const accessOrdersApi = {
  list: (query: OrderQuery) => unwrap(api.GET('/api/v1/access-orders', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/access-orders/{id}', path(id))),
  create: (body: OrderInput) => unwrapTagged(api.POST('/api/v1/access-orders', { body })),
  update: (id: string, etag: string, body: OrderPatch) =>
    unwrapTagged(api.PATCH('/api/v1/access-orders/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  step: (id: string, etag: string, step: Step, note: string | null) =>
    unwrapTagged(api.POST(`/api/v1/access-orders/{id}/${step}`, { ...path(id), body: { note }, headers: ifMatch(etag) })),
  personnummer: (id: string) => unwrap(api.GET('/api/v1/access-orders/{id}/personnummer', path(id))),
  leadTimes: () => unwrap(api.GET('/api/v1/access-orders/lead-times')),
  leadTimeReport: (query: ReportQuery) =>
    unwrap(api.GET('/api/v1/access-orders/reports/lead-time', { params: { query: cleanQuery(query) } })),
  terminationReport: (query: ReportQuery) =>
    unwrap(api.GET('/api/v1/access-orders/reports/terminations', { params: { query: cleanQuery(query) } })),
  settings: () => unwrapTagged(api.GET('/api/v1/access-order-settings')),
  putSettings: (etag: string, body: SettingsInput) =>
    unwrapTagged(api.PUT('/api/v1/access-order-settings', { body, headers: ifMatch(etag) })),
  supplierSystems: (supplierId: string) => unwrap(api.GET('/api/v1/suppliers/{id}/systems', path(supplierId))),
  suppliers: () => unwrap(api.GET('/api/v1/suppliers', { params: { query: { limit: 200 } } })),
};
export type AccessOrder = Awaited<ReturnType<typeof accessOrdersApi.get>>['data'];

export const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
export const todayInSweden = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
