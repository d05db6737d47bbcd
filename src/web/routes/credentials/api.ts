import { api, download, unwrap, unwrapTagged } from '../../api/client.js';
import { cleanQuery } from '../../api/resources.js';
import type { paths } from '../../api/schema.js';

// Credentials and e-ID cards, recertification campaigns and the charge-back report (issue 7).
type CredentialsPath = paths['/api/v1/credentials'];
export type CredentialQuery = NonNullable<CredentialsPath['get']['parameters']['query']>;
export type CredentialInput = CredentialsPath['post']['requestBody']['content']['application/json'];
export type HandOverInput = paths['/api/v1/credentials/{id}/hand-over']['post']['requestBody']['content']['application/json'];
type CampaignsPath = paths['/api/v1/recertification-campaigns'];
export type CampaignQuery = NonNullable<CampaignsPath['get']['parameters']['query']>;
export type CampaignInput = CampaignsPath['post']['requestBody']['content']['application/json'];
export type ItemInput = paths['/api/v1/recertification-campaigns/{id}/items']['post']['requestBody']['content']['application/json'];
export type DecisionInput = paths['/api/v1/recertification-items/{id}/decision']['post']['requestBody']['content']['application/json'];
export type ChargeBackQuery = NonNullable<paths['/api/v1/reports/charge-back']['get']['parameters']['query']>;

const ifMatch = (etag: string) => ({ 'If-Match': etag });
const path = (id: string) => ({ params: { path: { id } } });

export const credentialsApi = {
  list: (query: CredentialQuery) => unwrap(api.GET('/api/v1/credentials', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/credentials/{id}', path(id))),
  create: (body: CredentialInput) => unwrapTagged(api.POST('/api/v1/credentials', { body })),
  update: (id: string, etag: string, body: CredentialInput) =>
    unwrapTagged(api.PATCH('/api/v1/credentials/{id}', { ...path(id), body, headers: ifMatch(etag) })),
  handOver: (id: string, etag: string, body: HandOverInput) =>
    unwrapTagged(api.POST('/api/v1/credentials/{id}/hand-over', { ...path(id), body, headers: ifMatch(etag) })),
  revoke: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/credentials/{id}/revoke', { ...path(id), body: {}, headers: ifMatch(etag) })),
  return: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/credentials/{id}/return', { ...path(id), body: {}, headers: ifMatch(etag) })),
};
export type Credential = Awaited<ReturnType<typeof credentialsApi.get>>['data'];

export const campaignsApi = {
  list: (query: CampaignQuery) => unwrap(api.GET('/api/v1/recertification-campaigns', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/recertification-campaigns/{id}', path(id))),
  create: (body: CampaignInput) => unwrapTagged(api.POST('/api/v1/recertification-campaigns', { body })),
  close: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/recertification-campaigns/{id}/close', { ...path(id), headers: ifMatch(etag) })),
  items: (id: string) => unwrap(api.GET('/api/v1/recertification-campaigns/{id}/items', path(id))),
  addItem: (id: string, body: ItemInput) => unwrap(api.POST('/api/v1/recertification-campaigns/{id}/items', { ...path(id), body })),
  decide: (itemId: string, version: number, body: DecisionInput) =>
    unwrap(api.POST('/api/v1/recertification-items/{id}/decision', { ...path(itemId), body, headers: ifMatch(`"v${version}"`) })),
};
export type Campaign = Awaited<ReturnType<typeof campaignsApi.get>>['data'];
export type CampaignItem = Awaited<ReturnType<typeof campaignsApi.items>>['items'][number];

export const chargeBackApi = {
  get: (query: ChargeBackQuery) => unwrap(api.GET('/api/v1/reports/charge-back', { params: { query: cleanQuery(query) } })),
  xlsx: (query: ChargeBackQuery) => {
    const q = new URLSearchParams(cleanQuery(query) as Record<string, string>).toString();
    return download(
      `/api/v1/reports/charge-back.xlsx?${q}`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `debitering-${query.from ?? ''}-${query.to ?? ''}.xlsx`,
    );
  },
};
export type ChargeBack = Awaited<ReturnType<typeof chargeBackApi.get>>;

export const credentialKeys = {
  credentials: ['credentials'] as const,
  campaigns: ['recertification-campaigns'] as const,
  chargeBack: ['charge-back'] as const,
};

export const CREDENTIAL_KINDS = [
  'e_id_card',
  'siths_card',
  'token',
  'key',
  'mobile_phone',
  'sim_card',
  'mdm_enrolment',
  'account',
] as const;
export const CREDENTIAL_STATUSES = ['ordered', 'active', 'revoked', 'expired', 'returned'] as const;
export const IDENTITY_METHODS = ['id_card', 'passport', 'driving_licence', 'e_identification', 'known_in_person'] as const;
