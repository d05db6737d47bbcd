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
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';
import { informationAssets, orgUnits, systems } from './registers.js';

// Assessment (issue 5): classification, requirement catalogue and gap analysis, measures, the action
// plan and risk and vulnerability analysis. Levels are stored as numbers 0–3: level 4 (national
// security, säkerhetsskydd) never enters Tillit, and the checks below are the second wall behind the
// service's refusal. What each number is called is the tenant's data (assessment_settings.level_labels).

const recordColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

const secrecyColumns = () => ({
  secret: boolean('secret').notNull().default(false),
  secrecyProvision: text('secrecy_provision'),
});

const levelCheck = (name: string, col: unknown) => check(name, sql`${col} between 0 and 3`);

// One row per tenant, made on the first save; no row means the shipped defaults. level_labels and
// minimum_rules are null until the tenant adjusts them, so a later release can improve the defaults.
export const assessmentSettings = pgTable(
  'assessment_settings',
  {
    tenantId: uuid('tenant_id')
      .primaryKey()
      .references(() => tenants.id),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    classificationReviewMonths: integer('classification_review_months').notNull().default(12),
    reviewReminderDays: integer('review_reminder_days').notNull().default(30),
    riskMatrixSize: integer('risk_matrix_size').notNull().default(4),
    // [{ level, sv, en, descriptionSv, descriptionEn }] for levels 0–4
    levelLabels: jsonb('level_labels'),
    // [{ when: { personalData?: [...], secret?: true }, aspect, minLevel, reasonSv, reasonEn }]
    minimumRules: jsonb('minimum_rules'),
  },
  (t) => [
    check('assessment_settings_review_ck', sql`${t.classificationReviewMonths} between 1 and 36`),
    check('assessment_settings_reminder_ck', sql`${t.reviewReminderDays} between 0 and 180`),
    check('assessment_settings_matrix_ck', sql`${t.riskMatrixSize} in (4, 5)`),
  ],
);

// An information asset's classification. Reclassifying inserts a new row and marks the previous one
// superseded, so every earlier profile stays (history is evidence; rows are never deleted).
export const assetClassifications = pgTable(
  'asset_classifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    assetId: uuid('asset_id').notNull(),
    confidentiality: integer('confidentiality').notNull(),
    integrity: integer('integrity').notNull(),
    availability: integer('availability').notNull(),
    traceability: integer('traceability').notNull(),
    // { confidentiality: text, integrity: text, availability: text, traceability: text }
    reasons: jsonb('reasons').notNull(),
    // the guided answers, when the wizard was used: { aspect: { category: level } }
    answers: jsonb('answers'),
    participants: text('participants')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    classifiedBy: uuid('classified_by').references(() => users.id),
    classifiedAt: timestamp('classified_at', { withTimezone: true }).notNull().defaultNow(),
    nextReviewOn: date('next_review_on', { mode: 'string' }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.assetId],
      foreignColumns: [informationAssets.tenantId, informationAssets.id],
      name: 'asset_classifications_asset_fk',
    }),
    levelCheck('asset_classifications_k_ck', t.confidentiality),
    levelCheck('asset_classifications_r_ck', t.integrity),
    levelCheck('asset_classifications_t_ck', t.availability),
    levelCheck('asset_classifications_s_ck', t.traceability),
    uniqueIndex('asset_classifications_current_uq')
      .on(t.tenantId, t.assetId)
      .where(sql`superseded_at is null`),
    index('asset_classifications_asset_idx').on(t.tenantId, t.assetId, t.classifiedAt),
    index('asset_classifications_review_idx').on(t.tenantId, t.nextReviewOn),
  ],
);

// A system's classification decision: levels raised above what its information gives (with a reason
// each), the consequence of losing the system's function (D1-24) and the critical decision. The
// protection level itself is computed: max(information assets, raised). Same history rule as above.
export const systemClassifications = pgTable(
  'system_classifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id').notNull(),
    // { aspect: { level, reason } } for the aspects raised above the information's maximum
    raised: jsonb('raised')
      .notNull()
      .default(sql`'{}'::jsonb`),
    lossConsequence: text('loss_consequence'),
    lossLevel: integer('loss_level'),
    classifiedBy: uuid('classified_by').references(() => users.id),
    classifiedAt: timestamp('classified_at', { withTimezone: true }).notNull().defaultNow(),
    nextReviewOn: date('next_review_on', { mode: 'string' }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    foreignKey({
      columns: [t.tenantId, t.systemId],
      foreignColumns: [systems.tenantId, systems.id],
      name: 'system_classifications_system_fk',
    }),
    check('system_classifications_loss_ck', sql`${t.lossLevel} is null or ${t.lossLevel} between 0 and 3`),
    uniqueIndex('system_classifications_current_uq')
      .on(t.tenantId, t.systemId)
      .where(sql`superseded_at is null`),
    index('system_classifications_system_idx').on(t.tenantId, t.systemId, t.classifiedAt),
  ],
);

// The tenant's requirement catalogue (ÄR-krav: state of the organisation; SKA-krav: procurement). A
// requirement applies to a system when the system's level on its aspect is at least min_level.
export const requirements = pgTable(
  'requirements',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    code: text('code').notNull(),
    text: text('text').notNull(),
    guidance: text('guidance'),
    aspect: text('aspect').notNull(),
    minLevel: integer('min_level').notNull(),
    kind: text('kind').notNull().default('organisation'),
    area: text('area').notNull().default('administrative'),
    // where the requirement comes from: a seed requirement id, "import", or the tenant's own note
    source: text('source'),
  },
  (t) => [
    unique('requirements_tenant_id_uq').on(t.tenantId, t.id),
    uniqueIndex('requirements_tenant_code_uq').on(t.tenantId, sql`lower(${t.code})`),
    check('requirements_level_ck', sql`${t.minLevel} between 1 and 3`),
    check('requirements_aspect_ck', sql`${t.aspect} in ('confidentiality', 'integrity', 'availability', 'traceability')`),
    check('requirements_kind_ck', sql`${t.kind} in ('organisation', 'procurement')`),
    check('requirements_area_ck', sql`${t.area} in ('administrative', 'physical', 'technical')`),
  ],
);

// Policy goals (D4-01): measures and later the annual report refer to them.
export const policyGoals = pgTable(
  'policy_goals',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    code: text('code').notNull(),
    text: text('text').notNull(),
    source: text('source'),
  },
  (t) => [
    unique('policy_goals_tenant_id_uq').on(t.tenantId, t.id),
    uniqueIndex('policy_goals_tenant_code_uq').on(t.tenantId, sql`lower(${t.code})`),
  ],
);

// The measures register (åtgärder), shared by every module: origin names the module and origin_id its
// record (a gap, risk, incident, supplier deficiency, exercise, log-review follow-up …).
export const measures = pgTable(
  'measures',
  {
    ...recordColumns(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    title: text('title').notNull(),
    description: text('description'),
    origin: text('origin').notNull(),
    originId: uuid('origin_id'),
    // D1-11: what the measure rests on when no record is linked (needs analysis, follow-up finding …)
    basis: text('basis'),
    systemId: uuid('system_id'),
    unitId: uuid('unit_id'),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    dueOn: date('due_on', { mode: 'string' }),
    priority: text('priority').notNull().default('medium'),
    // integer öre
    plannedCostOre: bigint('planned_cost_ore', { mode: 'number' }),
    actualCostOre: bigint('actual_cost_ore', { mode: 'number' }),
    status: text('status').notNull().default('proposed'),
    completedOn: date('completed_on', { mode: 'string' }),
    ...secrecyColumns(),
  },
  (t) => [
    unique('measures_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({ columns: [t.tenantId, t.systemId], foreignColumns: [systems.tenantId, systems.id], name: 'measures_system_fk' }),
    foreignKey({ columns: [t.tenantId, t.unitId], foreignColumns: [orgUnits.tenantId, orgUnits.id], name: 'measures_unit_fk' }),
    check('measures_priority_ck', sql`${t.priority} in ('low', 'medium', 'high', 'critical')`),
    check('measures_status_ck', sql`${t.status} in ('proposed', 'planned', 'in_progress', 'done', 'cancelled')`),
    check('measures_cost_ck', sql`coalesce(${t.plannedCostOre}, 0) >= 0 and coalesce(${t.actualCostOre}, 0) >= 0`),
    index('measures_tenant_status_idx').on(t.tenantId, t.status, t.dueOn),
    index('measures_origin_idx').on(t.tenantId, t.origin, t.originId),
    index('measures_system_idx').on(t.tenantId, t.systemId),
  ],
);

export const measureGoals = pgTable(
  'measure_goals',
  {
    tenantId: uuid('tenant_id').notNull(),
    measureId: uuid('measure_id').notNull(),
    goalId: uuid('goal_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.measureId, t.goalId] }),
    foreignKey({
      columns: [t.tenantId, t.measureId],
      foreignColumns: [measures.tenantId, measures.id],
      name: 'measure_goals_measure_fk',
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.goalId], foreignColumns: [policyGoals.tenantId, policyGoals.id], name: 'measure_goals_goal_fk' }),
    index('measure_goals_goal_idx').on(t.tenantId, t.goalId),
  ],
);

// Gap analysis: one row per system and applicable requirement once someone has assessed it.
export const requirementAssessments = pgTable(
  'requirement_assessments',
  {
    tenantId: uuid('tenant_id').notNull(),
    systemId: uuid('system_id').notNull(),
    requirementId: uuid('requirement_id').notNull(),
    version: integer('version').notNull().default(1),
    status: text('status').notNull(),
    notApplicableReason: text('not_applicable_reason'),
    deficiency: text('deficiency'),
    howMet: text('how_met'),
    evidenceUrl: text('evidence_url'),
    measureId: uuid('measure_id'),
    assessedBy: uuid('assessed_by').references(() => users.id),
    assessedAt: timestamp('assessed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.systemId, t.requirementId] }),
    foreignKey({
      columns: [t.tenantId, t.systemId],
      foreignColumns: [systems.tenantId, systems.id],
      name: 'requirement_assessments_system_fk',
    }),
    foreignKey({
      columns: [t.tenantId, t.requirementId],
      foreignColumns: [requirements.tenantId, requirements.id],
      name: 'requirement_assessments_requirement_fk',
    }),
    foreignKey({
      columns: [t.tenantId, t.measureId],
      foreignColumns: [measures.tenantId, measures.id],
      name: 'requirement_assessments_measure_fk',
    }),
    check('requirement_assessments_status_ck', sql`${t.status} in ('exists', 'partly', 'missing', 'not_applicable')`),
    check(
      'requirement_assessments_deficiency_ck',
      sql`${t.deficiency} is null or ${t.deficiency} in ('negligible', 'moderate', 'significant', 'serious')`,
    ),
    index('requirement_assessments_requirement_idx').on(t.tenantId, t.requirementId),
  ],
);

// The yearly action plan (handlingsplan), decided by management with date and case number (Dnr).
export const actionPlans = pgTable(
  'action_plans',
  {
    ...recordColumns(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').notNull().default('draft'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: text('decided_by'),
    caseNumber: text('case_number'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    unique('action_plans_tenant_id_uq').on(t.tenantId, t.id),
    unique('action_plans_tenant_year_uq').on(t.tenantId, t.year),
    check('action_plans_status_ck', sql`${t.status} in ('draft', 'decided')`),
    check('action_plans_decision_ck', sql`${t.status} = 'draft' or (${t.decidedOn} is not null and ${t.caseNumber} is not null)`),
  ],
);

export const actionPlanActivities = pgTable(
  'action_plan_activities',
  {
    ...recordColumns(),
    planId: uuid('plan_id').notNull(),
    title: text('title').notNull(),
    yearlyGoal: text('yearly_goal'),
    priority: text('priority').notNull().default('medium'),
    responsible: text('responsible'),
    startOn: date('start_on', { mode: 'string' }),
    endOn: date('end_on', { mode: 'string' }),
    budgetOre: bigint('budget_ore', { mode: 'number' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('action_plan_activities_tenant_id_uq').on(t.tenantId, t.id),
    foreignKey({
      columns: [t.tenantId, t.planId],
      foreignColumns: [actionPlans.tenantId, actionPlans.id],
      name: 'action_plan_activities_plan_fk',
    }),
    check('action_plan_activities_priority_ck', sql`${t.priority} in ('low', 'medium', 'high', 'critical')`),
    check('action_plan_activities_budget_ck', sql`coalesce(${t.budgetOre}, 0) >= 0`),
    index('action_plan_activities_plan_idx').on(t.tenantId, t.planId, t.position),
  ],
);

export const actionPlanActivityMeasures = pgTable(
  'action_plan_activity_measures',
  {
    tenantId: uuid('tenant_id').notNull(),
    activityId: uuid('activity_id').notNull(),
    measureId: uuid('measure_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.activityId, t.measureId] }),
    foreignKey({
      columns: [t.tenantId, t.activityId],
      foreignColumns: [actionPlanActivities.tenantId, actionPlanActivities.id],
      name: 'apam_activity_fk',
    }).onDelete('cascade'),
    foreignKey({ columns: [t.tenantId, t.measureId], foreignColumns: [measures.tenantId, measures.id], name: 'apam_measure_fk' }),
    index('apam_measure_idx').on(t.tenantId, t.measureId),
  ],
);

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
