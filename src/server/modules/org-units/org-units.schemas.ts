import { z } from 'zod';
import { orgUnitTypes } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';

export const orgUnitCreate = z.strictObject({
  name: requiredText(200),
  type: z.enum(orgUnitTypes),
  parentId: z.uuid().nullable().optional(),
  description: optionalText(2000),
});
export type OrgUnitCreate = z.infer<typeof orgUnitCreate>;

export const orgUnitPatch = orgUnitCreate.partial();
export type OrgUnitPatch = z.infer<typeof orgUnitPatch>;

export const orgUnitOut = z.object({
  ...registerOut,
  name: z.string(),
  type: z.enum(orgUnitTypes),
  parentId: z.uuid().nullable(),
  description: z.string().nullable(),
});
export type OrgUnitOut = z.infer<typeof orgUnitOut>;

export const orgUnitListQuery = z.object({
  ...listQueryBase,
  // an organisation tree is small; the default page holds a whole municipality
  limit: z.coerce.number().int().min(1).max(500).default(500),
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  type: z.enum(orgUnitTypes).optional(),
  parentId: z.uuid().optional(),
});
export type OrgUnitListQuery = z.infer<typeof orgUnitListQuery>;

export const orgUnitSorts = ['name', 'updatedAt'] as const;
export const orgUnitPage = pageOf(orgUnitOut);
