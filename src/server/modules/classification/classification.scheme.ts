import type { Tx } from '../../db/client.js';
import { fieldProblem, Problem } from '../../platform/problems.js';
import {
  defaultLevelLabels,
  defaultMinimumRules,
  nationalSecurityRefusal,
  type LevelLabel,
  type MinimumRule,
} from './classification.defaults.js';
import * as repo from './classification.repository.js';
import { stockholmToday as todayInStockholm } from '../../platform/calendar.js';
import { NATIONAL_SECURITY } from './classification.rules.js';

export interface Scheme {
  levels: LevelLabel[];
  levelsCustomised: boolean;
  minimumRules: MinimumRule[];
  rulesCustomised: boolean;
  reviewMonths: number;
  reminderDays: number;
  today: string;
}

// The tenant's scheme: its stored labels and rules, or the shipped defaults where none are stored.
export async function loadScheme(tx: Tx, tenantId: string): Promise<Scheme> {
  const row = await repo.findSettings(tx, tenantId);
  return {
    levels: row?.levelLabels ?? defaultLevelLabels,
    levelsCustomised: !!row?.levelLabels,
    minimumRules: row?.minimumRules ?? defaultMinimumRules,
    rulesCustomised: !!row?.minimumRules,
    reviewMonths: row?.reviewMonths ?? 12,
    reminderDays: row?.reminderDays ?? 30,
    today: todayInStockholm(),
  };
}

export function labelOf(scheme: Scheme, level: number) {
  const l = scheme.levels.find((x) => x.level === level);
  return { sv: l?.sv ?? String(level), en: l?.en ?? String(level) };
}

// Level 4 never enters Tillit: the answer says why and where such information belongs.
export function refuseNationalSecurity(fields: string[]): void {
  if (fields.length === 0) return;
  throw new Problem(
    'validation',
    nationalSecurityRefusal,
    fields.map((field) => ({ field, code: 'national_security', ...nationalSecurityRefusal })),
  );
}

// The level-4 check is a pure rule (unit-tested in classification.rules.test.ts); re-exported for the services.
export { levelFourFields } from './classification.rules.js';

export const missingReasons = (fields: string[]) =>
  new Problem(
    'bad-request',
    { sv: 'Varje nivå behöver en skriftlig motivering.', en: 'Each level needs a written reason.' },
    fields.map((field) => ({
      field,
      code: 'required',
      sv: 'Skriv en motivering till nivån.',
      en: 'Write a reason for the level.',
    })),
  );

// Labels must name each level 0–4 once; rule ids must be unique so refusals can name them.
export function checkSchemeInput(levels: LevelLabel[] | null | undefined, rules: MinimumRule[] | null | undefined): void {
  if (levels) {
    const seen = new Set(levels.map((l) => l.level));
    if (seen.size !== 5)
      throw fieldProblem('levels', 'levels_incomplete', 'Ange en benämning för varje nivå 0–4.', 'Give a label for each level 0–4.');
  }
  if (rules) {
    const ids = rules.map((r) => r.id);
    const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (dup >= 0) throw fieldProblem(`minimumRules.${dup}.id`, 'duplicate', 'Två regler har samma id.', 'Two rules have the same id.');
    // A rule with no condition would never apply (ruleApplies): refuse it instead of storing a dead rule.
    const empty = rules.findIndex((r) => !r.when.personalData?.length && r.when.secret === undefined);
    if (empty >= 0)
      throw fieldProblem(
        `minimumRules.${empty}.when`,
        'required',
        'Ange när regeln gäller: vilka personuppgifter, eller sekretess (ja/nej).',
        'State when the rule applies: which personal data, or secrecy (yes/no).',
      );
    const four = rules.flatMap((r, i) => (r.minLevel >= NATIONAL_SECURITY ? [`minimumRules.${i}.minLevel`] : []));
    refuseNationalSecurity(four);
  }
}
