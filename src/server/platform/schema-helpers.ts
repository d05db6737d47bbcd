import { z } from 'zod';

// Optional free text: blank input is stored as null, so "cleared" and "never set" look the same.
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const refOut = z.object({ id: z.uuid(), name: z.string() });

export const registerOut = {
  id: z.uuid(),
  version: z.number().int(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  allowedActions: z.array(z.enum(['read', 'update', 'archive', 'restore'])),
};

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// Secrecy marking (OSL): in requests and in every register object. `masked` tells the client that
// the content is withheld from this viewer (fields are null or empty), not that it is empty.
export const secrecyIn = {
  secret: z.boolean(),
  secrecyProvision: optionalText(200),
};
export const secrecyOut = {
  secret: z.boolean(),
  secrecyProvision: z.string().nullable(),
  masked: z.boolean(),
};
