import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// Platform tables: identity and sessions are looked up before a tenant is known, so they carry no
// row-level security; everything tenant-scoped does.
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    // Used in the SSO and SCIM addresses, which must be known before anyone is signed in.
    slug: text('slug').notNull(),
    // Tenant security settings: who must use MFA, and how long sessions live.
    mfaPolicy: text('mfa_policy').notNull().default('none'),
    mfaRoles: text('mfa_roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    idleMinutes: integer('idle_minutes').notNull().default(30),
    absoluteHours: integer('absolute_hours').notNull().default(12),
    // Audit events older than this many days are archived to a file and leave the database; null keeps all.
    auditRetentionDays: integer('audit_retention_days'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tenants_name_uq').on(sql`lower(${t.name})`), uniqueIndex('tenants_slug_uq').on(t.slug)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)],
);

// A user may hold roles in several tenants (joint IT organisations). Each assignment is scoped to the
// whole tenant, a unit and its subtree, named systems, or (supplier roles) one supplier organisation.
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    scopeType: text('scope_type').notNull().default('tenant'),
    scopeUnitId: uuid('scope_unit_id'),
    scopeSystemIds: uuid('scope_system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    scopeSupplierId: uuid('scope_supplier_id'),
    // manual, sso or scim: a sign-in or a provisioning run replaces only what it granted itself
    source: text('source').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('role_assignments_user_idx').on(t.userId, t.tenantId)],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie value: a leaked table does not give working sessions
    idHash: text('id_hash').primaryKey(),
    // the name a session goes by in lists ("end this session"): not the cookie, not its hash
    publicId: uuid('public_id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    csrfToken: text('csrf_token').notNull(),
    // 'full', or a half-finished sign-in: 'mfa' (second factor owed) or 'enrol' (MFA must be set up).
    stage: text('stage').notNull().default('full'),
    // how this session was authenticated, e.g. {password,totp} or {oidc}
    authMethods: text('auth_methods')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // short-lived data of a step in progress (a WebAuthn challenge)
    pending: jsonb('pending'),
    clientAddress: text('client_address'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_public_id_uq').on(t.publicId)],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    clientAddress: text('client_address'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    // The per-tenant hash chain: set by the database trigger audit_chain(), never by the application
    // (see migrations/0005_audit_chain.sql and docs/decisions/0005-audit-hash-chain.md).
    tenantSeq: bigint('tenant_seq', { mode: 'number' })
      .notNull()
      .$default(() => 0),
    prevHash: text('prev_hash')
      .notNull()
      .$default(() => ''),
    hash: text('hash')
      .notNull()
      .$default(() => ''),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.tenantId, t.entityType, t.entityId),
    uniqueIndex('audit_events_tenant_seq_uq').on(t.tenantId, t.tenantSeq),
    index('audit_events_tenant_at_idx').on(t.tenantId, t.at),
    index('audit_events_tenant_actor_idx').on(t.tenantId, t.actorUserId),
  ],
);
