import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';
import { orgUnits } from './registers.js';
import { recordColumns, secrecyColumns } from './assessment-columns.js';
import { measures } from './measures.js';

// Risk and vulnerability analysis (RSA, D1-11): an analysis holds risks scored on its matrix.
export const riskAnalyses = pgTable(
  'risk_analyses',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    title: text('title').notNull(),
    scope: text('scope'),
    analysedOn: date('analysed_on', { mode: 'string' }).notNull(),
    participants: text('participants')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    methodNotes: text('method_notes'),
    unitId: uuid('unit_id'),
    matrixSize: integer('matrix_size').notNull().default(4),
    status: text('status').notNull().default('draft'),
    nextUpdateOn: date('next_update_on', { mode: 'string' }),
    ...secrecyColumns(),
  },
  (t) => [
    unique('risk_analyses_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [orgUnits.tenantId, orgUnits.id], name: 'risk_analyses_unit_fk' }),
    check('risk_analyses_matrix_ck', sql`${t.matrixSize} in (4, 5)`),
    check('risk_analyses_status_ck', sql`${t.status} in ('draft', 'completed')`),
  ],
);

export const risks = pgTable(
  'risks',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    analysisId: uuid('analysis_id').notNull(),
    title: text('title').notNull(),
    threat: text('threat').notNull(),
    vulnerability: text('vulnerability'),
    description: text('description'),
    // affected records; the service checks they are the tenant's (systems and assets are archived, never deleted)
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
    likelihood: integer('likelihood').notNull(),
    consequence: integer('consequence').notNull(),
    residualLikelihood: integer('residual_likelihood'),
    residualConsequence: integer('residual_consequence'),
    treatment: text('treatment'),
    treatmentNote: text('treatment_note'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    // the owner's approval of the treatment and residual risk; cleared when either changes
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    status: text('status').notNull().default('open'),
    ...secrecyColumns(),
  },
  (t) => [
    unique('risks_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.analysisId],
      foreignColumns: [riskAnalyses.tenantId, riskAnalyses.id],
      name: 'risks_analysis_fk',
    }),
    check('risks_scores_ck', sql`${t.likelihood} between 1 and 5 and ${t.consequence} between 1 and 5`),
    check(
      'risks_residual_ck',
      sql`(${t.residualLikelihood} is null or ${t.residualLikelihood} between 1 and 5) and (${t.residualConsequence} is null or ${t.residualConsequence} between 1 and 5)`,
    ),
    check('risks_treatment_ck', sql`${t.treatment} is null or ${t.treatment} in ('reduce', 'accept', 'transfer', 'avoid')`),
    check('risks_status_ck', sql`${t.status} in ('open', 'closed')`),
    index('risks_analysis_idx').on(t.tenantId, t.analysisId),
    index('risks_systems_idx').using('gin', t.systemIds),
  ],
);

export const measureRisks = pgTable(
  'measure_risks',
  {
    tenantId: uuid('tenant_id').notNull(),
    measureId: uuid('measure_id').notNull(),
    riskId: uuid('risk_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.measureId, t.riskId] }),
    foreignKey({
      columns: [t.tenantId, t.measureId],
      foreignColumns: [measures.tenantId, measures.id],
      name: 'measure_risks_measure_fk',
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.riskId], foreignColumns: [risks.tenantId, risks.id], name: 'measure_risks_risk_fk' }),
    index('measure_risks_risk_idx').on(t.tenantId, t.riskId),
  ],
);

// The risk picture of a year, frozen, so reports can compare years over a mandate period.
export const riskSnapshots = pgTable(
  'risk_snapshots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
    // null when the yearly job took it
    takenBy: uuid('taken_by').references(() => users.id),
    data: jsonb('data').notNull(),
  },
  (t) => [unique('risk_snapshots_tenant_year_uq').on(t.tenantId, t.year)],
);
