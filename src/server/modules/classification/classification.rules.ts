import { addDays } from '../../platform/calendar.js';
import { aspects, type Aspect, type PersonalDataLevel } from '../../../shared/enums.js';
import type { MinimumRule } from './classification.defaults.js';

// The pure rules of classification, unit-tested by requirement ID (classification.rules.test.ts).

export const NATIONAL_SECURITY = 4;

// D2-23 (domain.md "the most serious consequence decides"): the level is the highest answer.
export function levelFromAnswers(answers: Partial<Record<string, number>> | null | undefined): number | null {
  const values = Object.values(answers ?? {}).filter((v): v is number => typeof v === 'number');
  return values.length ? Math.max(...values) : null;
}

export interface AssetFacts {
  personalData: PersonalDataLevel | string;
  secret: boolean;
}

export function ruleApplies(rule: MinimumRule, facts: AssetFacts): boolean {
  const { personalData, secret } = rule.when;
  if (personalData && !personalData.includes(facts.personalData as PersonalDataLevel)) return false;
  if (secret !== undefined && secret !== facts.secret) return false;
  return personalData !== undefined || secret !== undefined;
}

// The strictest applicable rule per aspect: what the wizard raises the level to, and what the API
// refuses to go below.
export function minimumsFor(rules: readonly MinimumRule[], facts: AssetFacts): Partial<Record<Aspect, MinimumRule>> {
  const out: Partial<Record<Aspect, MinimumRule>> = {};
  for (const r of rules) {
    if (!ruleApplies(r, facts)) continue;
    const cur = out[r.aspect];
    if (!cur || r.minLevel > cur.minLevel) out[r.aspect] = r;
  }
  return out;
}

export interface BelowMinimum {
  aspect: Aspect;
  minLevel: number;
  rule: string;
}

// D2-23: the minimum rules are checked at classification time, but the asset's personal data or
// secrecy can change afterwards (or the rules can): the current profile is then below a minimum and
// needs reclassifying.
export function belowMinimum(rules: readonly MinimumRule[], facts: AssetFacts, levels: Record<Aspect, number>): BelowMinimum[] {
  const mins = minimumsFor(rules, facts);
  return aspects.flatMap((a) => {
    const r = mins[a];
    return r && levels[a] < r.minLevel ? [{ aspect: a, minLevel: r.minLevel, rule: r.id }] : [];
  });
}

export type ReviewState = 'ok' | 'due_soon' | 'overdue';

// D2-23: a reclassification reminder starts `reminderDays` before the review date.
export function reviewState(nextReviewOn: string, today: string, reminderDays: number): ReviewState {
  if (nextReviewOn < today) return 'overdue';
  if (nextReviewOn <= addDays(today, reminderDays)) return 'due_soon';
  return 'ok';
}

export const profileText = (levels: Record<Aspect, number>) =>
  `K${levels.confidentiality} R${levels.integrity} T${levels.availability} S${levels.traceability}`;

// D1-24 and the critical suggestion: a system whose loss of function is serious (≥ 3) or whose
// information must be available at level ≥ 3 is suggested as critical (samhällsviktig/kritisk).
export const suggestsCritical = (lossLevel: number | null, effectiveAvailability: number) =>
  (lossLevel ?? 0) >= 3 || effectiveAvailability >= 3;
