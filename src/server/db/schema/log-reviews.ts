import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';
import { suppliers } from './registers.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

// Log-control reviews (loggkontroller, D0-16, D3-04): a plan per IT system, or per supplier for its
// staff's activity (optionally narrowed to some systems), schedules review tasks. System ids are kept
// as arrays (the service checks they are systems of the tenant; systems are archived, never deleted).
export const logReviewPlans = pgTable(
  'log_review_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    version: integer('version').notNull().default(1),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // null: a plan for one IT system (system_ids has exactly that one)
    supplierId: uuid('supplier_id'),
    systemIds: uuid('system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    intervalMonths: integer('interval_months').notNull().default(3),
    firstDueOn: date('first_due_on', { mode: 'string' }).notNull(),
    reviewerUserId: uuid('reviewer_user_id')
      .notNull()
      .references(() => users.id),
    // the municipality's system administrator, who produces the log extract (D0-16)
    producerUserId: uuid('producer_user_id').references(() => users.id),
    note: text('note'),
  },
  (t) => [
    unique('log_review_plans_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
      name: 'log_review_plans_supplier_fk',
    }),
    check('log_review_plans_interval_ck', sql`${t.intervalMonths} between 1 and 24`),
    check('log_review_plans_subject_ck', sql`${t.supplierId} is not null or cardinality(${t.systemIds}) = 1`),
    index('log_review_plans_systems_idx').using('gin', t.systemIds),
    index('log_review_plans_supplier_idx').on(t.tenantId, t.supplierId),
  ],
);

// One review task. Its subject (systems, supplier) is copied from the plan when the task is made, so a
// done review stays the evidence of what was reviewed even if the plan changes later.
export const logReviews = pgTable(
  'log_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    // false for an extra review added by hand: completing it schedules nothing
    scheduled: boolean('scheduled').notNull().default(true),
    supplierId: uuid('supplier_id'),
    systemIds: uuid('system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('planned'),
    outcome: text('outcome'),
    outcomeComment: text('outcome_comment'),
    outcomeBy: uuid('outcome_by').references(() => users.id),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
  },
  (t) => [
    unique('log_reviews_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.planId],
      foreignColumns: [logReviewPlans.tenantId, logReviewPlans.id],
      name: 'log_reviews_plan_fk',
    }),
    check('log_reviews_period_ck', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('log_reviews_status_ck', sql`${t.status} in ('planned', 'material_attached', 'done')`),
    check('log_reviews_outcome_ck', sql`(${t.status} = 'done') = (${t.outcome} is not null)`),
    index('log_reviews_due_idx').on(t.tenantId, t.dueOn, t.id),
    index('log_reviews_plan_idx').on(t.tenantId, t.planId),
    index('log_reviews_systems_idx').using('gin', t.systemIds),
  ],
);

// The log extract of one review: an uploaded file, or an extract of Tillit's own audit trail.
export const logReviewMaterials = pgTable(
  'log_review_materials',
  {
    reviewId: uuid('review_id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    // 'upload' or 'audit_extract'
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.reviewId],
      foreignColumns: [logReviews.tenantId, logReviews.id],
      name: 'log_review_materials_review_fk',
    }),
  ],
);

// What a deviation leads to until the incident and measure registers exist. incident_id and
// measure_id are for then: a follow-up will point at the incident or measure that took it over.
export const logReviewFollowUps = pgTable(
  'log_review_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    reviewId: uuid('review_id').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    description: text('description').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by').references(() => users.id),
    incidentId: uuid('incident_id'),
    measureId: uuid('measure_id'),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.reviewId],
      foreignColumns: [logReviews.tenantId, logReviews.id],
      name: 'log_review_follow_ups_review_fk',
    }),
    check('log_review_follow_ups_status_ck', sql`${t.status} in ('open', 'closed')`),
    index('log_review_follow_ups_review_idx').on(t.tenantId, t.reviewId),
  ],
);
