import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';

// Identity tables. Like users and sessions they are read before a tenant is known (sign-in, SSO
// callbacks, SCIM and API-token bearers), so they carry no row-level security; repositories filter.

const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// Failed sign-ins per key ('account:<email>' or 'address:<ip>'): growing delay, then a lockout.
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

// Single-use reset links: only the sha256 of the token is stored.
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [index('password_reset_tokens_user_idx').on(t.userId)],
);

export const mfaTotp = pgTable('mfa_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  // encrypted with the instance key (AES-256-GCM), never stored in clear
  secretEnc: text('secret_enc').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  // the last accepted 30-second step: a code is never accepted twice
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: created(),
});

export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [index('mfa_recovery_codes_user_idx').on(t.userId)],
);

export const webauthnCredentials = pgTable(
  'webauthn_credentials',
  {
    // base64url credential id
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: created(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_credentials_user_idx').on(t.userId)],
);

// One OIDC or SAML identity provider per row, configured per tenant.
export const identityProviders = pgTable(
  'identity_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    // kind-specific settings (issuer, client id, SAML entry point and certificate, …); no secrets
    config: jsonb('config').notNull(),
    // OIDC client secret, encrypted with the instance key
    secretEnc: text('secret_enc'),
    // accepted acr / AuthnContextClassRef values; empty = any
    requiredAssurance: text('required_assurance')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // claim or attribute holding group names, mapped to roles by group_role_mappings
    groupsClaim: text('groups_claim').notNull().default('groups'),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('identity_providers_tenant_idx').on(t.tenantId)],
);

export const externalIdentities = pgTable(
  'external_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [uniqueIndex('external_identities_subject_uq').on(t.providerId, t.subject)],
);

// State of a redirect to an IdP (OIDC state/nonce/PKCE verifier, SAML request id), single use.
export const ssoStates = pgTable('sso_states', {
  stateHash: text('state_hash').primaryKey(),
  providerId: uuid('provider_id')
    .notNull()
    .references(() => identityProviders.id, { onDelete: 'cascade' }),
  data: jsonb('data').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

// IdP group (SSO claim or SCIM group display name) → role, with the same scopes as role_assignments.
export const groupRoleMappings = pgTable(
  'group_role_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    groupName: text('group_name').notNull(),
    role: text('role').notNull(),
    scopeType: text('scope_type').notNull().default('tenant'),
    scopeUnitId: uuid('scope_unit_id'),
    scopeSystemIds: uuid('scope_system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    scopeSupplierId: uuid('scope_supplier_id'),
    createdAt: created(),
  },
  (t) => [index('group_role_mappings_tenant_idx').on(t.tenantId, sql`lower(${t.groupName})`)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    // shown in lists so a token can be recognised without revealing it
    prefix: text('prefix').notNull(),
    roles: text('roles').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_tenant_idx').on(t.tenantId)],
);

// SCIM provisioning: the IdP's view of users and groups in one tenant.
export const scimUsers = pgTable(
  'scim_users',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    externalId: text('external_id'),
    userName: text('user_name').notNull(),
    active: boolean('active').notNull().default(true),
    // the last resource as the IdP sent it (names, e-mails), so GET returns what was PUT
    attributes: jsonb('attributes').notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), uniqueIndex('scim_users_username_uq').on(t.tenantId, sql`lower(${t.userName})`)],
);

export const scimGroups = pgTable(
  'scim_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    displayName: text('display_name').notNull(),
    externalId: text('external_id'),
    version: integer('version').notNull().default(1),
    createdAt: created(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('scim_groups_name_uq').on(t.tenantId, sql`lower(${t.displayName})`)],
);

export const scimGroupMembers = pgTable(
  'scim_group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => scimGroups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] })],
);
