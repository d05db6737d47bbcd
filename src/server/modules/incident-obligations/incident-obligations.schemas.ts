import { z } from 'zod';
import { obligationApplies, obligationCodes } from '../../../shared/enums.js';
import { optionalText, requiredText } from '../../platform/schema-helpers.js';

const text = z.object({ sv: z.string(), en: z.string() });

// The deadline rule of a regime version (reporting_regimes.deadline). `asap` is a law that says
// "snarast" / "without undue delay": the hours are the municipality's own target, not the law's.
export const regimeDeadline = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hours'), hours: z.number().int().min(1).max(8760) }),
  z.strictObject({
    kind: z.literal('months-after'),
    after: z.enum(obligationCodes),
    months: z.number().int().min(1).max(24),
  }),
  z.strictObject({ kind: z.literal('asap'), targetHours: z.number().int().min(1).max(8760) }),
]);
export type RegimeDeadlineIn = z.infer<typeof regimeDeadline>;

export const regimeField = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,39}$/),
  sv: requiredText(300),
  en: requiredText(300),
});

// One field the authority's form asks for, in the request's language.
const fieldOut = z.object({ key: z.string(), label: z.string() });

export const regimeOut = z.object({
  id: z.uuid(),
  code: z.enum(obligationCodes),
  version: z.number().int(),
  validFrom: z.string(),
  // a tenant's own version (true) or the one shipped with Tillit
  own: z.boolean(),
  name: z.string(),
  recipient: z.string(),
  legalBasis: z.string(),
  deadline: regimeDeadline,
  // the deadline is the municipality's target for a law that says "snarast"
  localTarget: z.boolean(),
  fields: z.array(fieldOut),
  note: z.string().nullable(),
  link: z.string().nullable(),
  // both languages, so a new version can start from this one
  texts: z.object({
    name: text,
    recipient: text,
    note: text.nullable(),
    fields: z.array(z.object({ key: z.string(), sv: z.string(), en: z.string() })),
  }),
});
export type RegimeOut = z.infer<typeof regimeOut>;

// What an incident holds per regime (the contract: code, applies, dueAt, submittedAt …). Times are ISO
// 8601 with offset. The draft report is secret content and is read through its own route.
export const obligationSchema = z.object({
  id: z.uuid(),
  code: z.enum(obligationCodes),
  applies: z.enum(obligationApplies),
  appliesReason: z.string().nullable(),
  dueAt: z.string(),
  submittedAt: z.string().nullable(),
  reference: z.string().nullable(),
  lateReason: z.string().nullable(),
  // open (applies yes/unassessed, not submitted) and past its due time
  overdue: z.boolean(),
  // submitted after its due time
  late: z.boolean(),
  // the due time is a local target ("snarast"), not a time limit in law
  localTarget: z.boolean(),
  // how many of the draft's fields hold an answer (the answers themselves via …/draft)
  draftFilled: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  regime: z.object({
    id: z.uuid(),
    version: z.number().int(),
    name: z.string(),
    recipient: z.string(),
    legalBasis: z.string(),
    note: z.string().nullable(),
    link: z.string().nullable(),
    fields: z.array(fieldOut),
  }),
});
export type ObligationView = z.infer<typeof obligationSchema>;

export const obligationParams = z.strictObject({ id: z.uuid(), code: z.string().max(60) });

const instant = z.iso.datetime({ offset: true });

export const obligationPatch = z.strictObject({
  applies: z.enum(obligationApplies).optional(),
  appliesReason: optionalText(2000),
  submittedAt: instant.nullable().optional(),
  reference: optionalText(200),
  lateReason: optionalText(2000),
});
export type ObligationPatch = z.infer<typeof obligationPatch>;

// a regime has at most 40 fields (regimeCreate): more answers than that can only be a wrong body
export const draftIn = z.strictObject({
  answers: z
    .record(z.string().max(40), z.string().max(20_000))
    .refine((a) => Object.keys(a).length <= 40, {
      params: { sv: 'Högst 40 svar.', en: 'At most 40 answers.' },
    })
    .default({}),
});
export type DraftIn = z.infer<typeof draftIn>;

export const draftOut = z.object({
  code: z.enum(obligationCodes),
  answers: z.record(z.string(), z.string()),
  fields: z.array(fieldOut),
  version: z.number().int(),
});
export type DraftOut = z.infer<typeof draftOut>;

export const regimeCreate = z.strictObject({
  code: z.enum(obligationCodes),
  validFrom: z.iso.date(),
  name: z.strictObject({ sv: requiredText(200), en: requiredText(200) }),
  recipient: z.strictObject({ sv: requiredText(200), en: requiredText(200) }),
  legalBasis: requiredText(300),
  deadline: regimeDeadline,
  fields: z.array(regimeField).max(40).optional(),
  note: z
    .strictObject({ sv: z.string().trim().max(2000), en: z.string().trim().max(2000) })
    .nullable()
    .optional(),
  link: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional(),
});
export type RegimeCreate = z.infer<typeof regimeCreate>;

export const regimeList = z.object({ items: z.array(regimeOut), history: z.array(regimeOut) });

export const langText = text;
