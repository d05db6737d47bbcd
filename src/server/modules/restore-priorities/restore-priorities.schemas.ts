import { z } from 'zod';
import { optionalText, requiredText } from '../../platform/schema-helpers.js';

export const restorePriorityStatuses = ['draft', 'decided', 'replaced'] as const;

export const priorityCreate = z.strictObject({
  title: requiredText(200),
  // a new draft starts from the order in force (default), or empty
  fromDecided: z.boolean().optional(),
});
export type PriorityCreate = z.infer<typeof priorityCreate>;

export const itemsIn = z.strictObject({
  // highest priority first: the position is the rank
  items: z.array(z.strictObject({ systemId: z.uuid(), note: optionalText(500) })).max(1000),
});
export type ItemsIn = z.infer<typeof itemsIn>;

// D1-27: management's decision, with date and case number; the order is locked from then on.
export const decisionIn = z.strictObject({
  decidedOn: z.iso.date(),
  dnr: requiredText(100),
  note: optionalText(2000),
});
export type DecisionIn = z.infer<typeof decisionIn>;

const systemRef = z.object({
  id: z.uuid(),
  // null when the viewer may not see the system's name (secret-marked, or out of reach)
  name: z.string().nullable(),
  unit: z.object({ id: z.uuid(), name: z.string() }),
  acceptedOutageMinutes: z.number().int().nullable(),
});

export const priorityOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  title: z.string(),
  status: z.enum(restorePriorityStatuses),
  decidedOn: z.string().nullable(),
  dnr: z.string().nullable(),
  decidedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  canDecide: z.boolean(),
  items: z.array(z.object({ rank: z.number().int(), note: z.string().nullable(), system: systemRef })),
  // critical systems not in the order yet (D1-27 asks for all of them)
  unranked: z.array(systemRef),
});
export type PriorityOut = z.infer<typeof priorityOut>;

export const prioritySummary = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.enum(restorePriorityStatuses),
  decidedOn: z.string().nullable(),
  dnr: z.string().nullable(),
  itemCount: z.number().int(),
  createdAt: z.string(),
});
export const priorityPage = z.object({ items: z.array(prioritySummary), nextCursor: z.string().nullable() });
