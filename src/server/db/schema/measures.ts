import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './platform.js';
import { orgUnits, systems } from './registers.js';
import { recordColumns, secrecyColumns } from './assessment-columns.js';

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
