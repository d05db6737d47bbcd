import { z } from 'zod';
import { listQueryBase } from '../../platform/http.js';
import { calendarDate, optionalText, pageOf, requiredText } from '../../platform/schema-helpers.js';

// D0-15, D3-36: a system's accounts reviewed one by one; each is kept or removed.
export const reviewerKinds = ['manager', 'system_administrator', 'supplier'] as const;
export const recertificationDecisions = ['keep', 'remove'] as const;

export const campaignCreate = z.strictObject({
  systemId: z.uuid(),
  title: requiredText(300),
  dueOn: calendarDate(),
  // take the accounts from executed access orders and account credentials of the system (default)
  populate: z.boolean().optional(),
});
export type CampaignCreate = z.infer<typeof campaignCreate>;

export const campaignPatch = z.strictObject({ title: requiredText(300).optional(), dueOn: calendarDate().optional() });
export type CampaignPatch = z.infer<typeof campaignPatch>;

const progress = z.object({
  total: z.number().int(),
  decided: z.number().int(),
  kept: z.number().int(),
  removed: z.number().int(),
  open: z.number().int(),
});

export const campaignOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
  allowedActions: z.array(z.enum(['read', 'update'])),
  systemId: z.uuid(),
  // null when the viewer may not see the system's name (a supplier sees only its own items)
  systemName: z.string().nullable(),
  title: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  // counts over the items this viewer may see
  progress,
});
export type CampaignOut = z.infer<typeof campaignOut>;

export const campaignListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  status: z.enum(['open', 'closed']).optional(),
  systemId: z.uuid().optional(),
});
export type CampaignListQuery = z.infer<typeof campaignListQuery>;
export const campaignPage = pageOf(campaignOut);

export const itemCreate = z.strictObject({
  accountName: requiredText(200),
  personName: requiredText(200),
  permissions: optionalText(2000),
  supplierId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  // default: the supplier for its own staff, the unit's manager for a unit's staff, else the administrator
  reviewer: z.enum(reviewerKinds).optional(),
});
export type ItemCreate = z.infer<typeof itemCreate>;

export const decisionIn = z.strictObject({ decision: z.enum(recertificationDecisions), note: optionalText(2000) });
export type DecisionIn = z.infer<typeof decisionIn>;

export const itemOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  campaignId: z.uuid(),
  accountName: z.string(),
  personName: z.string(),
  permissions: z.string().nullable(),
  supplier: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  unitId: z.uuid().nullable(),
  reviewer: z.enum(reviewerKinds),
  decision: z.enum(recertificationDecisions).nullable(),
  decisionNote: z.string().nullable(),
  decidedBy: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  decidedAt: z.string().nullable(),
  // the termination order a removal created (D0-15)
  terminationOrder: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  // whether this viewer may decide the item now
  canDecide: z.boolean(),
});
export type ItemOut = z.infer<typeof itemOut>;
export const itemList = z.object({ items: z.array(itemOut) });
