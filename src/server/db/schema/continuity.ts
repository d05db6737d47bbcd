import { sql } from 'drizzle-orm';
import {
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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';
import { suppliers, systems } from './registers.js';
import { recordColumns, secrecyColumns } from './assessment-columns.js';

// Continuity of a (critical) system (D1-25, D1-26, D1-41): the decided accepted outage time, the vital
// activity it supports, its emergency procedure and what it depends on. One row per system.
export const systemContinuity = pgTable(
  'system_continuity',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id').notNull(),
    acceptedOutageMinutes: integer('accepted_outage_minutes'),
    // who decided (a body or a person, as written in the decision), when, and the case number
    outageDecidedBy: text('outage_decided_by'),
    outageDecidedOn: date('outage_decided_on', { mode: 'string' }),
    outageDnr: text('outage_dnr'),
    vitalActivity: text('vital_activity'),
    emergencyProcedure: text('emergency_procedure'),
    dependencySystemIds: uuid('dependency_system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    dependencySupplierIds: uuid('dependency_supplier_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.systemId] }),
    foreignKey({ columns: [t.tenantId, t.systemId], foreignColumns: [systems.tenantId, systems.id], name: 'system_continuity_system_fk' }),
    check('system_continuity_outage_ck', sql`${t.acceptedOutageMinutes} is null or ${t.acceptedOutageMinutes} > 0`),
  ],
);

// Reserve routines, continuity plans and restore plans of a system, and a supplier's own reserve
// routines (D0-26, with the scenario checklist). Restore plans are secret-marked (they show how to
// bring the system back, and so where it is weak).
export const continuityDocuments = pgTable(
  'continuity_documents',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    kind: text('kind').notNull(),
    systemId: uuid('system_id'),
    supplierId: uuid('supplier_id'),
    title: text('title').notNull(),
    content: text('content'),
    link: text('link'),
    documentedOn: date('documented_on', { mode: 'string' }),
    implementedOn: date('implemented_on', { mode: 'string' }),
    reviewOn: date('review_on', { mode: 'string' }),
    // D0-26: { powerOutage, mobileNetwork, network, plannedDowntime, unplannedDowntime } → boolean
    scenarios: jsonb('scenarios')
      .notNull()
      .default(sql`'{}'::jsonb`),
    involvedSupplierIds: uuid('involved_supplier_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    ...secrecyColumns(),
  },
  (t) => [
    unique('continuity_documents_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.systemId],
      foreignColumns: [systems.tenantId, systems.id],
      name: 'continuity_documents_system_fk',
    }),
    foreignKey({
      columns: [t.tenantId, t.supplierId],
      foreignColumns: [suppliers.tenantId, suppliers.id],
      name: 'continuity_documents_supplier_fk',
    }),
    check(
      'continuity_documents_kind_ck',
      sql`${t.kind} in ('reserve_routine', 'continuity_plan', 'restore_plan', 'supplier_reserve_routine')`,
    ),
    check('continuity_documents_owner_ck', sql`${t.systemId} is not null or ${t.supplierId} is not null`),
    index('continuity_documents_system_idx').on(t.tenantId, t.systemId),
    index('continuity_documents_supplier_idx').on(t.tenantId, t.supplierId),
  ],
);

// D1-27: the order in which critical systems are restored after a wide outage, prepared by the
// coordinator and decided by management (date, Dnr). A decided order is locked; a new one replaces it.
export const restorePriorities = pgTable(
  'restore_priorities',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    status: text('status').notNull().default('draft'),
    decidedOn: date('decided_on', { mode: 'string' }),
    dnr: text('dnr'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decisionNote: text('decision_note'),
  },
  (t) => [
    unique('restore_priorities_tenant_id_uq').on(t.tenantId, t.id),
    check('restore_priorities_status_ck', sql`${t.status} in ('draft', 'decided', 'replaced')`),
  ],
);

export const restorePriorityItems = pgTable(
  'restore_priority_items',
  {
    tenantId: uuid('tenant_id').notNull(),
    priorityId: uuid('priority_id').notNull(),
    systemId: uuid('system_id').notNull(),
    rank: integer('rank').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.priorityId, t.systemId] }),
    uniqueIndex('restore_priority_items_rank_uq').on(t.tenantId, t.priorityId, t.rank),
    foreignKey({
      columns: [t.tenantId, t.priorityId],
      foreignColumns: [restorePriorities.tenantId, restorePriorities.id],
      name: 'restore_priority_items_priority_fk',
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.systemId],
      foreignColumns: [systems.tenantId, systems.id],
      name: 'restore_priority_items_system_fk',
    }),
    check('restore_priority_items_rank_ck', sql`${t.rank} > 0`),
  ],
);

// D1-42, D1-54: exercises of continuity, IT preparedness and incident handling. Lessons become
// measures (origin 'exercise').
export const exercises = pgTable(
  'exercises',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    title: text('title').notNull(),
    kind: text('kind').notNull().default('continuity'),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    scope: text('scope'),
    systemIds: uuid('system_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    participants: text('participants')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outcome: text('outcome'),
    lessons: text('lessons'),
  },
  (t) => [
    unique('exercises_tenant_id_uq').on(t.tenantId, t.id),
    check('exercises_kind_ck', sql`${t.kind} in ('continuity', 'it_preparedness', 'incident_handling')`),
    index('exercises_held_idx').on(t.tenantId, t.heldOn),
    index('exercises_systems_idx').using('gin', t.systemIds),
  ],
);
