import { api, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// The supplier register's parts (issue 7): people, systems, contracts, meetings, and the profile.
type PeoplePath = paths['/api/v1/suppliers/{id}/people'];
export type PersonInput = PeoplePath['post']['requestBody']['content']['application/json'];
export type PersonPatch = paths['/api/v1/supplier-people/{id}']['patch']['requestBody']['content']['application/json'];
export type LinkInput = paths['/api/v1/suppliers/{id}/systems/{systemId}']['put']['requestBody']['content']['application/json'];
type ContractsPath = paths['/api/v1/contracts'];
export type ContractQuery = NonNullable<ContractsPath['get']['parameters']['query']>;
export type ContractInput = ContractsPath['post']['requestBody']['content']['application/json'];
export type ContractPatch = paths['/api/v1/contracts/{id}']['patch']['requestBody']['content']['application/json'];
export type MeetingInput = paths['/api/v1/supplier-meetings']['post']['requestBody']['content']['application/json'];
export type MeetingPatch = paths['/api/v1/supplier-meetings/{id}']['patch']['requestBody']['content']['application/json'];
export type ProfilePatch = NonNullable<paths['/api/v1/suppliers/{id}']['patch']['requestBody']['content']['application/json']['profile']>;

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const peopleApi = {
  list: (supplierId: string, includeArchived = false) =>
    unwrap(
      api.GET('/api/v1/suppliers/{id}/people', {
        params: { path: { id: supplierId }, query: includeArchived ? { includeArchived: 'true' } : {} },
      }),
    ),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/supplier-people/{id}', path(id))),
  create: (supplierId: string, body: PersonInput) => unwrapTagged(api.POST('/api/v1/suppliers/{id}/people', { ...path(supplierId), body })),
  update: (id: string, etag: string, body: PersonPatch) =>
    unwrapTagged(api.PATCH('/api/v1/supplier-people/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/supplier-people/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/supplier-people/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
};
export type SupplierPerson = Awaited<ReturnType<typeof peopleApi.get>>['data'];

export const linksApi = {
  list: (supplierId: string) => unwrap(api.GET('/api/v1/suppliers/{id}/systems', path(supplierId))),
  put: (supplierId: string, systemId: string, body: LinkInput) =>
    unwrap(api.PUT('/api/v1/suppliers/{id}/systems/{systemId}', { params: { path: { id: supplierId, systemId } }, body })),
  remove: (supplierId: string, systemId: string) =>
    unwrap(api.DELETE('/api/v1/suppliers/{id}/systems/{systemId}', { params: { path: { id: supplierId, systemId } } })),
};
export type SupplierLink = Awaited<ReturnType<typeof linksApi.list>>['items'][number];

export const contractsApi = {
  list: (query: ContractQuery) => unwrap(api.GET('/api/v1/contracts', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/contracts/{id}', path(id))),
  create: (body: ContractInput) => unwrapTagged(api.POST('/api/v1/contracts', { body })),
  update: (id: string, etag: string, body: ContractPatch) =>
    unwrapTagged(api.PATCH('/api/v1/contracts/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/contracts/{id}/archive', { ...path(id), headers: ifMatch(etag) })),
  restore: (id: string, etag: string) => unwrapTagged(api.POST('/api/v1/contracts/{id}/restore', { ...path(id), headers: ifMatch(etag) })),
};
export type Contract = Awaited<ReturnType<typeof contractsApi.get>>['data'];

export const meetingsApi = {
  list: (supplierId: string) => unwrap(api.GET('/api/v1/supplier-meetings', { params: { query: { supplierId, limit: 200 } } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/supplier-meetings/{id}', path(id))),
  create: (body: MeetingInput) => unwrapTagged(api.POST('/api/v1/supplier-meetings', { body })),
  update: (id: string, etag: string, body: MeetingPatch) =>
    unwrapTagged(api.PATCH('/api/v1/supplier-meetings/{id}', { ...path(id), body, headers: ifMatch(etag) })),
};
export type Meeting = Awaited<ReturnType<typeof meetingsApi.get>>['data'];

export const confirmOrderers = (supplierId: string, etag: string) =>
  unwrapTagged(api.POST('/api/v1/suppliers/{id}/orderers-confirmation', { ...path(supplierId), headers: ifMatch(etag) }));

export const registerKeys = {
  people: (supplierId: string) => ['suppliers', supplierId, 'people'] as const,
  links: (supplierId: string) => ['suppliers', supplierId, 'systems'] as const,
  contracts: ['contracts'] as const,
  meetings: (supplierId: string) => ['supplier-meetings', supplierId] as const,
};

export const updateProfile = (supplierId: string, etag: string, profile: ProfilePatch) =>
  unwrapTagged(api.PATCH('/api/v1/suppliers/{id}', { ...path(supplierId), body: { profile }, headers: ifMatch(etag) }));
