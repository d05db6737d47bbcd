import type { RiskTreatment } from '../../../shared/enums.js';
import { withinMatrix, type MatrixSize } from '../../../shared/risk-matrix.js';
import { Problem } from '../../platform/problems.js';

export interface RiskState {
  likelihood: number;
  consequence: number;
  residualLikelihood?: number | null;
  residualConsequence?: number | null;
  treatment?: RiskTreatment | null;
  treatmentNote?: string | null;
}

type FieldError = { field: string; code: string; sv: string; en: string };

// The rules of a risk's assessment, on the state after the change: scores fit the analysis's matrix,
// the residual risk is scored on both axes or not at all, a treatment comes with the residual risk it
// leads to, and accepting a risk says why it is acceptable.
export function riskErrors(r: RiskState, size: MatrixSize): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['likelihood', 'consequence', 'residualLikelihood', 'residualConsequence'] as const) {
    if (!withinMatrix(r[field], size))
      errors.push({
        field,
        code: 'outside_matrix',
        sv: `Värdet måste vara mellan 1 och ${size}: analysen använder en matris med ${size} × ${size} steg.`,
        en: `The value must be between 1 and ${size}: the analysis uses a ${size} × ${size} matrix.`,
      });
  }
  const rl = r.residualLikelihood ?? null;
  const rc = r.residualConsequence ?? null;
  if ((rl === null) !== (rc === null))
    errors.push({
      field: rl === null ? 'residualLikelihood' : 'residualConsequence',
      code: 'residual_incomplete',
      sv: 'Ange både sannolikhet och konsekvens för restrisken, eller ingen av dem.',
      en: 'Give both likelihood and consequence for the residual risk, or neither.',
    });
  if (r.treatment && (rl === null || rc === null))
    errors.push({
      field: 'treatment',
      code: 'residual_required',
      sv: 'Bedöm restrisken (sannolikhet och konsekvens efter behandlingen) när du väljer behandling.',
      en: 'Assess the residual risk (likelihood and consequence after treatment) when you choose a treatment.',
    });
  if (r.treatment === 'accept' && !r.treatmentNote?.trim())
    errors.push({
      field: 'treatmentNote',
      code: 'reason_required',
      sv: 'Skriv varför risken kan accepteras.',
      en: 'Write why the risk can be accepted.',
    });
  return errors;
}

export function checkRisk(r: RiskState, size: MatrixSize): void {
  const errors = riskErrors(r, size);
  if (errors.length) throw new Problem('validation', undefined, errors);
}
