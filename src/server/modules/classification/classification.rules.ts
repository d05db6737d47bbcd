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

// D1-23 (domain.md "at least the maximum"): a system's protection level per aspect is the maximum over
// its information (`derived`), or a recorded raise above it. A raise at or below the maximum no longer
// counts (the information caught up), and nothing can take the level below the maximum.
export type Levels = Record<Aspect, number>;
export type Raises = Partial<Record<Aspect, { level: number; reason: string }>>;

export function countingRaises(derived: Levels, raised: Raises | null | undefined): Raises {
  const out: Raises = {};
  for (const a of aspects) {
    const up = raised?.[a];
    if (up && up.level > derived[a]) out[a] = up;
  }
  return out;
}

export function effectiveLevels(derived: Levels, raised: Raises | null | undefined): Levels {
  const out = { ...derived };
  for (const a of aspects) out[a] = Math.max(derived[a], raised?.[a]?.level ?? 0);
  return out;
}

// D1-23: what a requested system level means against the information's maximum: below it is refused
// (no lowering), above it is a raise that needs a written reason, equal simply follows the information.
export type LevelRequest = 'below_derived' | 'reason_required' | 'raise' | 'follows_information';

export function judgeLevelRequest(level: number, derivedMax: number, reason: string): LevelRequest {
  if (level < derivedMax) return 'below_derived';
  if (level === derivedMax) return 'follows_information';
  return reason.trim() ? 'raise' : 'reason_required';
}

// D2-23: level 4 (national security, säkerhetsskydd) never enters Tillit. The fields of a request that
// ask for it, by level or by a consequence answer, including a system's loss-of-function level.
export function levelFourFields(
  input: Partial<Record<Aspect, { level: number; answers?: Partial<Record<string, number>> } | number | null>> & {
    lossOfFunction?: { level: number } | null;
  },
): string[] {
  const out: string[] = [];
  for (const a of aspects) {
    const v = input[a];
    if (v === undefined || v === null) continue;
    const level = typeof v === 'number' ? v : v.level;
    if (level >= NATIONAL_SECURITY) out.push(typeof v === 'number' ? a : `${a}.level`);
    if (typeof v === 'object') {
      for (const [category, answer] of Object.entries(v.answers ?? {})) {
        if ((answer ?? 0) >= NATIONAL_SECURITY) out.push(`${a}.answers.${category}`);
      }
    }
  }
  if (input.lossOfFunction && input.lossOfFunction.level >= NATIONAL_SECURITY) out.push('lossOfFunction.level');
  return out;
}
