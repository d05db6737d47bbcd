import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  type PgColumn,
} from 'drizzle-orm/pg-core';
import { recordColumns } from './assessment-columns.js';
import { tenants, users } from './platform.js';
import { orgUnits, suppliers, systems } from './registers.js';
import { supplierPeople } from './supplier-portal.js';

// Access orders, credentials and recertification of accounts (issue 7): the supplier portal's ordering side.
const supplierFk = (name: string, cols: { tenantId: PgColumn; supplierId: PgColumn }) =>
  foreignKey({ columns: [cols.tenantId, cols.supplierId], foreignColumns: [suppliers.tenantId, suppliers.id], name });

// Lead times and escalation for access orders (D0-12, D0-13, D0-14); one row per tenant, defaults
// when absent. latePolicy: 'reject' answers 422, 'accept' takes the order marked late with a reason.
export const accessOrderSettings = pgTable('access_order_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  newLeadDays: integer('new_lead_days').notNull().default(14),
  changeLeadDays: integer('change_lead_days').notNull().default(7),
  latePolicy: text('late_policy').notNull().default('reject'),
  terminateEscalateHours: integer('terminate_escalate_hours').notNull().default(4),
  requiredTraining: text('required_training'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Access orders (D0-12..D0-15, D3-03, D3-06, D3-22..D3-26). The personnummer is sealed with the instance
// key (secret data); `personnummerMasked` (YYYYMMDD-****) is what lists show.
export const accessOrders = pgTable(
  'access_orders',
  {
    ...recordColumns(),
    number: text('number').notNull(),
    type: text('type').notNull(),
    systemId: uuid('system_id').notNull(),
    supplierId: uuid('supplier_id'),
    unitId: uuid('unit_id'),
    personName: text('person_name').notNull(),
    personEmail: text('person_email'),
    personnummerSealed: text('personnummer_sealed'),
    personnummerMasked: text('personnummer_masked'),
    permissions: text('permissions'),
    justification: text('justification'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    ordererId: uuid('orderer_id'),
    late: boolean('late').notNull().default(false),
    lateReason: text('late_reason'),
    priority: text('priority').notNull().default('normal'),
    status: text('status').notNull().default('submitted'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    executedBy: uuid('executed_by').references(() => users.id),
    executedAt: timestamp('executed_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    // gates for external staff (until the people module records them)
    trainingDoneOn: date('training_done_on', { mode: 'string' }),
    secrecyReminderSignedOn: date('secrecy_reminder_signed_on', { mode: 'string' }),
    informedOfRegistrationOn: date('informed_of_registration_on', { mode: 'string' }),
    recertificationItemId: uuid('recertification_item_id'),
  },
  (t) => [
    unique('access_orders_tenant_id_uq').on(t.tenantId, t.id),
    unique('access_orders_number_uq').on(t.tenantId, t.number),
    foreignKey({ columns: [t.tenantId, t.systemId], foreignColumns: [systems.tenantId, systems.id], name: 'access_orders_system_fk' }),
    supplierFk('access_orders_supplier_fk', t),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [orgUnits.tenantId, orgUnits.id], name: 'access_orders_unit_fk' }),
    foreignKey({
      columns: [t.tenantId, t.ordererId],
      foreignColumns: [supplierPeople.tenantId, supplierPeople.id],
      name: 'access_orders_orderer_fk',
    }),
    check('access_orders_type_ck', sql`${t.type} in ('new', 'change', 'terminate')`),
    check('access_orders_status_ck', sql`${t.status} in ('submitted', 'approved', 'rejected', 'executed', 'cancelled')`),
    check('access_orders_priority_ck', sql`${t.priority} in ('normal', 'high')`),
    index('access_orders_status_idx').on(t.tenantId, t.status, t.submittedAt),
    index('access_orders_supplier_idx').on(t.tenantId, t.supplierId),
    index('access_orders_system_idx').on(t.tenantId, t.systemId),
  ],
);

// Credentials and e-ID cards (D0-08, D0-10, D0-17, D0-18, D0-35, D0-40, D3-25): what was issued to whom,
// how the holder's identity was verified at hand-over, and whether the supplier is charged for it.
export const credentials = pgTable(
  'credentials',
  {
    ...recordColumns(),
    kind: text('kind').notNull(),
    supplierId: uuid('supplier_id'),
    systemId: uuid('system_id'),
    accessOrderId: uuid('access_order_id'),
    holderName: text('holder_name').notNull(),
    serial: text('serial'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    status: text('status').notNull().default('ordered'),
    issuedOn: date('issued_on', { mode: 'string' }),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    handedOverBy: uuid('handed_over_by').references(() => users.id),
    identityMethod: text('identity_method'),
    identityNote: text('identity_note'),
    revokedOn: date('revoked_on', { mode: 'string' }),
    chargeable: boolean('chargeable').notNull().default(true),
    note: text('note'),
  },
  (t) => [
    unique('credentials_tenant_id_uq').on(t.tenantId, t.id),
    supplierFk('credentials_supplier_fk', t),
    foreignKey({ columns: [t.tenantId, t.systemId], foreignColumns: [systems.tenantId, systems.id], name: 'credentials_system_fk' }),
    foreignKey({
      columns: [t.tenantId, t.accessOrderId],
      foreignColumns: [accessOrders.tenantId, accessOrders.id],
      name: 'credentials_order_fk',
    }),
    check(
      'credentials_kind_ck',
      sql`${t.kind} in ('e_id_card', 'siths_card', 'token', 'key', 'mobile_phone', 'sim_card', 'mdm_enrolment', 'account')`,
    ),
    check('credentials_status_ck', sql`${t.status} in ('ordered', 'active', 'revoked', 'expired', 'returned')`),
    check('credentials_handover_ck', sql`${t.handedOverAt} is null or ${t.identityMethod} is not null`),
    index('credentials_supplier_idx').on(t.tenantId, t.supplierId, t.kind),
  ],
);

// Recertification of a system's accounts (D0-15, D3-36): reviewers confirm or remove each account;
// a removal creates a termination order.
export const recertificationCampaigns = pgTable(
  'recertification_campaigns',
  {
    ...recordColumns(),
    systemId: uuid('system_id').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    unique('recertification_campaigns_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.systemId],
      foreignColumns: [systems.tenantId, systems.id],
      name: 'recertification_campaigns_system_fk',
    }),
    check('recertification_campaigns_status_ck', sql`${t.status} in ('open', 'closed')`),
  ],
);

export const recertificationItems = pgTable(
  'recertification_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    campaignId: uuid('campaign_id').notNull(),
    accountName: text('account_name').notNull(),
    personName: text('person_name').notNull(),
    permissions: text('permissions'),
    supplierId: uuid('supplier_id'),
    unitId: uuid('unit_id'),
    // who confirms: the supplier for its own staff, else the manager or the system administrator
    reviewer: text('reviewer').notNull(),
    decision: text('decision'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    terminationOrderId: uuid('termination_order_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    unique('recertification_items_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.campaignId],
      foreignColumns: [recertificationCampaigns.tenantId, recertificationCampaigns.id],
      name: 'recertification_items_campaign_fk',
    }),
    supplierFk('recertification_items_supplier_fk', t),
    check('recertification_items_reviewer_ck', sql`${t.reviewer} in ('manager', 'system_administrator', 'supplier')`),
    check('recertification_items_decision_ck', sql`${t.decision} is null or ${t.decision} in ('keep', 'remove')`),
    index('recertification_items_campaign_idx').on(t.tenantId, t.campaignId),
  ],
);
