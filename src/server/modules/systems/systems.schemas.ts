import { z } from 'zod';
import { authenticationMethods, costCategories, hostingTypes, lifecycleStatuses } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, refOut, registerOut, requiredText, secrecyIn, secrecyOut } from '../../platform/schema-helpers.js';

export const costLineIn = z.strictObject({
  category: z.enum(costCategories),
  amountSek: z.number().min(0).max(1_000_000_000).multipleOf(0.01),
  year: z.number().int().min(2000).max(2100),
  note: optionalText(500),
});

const systemFields = {
  name: requiredText(200),
  description: optionalText(5000),
  responsibleUnitId: z.uuid(),
  systemOwner: optionalText(200),
  systemAdministrators: z.array(z.string().trim().min(1).max(200)).max(20),
  operationsResponsible: optionalText(200),
  supplier: optionalText(200),
  hosting: z.enum(hostingTypes).nullable(),
  authenticationMethod: z.enum(authenticationMethods).nullable(),
  critical: z.boolean(),
  lifecycleStatus: z.enum(lifecycleStatuses),
  lastReviewedOn: z.iso.date().nullable(),
  costs: z.array(costLineIn).max(200),
  ...secrecyIn,
};

export const systemCreate = z.strictObject({
  ...systemFields,
  systemAdministrators: systemFields.systemAdministrators.optional(),
  hosting: systemFields.hosting.optional(),
  authenticationMethod: systemFields.authenticationMethod.optional(),
  critical: systemFields.critical.optional(),
  lifecycleStatus: systemFields.lifecycleStatus.optional(),
  lastReviewedOn: systemFields.lastReviewedOn.optional(),
  costs: systemFields.costs.optional(),
  secret: systemFields.secret.optional(),
});
export type SystemCreate = z.infer<typeof systemCreate>;

export const systemPatch = systemCreate.partial();
export type SystemPatch = z.infer<typeof systemPatch>;

export const costLineOut = z.object({
  category: z.enum(costCategories),
  amountSek: z.number(),
  year: z.number().int(),
  note: z.string().nullable(),
});

// A secret-marked system shown to a role without need-to-know keeps its place in the register
// (unit, status, criticality) with the rest masked.
export const systemOut = z.object({
  ...registerOut,
  ...secrecyOut,
  name: z.string().nullable(),
  description: z.string().nullable(),
  responsibleUnitId: z.uuid(),
  responsibleUnit: refOut,
  systemOwner: z.string().nullable(),
  systemAdministrators: z.array(z.string()),
  operationsResponsible: z.string().nullable(),
  supplier: z.string().nullable(),
  hosting: z.enum(hostingTypes).nullable(),
  authenticationMethod: z.enum(authenticationMethods).nullable(),
  critical: z.boolean(),
  lifecycleStatus: z.enum(lifecycleStatuses),
  lastReviewedOn: z.string().nullable(),
  costs: z.array(costLineOut),
  informationAssets: z.array(refOut),
  // D1-23: the effective protection level per aspect, never below the maximum over its information
  protectionLevel: z.object({
    confidentiality: z.number().int(),
    integrity: z.number().int(),
    availability: z.number().int(),
    traceability: z.number().int(),
  }),
});
export type SystemOut = z.infer<typeof systemOut>;

export const systemListItem = systemOut.omit({ costs: true, informationAssets: true, protectionLevel: true }).extend({
  costTotals: z.array(z.object({ year: z.number().int(), amountSek: z.number() })),
});
export type SystemListItem = z.infer<typeof systemListItem>;

export const systemSorts = ['name', 'updatedAt', 'createdAt', 'lifecycleStatus'] as const;

export const systemListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  unitId: z.uuid().optional(),
  owner: z.string().trim().max(200).optional(),
  status: z.enum(lifecycleStatuses).optional(),
  // D1-13: entries whose accuracy was last confirmed before this date (or never)
  reviewedBefore: z.iso.date().optional(),
  critical: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type SystemListQuery = z.infer<typeof systemListQuery>;

export const systemPage = pageOf(systemListItem);
