import { z } from 'zod';
import { aspects, deficiencyLevels, gapStatuses, priorities, requirementAreas, requirementKinds } from '../../../shared/enums.js';
import { optionalText } from '../../platform/schema-helpers.js';

export const gapParams = z.strictObject({ id: z.uuid(), requirementId: z.uuid() });

export const gapQuery = z.object({
  // not_assessed: applicable requirements nobody has assessed yet
  status: z.enum([...gapStatuses, 'not_assessed']).optional(),
  aspect: z.enum(aspects).optional(),
  kind: z.enum(requirementKinds).optional(),
  area: z.enum(requirementAreas).optional(),
});
export type GapQuery = z.infer<typeof gapQuery>;

// Only web links: a javascript: or file: URL must never become a clickable link in the table.
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(v), {
    message: 'not_http_url',
    params: {
      sv: 'Ange en webbadress som börjar med http:// eller https://.',
      en: 'Enter a web address that starts with http:// or https://.',
    },
  });

export const gapAssessIn = z.strictObject({
  status: z.enum(gapStatuses),
  notApplicableReason: optionalText(2000),
  deficiency: z.enum(deficiencyLevels).nullable().optional(),
  howMet: optionalText(5000),
  evidenceUrl: z
    .union([httpUrl, z.literal('')])
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v)),
  // D2-24: a requirement assessed as partly met or missing gets a measure unless this is false
  createMeasure: z.boolean().optional(),
  measure: z
    .strictObject({
      title: optionalText(300),
      dueOn: z.iso.date().nullable().optional(),
      ownerUserId: z.uuid().nullable().optional(),
      priority: z.enum(priorities).optional(),
    })
    .optional(),
});
export type GapAssessIn = z.infer<typeof gapAssessIn>;

const levels = z.object({
  confidentiality: z.number().int(),
  integrity: z.number().int(),
  availability: z.number().int(),
  traceability: z.number().int(),
});

export const gapRequirement = z.object({
  id: z.uuid(),
  code: z.string(),
  text: z.string(),
  guidance: z.string().nullable(),
  aspect: z.enum(aspects),
  minLevel: z.number().int(),
  kind: z.enum(requirementKinds),
  area: z.enum(requirementAreas),
});

export const gapAssessment = z.object({
  version: z.number().int(),
  status: z.enum(gapStatuses),
  // null for a viewer who sees the secret system masked
  notApplicableReason: z.string().nullable(),
  deficiency: z.enum(deficiencyLevels).nullable(),
  howMet: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  // The linked measure as the viewer may see it: access 'none' = a measure exists that the viewer may
  // not read (no id, no title); 'masked' = a secret measure shown without its title.
  measure: z
    .object({ id: z.uuid().nullable(), title: z.string().nullable(), status: z.string(), access: z.enum(['full', 'masked', 'none']) })
    .nullable(),
  assessedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  assessedAt: z.string(),
});
export type GapAssessment = z.infer<typeof gapAssessment>;

export const gapItem = z.object({
  requirement: gapRequirement,
  assessment: gapAssessment.nullable(),
  applicable: z.boolean(),
});
export type GapItem = z.infer<typeof gapItem>;

export const gapSummary = z.object({
  applicable: z.number().int(),
  exists: z.number().int(),
  partly: z.number().int(),
  missing: z.number().int(),
  notApplicable: z.number().int(),
  notAssessed: z.number().int(),
});
export type GapSummary = z.infer<typeof gapSummary>;

export const gapAnalysisOut = z.object({
  system: z.object({ id: z.uuid(), name: z.string().nullable(), masked: z.boolean(), secret: z.boolean() }),
  protectionLevel: levels,
  // false while none of the system's information assets is classified and no level was raised
  classified: z.boolean(),
  canAssess: z.boolean(),
  summary: gapSummary,
  items: z.array(gapItem),
  noLongerApplicable: z.array(gapItem),
});
export type GapAnalysisOut = z.infer<typeof gapAnalysisOut>;
