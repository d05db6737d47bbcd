import { z } from 'zod';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, refOut, registerOut, requiredText } from '../../platform/schema-helpers.js';

export const reviewStatuses = ['planned', 'material_attached', 'done'] as const;
export const reviewOutcomes = ['no_remarks', 'deviations'] as const;
export const followUpStatuses = ['open', 'closed'] as const;
export const materialKinds = ['upload', 'audit_extract'] as const;
export const MAX_MATERIAL_BYTES = 25 * 1024 * 1024;

const date = z.iso.date();
const person = z.object({ id: z.uuid(), displayName: z.string() });
// A secret-marked system's name is withheld (null) from viewers without need-to-know.
const subjectSystem = z.object({ id: z.uuid(), name: z.string().nullable() });

// --- plans ---------------------------------------------------------------------------------------

// A plan is for one IT system (systemId), or for a supplier's staff (supplierId), optionally narrowed
// to some of the municipality's systems (systemIds).
export const planCreate = z.strictObject({
  systemId: z.uuid().nullable().optional(),
  supplierId: z.uuid().nullable().optional(),
  systemIds: z.array(z.uuid()).max(50).optional(),
  // D3-04, D0-16: the sources give no interval, so each plan sets its own
  intervalMonths: z.number().int().min(1).max(24).optional(),
  // the first review's due date; default: one interval from today
  firstDueOn: date.optional(),
  reviewerUserId: z.uuid(),
  producerUserId: z.uuid().nullable().optional(),
  note: optionalText(2000),
});
export type PlanCreate = z.infer<typeof planCreate>;

export const planPatch = z.strictObject({
  systemIds: planCreate.shape.systemIds,
  intervalMonths: planCreate.shape.intervalMonths,
  firstDueOn: date.optional(),
  reviewerUserId: z.uuid().optional(),
  producerUserId: planCreate.shape.producerUserId,
  note: planCreate.shape.note,
});
export type PlanPatch = z.infer<typeof planPatch>;

const reviewBrief = z.object({
  id: z.uuid(),
  dueOn: z.string(),
  status: z.enum(reviewStatuses),
  outcome: z.enum(reviewOutcomes).nullable(),
  overdue: z.boolean(),
});

export const planOut = z.object({
  ...registerOut,
  allowedActions: z.array(z.enum(['read', 'update', 'archive', 'restore', 'add-review'])),
  subject: z.enum(['system', 'supplier']),
  supplier: refOut.nullable(),
  systems: z.array(subjectSystem),
  intervalMonths: z.number().int(),
  firstDueOn: z.string(),
  reviewer: person,
  producer: person.nullable(),
  note: z.string().nullable(),
  // the open review of the schedule, and the last one done
  nextReview: reviewBrief.nullable(),
  lastDone: reviewBrief.nullable(),
});
export type PlanOut = z.infer<typeof planOut>;

export const planListQuery = z.object({
  ...listQueryBase,
  systemId: z.uuid().optional(),
  supplierId: z.uuid().optional(),
});
export type PlanListQuery = z.infer<typeof planListQuery>;
export const planPage = pageOf(planOut);

// Who may be named reviewer (or producer) of a plan: members with a role that may record outcomes.
export const peoplePage = z.object({
  items: z.array(person.extend({ supplierId: z.uuid().nullable(), municipal: z.boolean() })),
});

export const extraReviewCreate = z.strictObject({
  dueOn: date.optional(),
  periodFrom: date,
  periodTo: date,
});
export type ExtraReviewCreate = z.infer<typeof extraReviewCreate>;

// --- reviews -------------------------------------------------------------------------------------

export const followUpOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  reviewId: z.uuid(),
  description: z.string(),
  owner: person.nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(followUpStatuses),
  closedAt: z.string().nullable(),
  closedBy: person.nullable(),
  // the incident or measure that took the follow-up over, once those registers exist
  incidentId: z.uuid().nullable(),
  measureId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(['read', 'update'])),
});
export type FollowUpOut = z.infer<typeof followUpOut>;

export const materialOut = z.object({
  kind: z.enum(materialKinds),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: person,
  uploadedAt: z.string(),
});

export const reviewActions = ['read', 'update', 'attach', 'record-outcome', 'add-follow-up'] as const;
export type ReviewAction = (typeof reviewActions)[number];

export const reviewListItem = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(reviewActions)),
  planId: z.uuid(),
  scheduled: z.boolean(),
  subject: z.enum(['system', 'supplier']),
  supplier: refOut.nullable(),
  systems: z.array(subjectSystem),
  dueOn: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  status: z.enum(reviewStatuses),
  overdue: z.boolean(),
  reviewer: person,
  producer: person.nullable(),
  material: materialOut.nullable(),
  outcome: z.enum(reviewOutcomes).nullable(),
  outcomeComment: z.string().nullable(),
  outcomeBy: person.nullable(),
  outcomeAt: z.string().nullable(),
  openFollowUps: z.number().int(),
});
export type ReviewListItem = z.infer<typeof reviewListItem>;
export const reviewOut = reviewListItem.extend({ followUps: z.array(followUpOut) });
export type ReviewOut = z.infer<typeof reviewOut>;

export const reviewListQuery = z.object({
  ...listQueryBase,
  sort: z.enum(['dueOn', '-dueOn']).optional(),
  planId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  supplierId: z.uuid().optional(),
  // open = not done; overdue = not done and past its due date (Europe/Stockholm)
  status: z.enum([...reviewStatuses, 'open', 'overdue']).optional(),
});
export type ReviewListQuery = z.infer<typeof reviewListQuery>;
export const reviewPage = pageOf(reviewListItem);

export const reviewPatch = z.strictObject({
  dueOn: date.optional(),
  periodFrom: date.optional(),
  periodTo: date.optional(),
});
export type ReviewPatch = z.infer<typeof reviewPatch>;

const followUpFields = {
  description: requiredText(2000),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: date.nullable().optional(),
};

export const outcomeIn = z.strictObject({
  outcome: z.enum(reviewOutcomes),
  // required with deviations: what was found
  comment: optionalText(5000),
  // for deviations: the follow-up to create (description defaults to the comment)
  followUp: z.strictObject({ ...followUpFields, description: optionalText(2000) }).optional(),
});
export type OutcomeIn = z.infer<typeof outcomeIn>;

export const followUpCreate = z.strictObject(followUpFields);
export type FollowUpCreate = z.infer<typeof followUpCreate>;
export const followUpPatch = z.strictObject({
  description: followUpFields.description.optional(),
  ownerUserId: followUpFields.ownerUserId,
  dueOn: followUpFields.dueOn,
  status: z.enum(followUpStatuses).optional(),
});
export type FollowUpPatch = z.infer<typeof followUpPatch>;

export const followUpParams = z.strictObject({ id: z.uuid(), followUpId: z.uuid() });
