import { z } from 'zod';
import { measureOrigins, measureStatuses, priorities } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, registerOut, requiredText, secrecyIn, secrecyOut } from '../../platform/schema-helpers.js';

// The API speaks kronor with at most two decimals; the database keeps integer öre.
export const sekIn = z.number().min(0).max(1_000_000_000).multipleOf(0.01);

const ids = z.array(z.uuid()).max(50);

export const measureCreate = z.strictObject({
  title: requiredText(300),
  description: optionalText(5000),
  origin: z.enum(measureOrigins),
  // the record the measure comes from: a risk ('risk'), a requirement ('gap'), a log-review follow-up
  // ('log_review'); for other origins any id the originating module uses
  originId: z.uuid().nullable().optional(),
  // D1-11: what the measure rests on when no record is linked (needs analysis, follow-up finding …)
  basis: optionalText(2000),
  systemId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: z.iso.date().nullable().optional(),
  priority: z.enum(priorities).optional(),
  plannedCostSek: sekIn.nullable().optional(),
  actualCostSek: sekIn.nullable().optional(),
  status: z.enum(measureStatuses).optional(),
  completedOn: z.iso.date().nullable().optional(),
  riskIds: ids.optional(),
  goalIds: ids.optional(),
  secret: secrecyIn.secret.optional(),
  secrecyProvision: secrecyIn.secrecyProvision,
});
export type MeasureCreate = z.infer<typeof measureCreate>;

export const measurePatch = measureCreate.partial();
export type MeasurePatch = z.infer<typeof measurePatch>;

const personOut = z.object({ id: z.uuid(), displayName: z.string() }).nullable();

export const measureOut = z.object({
  ...registerOut,
  ...secrecyOut,
  title: z.string().nullable(),
  description: z.string().nullable(),
  origin: z.enum(measureOrigins),
  originId: z.uuid().nullable(),
  basis: z.string().nullable(),
  systemId: z.uuid().nullable(),
  system: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  unitId: z.uuid().nullable(),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  ownerUserId: z.uuid().nullable(),
  owner: personOut,
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  priority: z.enum(priorities),
  plannedCostSek: z.number().nullable(),
  actualCostSek: z.number().nullable(),
  status: z.enum(measureStatuses),
  completedOn: z.string().nullable(),
  risks: z.array(z.object({ id: z.uuid(), title: z.string().nullable() })),
  goals: z.array(z.object({ id: z.uuid(), code: z.string(), text: z.string() })),
  // the action plans (and their activities) that hold the measure; on a single measure, not in lists
  plans: z
    .array(z.object({ id: z.uuid(), year: z.number().int(), title: z.string(), activityId: z.uuid(), activityTitle: z.string() }))
    .optional(),
});
export type MeasureOut = z.infer<typeof measureOut>;

export const measureSorts = ['dueOn', 'priority', 'updatedAt', 'title', 'createdAt'] as const;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional();

export const measureListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  status: csv(measureStatuses),
  origin: z.enum(measureOrigins).optional(),
  systemId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  ownerUserId: z.uuid().optional(),
  riskId: z.uuid().optional(),
  goalId: z.uuid().optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type MeasureListQuery = z.infer<typeof measureListQuery>;

export const measurePage = pageOf(measureOut);
