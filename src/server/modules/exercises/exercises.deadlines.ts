import { can, viewOf } from '../../platform/access.js';
import { stockholmToday } from '../../platform/calendar.js';
import type { DeadlineSource } from '../../platform/notify/deadlines.js';
import { maskedTitle } from '../../platform/notify/kinds.js';
import { stockholmMoment } from '../../platform/scheduler/runner-util.js';
import type { SubjectAccess } from '../../platform/notify/subjects.js';
import { criticalStatus, systemsByIds } from '../continuity/continuity.repository.js';
import { exerciseDue, systemContinuityScope } from '../continuity/continuity.rules.js';

// D1-42 in the calendar: the next exercise of each critical system, for the people reminded of it
// (exercises.jobs.ts: tenant-wide coordinators and the system owners covering the system), 12 months
// after the last one; today when it was never exercised or is overdue.
export const exerciseDeadlines: DeadlineSource = async (tx, actor, opts) => {
  const grants = actor.grants.filter((g) => (g.role === 'coordinator' && g.scope.type === 'tenant') || g.role === 'system_owner');
  if (grants.length === 0) return [];
  const today = stockholmToday(opts.now);
  return (await criticalStatus(tx, actor.tenantId, today)).flatMap((s) => {
    const scope = systemContinuityScope(s);
    if (!can({ ...actor, grants }, 'update', 'continuity', { ...scope, secret: false })) return [];
    const view = viewOf(actor, 'continuity', scope);
    if (!view) return [];
    const { nextExerciseDueOn, exerciseOverdue } = exerciseDue(s.lastExerciseOn, today);
    const day = exerciseOverdue || !nextExerciseDueOn ? today : nextExerciseDueOn;
    const prefix = opts.lang === 'sv' ? 'Kontinuitetsövning' : 'Continuity exercise';
    return [
      {
        key: `exercise-due:${s.id}`,
        title: view === 'full' ? `${prefix}: ${s.name}` : maskedTitle('exercise-due', opts.lang),
        secret: s.secret,
        dueAt: stockholmMoment(day, 12),
        allDay: true,
        link: `/systems/${s.id}`,
        subject: { resource: 'continuity' as const, id: s.id, scope },
      },
    ];
  });
};

// The reminders name the system: its title is shown to whoever may see its continuity in full.
export const exerciseSubjects: Record<string, SubjectAccess> = {
  'system-continuity': async (tx, tenantId, ids) =>
    new Map(
      (await systemsByIds(tx, tenantId, ids)).map((s) => [s.id, { resource: 'continuity' as const, scope: systemContinuityScope(s) }]),
    ),
};
