import { z } from 'zod';
import { supplierTypes } from '../../../shared/enums.js';
import { requiredText } from '../../platform/schema-helpers.js';
import { followUpAreas } from './follow-up-templates.shipped.js';

export const templateItem = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9._-]+$/),
  area: z.enum(followUpAreas),
  text: requiredText(2000),
  evidenceRequired: z.boolean(),
  // requirement IDs from the catalogue, e.g. D0-19
  sources: z.array(z.string().trim().min(1).max(40)).max(20),
});

export const templateParams = z.strictObject({ supplierType: z.enum(supplierTypes) });

export const templatePut = z.strictObject({ items: z.array(templateItem).min(1).max(200) });
export type TemplatePut = z.infer<typeof templatePut>;

export const templateOut = z.object({
  supplierType: z.enum(supplierTypes),
  items: z.array(templateItem),
  // false: the list Tillit ships (from the seeds); true: the tenant's own wording
  custom: z.boolean(),
  // 0 for the shipped list; sent back in If-Match to change it
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type TemplateOut = z.infer<typeof templateOut>;

export const templateList = z.object({ items: z.array(templateOut) });
