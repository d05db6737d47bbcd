import { z } from 'zod';
import {
  costPayers,
  incidentSeverities,
  incidentStatuses,
  incidentTypes,
  personalDataInvolved,
  priorities,
} from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, refOut, registerOut, requiredText, secrecyIn, secrecyOut } from '../../platform/schema-helpers.js';
import { obligationSchema } from '../incident-obligations/incident-obligations.schemas.js';
import { sekIn } from '../measures/measures.schemas.js';

// An instant as the contract asks: ISO 8601 with an offset (or Z). Years outside 1900–2200 are typing
// mistakes, and far-off values would only make the clocks computed from them meaningless.
const instant = z.iso.datetime({ offset: true }).refine(
  (v) => {
    const y = new Date(v).getUTCFullYear();
    return y >= 1900 && y <= 2200;
  },
  { params: { sv: 'Ange en tidpunkt mellan år 1900 och 2200.', en: 'Enter a time between the years 1900 and 2200.' } },
);
const ids = z.array(z.uuid()).max(50);
const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional();

// The short report form everyone may use (D1-52): what happened and when it was noticed; the rest is
// for the handler to fill in.
export const incidentCreate = z.strictObject({
  title: requiredText(300),
  awareAt: instant,
  reportText: optionalText(10_000),
  occurredAt: instant.nullable().optional(),
  type: z.enum(incidentTypes).optional(),
  systemIds: ids.optional(),
});
export type IncidentCreate = z.infer<typeof incidentCreate>;

// Triage by the handler (coordinator, system owner …). Every field optional; null clears.
export const incidentPatch = z.strictObject({
  title: requiredText(300).optional(),
  type: z.enum(incidentTypes).optional(),
  categoryId: z.uuid().nullable().optional(),
  severity: z.enum(incidentSeverities).nullable().optional(),
  status: z.enum(incidentStatuses).optional(),
  occurredAt: instant.nullable().optional(),
  awareAt: instant.optional(),
  containedAt: instant.nullable().optional(),
  resolvedAt: instant.nullable().optional(),
  outageStartedAt: instant.nullable().optional(),
  outageEndedAt: instant.nullable().optional(),
  systemIds: ids.optional(),
  assetIds: ids.optional(),
  unitIds: ids.optional(),
  supplierIds: ids.optional(),
  personalData: z.enum(personalDataInvolved).optional(),
  personalDataNote: optionalText(5000),
  description: optionalText(20_000),
  consequences: optionalText(20_000),
  conclusions: optionalText(20_000),
  lessons: optionalText(20_000),
  prevention: optionalText(20_000),
  handlingHours: z.number().min(0).max(99_999_999).multipleOf(0.01).nullable().optional(),
  handlingCostSek: sekIn.nullable().optional(),
  costPayer: z.enum(costPayers).nullable().optional(),
  handlerUserId: z.uuid().nullable().optional(),
  handlingUnitId: z.uuid().nullable().optional(),
  crisisDecision: optionalText(5000),
  publicStatus: optionalText(500),
  onStatusPage: z.boolean().optional(),
  faultLocationUnclear: z.boolean().optional(),
  secret: secrecyIn.secret.optional(),
  secrecyProvision: secrecyIn.secrecyProvision,
});
export type IncidentPatch = z.infer<typeof incidentPatch>;

const person = z.object({ id: z.uuid(), displayName: z.string() });
const named = z.object({ id: z.uuid(), name: z.string().nullable() });
const at = z.string().nullable();

export const entryOut = z.object({
  id: z.uuid(),
  kind: z.enum(['action', 'crisis', 'system']),
  at: z.string(),
  text: z.string(),
  party: z.enum(['municipality', 'supplier']),
  author: person.nullable(),
});
export type EntryOut = z.infer<typeof entryOut>;

// The next report due to an authority (open obligation that applies or is not yet assessed).
const nextDeadline = z.object({ code: z.string(), dueAt: z.string(), overdue: z.boolean() }).nullable();

export const incidentListItem = z.object({
  ...registerOut,
  ...secrecyOut,
  number: z.number().int(),
  // INC-<year reported>-<number>, for people to refer to
  reference: z.string(),
  title: z.string().nullable(),
  type: z.enum(incidentTypes),
  severity: z.enum(incidentSeverities).nullable(),
  status: z.enum(incidentStatuses),
  awareAt: z.string(),
  reportedAt: z.string(),
  crisis: z.boolean(),
  personalData: z.enum(personalDataInvolved).nullable(),
  handlingUnit: refOut.nullable(),
  systems: z.array(named),
  nextDeadline,
});
export type IncidentListItem = z.infer<typeof incidentListItem>;

const outageSystem = z.object({
  systemId: z.uuid(),
  name: z.string().nullable(),
  critical: z.boolean(),
  acceptedOutageMinutes: z.number().int().nullable(),
  exceeded: z.boolean(),
  continuityPlanIds: z.array(z.uuid()),
});

export const incidentOut = incidentListItem.extend({
  reportText: z.string().nullable(),
  category: named.nullable(),
  occurredAt: at,
  containedAt: at,
  resolvedAt: at,
  closedAt: at,
  // the outage as the handler stated it (the comparison below falls back to other times)
  outageStartedAt: at,
  outageEndedAt: at,
  reporter: person.nullable(),
  reporterSupplier: named.nullable(),
  route: z.object({ id: z.uuid(), name: z.string(), instructions: z.string().nullable() }).nullable(),
  handler: person.nullable(),
  systemIds: z.array(z.uuid()),
  assetIds: z.array(z.uuid()),
  unitIds: z.array(z.uuid()),
  supplierIds: z.array(z.uuid()),
  assets: z.array(named),
  units: z.array(named),
  suppliers: z.array(named),
  personalDataNote: z.string().nullable(),
  description: z.string().nullable(),
  consequences: z.string().nullable(),
  conclusions: z.string().nullable(),
  lessons: z.string().nullable(),
  prevention: z.string().nullable(),
  handlingHours: z.number().nullable(),
  handlingCostSek: z.number().nullable(),
  costPayer: z.enum(costPayers).nullable(),
  crisisAt: at,
  crisisDecision: z.string().nullable(),
  publicStatus: z.string().nullable(),
  onStatusPage: z.boolean(),
  faultLocationUnclear: z.boolean(),
  escalatedAt: at,
  escalatedTo: z.string().nullable(),
  // D1-26: the outage so far against each affected system's accepted outage time
  outage: z.object({
    startedAt: at,
    endedAt: at,
    minutes: z.number().int().nullable(),
    exceeded: z.boolean(),
    continuityActivatedAt: at,
    systems: z.array(outageSystem),
  }),
  obligations: z.array(obligationSchema),
  entries: z.array(entryOut),
  measures: z.array(z.object({ id: z.uuid(), title: z.string().nullable(), status: z.string(), dueOn: z.string().nullable() })),
  can: z.object({ update: z.boolean(), addEntry: z.boolean(), createMeasure: z.boolean() }),
});
export type IncidentOut = z.infer<typeof incidentOut>;

// What a reporter sees of their own report (D1-52, D0-30): no triage content.
export const mineItem = z.object({
  id: z.uuid(),
  number: z.number().int(),
  reference: z.string(),
  title: z.string(),
  reportText: z.string().nullable(),
  type: z.enum(incidentTypes),
  status: z.enum(incidentStatuses),
  awareAt: z.string(),
  reportedAt: z.string(),
  // D0-30: both parties are responsible while the fault's location is unclear
  faultLocationUnclear: z.boolean(),
  route: z.object({ name: z.string(), instructions: z.string().nullable() }).nullable(),
  // the reporter's own timeline entries
  entries: z.array(entryOut),
});
export type MineItem = z.infer<typeof mineItem>;
export const mineList = z.object({ items: z.array(mineItem) });

export const entryCreate = z.strictObject({
  text: requiredText(5000),
  kind: z.enum(['action', 'crisis']).optional(),
  party: z.enum(['municipality', 'supplier']).optional(),
  at: instant.optional(),
});
export type EntryCreate = z.infer<typeof entryCreate>;
export const reporterEntryCreate = z.strictObject({ text: requiredText(5000) });

export const incidentMeasureCreate = z.strictObject({
  title: requiredText(300),
  description: optionalText(5000),
  ownerUserId: z.uuid().nullable().optional(),
  dueOn: z.iso.date().nullable().optional(),
  priority: z.enum(priorities).optional(),
});
export type IncidentMeasureCreate = z.infer<typeof incidentMeasureCreate>;

export const continuityActivation = z.strictObject({ note: optionalText(2000) }).optional();
export const escalationCreate = z.strictObject({ escalatedTo: requiredText(200), note: optionalText(2000) });
export type EscalationCreate = z.infer<typeof escalationCreate>;

export const incidentSorts = ['awareAt', 'number', 'severity', 'status', 'updatedAt'] as const;

export const incidentListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  status: csv(incidentStatuses),
  type: csv(incidentTypes),
  severity: csv(incidentSeverities),
  systemId: z.uuid().optional(),
  // the period the incident became known in (dates in Europe/Stockholm, both inclusive)
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  open: bool,
  crisis: bool,
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;
export const incidentPage = pageOf(incidentListItem);

export const summaryQuery = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() });
export type SummaryQuery = z.infer<typeof summaryQuery>;
const count = z.object({ key: z.string(), count: z.number().int() });
export const summaryOut = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  total: z.number().int(),
  crises: z.number().int(),
  byType: z.array(count),
  bySeverity: z.array(count),
  byStatus: z.array(count),
  byMonth: z.array(count),
  bySystem: z.array(z.object({ systemId: z.uuid(), name: z.string().nullable(), count: z.number().int() })),
});
export type SummaryOut = z.infer<typeof summaryOut>;
