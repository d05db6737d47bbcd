import { api, unwrap, unwrapTagged } from './client.js';
import type { paths } from './schema.js';
import type { AssetQuery, InformationAssetInput, OrgUnitInput, OrgUnitQuery, SystemInput, SystemQuery } from './types.js';
import { supplierTypes } from '../../shared/enums.js';

const ifMatch = (etag: string) => ({ 'If-Match': etag });

/** Drop empty filter values so the URL stays clean and the server sees no blank filters. */
export function cleanQuery<T extends object>(query: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && v !== null) out[k] = v;
  return out as T;
}

export const authApi = {
  login: (email: string, password: string) => unwrap(api.POST('/api/v1/auth/login', { body: { email, password } })),
  me: () => unwrap(api.GET('/api/v1/auth/me')),
  logout: () => unwrap(api.POST('/api/v1/auth/logout')),
};

export const systemsApi = {
  list: (query: SystemQuery) => unwrap(api.GET('/api/v1/systems', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/systems/{id}', { params: { path: { id } } })),
  create: (body: SystemInput) => unwrapTagged(api.POST('/api/v1/systems', { body })),
  update: (id: string, etag: string, body: Partial<SystemInput>) =>
    unwrapTagged(api.PATCH('/api/v1/systems/{id}', { params: { path: { id } }, body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/systems/{id}/archive', { params: { path: { id } }, headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/systems/{id}/restore', { params: { path: { id } }, headers: ifMatch(etag) })),
  /** D1-13: confirm the entry is accurate; the server sets `lastReviewedOn` to today (Stockholm). */
  review: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/systems/{id}/review', { params: { path: { id } }, headers: ifMatch(etag) })),
};

export const assetsApi = {
  list: (query: AssetQuery) => unwrap(api.GET('/api/v1/information-assets', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/information-assets/{id}', { params: { path: { id } } })),
  create: (body: InformationAssetInput) => unwrapTagged(api.POST('/api/v1/information-assets', { body })),
  update: (id: string, etag: string, body: Partial<InformationAssetInput>) =>
    unwrapTagged(
      api.PATCH('/api/v1/information-assets/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  archive: (id: string, etag: string) =>
    unwrapTagged(
      api.POST('/api/v1/information-assets/{id}/archive', {
        params: { path: { id } },
        headers: ifMatch(etag),
      }),
    ),
  restore: (id: string, etag: string) =>
    unwrapTagged(
      api.POST('/api/v1/information-assets/{id}/restore', {
        params: { path: { id } },
        headers: ifMatch(etag),
      }),
    ),
};

export const orgUnitsApi = {
  list: (query: OrgUnitQuery) => unwrap(api.GET('/api/v1/org-units', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/org-units/{id}', { params: { path: { id } } })),
  create: (body: OrgUnitInput) => unwrapTagged(api.POST('/api/v1/org-units', { body })),
  update: (id: string, etag: string, body: Partial<OrgUnitInput>) =>
    unwrapTagged(api.PATCH('/api/v1/org-units/{id}', { params: { path: { id } }, body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/org-units/{id}/archive', { params: { path: { id } }, headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/org-units/{id}/restore', { params: { path: { id } }, headers: ifMatch(etag) })),
};

/** Query keys shared by lists and details so a save invalidates both. */
export const keys = {
  me: ['me'] as const,
  systems: ['systems'] as const,
  assets: ['information-assets'] as const,
  orgUnits: ['org-units'] as const,
};

/** Two-step verification: the sign-in step, enrolment and the account's factors (MFA routes). */
export const mfaApi = {
  pending: () => unwrap(api.GET('/api/v1/auth/mfa/pending')),
  status: () => unwrap(api.GET('/api/v1/auth/mfa')),
  verify: (method: 'totp' | 'recovery', code: string) => unwrap(api.POST('/api/v1/auth/mfa/verify', { body: { method, code } })),
  passkeyOptions: () => unwrap(api.POST('/api/v1/auth/mfa/webauthn/options')),
  passkeyVerify: (response: MfaCredentialJson) => unwrap(api.POST('/api/v1/auth/mfa/webauthn/verify', { body: { response } })),
  totpSetup: () => unwrap(api.POST('/api/v1/auth/mfa/totp/setup')),
  totpConfirm: (code: string) => unwrap(api.POST('/api/v1/auth/mfa/totp/confirm', { body: { code } })),
  totpRemove: (code: string) => unwrap(api.DELETE('/api/v1/auth/mfa/totp', { body: { code } })),
  regenerateRecoveryCodes: (code: string) => unwrap(api.POST('/api/v1/auth/mfa/recovery-codes', { body: { code } })),
  passkeyRegistrationOptions: () => unwrap(api.POST('/api/v1/auth/mfa/webauthn/registration-options')),
  passkeyRegister: (response: MfaCredentialJson, name: string) =>
    unwrap(api.POST('/api/v1/auth/mfa/webauthn/registration', { body: { response, name } })),
  /** The password re-check is required for accounts that have a password (`status.hasPassword`). */
  passkeyRemove: (id: string, password?: string) =>
    unwrap(api.DELETE('/api/v1/auth/mfa/webauthn/{id}', { params: { path: { id } }, body: password ? { password } : {} })),
};
/** What @simplewebauthn/browser returns, as the API accepts it. */
export type MfaCredentialJson = { id: string; rawId: string; type: 'public-key'; response: { clientDataJSON: string } } & Record<
  string,
  unknown
>;
/** Not a prefix of the enrolment queries: refreshing the status must not fetch a new TOTP secret. */
export const mfaKeys = { status: ['mfa-status'] as const };

export const passwordApi = {
  /** Always 202 with the same text, whether or not the address has an account. */
  requestReset: (email: string) => unwrap(api.POST('/api/v1/auth/password-reset', { body: { email } })),
  confirmReset: (token: string, password: string) => unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } })),
  /** Returns the rotated session's CSRF token; the new cookie comes with the response. */
  change: (currentPassword: string, newPassword: string) =>
    unwrap(api.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
};

/** API tokens for integrations; the token itself comes only in the create answer. */
type ApiTokenCreate = NonNullable<paths['/api/v1/api-tokens']['post']['requestBody']>['content']['application/json'];
export type ApiTokenRole = ApiTokenCreate['roles'][number];
export type ApiTokenItem = NonNullable<Awaited<ReturnType<typeof apiTokensApi.list>>>['items'][number];
export const apiTokensApi = {
  list: () => unwrap(api.GET('/api/v1/api-tokens')),
  create: (body: ApiTokenCreate) => unwrap(api.POST('/api/v1/api-tokens', { body })),
  revoke: (id: string) => unwrap(api.POST('/api/v1/api-tokens/{id}/revoke', { params: { path: { id } } })),
};
export const apiTokenKeys = { list: ['api-tokens'] as const };

// Users and roles (admin), own sessions, tenant switching and the tenant's security settings.
type UsersPath = paths['/api/v1/users'];
export type UserQuery = NonNullable<UsersPath['get']['parameters']['query']>;
export type UserCreateBody = UsersPath['post']['requestBody']['content']['application/json'];
export type AssignmentBody = paths['/api/v1/users/{id}/assignments']['post']['requestBody']['content']['application/json'];
export type TenantSettingsPatch = paths['/api/v1/tenant/settings']['patch']['requestBody']['content']['application/json'];
const userPath = (id: string) => ({ params: { path: { id } } });

export const usersApi = {
  list: (query: UserQuery) => unwrap(api.GET('/api/v1/users', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrap(api.GET('/api/v1/users/{id}', userPath(id))),
  create: (body: UserCreateBody) => unwrap(api.POST('/api/v1/users', { body })),
  addAssignment: (id: string, body: AssignmentBody) => unwrap(api.POST('/api/v1/users/{id}/assignments', { ...userPath(id), body })),
  removeAssignment: (id: string, assignmentId: string) =>
    unwrap(api.DELETE('/api/v1/users/{id}/assignments/{assignmentId}', { params: { path: { id, assignmentId } } })),
  /** Removes every role here and ends the user's sessions here; disables an account left with no roles. */
  deactivate: (id: string) => unwrap(api.POST('/api/v1/users/{id}/deactivate', userPath(id))),
  sessions: (id: string) => unwrap(api.GET('/api/v1/users/{id}/sessions', userPath(id))),
  endSessions: (id: string) => unwrap(api.POST('/api/v1/users/{id}/sessions/end', userPath(id))),
  /** Mails a single-use link for choosing the first password (accounts without one). */
  invite: (id: string) => unwrap(api.POST('/api/v1/users/{id}/invite', userPath(id))),
};
export type UserRecord = Awaited<ReturnType<typeof usersApi.get>>;
export type SessionRecord = Awaited<ReturnType<typeof usersApi.sessions>>['items'][number];

/** The signed-in person's own sessions (in every organisation) and the organisations they may switch to. */
export const accountApi = {
  sessions: () => unwrap(api.GET('/api/v1/auth/sessions')),
  endSession: (id: string) => unwrap(api.DELETE('/api/v1/auth/sessions/{id}', userPath(id))),
  endOthers: () => unwrap(api.POST('/api/v1/auth/sessions/end-others')),
  tenants: () => unwrap(api.GET('/api/v1/auth/tenants')),
  /** The session moves to the other organisation under a new id: use the returned CSRF token. */
  switchTenant: (tenantId: string) => unwrap(api.POST('/api/v1/auth/switch-tenant', { body: { tenantId } })),
};

export const tenantSettingsApi = {
  get: () => unwrapTagged(api.GET('/api/v1/tenant/settings')),
  update: (etag: string, body: TenantSettingsPatch) => unwrapTagged(api.PATCH('/api/v1/tenant/settings', { body, headers: ifMatch(etag) })),
};

/**
 * Supplier names for role scopes, or null when the user may not read the supplier register (or the
 * server has none): pickers then leave supplier roles and scopes out.
 */
export const supplierOptionsApi = {
  list: async (): Promise<{ id: string; name: string }[] | null> => {
    try {
      const page = await suppliersApi.list({ limit: 200 });
      return page.items.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 403 || status === 404) return null;
      throw e;
    }
  },
};

export const identityKeys = {
  users: ['users'] as const,
  ownSessions: ['own-sessions'] as const,
  tenants: ['tenants'] as const,
  tenantSettings: ['tenant-settings'] as const,
  suppliers: ['suppliers', 'options'] as const,
};

/** Supplier organisations (minimal register; supplier roles are scoped to one of them). */
export const SUPPLIER_TYPES = supplierTypes;
export type SupplierType = (typeof supplierTypes)[number];
export interface SupplierInput {
  name: string;
  /** NNNNNN-NNNN; the server accepts it without the hyphen and checks the check digit. */
  organisationNumber: string | null;
  type: SupplierType;
}
export interface SupplierQuery {
  limit?: number;
  cursor?: string;
  sort?: string;
  /** Part of the name or of the organisation number. */
  q?: string;
  type?: SupplierType;
  includeArchived?: 'true' | 'false';
}
export const suppliersApi = {
  list: (query: SupplierQuery) => unwrap(api.GET('/api/v1/suppliers', { params: { query: cleanQuery(query) } })),
  get: (id: string) => unwrapTagged(api.GET('/api/v1/suppliers/{id}', { params: { path: { id } } })),
  create: (body: SupplierInput) => unwrapTagged(api.POST('/api/v1/suppliers', { body })),
  update: (id: string, etag: string, body: Partial<SupplierInput>) =>
    unwrapTagged(api.PATCH('/api/v1/suppliers/{id}', { params: { path: { id } }, body, headers: ifMatch(etag) })),
  archive: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/suppliers/{id}/archive', { params: { path: { id } }, headers: ifMatch(etag) })),
  restore: (id: string, etag: string) =>
    unwrapTagged(api.POST('/api/v1/suppliers/{id}/restore', { params: { path: { id } }, headers: ifMatch(etag) })),
};
export type Supplier = Awaited<ReturnType<typeof suppliersApi.get>>['data'];
/** Also a prefix of `identityKeys.suppliers`: a saved supplier refreshes the role-scope pickers. */
export const supplierKeys = { all: ['suppliers'] as const };

/** Single sign-on: the organisation's identity providers and group → role table, and the sign-in page's providers. */
export type IdentityProviderInput = paths['/api/v1/identity-providers']['post']['requestBody']['content']['application/json'];
export type IdentityProviderPatch = paths['/api/v1/identity-providers/{id}']['patch']['requestBody']['content']['application/json'];
export type GroupMappingInput = paths['/api/v1/group-role-mappings']['post']['requestBody']['content']['application/json'];
const versionTag = (version: number) => ifMatch(`"v${version}"`);
export const ssoApi = {
  /** Enabled providers of an organisation (by its short name); an unknown name gives an empty list. */
  publicProviders: (organisation: string) => unwrap(api.GET('/api/v1/auth/sso/providers', { params: { query: { organisation } } })),
  /** A plain link: the server answers with a redirect to the identity provider. */
  startUrl: (providerId: string, next: string) =>
    `/api/v1/auth/sso/${encodeURIComponent(providerId)}/start?next=${encodeURIComponent(next)}`,
  providers: () => unwrap(api.GET('/api/v1/identity-providers')),
  createProvider: (body: IdentityProviderInput) => unwrap(api.POST('/api/v1/identity-providers', { body })),
  updateProvider: (id: string, version: number, body: IdentityProviderPatch) =>
    unwrap(api.PATCH('/api/v1/identity-providers/{id}', { params: { path: { id } }, body, headers: versionTag(version) })),
  removeProvider: (id: string, version: number) =>
    unwrap(api.DELETE('/api/v1/identity-providers/{id}', { params: { path: { id } }, headers: versionTag(version) })),
  mappings: () => unwrap(api.GET('/api/v1/group-role-mappings')),
  createMapping: (body: GroupMappingInput) => unwrap(api.POST('/api/v1/group-role-mappings', { body })),
  removeMapping: (id: string) => unwrap(api.DELETE('/api/v1/group-role-mappings/{id}', { params: { path: { id } } })),
};
export type IdentityProvider = Awaited<ReturnType<typeof ssoApi.providers>>['items'][number];
export type GroupMapping = Awaited<ReturnType<typeof ssoApi.mappings>>['items'][number];
export const ssoKeys = { providers: ['identity-providers'] as const, mappings: ['group-role-mappings'] as const };
