import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';

// Due work for every module (a reminder stage, a deadline check), run by whichever instance claims it
// first. `key` names the work within the tenant, so scheduling the same thing twice is a no-op and a
// recomputed deadline replaces the pending row. Holds ids and kinds only, never content: the runner
// reads across tenants, so the table sits outside row-level security like the tenants table.
export const scheduledJobs = pgTable(
  'scheduled_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('scheduled_jobs_key_uq').on(t.tenantId, t.key),
    index('scheduled_jobs_due_idx')
      .on(t.dueAt)
      .where(sql`status = 'pending'`),
    check('scheduled_jobs_status_ck', sql`${t.status} in ('pending', 'running', 'done', 'failed', 'cancelled')`),
  ],
);

// The notification centre: one row per person and event. `key` makes a reminder land once per person
// however often its job is retried. A secret subject's title is kept but shown masked to anyone who
// may not see the subject's content (and never put in an e-mail).
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    key: text('key'),
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    title: text('title').notNull(),
    secret: boolean('secret').notNull().default(false),
    // path inside the app, e.g. /incidents/<id>; mails link to publicUrl + link
    link: text('link'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_key_uq')
      .on(t.tenantId, t.userId, t.key)
      .where(sql`key is not null`),
    index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt),
  ],
);

// Mail waiting to be sent. Bodies hold a link and no secret content. Sent by whichever instance
// claims the row (FOR UPDATE SKIP LOCKED); outside row-level security for the same reason as jobs.
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    notificationId: uuid('notification_id').references(() => notifications.id),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('mail_outbox_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    check('mail_outbox_status_ck', sql`${t.status} in ('pending', 'sent', 'failed')`),
  ],
);

// Per person and kind of notification: in the app, by e-mail, or both. No row = the kind's default.
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull().default(true),
    email: boolean('email').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.kind] })],
);

// A calendar client fetches the ICS feed without a session: the address carries a token, stored as
// its hash. Looked up before the tenant is known, so outside row-level security like api_tokens.
export const calendarFeedTokens = pgTable(
  'calendar_feed_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('calendar_feed_tokens_hash_uq').on(t.tokenHash), index('calendar_feed_tokens_user_idx').on(t.tenantId, t.userId)],
);
