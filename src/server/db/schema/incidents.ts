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
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';
import { orgUnits, suppliers, systems } from './registers.js';
import { recordColumns, secrecyColumns } from './assessment-columns.js';

// Reporting regimes as data with versions (domain.md, "Incident reporting clocks"): recipient, deadline
// rule and the fields the authority asks for. Shipped versions have no tenant; a tenant may add its own
// version of a code (e.g. a new recipient) that then wins from its valid_from. Each obligation records
// the version it was computed with.
export const reportingRegimes = pgTable(
  'reporting_regimes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    name: jsonb('name').notNull(),
    recipient: jsonb('recipient').notNull(),
    legalBasis: text('legal_basis').notNull(),
    // { kind: 'hours', hours } from awareness | { kind: 'months-after', after: code, months } |
    // { kind: 'asap', targetHours } where the law says "snarast" and the target is local practice
    deadline: jsonb('deadline').notNull(),
    // [{ key, sv, en }]: what the authority's form asks for, drafted on the incident
    fields: jsonb('fields')
      .notNull()
      .default(sql`'[]'::jsonb`),
    note: jsonb('note'),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reporting_regimes_version_uq').on(
      sql`coalesce(${t.tenantId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.code,
      t.version,
    ),
  ],
);

// Per tenant: who forms the crisis group (D1-36), the reminder stages (percent of each clock), and
// whether the tenant runs care under Lex Maria.
export const incidentSettings = pgTable('incident_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  crisisUserIds: uuid('crisis_user_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  reminderPercents: integer('reminder_percents')
    .array()
    .notNull()
    .default(sql`'{50,80,100}'::int[]`),
  secretByDefault: boolean('secret_by_default').notNull().default(true),
  defaultSecrecyProvision: text('default_secrecy_provision'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// The tenant-editable category list (D3-37 "unauthorised copying" is one of the starters).
export const incidentCategories = pgTable(
  'incident_categories',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    unique('incident_categories_tenant_id_uq').on(t.tenantId, t.id),
    uniqueIndex('incident_categories_name_uq').on(t.tenantId, sql`lower(${t.name})`),
  ],
);

// Reporting routes (D1-35): the first matching route (by category, system, minimum severity; null =
// any) names the handling unit and the people notified when an incident is reported.
export const incidentRoutes = pgTable(
  'incident_routes',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    name: text('name').notNull(),
    categoryId: uuid('category_id'),
    systemId: uuid('system_id'),
    minSeverity: text('min_severity'),
    handlingUnitId: uuid('handling_unit_id'),
    notifyUserIds: uuid('notify_user_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    instructions: text('instructions'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    unique('incident_routes_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [incidentCategories.tenantId, incidentCategories.id],
      name: 'incident_routes_category_fk',
    }),
    foreignKey({ columns: [t.tenantId, t.systemId], foreignColumns: [systems.tenantId, systems.id], name: 'incident_routes_system_fk' }),
    foreignKey({
      columns: [t.tenantId, t.handlingUnitId],
      foreignColumns: [orgUnits.tenantId, orgUnits.id],
      name: 'incident_routes_unit_fk',
    }),
    check('incident_routes_severity_ck', sql`${t.minSeverity} is null or ${t.minSeverity} in ('low', 'moderate', 'high', 'extensive')`),
  ],
);

// Incidents, deviations, disruptions, outages, attacks and faults (D1-52, D1-53: every report is a
// record, none is deleted). Secret-marked by default (incident_settings). Affected records are arrays
// the service checks against the tenant, like risks.
export const incidents = pgTable(
  'incidents',
  {
    ...recordColumns(),
    // per tenant, for people to refer to: INC-<year>-<number>
    number: integer('number').notNull(),
    title: text('title').notNull(),
    // the reporter's own words, kept as written
    reportText: text('report_text'),
    type: text('type').notNull().default('incident'),
    categoryId: uuid('category_id'),
    severity: text('severity'),
    status: text('status').notNull().default('reported'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    awareAt: timestamp('aware_at', { withTimezone: true }).notNull(),
    containedAt: timestamp('contained_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reportedBy: uuid('reported_by').references(() => users.id),
    reporterSupplierId: uuid('reporter_supplier_id'),
    routeId: uuid('route_id'),
    handlingUnitId: uuid('handling_unit_id'),
    handlerUserId: uuid('handler_user_id').references(() => users.id),
    systemIds: uuid('system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    assetIds: uuid('asset_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    unitIds: uuid('unit_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    supplierIds: uuid('supplier_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    // yes | no | unknown: "unknown" keeps the GDPR clocks visible until someone decides
    personalData: text('personal_data').notNull().default('unknown'),
    personalDataNote: text('personal_data_note'),
    description: text('description'),
    consequences: text('consequences'),
    conclusions: text('conclusions'),
    lessons: text('lessons'),
    prevention: text('prevention'),
    handlingHours: numeric('handling_hours', { precision: 10, scale: 2 }),
    // integer öre
    handlingCostOre: bigint('handling_cost_ore', { mode: 'number' }),
    costPayer: text('cost_payer'),
    // D1-36: extraordinary event
    crisisAt: timestamp('crisis_at', { withTimezone: true }),
    crisisDecision: text('crisis_decision'),
    // D1-26: outage of the affected systems, against their accepted outage time
    outageStartedAt: timestamp('outage_started_at', { withTimezone: true }),
    outageEndedAt: timestamp('outage_ended_at', { withTimezone: true }),
    continuityActivatedAt: timestamp('continuity_activated_at', { withTimezone: true }),
    // D1-40: the line the internal status page shows; never secret content
    publicStatus: text('public_status'),
    onStatusPage: boolean('on_status_page').notNull().default(false),
    // D0-30 / D0-31: fault location unclear; escalation from the system contact to the operations party
    faultLocationUnclear: boolean('fault_location_unclear').notNull().default(false),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalatedTo: text('escalated_to'),
    ...secrecyColumns(),
  },
  (t) => [
    unique('incidents_tenant_id_uq').on(t.tenantId, t.id),
    uniqueIndex('incidents_number_uq').on(t.tenantId, t.number),
    foreignKey({
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [incidentCategories.tenantId, incidentCategories.id],
      name: 'incidents_category_fk',
    }),
    foreignKey({ columns: [t.tenantId, t.handlingUnitId], foreignColumns: [orgUnits.tenantId, orgUnits.id], name: 'incidents_unit_fk' }),
    foreignKey({
      columns: [t.tenantId, t.reporterSupplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
      name: 'incidents_supplier_fk',
    }),
    foreignKey({
      columns: [t.tenantId, t.routeId],
      foreignColumns: [incidentRoutes.tenantId, incidentRoutes.id],
      name: 'incidents_route_fk',
    }),
    check('incidents_type_ck', sql`${t.type} in ('incident', 'deviation', 'disruption', 'outage', 'attack', 'fault')`),
    check('incidents_severity_ck', sql`${t.severity} is null or ${t.severity} in ('low', 'moderate', 'high', 'extensive')`),
    check('incidents_status_ck', sql`${t.status} in ('reported', 'triaged', 'contained', 'resolved', 'closed')`),
    check('incidents_personal_data_ck', sql`${t.personalData} in ('yes', 'no', 'unknown')`),
    check('incidents_cost_ck', sql`coalesce(${t.handlingCostOre}, 0) >= 0 and coalesce(${t.handlingHours}, 0) >= 0`),
    check('incidents_payer_ck', sql`${t.costPayer} is null or ${t.costPayer} in ('municipality', 'supplier', 'provider')`),
    index('incidents_tenant_aware_idx').on(t.tenantId, t.awareAt, t.id),
    index('incidents_tenant_status_idx').on(t.tenantId, t.status),
    index('incidents_reporter_idx').on(t.tenantId, t.reportedBy),
    index('incidents_systems_idx').using('gin', t.systemIds),
  ],
);

// One row per incident and regime code: applies (yes / no / unassessed) with a reason, the due time
// computed from the awareness time with the regime version applied, and what was submitted.
export const incidentObligations = pgTable(
  'incident_obligations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    incidentId: uuid('incident_id').notNull(),
    code: text('code').notNull(),
    regimeId: uuid('regime_id')
      .notNull()
      .references(() => reportingRegimes.id),
    applies: text('applies').notNull().default('unassessed'),
    appliesReason: text('applies_reason'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reference: text('reference'),
    lateReason: text('late_reason'),
    // the draft report: { fieldKey: text } for the regime's fields
    draft: jsonb('draft')
      .notNull()
      .default(sql`'{}'::jsonb`),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('incident_obligations_code_uq').on(t.tenantId, t.incidentId, t.code),
    foreignKey({
      columns: [t.tenantId, t.incidentId],
      foreignColumns: [incidents.tenantId, incidents.id],
      name: 'incident_obligations_incident_fk',
    }),
    check('incident_obligations_applies_ck', sql`${t.applies} in ('yes', 'no', 'unassessed')`),
    index('incident_obligations_due_idx')
      .on(t.tenantId, t.dueAt)
      .where(sql`submitted_at is null`),
  ],
);

// The incident's timeline: actions taken (by the municipality or the supplier, D0-30), crisis-log
// entries (D1-36) and system events (route matched, clocks recomputed). Append-only.
export const incidentEntries = pgTable(
  'incident_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    incidentId: uuid('incident_id').notNull(),
    kind: text('kind').notNull().default('action'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    text: text('text').notNull(),
    party: text('party').notNull().default('municipality'),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.incidentId],
      foreignColumns: [incidents.tenantId, incidents.id],
      name: 'incident_entries_incident_fk',
    }),
    check('incident_entries_kind_ck', sql`${t.kind} in ('action', 'crisis', 'system')`),
    check('incident_entries_party_ck', sql`${t.party} in ('municipality', 'supplier')`),
    index('incident_entries_incident_idx').on(t.tenantId, t.incidentId, t.at),
  ],
);

// D1-40: who is told about outages and disruptions of a system: internal units, suppliers, external
// parties, each with an address.
export const systemStakeholders = pgTable(
  'system_stakeholders',
  {
    ...recordColumns(),
    systemId: uuid('system_id').notNull(),
    kind: text('kind').notNull(),
    unitId: uuid('unit_id'),
    supplierId: uuid('supplier_id'),
    name: text('name').notNull(),
    email: text('email'),
  },
  (t) => [
    unique('system_stakeholders_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.systemId],
      foreignColumns: [systems.tenantId, systems.id],
      name: 'system_stakeholders_system_fk',
    }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [orgUnits.tenantId, orgUnits.id], name: 'system_stakeholders_unit_fk' }),
    foreignKey({
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
      name: 'system_stakeholders_supplier_fk',
    }),
    check('system_stakeholders_kind_ck', sql`${t.kind} in ('unit', 'supplier', 'external')`),
    index('system_stakeholders_system_idx').on(t.tenantId, t.systemId),
  ],
);

// D1-40: each outage or disruption notice sent for an incident, with its non-secret text and the
// recipients at the time of sending.
export const incidentCommunications = pgTable(
  'incident_communications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    incidentId: uuid('incident_id').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    // [{ stakeholderId, name, email }]
    recipients: jsonb('recipients')
      .notNull()
      .default(sql`'[]'::jsonb`),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.incidentId],
      foreignColumns: [incidents.tenantId, incidents.id],
      name: 'incident_communications_incident_fk',
    }),
    check('incident_communications_kind_ck', sql`${t.kind} in ('outage', 'disruption', 'restored', 'other')`),
    index('incident_communications_incident_idx').on(t.tenantId, t.incidentId, t.sentAt),
  ],
);
