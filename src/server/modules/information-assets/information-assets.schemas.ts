import { z } from 'zod';
import { personalDataLevels } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, refOut, registerOut, requiredText, secrecyIn, secrecyOut } from '../../platform/schema-helpers.js';

export const assetCreate = z.strictObject({
  name: requiredText(200),
  description: optionalText(5000),
  owner: optionalText(200),
  unitId: z.uuid(),
  personalData: z.enum(personalDataLevels).optional(),
  systemIds: z.array(z.uuid()).max(200).optional(),
  secret: secrecyIn.secret.optional(),
  secrecyProvision: secrecyIn.secrecyProvision,
});
export type AssetCreate = z.infer<typeof assetCreate>;

export const assetPatch = assetCreate.partial();
export type AssetPatch = z.infer<typeof assetPatch>;

export const assetOut = z.object({
  ...registerOut,
  ...secrecyOut,
  name: z.string().nullable(),
  description: z.string().nullable(),
  owner: z.string().nullable(),
  unitId: z.uuid(),
  unit: refOut,
  personalData: z.enum(personalDataLevels),
  systemIds: z.array(z.uuid()),
  systems: z.array(refOut),
  // the current classification (issue 5), null when never classified
  classification: z
    .object({
      confidentiality: z.number().int(),
      integrity: z.number().int(),
      availability: z.number().int(),
      traceability: z.number().int(),
      classifiedAt: z.string(),
      nextReviewOn: z.string(),
      reviewDue: z.boolean(),
    })
    .nullable(),
});
export type AssetOut = z.infer<typeof assetOut>;

export const assetListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  unitId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  personalData: z.enum(personalDataLevels).optional(),
});
export type AssetListQuery = z.infer<typeof assetListQuery>;

export const assetSorts = ['name', 'updatedAt', 'createdAt'] as const;
export const assetPage = pageOf(assetOut);
