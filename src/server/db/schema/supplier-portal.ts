import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  type PgColumn,
} from 'drizzle-orm/pg-core';
import { recordColumns } from './assessment-columns.js';
import { tenants, users } from './platform.js';
import { suppliers, systems } from './registers.js';

const archivedAt = () => ({ archivedAt: timestamp('archived_at', { withTimezone: true }) });
const supplierFk = (name: string, cols: { tenantId: PgColumn; supplierId: PgColumn }) =>
  foreignKey({ columns: [cols.tenantId, cols.supplierId], foreignColumns: [suppliers.tenantId, suppliers.id], name });

// People of a supplier organisation the municipality must know (D0-03 key persons, D3-29 super users,
// D0-11 authorised orderers). A person may hold one kind per row; an orderer may also be a user of the
// portal (userId), which is how a submitted order is tied to the list.
export const supplierPeople = pgTable(
  'supplier_people',
  {
    ...recordColumns(),
    ...archivedAt(),
    supplierId: uuid('supplier_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    userId: uuid('user_id').references(() => users.id),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    unique('supplier_people_tenant_id_uq').on(t.tenantId, t.id),
    supplierFk('supplier_people_supplier_fk', t),
    check('supplier_people_kind_ck', sql`${t.kind} in ('key_person', 'super_user', 'authorised_orderer', 'contact')`),
    index('supplier_people_supplier_idx').on(t.tenantId, t.supplierId, t.kind),
  ],
);

// The systems a supplier delivers or works in (D0-01, D3-02, D3-26). Supplier users may name these
// systems when they report a fault (D0-31), and change notices for a system reach these suppliers.
export const supplierSystems = pgTable(
  'supplier_systems',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    supplierId: uuid('supplier_id').notNull(),
    systemId: uuid('system_id').notNull(),
    delivers: boolean('delivers').notNull().default(false),
    worksIn: boolean('works_in').notNull().default(true),
    // D3-26: the provider adds and removes its own staff in this system
    administersOwnUsers: boolean('administers_own_users').notNull().default(false),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.supplierId, t.systemId] }),
    supplierFk('supplier_systems_supplier_fk', t),
    foreignKey({ columns: [t.tenantId, t.systemId], foreignColumns: [systems.tenantId, systems.id], name: 'supplier_systems_system_fk' }),
    index('supplier_systems_system_idx').on(t.tenantId, t.systemId),
  ],
);

// Contracts (D1-18, D1-19, D2-25, D0-21/22/28/33/38 responsibility matrix). `clauses` holds the D1-18
// checklist: { <clause>: { included: boolean, disclaimer: boolean, note?: string } }.
export const supplierContracts = pgTable(
  'supplier_contracts',
  {
    ...recordColumns(),
    ...archivedAt(),
    supplierId: uuid('supplier_id').notNull(),
    title: text('title').notNull(),
    reference: text('reference'),
    parties: text('parties'),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
    jointProcurement: text('joint_procurement')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    dataProcessingAgreement: boolean('data_processing_agreement').notNull().default(false),
    dataProcessingAgreementOn: date('data_processing_agreement_on', { mode: 'string' }),
    systemIds: uuid('system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    clauses: jsonb('clauses')
      .notNull()
      .default(sql`'{}'::jsonb`),
    responsibilities: jsonb('responsibilities')
      .notNull()
      .default(sql`'{}'::jsonb`),
    note: text('note'),
  },
  (t) => [
    unique('supplier_contracts_tenant_id_uq').on(t.tenantId, t.id),
    supplierFk('supplier_contracts_supplier_fk', t),
    index('supplier_contracts_supplier_idx').on(t.tenantId, t.supplierId),
  ],
);

// Collaboration meetings with a supplier (D1-29).
export const supplierMeetings = pgTable(
  'supplier_meetings',
  {
    ...recordColumns(),
    supplierId: uuid('supplier_id').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    participants: text('participants'),
    topics: text('topics').notNull(),
    decisions: text('decisions'),
    nextOn: date('next_on', { mode: 'string' }),
  },
  (t) => [
    unique('supplier_meetings_tenant_id_uq').on(t.tenantId, t.id),
    supplierFk('supplier_meetings_supplier_fk', t),
    index('supplier_meetings_supplier_idx').on(t.tenantId, t.supplierId, t.heldOn),
  ],
);

// A tenant's own wording of a follow-up checklist per supplier type; without a row the shipped
// template (from seeds 000 and 003) applies. items: [{ code, area, text, evidenceRequired, sources }].
export const followUpTemplates = pgTable(
  'follow_up_templates',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    supplierType: text('supplier_type').notNull(),
    items: jsonb('items').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.supplierType] })],
);

// A follow-up of one supplier (D1-17): planned → sent (the checklist copied into items) → answered by
// the supplier → assessed by the reviewer → closed when every deficiency's measure is done.
export const supplierFollowUps = pgTable(
  'supplier_follow_ups',
  {
    ...recordColumns(),
    supplierId: uuid('supplier_id').notNull(),
    title: text('title').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    answerBy: date('answer_by', { mode: 'string' }),
    reviewerId: uuid('reviewer_id').references(() => users.id),
    status: text('status').notNull().default('planned'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    conclusion: text('conclusion'),
  },
  (t) => [
    unique('supplier_follow_ups_tenant_id_uq').on(t.tenantId, t.id),
    supplierFk('supplier_follow_ups_supplier_fk', t),
    check('supplier_follow_ups_status_ck', sql`${t.status} in ('planned', 'sent', 'answered', 'assessed', 'closed')`),
    index('supplier_follow_ups_supplier_idx').on(t.tenantId, t.supplierId, t.plannedOn),
  ],
);

export const followUpItems = pgTable(
  'follow_up_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    followUpId: uuid('follow_up_id').notNull(),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    area: text('area').notNull(),
    text: text('text').notNull(),
    evidenceRequired: boolean('evidence_required').notNull().default(false),
    sources: text('sources')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // the supplier's answer
    answer: text('answer'),
    answerComment: text('answer_comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: uuid('answered_by').references(() => users.id),
    // the reviewer's assessment; a deficiency gets a due date and a measure
    assessment: text('assessment'),
    assessmentNote: text('assessment_note'),
    deficiencyDueOn: date('deficiency_due_on', { mode: 'string' }),
    measureId: uuid('measure_id'),
    assessedAt: timestamp('assessed_at', { withTimezone: true }),
    assessedBy: uuid('assessed_by').references(() => users.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('follow_up_items_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.followUpId],
      foreignColumns: [supplierFollowUps.tenantId, supplierFollowUps.id],
      name: 'follow_up_items_follow_up_fk',
    }),
    check('follow_up_items_answer_ck', sql`${t.answer} is null or ${t.answer} in ('yes', 'partly', 'no', 'not_applicable')`),
    check('follow_up_items_assessment_ck', sql`${t.assessment} is null or ${t.assessment} in ('approved', 'deficient', 'not_applicable')`),
    index('follow_up_items_follow_up_idx').on(t.tenantId, t.followUpId, t.position),
  ],
);

// Uploaded files (evidence). The bytes live in the file store (platform/files), never under the web
// root; this row is written in the same transaction as the record it belongs to, after the bytes are
// safely stored, so a failed upload leaves no row (and the store removes its orphan).
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    ownerKind: text('owner_kind').notNull(),
    ownerId: uuid('owner_id').notNull(),
    supplierId: uuid('supplier_id'),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    unique('stored_files_tenant_id_uq').on(t.tenantId, t.id),
    supplierFk('stored_files_supplier_fk', t),
    index('stored_files_owner_idx').on(t.tenantId, t.ownerKind, t.ownerId),
  ],
);

// Change notices to suppliers (D0-06, D0-09, D0-41, D0-42, D0-45, D0-46, D3-10, D3-33): published to
// the suppliers of the named systems (or named suppliers); each acknowledges by the due date.
export const changeNotices = pgTable(
  'change_notices',
  {
    ...recordColumns(),
    ...archivedAt(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    systemIds: uuid('system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    supplierIds: uuid('supplier_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    effectiveOn: date('effective_on', { mode: 'string' }),
    acknowledgeBy: date('acknowledge_by', { mode: 'string' }),
    // D0-42: the change is expected to cost the suppliers money
    costImpact: boolean('cost_impact').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [
    unique('change_notices_tenant_id_uq').on(t.tenantId, t.id),
    check(
      'change_notices_kind_ck',
      sql`${t.kind} in ('system_change', 'system_replacement', 'authentication', 'mdm', 'mobile_operator', 'messaging', 'instruction', 'sdk_request')`,
    ),
    index('change_notices_published_idx').on(t.tenantId, t.publishedAt),
  ],
);

export const changeNoticeRecipients = pgTable(
  'change_notice_recipients',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    noticeId: uuid('notice_id').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    comment: text('comment'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.noticeId, t.supplierId] }),
    foreignKey({
      columns: [t.tenantId, t.noticeId],
      foreignColumns: [changeNotices.tenantId, changeNotices.id],
      name: 'change_notice_recipients_notice_fk',
    }),
    supplierFk('change_notice_recipients_supplier_fk', t),
    index('change_notice_recipients_supplier_idx').on(t.tenantId, t.supplierId),
  ],
);
