import { z } from 'zod';
import { aspects, consequenceCategories, personalDataLevels } from '../../../shared/enums.js';

// Levels 0–4 pass the schema: 4 (national security) is refused by the service with its own
// explanation, and empty reasons reach the service so that they answer 400 with field errors.
const level = z.number().int().min(0).max(4);
const reason = z.string().max(4000).nullish();

const answersIn = z.partialRecord(z.enum(consequenceCategories), level);

const aspectIn = z.strictObject({ level, reason, answers: answersIn.optional() });

export const classifyIn = z.strictObject({
  confidentiality: aspectIn,
  integrity: aspectIn,
  availability: aspectIn,
  traceability: aspectIn,
  participants: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  nextReviewOn: z.iso.date().optional(),
});
export type ClassifyIn = z.infer<typeof classifyIn>;

const labelOut = z.object({ sv: z.string(), en: z.string() });

const aspectOut = z.object({
  level: z.number().int(),
  label: labelOut,
  reason: z.string().nullable(),
  answers: z.record(z.string(), z.number()).nullable(),
});

const userRef = z.object({ id: z.uuid(), displayName: z.string() }).nullable();

const belowMinimumOut = z.object({ aspect: z.enum(aspects), minLevel: z.number().int(), rule: z.string() });

export const classificationOut = z.object({
  id: z.uuid(),
  assetId: z.uuid(),
  confidentiality: aspectOut,
  integrity: aspectOut,
  availability: aspectOut,
  traceability: aspectOut,
  profile: z.string(),
  masked: z.boolean(),
  participants: z.array(z.string()),
  classifiedBy: userRef,
  classifiedAt: z.string(),
  nextReviewOn: z.string(),
  reviewState: z.enum(['ok', 'due_soon', 'overdue']),
  // D2-23: the current profile is below a minimum rule that applies to the asset as it is now (its
  // personal data or secrecy changed after the classification, or the rules did); empty otherwise
  belowMinimum: z.array(belowMinimumOut),
  // the current profile needs reclassifying: review date due soon/passed, or below a minimum
  reviewDue: z.boolean(),
  current: z.boolean(),
  supersededAt: z.string().nullable(),
});
export type ClassificationOut = z.infer<typeof classificationOut>;
export const classificationList = z.object({ items: z.array(classificationOut) });

// The scheme: labels, minimum rules, guide, review interval.
const levelLabel = z.strictObject({
  level,
  sv: z.string().trim().min(1).max(100),
  en: z.string().trim().min(1).max(100),
  descriptionSv: z.string().trim().max(500).default(''),
  descriptionEn: z.string().trim().max(500).default(''),
});

const minimumRule = z.strictObject({
  id: z.string().trim().min(1).max(60),
  when: z.strictObject({
    personalData: z.array(z.enum(personalDataLevels)).min(1).max(4).optional(),
    secret: z.boolean().optional(),
  }),
  aspect: z.enum(aspects),
  // 4 passes here so that the service can answer with the national-security explanation
  minLevel: z.number().int().min(1).max(4),
  reasonSv: z.string().trim().min(1).max(500),
  reasonEn: z.string().trim().min(1).max(500),
});

export const schemeIn = z.strictObject({
  // null goes back to the shipped labels / rules
  levels: z.array(levelLabel).length(5).nullable().optional(),
  minimumRules: z.array(minimumRule).max(50).nullable().optional(),
  reviewMonths: z.number().int().min(1).max(36).optional(),
  reminderDays: z.number().int().min(0).max(180).optional(),
});
export type SchemeIn = z.infer<typeof schemeIn>;

export const schemeOut = z.object({
  levels: z.array(z.object({ level: z.number(), sv: z.string(), en: z.string(), descriptionSv: z.string(), descriptionEn: z.string() })),
  levelsCustomised: z.boolean(),
  minimumRules: z.array(minimumRule),
  rulesCustomised: z.boolean(),
  guide: z.array(
    z.object({
      aspect: z.enum(aspects),
      explanationSv: z.string(),
      explanationEn: z.string(),
      questions: z.array(
        z.object({
          category: z.enum(consequenceCategories),
          questionSv: z.string(),
          questionEn: z.string(),
          answers: z.array(z.object({ level: z.number(), sv: z.string(), en: z.string() })),
        }),
      ),
    }),
  ),
  nationalSecurity: labelOut,
  reviewMonths: z.number().int(),
  reminderDays: z.number().int(),
  defaultNextReviewOn: z.string(),
});
export type SchemeOut = z.infer<typeof schemeOut>;

// System protection level (D1-23, D1-24)
// Left out: the stored raise stays; null: the raise is removed (the level follows the information).
const raiseIn = z
  .union([level, z.strictObject({ level, reason })])
  .nullable()
  .optional();

export const protectionIn = z.strictObject({
  confidentiality: raiseIn,
  integrity: raiseIn,
  availability: raiseIn,
  traceability: raiseIn,
  reason,
  lossOfFunction: z.strictObject({ consequence: z.string().max(4000).nullish(), level }).nullish(),
  critical: z.boolean().optional(),
  nextReviewOn: z.iso.date().optional(),
});
export type ProtectionIn = z.infer<typeof protectionIn>;

const levels = z.object({
  confidentiality: z.number().int(),
  integrity: z.number().int(),
  availability: z.number().int(),
  traceability: z.number().int(),
});

const contributing = z.array(z.object({ id: z.uuid(), name: z.string().nullable(), level: z.number().int() }));

export const protectionOut = z.object({
  systemId: z.uuid(),
  masked: z.boolean(),
  derived: levels,
  raised: z.partialRecord(z.enum(aspects), z.object({ level: z.number().int(), reason: z.string().nullable() })),
  effective: levels,
  profile: z.string(),
  contributing: z.object({
    confidentiality: contributing,
    integrity: contributing,
    availability: contributing,
    traceability: contributing,
  }),
  assetCount: z.number().int(),
  classifiedAssetCount: z.number().int(),
  lossOfFunction: z.object({ consequence: z.string().nullable(), level: z.number().int() }).nullable(),
  status: z.enum(['not_classified', 'incomplete', 'complete']),
  criticalSuggested: z.boolean(),
  critical: z.boolean(),
  classifiedBy: userRef,
  classifiedAt: z.string().nullable(),
  nextReviewOn: z.string().nullable(),
  reviewState: z.enum(['ok', 'due_soon', 'overdue']).nullable(),
  reviewDue: z.boolean(),
});
export type ProtectionOut = z.infer<typeof protectionOut>;

export const systemClassificationOut = z.object({
  id: z.uuid(),
  raised: z.partialRecord(z.enum(aspects), z.object({ level: z.number().int(), reason: z.string().nullable() })),
  lossOfFunction: z.object({ consequence: z.string().nullable(), level: z.number().int() }).nullable(),
  classifiedBy: userRef,
  classifiedAt: z.string(),
  nextReviewOn: z.string(),
  current: z.boolean(),
  supersededAt: z.string().nullable(),
});
export const systemClassificationList = z.object({ items: z.array(systemClassificationOut) });

// Coverage (D1-23, D4-31) and reminders (D2-23)
const coverageAsset = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  state: z.enum(['unclassified', 'overdue', 'due_soon', 'ok']),
  profile: z.string().nullable(),
  // the same levels as numbers, so clients can show the profile in their own language
  levels: z
    .object({
      confidentiality: z.number().int(),
      integrity: z.number().int(),
      availability: z.number().int(),
      traceability: z.number().int(),
    })
    .nullable(),
  nextReviewOn: z.string().nullable(),
  belowMinimum: z.array(belowMinimumOut),
});
const coverageSystem = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  status: z.enum(['not_classified', 'incomplete', 'complete']),
  assetCount: z.number().int(),
  unclassifiedAssetCount: z.number().int(),
  nextReviewOn: z.string().nullable(),
  reviewState: z.enum(['ok', 'due_soon', 'overdue']).nullable(),
});

export const coverageOut = z.object({
  reminderDays: z.number().int(),
  assets: z.object({
    total: z.number().int(),
    classified: z.number().int(),
    unclassified: z.number().int(),
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    belowMinimum: z.number().int(),
  }),
  systems: z.object({
    total: z.number().int(),
    complete: z.number().int(),
    incomplete: z.number().int(),
    notClassified: z.number().int(),
    withUnclassifiedAssets: z.number().int(),
  }),
  // what needs attention: unclassified, overdue and due-soon assets; systems not complete or with
  // unclassified information
  assetList: z.array(coverageAsset),
  systemList: z.array(coverageSystem),
});
export type CoverageOut = z.infer<typeof coverageOut>;

export const reviewsDueOut = z.object({
  reminderDays: z.number().int(),
  // below_minimum: the asset changed after it was classified and its profile is now below a minimum
  assets: z.array(
    z.object({
      id: z.uuid(),
      name: z.string().nullable(),
      nextReviewOn: z.string(),
      state: z.enum(['due_soon', 'overdue', 'below_minimum']),
      belowMinimum: z.array(belowMinimumOut),
    }),
  ),
  systems: z.array(
    z.object({ id: z.uuid(), name: z.string().nullable(), nextReviewOn: z.string(), state: z.enum(['due_soon', 'overdue']) }),
  ),
});
export type ReviewsDueOut = z.infer<typeof reviewsDueOut>;
