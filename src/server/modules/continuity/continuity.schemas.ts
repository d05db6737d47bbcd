import { z } from 'zod';
import { continuityDocumentKinds, reserveScenarios } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, registerOut, requiredText, secrecyIn, secrecyOut } from '../../platform/schema-helpers.js';

const ids = z.array(z.uuid()).max(100);
const nameRef = z.object({ id: z.uuid(), name: z.string().nullable() });

// D1-26, D1-41: the continuity of one system. PUT replaces it whole (If-Match: the version shown);
// a field left out is cleared.
export const systemContinuityIn = z.strictObject({
  // minutes; the UI shows hours and minutes (at most a year)
  acceptedOutageMinutes: z.number().int().min(1).max(525_600).nullable().optional(),
  outageDecidedBy: optionalText(300),
  outageDecidedOn: z.iso.date().nullable().optional(),
  outageDnr: optionalText(100),
  vitalActivity: optionalText(2000),
  emergencyProcedure: optionalText(10_000),
  dependencySystemIds: ids.default([]),
  dependencySupplierIds: ids.default([]),
});
export type SystemContinuityIn = z.infer<typeof systemContinuityIn>;

export const systemContinuityOut = z.object({
  systemId: z.uuid(),
  system: z.object({ id: z.uuid(), name: z.string().nullable(), critical: z.boolean() }),
  // 0 until the continuity is first saved
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  secret: z.boolean(),
  masked: z.boolean(),
  allowedActions: z.array(z.enum(['read', 'update'])),
  acceptedOutageMinutes: z.number().int().nullable(),
  outageDecidedBy: z.string().nullable(),
  outageDecidedOn: z.string().nullable(),
  outageDnr: z.string().nullable(),
  vitalActivity: z.string().nullable(),
  emergencyProcedure: z.string().nullable(),
  dependencySystems: z.array(nameRef),
  dependencySuppliers: z.array(nameRef),
  // from the exercise register and the decided restore order
  lastExerciseOn: z.string().nullable(),
  nextExerciseDueOn: z.string().nullable(),
  exerciseOverdue: z.boolean(),
  restoreRank: z.number().int().nullable(),
});
export type SystemContinuityOut = z.infer<typeof systemContinuityOut>;

// D0-26: each scenario answered yes (covered) or no (not covered: a gap).
export const scenariosIn = z.strictObject({
  powerOutage: z.boolean().optional(),
  mobileNetwork: z.boolean().optional(),
  network: z.boolean().optional(),
  plannedDowntime: z.boolean().optional(),
  unplannedDowntime: z.boolean().optional(),
});
export type ScenariosIn = z.infer<typeof scenariosIn>;
const scenariosOut = z.object({
  powerOutage: z.boolean().nullable(),
  mobileNetwork: z.boolean().nullable(),
  network: z.boolean().nullable(),
  plannedDowntime: z.boolean().nullable(),
  unplannedDowntime: z.boolean().nullable(),
});
export type ScenariosOut = z.infer<typeof scenariosOut>;

export const documentCreate = z.strictObject({
  kind: z.enum(continuityDocumentKinds),
  systemId: z.uuid().nullable().optional(),
  supplierId: z.uuid().nullable().optional(),
  title: requiredText(300),
  content: optionalText(20_000),
  // a link or the place the document is kept
  link: optionalText(2000),
  documentedOn: z.iso.date().nullable().optional(),
  implementedOn: z.iso.date().nullable().optional(),
  reviewOn: z.iso.date().nullable().optional(),
  scenarios: scenariosIn.optional(),
  involvedSupplierIds: ids.optional(),
  secret: secrecyIn.secret.optional(),
  secrecyProvision: secrecyIn.secrecyProvision,
});
export type DocumentCreate = z.infer<typeof documentCreate>;

// The kind and the owner (system or supplier) are fixed once the document exists.
export const documentPatch = documentCreate.omit({ kind: true, systemId: true, supplierId: true }).partial();
export type DocumentPatch = z.infer<typeof documentPatch>;

export const documentOut = z.object({
  ...registerOut,
  ...secrecyOut,
  kind: z.enum(continuityDocumentKinds),
  systemId: z.uuid().nullable(),
  system: nameRef.nullable(),
  supplierId: z.uuid().nullable(),
  supplier: nameRef.nullable(),
  title: z.string().nullable(),
  content: z.string().nullable(),
  link: z.string().nullable(),
  documentedOn: z.string().nullable(),
  implementedOn: z.string().nullable(),
  reviewOn: z.string().nullable(),
  reviewOverdue: z.boolean(),
  scenarios: scenariosOut,
  // D0-26: scenarios not answered or answered "not covered"
  missingScenarios: z.array(z.enum(reserveScenarios)),
  involvedSuppliers: z.array(nameRef),
});
export type DocumentOut = z.infer<typeof documentOut>;

export const documentSorts = ['title', 'reviewOn', 'updatedAt'] as const;

export const documentListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  kind: z.enum(continuityDocumentKinds).optional(),
  systemId: z.uuid().optional(),
  supplierId: z.uuid().optional(),
});
export type DocumentListQuery = z.infer<typeof documentListQuery>;
export const documentPage = pageOf(documentOut);

export const overviewGaps = [
  'no_accepted_outage',
  'no_plan',
  'plan_not_implemented',
  'no_restore_plan',
  'review_overdue',
  'exercise_overdue',
  'no_restore_rank',
] as const;

// D1-25 gap report, with D1-26, D1-27, D1-42 and D0-26 on the same page.
export const overviewOut = z.object({
  today: z.string(),
  systems: z.array(
    z.object({
      id: z.uuid(),
      name: z.string().nullable(),
      unit: nameRef,
      acceptedOutageMinutes: z.number().int().nullable(),
      outageDecided: z.boolean(),
      planDocumented: z.boolean(),
      planImplemented: z.boolean(),
      restorePlan: z.boolean(),
      reviewOverdue: z.boolean(),
      lastExerciseOn: z.string().nullable(),
      nextExerciseDueOn: z.string().nullable(),
      exerciseOverdue: z.boolean(),
      restoreRank: z.number().int().nullable(),
      gaps: z.array(z.enum(overviewGaps)),
    }),
  ),
  suppliers: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      routines: z.number().int(),
      missingScenarios: z.array(z.enum(reserveScenarios)),
      gap: z.boolean(),
    }),
  ),
  // D1-54: the incident-handling process is exercised too (at least yearly, as D1-42)
  incidentHandling: z.object({ lastExerciseOn: z.string().nullable(), overdue: z.boolean() }),
  restorePriority: z.object({ id: z.uuid(), decidedOn: z.string().nullable(), dnr: z.string().nullable() }).nullable(),
});
export type OverviewOut = z.infer<typeof overviewOut>;
