import { Problem } from '../../platform/problems.js';
import {
  contractClauses,
  responsibilityItems,
  type ContractClause,
  type ContractOut,
  type ResponsibilityItem,
} from './contracts.schemas.js';

type Clause = { included: boolean; disclaimer: boolean; note: string | null };
type StoredClauses = Partial<Record<ContractClause, { included?: boolean; disclaimer?: boolean; note?: string | null }>>;

// Every clause of the D1-18 checklist, "not included" until recorded.
export function normaliseClauses(stored: unknown): Record<ContractClause, Clause> {
  const s = (stored ?? {}) as StoredClauses;
  return Object.fromEntries(
    contractClauses.map((k) => [k, { included: s[k]?.included ?? false, disclaimer: s[k]?.disclaimer ?? false, note: s[k]?.note ?? null }]),
  ) as Record<ContractClause, Clause>;
}

export function normaliseResponsibilities(stored: unknown): ContractOut['responsibilities'] {
  const s = (stored ?? {}) as Partial<Record<ResponsibilityItem, string | null>>;
  return Object.fromEntries(responsibilityItems.map((k) => [k, s[k] ?? null])) as ContractOut['responsibilities'];
}

// D1-18: the gaps and disclaimers of the checklist, and what needs attention. The checklist applies to
// joint procurements too (D1-19): the joint-procurement field changes nothing here.
export function assessClauses(clauses: Record<ContractClause, Clause>, critical: boolean, dpa: boolean) {
  const clauseGaps = contractClauses.filter((k) => !clauses[k].included);
  const disclaimers = contractClauses.filter((k) => clauses[k].disclaimer);
  const warnings: ContractOut['warnings'] = [];
  if (critical && clauseGaps.length) warnings.push('critical-clause-gaps');
  if (disclaimers.length) warnings.push('disclaimers');
  if (!dpa) warnings.push('no-data-processing-agreement');
  return { clauseGaps, disclaimers, warnings };
}

// Field rules the schema cannot see: a disclaimer needs its justification, dates in order, a DPA date
// only with a DPA.
export function checkContract(v: {
  clauses: Record<ContractClause, Clause>;
  startsOn: string | null;
  endsOn: string | null;
  dataProcessingAgreement: boolean;
  dataProcessingAgreementOn: string | null;
}): void {
  const errs: { field: string; code: string; sv: string; en: string }[] = [];
  for (const k of contractClauses)
    if (v.clauses[k].disclaimer && !v.clauses[k].note)
      errs.push({
        field: `clauses.${k}.note`,
        code: 'justification_required',
        sv: 'En friskrivning ska normalt inte tillåtas: ange motiveringen.',
        en: 'A disclaimer should normally not be allowed: give the justification.',
      });
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
    errs.push({
      field: 'endsOn',
      code: 'before_start',
      sv: 'Slutdatumet ligger före startdatumet.',
      en: 'The end date is before the start date.',
    });
  if (v.dataProcessingAgreementOn && !v.dataProcessingAgreement)
    errs.push({
      field: 'dataProcessingAgreementOn',
      code: 'without_agreement',
      sv: 'Ett datum för personuppgiftsbiträdesavtal kräver att avtalet finns.',
      en: 'A data-processing agreement date requires the agreement.',
    });
  if (errs.length) throw new Problem('validation', undefined, errs);
}
