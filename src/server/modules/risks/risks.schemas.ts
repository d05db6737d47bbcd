import { z } from 'zod';
import { priorities, riskTreatments } from '../../../shared/enums.js';
import { riskBands } from '../../../shared/risk-matrix.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, refOut, registerOut, requiredText, secrecyIn, secrecyOut } from '../../platform/schema-helpers.js';

const bool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
const matrixSize = z.union([z.literal(4), z.literal(5)]);
const score = z.number().int().min(1).max(5);
const ids = z.array(z.uuid()).max(100);

// --- settings ---
export const riskSettings = z.object({ matrixSize });
export type RiskSettings = z.infer<typeof riskSettings>;

// --- analyses (RSA, D1-11) ---
const analysisFields = {
  title: requiredText(200),
  scope: optionalText(5000),
  analysedOn: z.iso.date(),
  participants: z.array(z.string().trim().min(1).max(200)).max(50),
  methodNotes: optionalText(5000),
  unitId: z.uuid().nullable(),
  matrixSize,
  status: z.enum(['draft', 'completed']),
  nextUpdateOn: z.iso.date().nullable(),
  ...secrecyIn,
};
export const analysisCreate = z.strictObject({
  ...analysisFields,
  participants: analysisFields.participants.optional(),
  unitId: analysisFields.unitId.optional(),
  matrixSize: matrixSize.optional(),
  status: analysisFields.status.optional(),
  nextUpdateOn: analysisFields.nextUpdateOn.optional(),
  secret: analysisFields.secret.optional(),
});
export type AnalysisCreate = z.infer<typeof analysisCreate>;
export const analysisPatch = analysisCreate.partial();
export type AnalysisPatch = z.infer<typeof analysisPatch>;

const bandCounts = z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), very_high: z.number().int() });
export const analysisOut = z.object({
  ...registerOut,
  ...secrecyOut,
  title: z.string().nullable(),
  scope: z.string().nullable(),
  analysedOn: z.string(),
  participants: z.array(z.string()),
  methodNotes: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unit: refOut.nullable(),
  matrixSize,
  status: z.enum(['draft', 'completed']),
  nextUpdateOn: z.string().nullable(),
  // D1-11: the next update date has passed
  dueForUpdate: z.boolean(),
  riskCount: z.number().int(),
  summary: z.object({ inherent: bandCounts, residual: bandCounts.extend({ unassessed: z.number().int() }) }),
});
export type AnalysisOut = z.infer<typeof analysisOut>;
export const analysisListItem = analysisOut.omit({ summary: true });
export type AnalysisListItem = z.infer<typeof analysisListItem>;
export const analysisPage = pageOf(analysisListItem);
export const analysisSorts = ['analysedOn', 'title', 'nextUpdateOn', 'updatedAt'] as const;
export const analysisListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  unitId: z.uuid().optional(),
  status: z.enum(['draft', 'completed']).optional(),
  dueForUpdate: bool,
});
export type AnalysisListQuery = z.infer<typeof analysisListQuery>;

// --- risks (D1-02, D4-05) ---
const riskFields = {
  analysisId: z.uuid(),
  title: requiredText(200),
  threat: requiredText(5000),
  vulnerability: optionalText(5000),
  description: optionalText(5000),
  systemIds: ids,
  assetIds: ids,
  unitIds: ids,
  likelihood: score,
  consequence: score,
  residualLikelihood: score.nullable(),
  residualConsequence: score.nullable(),
  treatment: z.enum(riskTreatments).nullable(),
  treatmentNote: optionalText(5000),
  ownerUserId: z.uuid().nullable(),
  status: z.enum(['open', 'closed']),
  ...secrecyIn,
};
export const riskCreate = z.strictObject({
  ...riskFields,
  systemIds: ids.optional(),
  assetIds: ids.optional(),
  unitIds: ids.optional(),
  residualLikelihood: riskFields.residualLikelihood.optional(),
  residualConsequence: riskFields.residualConsequence.optional(),
  treatment: riskFields.treatment.optional(),
  ownerUserId: riskFields.ownerUserId.optional(),
  status: riskFields.status.optional(),
  secret: riskFields.secret.optional(),
});
export type RiskCreate = z.infer<typeof riskCreate>;
// a risk stays in its analysis: its scores are on that analysis's matrix
export const riskPatch = riskCreate.omit({ analysisId: true }).partial();
export type RiskPatch = z.infer<typeof riskPatch>;

const scoreOut = z
  .object({ likelihood: z.number().int(), consequence: z.number().int(), level: z.number().int(), band: z.enum(riskBands) })
  .nullable();
export const riskListItem = z.object({
  ...registerOut,
  ...secrecyOut,
  analysisId: z.uuid(),
  analysis: z.object({ id: z.uuid(), title: z.string().nullable(), matrixSize }),
  title: z.string().nullable(),
  threat: z.string().nullable(),
  vulnerability: z.string().nullable(),
  description: z.string().nullable(),
  systemIds: z.array(z.uuid()),
  assetIds: z.array(z.uuid()),
  unitIds: z.array(z.uuid()),
  systems: z.array(refOut),
  inherent: scoreOut,
  residual: scoreOut,
  treatment: z.enum(riskTreatments).nullable(),
  treatmentNote: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  owner: refOut.nullable(),
  approved: z.boolean(),
  approvedBy: refOut.nullable(),
  approvedAt: z.string().nullable(),
  status: z.enum(['open', 'closed']),
});
export type RiskListItem = z.infer<typeof riskListItem>;
export const riskOut = riskListItem.extend({
  assets: z.array(refOut),
  units: z.array(refOut),
  measures: z.array(z.object({ id: z.uuid(), title: z.string().nullable(), status: z.string() })),
});
export type RiskOut = z.infer<typeof riskOut>;
export const riskPage = pageOf(riskListItem);
export const riskSorts = ['level', 'title', 'updatedAt'] as const;

const riskFilters = {
  q: z.string().trim().max(200).optional(),
  analysisId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  assetId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  // the band of the inherent level, or of the residual level with bandOf=residual
  band: z.enum(riskBands).optional(),
  bandOf: z.enum(['inherent', 'residual']).optional(),
  // one cell of the heat map: likelihood and consequence of the level named by bandOf
  likelihood: z.coerce.number().int().min(1).max(5).optional(),
  consequence: z.coerce.number().int().min(1).max(5).optional(),
  treatment: z.enum([...riskTreatments, 'none']).optional(),
  ownerUserId: z.uuid().optional(),
  approved: bool,
  status: z.enum(['open', 'closed']).optional(),
};
export const riskListQuery = z.object({ ...listQueryBase, sort: z.string().max(40).optional(), ...riskFilters });
export type RiskListQuery = z.infer<typeof riskListQuery>;

export const heatMapQuery = z.object({
  ...riskFilters,
  includeArchived: listQueryBase.includeArchived,
  matrixSize: z.coerce.number().pipe(matrixSize).optional(),
});
export type HeatMapQuery = z.infer<typeof heatMapQuery>;
export const heatMapOut = z.object({
  matrixSize,
  // rows: consequence from highest to lowest; columns: likelihood from lowest to highest
  inherent: z.array(z.array(z.number().int())),
  residual: z.array(z.array(z.number().int())),
  total: z.number().int(),
  residualUnassessed: z.number().int(),
  excludedOtherSize: z.number().int(),
});

export const riskMeasureCreate = z.strictObject({
  title: requiredText(200),
  dueOn: z.iso.date().nullable().optional(),
  ownerUserId: z.uuid().nullable().optional(),
  priority: z.enum(priorities).optional(),
});
export type RiskMeasureCreate = z.infer<typeof riskMeasureCreate>;

export const ownersOut = z.object({ items: z.array(refOut) });
// with a risk or an analysis, only the people who may change risks there
export const ownersQuery = z.object({ riskId: z.uuid().optional(), analysisId: z.uuid().optional() });

// --- snapshots ---
export const snapshotCreate = z.strictObject({ year: z.number().int().min(2000).max(2100) });
const countsOf = z.record(z.string(), z.number().int());
export const snapshotRisk = z.object({
  id: z.uuid(),
  analysisId: z.uuid(),
  matrixSize,
  // null for a secret-marked risk: the frozen picture holds no secret text
  title: z.string().nullable(),
  secret: z.boolean(),
  inherent: scoreOut,
  residual: scoreOut,
  treatment: z.enum(riskTreatments).nullable(),
  status: z.enum(['open', 'closed']),
  approved: z.boolean(),
});
export type SnapshotRisk = z.infer<typeof snapshotRisk>;
export const snapshotData = z.object({
  total: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  inherent: countsOf,
  residual: countsOf,
  treatments: countsOf,
  cells: z.record(z.string(), z.object({ inherent: z.array(z.array(z.number().int())), residual: z.array(z.array(z.number().int())) })),
  risks: z.array(snapshotRisk),
});
export type SnapshotData = z.infer<typeof snapshotData>;
export const snapshotOut = z.object({
  id: z.uuid(),
  year: z.number().int(),
  takenAt: z.string(),
  takenBy: refOut.nullable(),
  data: snapshotData,
});
export type SnapshotOut = z.infer<typeof snapshotOut>;
export const snapshotListItem = snapshotOut.omit({ data: true }).extend({ total: z.number().int(), open: z.number().int() });
export const snapshotList = z.object({ items: z.array(snapshotListItem) });
export const compareQuery = z.object({
  from: z.coerce.number().int().min(2000).max(2100),
  to: z.coerce.number().int().min(2000).max(2100),
});
const diff = z.record(z.string(), z.object({ from: z.number().int(), to: z.number().int(), change: z.number().int() }));
const changedRisk = z.object({ id: z.uuid(), title: z.string().nullable() });
export const compareOut = z.object({
  from: z.number().int(),
  to: z.number().int(),
  inherent: diff,
  residual: diff,
  treatments: diff,
  status: diff,
  newRisks: z.array(changedRisk),
  closedRisks: z.array(changedRisk),
});
export type CompareOut = z.infer<typeof compareOut>;
