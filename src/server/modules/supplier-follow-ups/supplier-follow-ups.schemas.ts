import { z } from 'zod';
import { measureStatuses, supplierTypes } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { calendarDate, optionalText, pageOf, requiredText } from '../../platform/schema-helpers.js';
import { followUpAreas } from '../follow-up-templates/follow-up-templates.shipped.js';

export const followUpStatuses = ['planned', 'sent', 'answered', 'assessed', 'closed'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];
export const itemAnswers = ['yes', 'partly', 'no', 'not_applicable'] as const;
export const itemAssessments = ['approved', 'deficient', 'not_applicable'] as const;
// what the viewer may do now, so the web shows only those buttons
export const followUpActions = ['update', 'send', 'answer', 'submit', 'assess', 'close'] as const;

// D1-17: a planned follow-up of one supplier; the checklist is copied in when it is sent.
export const followUpCreate = z.strictObject({
  supplierId: z.uuid(),
  title: requiredText(300),
  plannedOn: calendarDate(),
  answerBy: calendarDate().nullable().optional(),
  reviewerId: z.uuid().nullable().optional(),
});
export type FollowUpCreate = z.infer<typeof followUpCreate>;

export const followUpPatch = z.strictObject({
  title: requiredText(300).optional(),
  plannedOn: calendarDate().optional(),
  answerBy: calendarDate().nullable().optional(),
  reviewerId: z.uuid().nullable().optional(),
  conclusion: optionalText(10_000),
});
export type FollowUpPatch = z.infer<typeof followUpPatch>;

export const closeIn = z.strictObject({ conclusion: optionalText(10_000) });

export const fileOut = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
});

export const itemOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  position: z.number().int(),
  code: z.string(),
  area: z.enum(followUpAreas),
  text: z.string(),
  evidenceRequired: z.boolean(),
  sources: z.array(z.string()),
  answer: z.enum(itemAnswers).nullable(),
  answerComment: z.string().nullable(),
  answeredAt: z.string().nullable(),
  assessment: z.enum(itemAssessments).nullable(),
  assessmentNote: z.string().nullable(),
  deficiencyDueOn: z.string().nullable(),
  assessedAt: z.string().nullable(),
  // the deficiency's measure; title null when the viewer may not read measures
  measure: z.object({ id: z.uuid(), title: z.string().nullable(), status: z.enum(measureStatuses) }).nullable(),
  files: z.array(fileOut),
  actions: z.array(z.enum(['answer', 'upload', 'assess'])),
});
export type ItemOut = z.infer<typeof itemOut>;

const summary = {
  id: z.uuid(),
  version: z.number().int(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(['read', 'update', 'archive', 'restore'])),
  actions: z.array(z.enum(followUpActions)),
  supplierId: z.uuid(),
  supplier: z.object({ id: z.uuid(), name: z.string(), type: z.enum(supplierTypes) }),
  title: z.string(),
  plannedOn: z.string(),
  answerBy: z.string().nullable(),
  reviewerId: z.uuid().nullable(),
  reviewerName: z.string().nullable(),
  status: z.enum(followUpStatuses),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  assessedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  conclusion: z.string().nullable(),
  counts: z.object({
    items: z.number().int(),
    answered: z.number().int(),
    assessed: z.number().int(),
    deficient: z.number().int(),
    // deficiencies whose measure is neither done nor cancelled
    openDeficiencies: z.number().int(),
  }),
};

export const followUpSummary = z.object(summary);
export type FollowUpSummary = z.infer<typeof followUpSummary>;
export const followUpOut = z.object({ ...summary, items: z.array(itemOut) });
export type FollowUpOut = z.infer<typeof followUpOut>;

export const followUpSorts = ['plannedOn', 'title', 'updatedAt'] as const;
export const followUpListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  supplierId: z.uuid().optional(),
  status: z.enum(followUpStatuses).optional(),
});
export type FollowUpListQuery = z.infer<typeof followUpListQuery>;
export const followUpPage = pageOf(followUpSummary);

export const answerIn = z.strictObject({
  answer: z.enum(itemAnswers),
  comment: optionalText(5000),
});
export type AnswerIn = z.infer<typeof answerIn>;

// A deficiency needs a due date (checked by the service, with a field error); it becomes a measure.
export const assessmentIn = z.strictObject({
  assessment: z.enum(itemAssessments),
  note: optionalText(5000),
  dueOn: calendarDate().nullable().optional(),
  measureTitle: optionalText(300),
});
export type AssessmentIn = z.infer<typeof assessmentIn>;
