import { z } from 'zod';
import { aspects, requirementAreas, requirementKinds } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { nationalSecurityRefusal } from '../classification/classification.defaults.js';
import { optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';

// A code people type and sort by: letters, digits and a few separators, no leading separator.
export const requirementCode = requiredText(40).regex(/^[\p{L}\p{N}][\p{L}\p{N}._\-/ ]*$/u, {
  message: 'Koden får bara innehålla bokstäver, siffror, mellanslag och tecknen . _ - /',
});

const fields = {
  code: requirementCode,
  text: requiredText(2000),
  guidance: optionalText(5000),
  aspect: z.enum(aspects),
  // 4 (national security) gets its own explanation: such requirements do not belong in Tillit
  minLevel: z
    .number()
    .int()
    .min(1)
    .max(4)
    .refine((v) => v < 4, { message: 'national_security', params: nationalSecurityRefusal }),
  kind: z.enum(requirementKinds),
  area: z.enum(requirementAreas),
  source: optionalText(200),
};

export const requirementCreate = z.strictObject({
  ...fields,
  kind: fields.kind.optional(),
  area: fields.area.optional(),
});
export type RequirementCreate = z.infer<typeof requirementCreate>;

export const requirementPatch = z.strictObject(fields).partial();
export type RequirementPatch = z.infer<typeof requirementPatch>;

export const requirementOut = z.object({
  ...registerOut,
  code: z.string(),
  text: z.string(),
  guidance: z.string().nullable(),
  aspect: z.enum(aspects),
  minLevel: z.number().int(),
  kind: z.enum(requirementKinds),
  area: z.enum(requirementAreas),
  source: z.string().nullable(),
});
export type RequirementOut = z.infer<typeof requirementOut>;

export const requirementSorts = ['code', 'updatedAt', 'createdAt'] as const;

export const requirementListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  aspect: z.enum(aspects).optional(),
  kind: z.enum(requirementKinds).optional(),
  area: z.enum(requirementAreas).optional(),
  // the requirements that apply at this level: min_level <= minLevel
  minLevel: z.coerce.number().int().min(1).max(3).optional(),
});
export type RequirementListQuery = z.infer<typeof requirementListQuery>;

export const requirementPage = pageOf(requirementOut);

export const starterResult = z.object({ added: z.number().int(), skipped: z.number().int() });

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const importRow = z.object({
  row: z.number().int(),
  code: z.string(),
  text: z.string(),
  guidance: z.string().nullable(),
  aspect: z.enum(aspects),
  minLevel: z.number().int(),
  kind: z.enum(requirementKinds),
  area: z.enum(requirementAreas),
  source: z.string().nullable(),
  // what an import would do with the row: a code not in the catalogue is created, a known one updated
  action: z.enum(['create', 'update']),
});
export type ImportPreviewRow = z.infer<typeof importRow>;

export const importResult = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.array(importRow),
});
