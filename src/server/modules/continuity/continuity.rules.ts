import { reserveScenarios, type ReserveScenario } from '../../../shared/enums.js';
import { addMonths } from '../../platform/calendar.js';
import type { ObjectScope } from '../../platform/access.js';
import type { CriticalStatus } from './continuity.repository.js';
import type { overviewGaps } from './continuity.schemas.js';

// D1-42: a critical system is exercised at least every 12 months: an exercise held on or after the
// same date a year ago counts, an older one does not (never exercised = overdue). The next exercise
// is due 12 months after the last one.
export function exerciseDue(lastExerciseOn: string | null, today: string): { nextExerciseDueOn: string | null; exerciseOverdue: boolean } {
  if (!lastExerciseOn) return { nextExerciseDueOn: null, exerciseOverdue: true };
  return { nextExerciseDueOn: addMonths(lastExerciseOn, 12), exerciseOverdue: lastExerciseOn < addMonths(today, -12) };
}

// Continuity sits where its system sits: the system's unit, the system itself, and its secrecy.
export const systemContinuityScope = (s: { id: string; unitId: string; secret: boolean }): ObjectScope => ({
  unitId: s.unitId,
  systemIds: [s.id],
  secret: s.secret,
});

export function gapsOf(s: CriticalStatus, exerciseOverdue: boolean): (typeof overviewGaps)[number][] {
  const gaps: (typeof overviewGaps)[number][] = [];
  if (!s.outageDecided) gaps.push('no_accepted_outage');
  if (!s.planDocumented) gaps.push('no_plan');
  else if (!s.planImplemented) gaps.push('plan_not_implemented');
  if (!s.restorePlan) gaps.push('no_restore_plan');
  if (s.reviewOverdue) gaps.push('review_overdue');
  if (exerciseOverdue) gaps.push('exercise_overdue');
  if (s.restoreRank === null) gaps.push('no_restore_rank');
  return gaps;
}

// D0-26: the scenarios that no routine answers "covered". Several routines together may cover all five.
export function missingScenarios(answers: readonly Partial<Record<string, unknown>>[]): ReserveScenario[] {
  return reserveScenarios.filter((s) => !answers.some((a) => a[s] === true));
}
