import { z } from 'zod';
import { measureStatuses, priorities } from '../../../shared/enums.js';
import { optionalText, requiredText } from '../../platform/schema-helpers.js';
import { sekIn } from '../measures/measures.schemas.js';

const year = z.number().int().min(2000).max(2100);

export const planCreate = z.strictObject({ year, title: requiredText(300), description: optionalText(5000) });
export type PlanCreate = z.infer<typeof planCreate>;
export const planPatch = planCreate.partial();
export type PlanPatch = z.infer<typeof planPatch>;

export const planListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(['draft', 'decided']).optional(),
});
export type PlanListQuery = z.infer<typeof planListQuery>;

export const activityIdParams = z.strictObject({ id: z.uuid(), activityId: z.uuid() });

const activityFields = {
  title: requiredText(300),
  yearlyGoal: optionalText(2000),
  priority: z.enum(priorities).optional(),
  responsible: optionalText(200),
  startOn: z.iso.date().nullable().optional(),
  endOn: z.iso.date().nullable().optional(),
  budgetSek: sekIn.nullable().optional(),
  measureIds: z.array(z.uuid()).max(200).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
};
export const activityCreate = z.strictObject(activityFields);
export type ActivityCreate = z.infer<typeof activityCreate>;
export const activityPatch = z.strictObject(activityFields).partial();
export type ActivityPatch = z.infer<typeof activityPatch>;

export const decisionIn = z.strictObject({
  decidedOn: z.iso.date(),
  decidedBy: requiredText(200),
  caseNumber: requiredText(100),
  note: optionalText(2000),
});
export type DecisionIn = z.infer<typeof decisionIn>;

const progress = z.object({
  // measures done of all measures, cancelled ones left out
  done: z.number().int(),
  total: z.number().int(),
  // the sums of the measures this viewer sees in full
  plannedCostSek: z.number(),
  actualCostSek: z.number(),
  // measures (not cancelled) whose costs are left out of the sums because the viewer sees them masked
  withheld: z.number().int(),
});
export type Progress = z.infer<typeof progress>;

export const planMeasure = z.object({
  id: z.uuid(),
  // true when this viewer may not see the measure's content (secret or outside the viewer's scope)
  masked: z.boolean(),
  title: z.string().nullable(),
  status: z.enum(measureStatuses),
  owner: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  priority: z.enum(priorities),
  plannedCostSek: z.number().nullable(),
  actualCostSek: z.number().nullable(),
});
export type PlanMeasure = z.infer<typeof planMeasure>;

export const activityOut = z.object({
  id: z.uuid(),
  title: z.string(),
  yearlyGoal: z.string().nullable(),
  priority: z.enum(priorities),
  responsible: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  budgetSek: z.number().nullable(),
  position: z.number().int(),
  measures: z.array(planMeasure),
  progress,
});
export type ActivityOut = z.infer<typeof activityOut>;

const planBase = {
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(['read', 'update', 'archive', 'restore'])),
  year: z.number().int(),
  title: z.string(),
  description: z.string().nullable(),
  status: z.enum(['draft', 'decided']),
  decision: z
    .object({ decidedOn: z.string(), decidedBy: z.string().nullable(), caseNumber: z.string(), note: z.string().nullable() })
    .nullable(),
};

export const planSummary = z.object(planBase);
export type PlanSummary = z.infer<typeof planSummary>;

export const planOut = z.object({
  ...planBase,
  activities: z.array(activityOut),
  progress,
  unplannedMeasures: z.array(planMeasure),
});
export type PlanOut = z.infer<typeof planOut>;

export const planList = z.object({ items: z.array(planSummary), nextCursor: z.string().nullable() });
