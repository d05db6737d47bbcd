import { z } from 'zod';
import { latePolicies } from '../../../shared/access-orders.js';
import { optionalText } from '../../platform/schema-helpers.js';

// D0-12, D0-13, D0-14: the tenant's lead times, what happens to a late order, and when an open
// termination escalates.
export const accessOrderSettingsOut = z.object({
  version: z.number().int(),
  newLeadDays: z.number().int(),
  changeLeadDays: z.number().int(),
  latePolicy: z.enum(latePolicies),
  terminateEscalateHours: z.number().int(),
  // the training external staff must have done before an account is opened (named on the order page)
  requiredTraining: z.string().nullable(),
  allowedActions: z.array(z.enum(['read', 'update'])),
});
export type AccessOrderSettingsOut = z.infer<typeof accessOrderSettingsOut>;

export const accessOrderSettingsIn = z.strictObject({
  // up to half a year: a longer lead time would stop every new account for months
  newLeadDays: z.number().int().min(0).max(180),
  changeLeadDays: z.number().int().min(0).max(180),
  latePolicy: z.enum(latePolicies),
  // 1 hour – 14 days
  terminateEscalateHours: z.number().int().min(1).max(336),
  requiredTraining: optionalText(300),
});
export type AccessOrderSettingsIn = z.infer<typeof accessOrderSettingsIn>;

// What every orderer needs to fill in the form: the lead times, not who may change them.
export const accessOrderRulesOut = z.object({
  newLeadDays: z.number().int(),
  changeLeadDays: z.number().int(),
  latePolicy: z.enum(latePolicies),
  requiredTraining: z.string().nullable(),
});
