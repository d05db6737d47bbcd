import { z } from 'zod';
import { listQueryBase } from '../../platform/http.js';
import { calendarDate, optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';

export { contractClauses, responsibilityItems, type ContractClause, type ResponsibilityItem } from '../../../shared/enums.js';
import { contractClauses, responsibilityItems, type ContractClause, type ResponsibilityItem } from '../../../shared/enums.js';
export const responsibilityParties = ['supplier', 'municipality', 'shared'] as const;

const clauseIn = z.strictObject({
  included: z.boolean(),
  disclaimer: z.boolean().default(false),
  note: optionalText(2000),
});
const clausesIn = z.strictObject(
  Object.fromEntries(contractClauses.map((k) => [k, clauseIn.optional()])) as Record<ContractClause, z.ZodOptional<typeof clauseIn>>,
);
const responsibilitiesIn = z.strictObject(
  Object.fromEntries(responsibilityItems.map((k) => [k, z.enum(responsibilityParties).nullable().optional()])) as Record<
    ResponsibilityItem,
    z.ZodOptional<z.ZodNullable<z.ZodEnum<{ [K in (typeof responsibilityParties)[number]]: K }>>>
  >,
);

export const contractCreate = z.strictObject({
  supplierId: z.uuid(),
  title: requiredText(300),
  reference: optionalText(100),
  parties: optionalText(1000),
  startsOn: calendarDate().nullable().optional(),
  endsOn: calendarDate().nullable().optional(),
  // D1-19: the other municipalities of a joint procurement (the checklist applies all the same)
  jointProcurement: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  dataProcessingAgreement: z.boolean().optional(),
  dataProcessingAgreementOn: calendarDate().nullable().optional(),
  systemIds: z.array(z.uuid()).max(200).optional(),
  clauses: clausesIn.optional(),
  responsibilities: responsibilitiesIn.optional(),
  note: optionalText(10_000),
});
export type ContractCreate = z.infer<typeof contractCreate>;

export const contractPatch = contractCreate.omit({ supplierId: true }).partial();
export type ContractPatch = z.infer<typeof contractPatch>;

const clauseOut = z.object({ included: z.boolean(), disclaimer: z.boolean(), note: z.string().nullable() });

export const contractWarnings = ['critical-clause-gaps', 'disclaimers', 'no-data-processing-agreement'] as const;

export const contractOut = z.object({
  ...registerOut,
  supplierId: z.uuid(),
  supplier: z.object({ id: z.uuid(), name: z.string() }),
  title: z.string(),
  reference: z.string().nullable(),
  parties: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  jointProcurement: z.array(z.string()),
  dataProcessingAgreement: z.boolean(),
  dataProcessingAgreementOn: z.string().nullable(),
  systemIds: z.array(z.uuid()),
  // name null when the viewer may not see the system's name
  systems: z.array(z.object({ id: z.uuid(), name: z.string().nullable(), critical: z.boolean() })),
  // D1-18: the contract covers a critical system, so the checklist is mandatory
  critical: z.boolean(),
  clauses: z.object(Object.fromEntries(contractClauses.map((k) => [k, clauseOut])) as Record<ContractClause, typeof clauseOut>),
  // the checklist's clauses not included, and those with a disclaimer
  clauseGaps: z.array(z.enum(contractClauses)),
  disclaimers: z.array(z.enum(contractClauses)),
  responsibilities: z.object(
    Object.fromEntries(responsibilityItems.map((k) => [k, z.enum(responsibilityParties).nullable()])) as Record<
      ResponsibilityItem,
      z.ZodNullable<z.ZodEnum<{ [K in (typeof responsibilityParties)[number]]: K }>>
    >,
  ),
  note: z.string().nullable(),
  warnings: z.array(z.enum(contractWarnings)),
});
export type ContractOut = z.infer<typeof contractOut>;

export const contractSorts = ['title', 'endsOn', 'updatedAt'] as const;

export const contractListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  supplierId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
export type ContractListQuery = z.infer<typeof contractListQuery>;
export const contractPage = pageOf(contractOut);
