import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './platform.js';
import { informationAssets, systems } from './registers.js';

// Assessment (issue 5): classification, requirement catalogue and gap analysis, measures, the action
// plan and risk and vulnerability analysis. Levels are stored as numbers 0–3: level 4 (national
// security, säkerhetsskydd) never enters Tillit, and the checks below are the second wall behind the
// service's refusal. What each number is called is the tenant's data (assessment_settings.level_labels).

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
