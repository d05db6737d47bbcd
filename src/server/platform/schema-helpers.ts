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

// A calendar date as YYYY-MM-DD. Years outside 1900–2200 are typing mistakes (and year 0000, which
// the format lets through, is no date at all to the database): refused with a field error, like
// the instants of the incident reports.
export const calendarDate = () =>
  z.iso.date().refine((v) => v >= '1900-01-01' && v <= '2200-12-31', {
    params: { sv: 'Ange ett datum mellan år 1900 och 2200.', en: 'Enter a date between the years 1900 and 2200.' },
  });
