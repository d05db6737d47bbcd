import { describe, expect, it } from 'vitest';
import { defaultMinimumRules } from './classification.defaults.js';
import { addMonths } from '../../platform/calendar.js';
import {
  belowMinimum,
  countingRaises,
  effectiveLevels,
  judgeLevelRequest,
  levelFourFields,
  levelFromAnswers,
  minimumsFor,
  reviewState,
  suggestsCritical,
} from './classification.rules.js';

describe('classification rules (pure)', () => {
  it('D2-23: the most serious answer decides the level', () => {
    expect(levelFromAnswers({ individuals: 1, operation: 3, finances: 0 })).toBe(3);
    expect(levelFromAnswers({})).toBeNull();
    expect(levelFromAnswers(undefined)).toBeNull();
  });

  it('D2-23: personal data and OSL secrecy raise the minimum confidentiality (the strictest rule wins)', () => {
    expect(minimumsFor(defaultMinimumRules, { personalData: 'personnummer', secret: false }).confidentiality?.minLevel).toBe(2);
    expect(minimumsFor(defaultMinimumRules, { personalData: 'sensitive', secret: false }).confidentiality?.minLevel).toBe(2);
    expect(minimumsFor(defaultMinimumRules, { personalData: 'ordinary', secret: false }).confidentiality?.minLevel).toBe(1);
    expect(minimumsFor(defaultMinimumRules, { personalData: 'ordinary', secret: true }).confidentiality?.id).toBe('secrecy-osl');
    expect(minimumsFor(defaultMinimumRules, { personalData: 'none', secret: false })).toEqual({});
  });

  it('D2-23: a profile below a minimum that applies now is reported per aspect with the rule', () => {
    const levels = { confidentiality: 1, integrity: 0, availability: 0, traceability: 0 };
    expect(belowMinimum(defaultMinimumRules, { personalData: 'sensitive', secret: false }, levels)).toEqual([
      { aspect: 'confidentiality', minLevel: 2, rule: expect.any(String) },
    ]);
    expect(belowMinimum(defaultMinimumRules, { personalData: 'ordinary', secret: false }, levels)).toEqual([]);
  });

  it('D2-23: review dates are calendar months ahead and reminders start before the date', () => {
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(reviewState('2026-05-01', '2026-05-02', 30)).toBe('overdue');
    expect(reviewState('2026-05-20', '2026-05-02', 30)).toBe('due_soon');
    expect(reviewState('2026-06-01', '2026-05-02', 30)).toBe('due_soon');
    expect(reviewState('2026-06-02', '2026-05-02', 30)).toBe('ok');
  });

  it('D1-23: max rule — a system’s level per aspect is the maximum over its information, or a recorded raise above it', () => {
    const derived = { confidentiality: 2, integrity: 1, availability: 3, traceability: 0 };
    expect(effectiveLevels(derived, null)).toEqual(derived);
    const raised = { integrity: { level: 3, reason: 'Integration' }, traceability: { level: 1, reason: 'Loggar' } };
    expect(effectiveLevels(derived, raised)).toEqual({ confidentiality: 2, integrity: 3, availability: 3, traceability: 1 });
    expect(countingRaises(derived, raised)).toEqual(raised);
  });

  it('D1-23: no lowering — a stored raise never takes the level below the information, and one overtaken by it no longer counts', () => {
    const derived = { confidentiality: 3, integrity: 1, availability: 1, traceability: 1 };
    const stale = { confidentiality: { level: 2, reason: 'Gammal höjning' }, availability: { level: 1, reason: 'Lika' } };
    expect(effectiveLevels(derived, stale)).toEqual(derived);
    expect(countingRaises(derived, stale)).toEqual({});
  });

  it('D1-23: no lowering — a requested level below the maximum is refused; above it needs a reason; equal follows the information', () => {
    expect(judgeLevelRequest(1, 2, 'Vill sänka')).toBe('below_derived');
    expect(judgeLevelRequest(0, 1, '')).toBe('below_derived');
    expect(judgeLevelRequest(3, 2, '  ')).toBe('reason_required');
    expect(judgeLevelRequest(3, 2, 'Aggregering')).toBe('raise');
    expect(judgeLevelRequest(2, 2, '')).toBe('follows_information');
  });

  it('D2-23: level-4 refusal — level 4 by level, by a consequence answer or as loss of function is named per field', () => {
    expect(levelFourFields({ confidentiality: { level: 4 }, integrity: 2, availability: null })).toEqual(['confidentiality.level']);
    expect(levelFourFields({ integrity: 4 })).toEqual(['integrity']);
    expect(levelFourFields({ availability: { level: 2, answers: { operation: 4, individuals: 1 } } })).toEqual([
      'availability.answers.operation',
    ]);
    expect(levelFourFields({ lossOfFunction: { level: 4 } })).toEqual(['lossOfFunction.level']);
    expect(levelFourFields({ confidentiality: { level: 3 }, lossOfFunction: { level: 3 }, traceability: 3 })).toEqual([]);
  });

  it('D1-24: a serious loss of function or high availability suggests critical', () => {
    expect(suggestsCritical(3, 0)).toBe(true);
    expect(suggestsCritical(null, 3)).toBe(true);
    expect(suggestsCritical(2, 2)).toBe(false);
  });
});
