import { allowedActions, viewOf, type Actor } from '../../platform/access.js';
import { measureScope, oreToSek } from '../measures/measures.presenter.js';
import type { MeasureRow } from '../measures/measures.repository.js';
import type { ActivityOut, PlanMeasure, PlanOut, PlanSummary, Progress } from './action-plans.schemas.js';
import type { ActivityRow, PlanRow } from './action-plans.repository.js';

// A measure the viewer may not see in full (secret, or outside a unit-scoped grant) keeps its place,
// status and dates in the plan so the progress stays true, with the content withheld.
export function presentPlanMeasure(actor: Actor, m: MeasureRow): PlanMeasure {
  const masked = viewOf(actor, 'measure', measureScope(m)) !== 'full';
  return {
    id: m.id,
    masked,
    title: masked ? null : m.title,
    status: m.status as PlanMeasure['status'],
    owner: masked || !m.ownerUserId ? null : { id: m.ownerUserId, displayName: m.ownerName ?? '' },
    dueOn: m.dueOn,
    overdue: m.overdue,
    priority: m.priority as PlanMeasure['priority'],
    plannedCostSek: masked ? null : oreToSek(m.plannedCostOre),
    actualCostSek: masked ? null : oreToSek(m.actualCostOre),
  };
}

// Cancelled measures are left out of both the count and the costs: they are no longer part of the plan's work.
// A measure's status is no secret, so the counts take every measure; its costs are content, so the
// sums take only the measures this viewer sees in full, and `withheld` says how many were left out.
export function progressOf(actor: Actor, rows: readonly MeasureRow[]): Progress {
  const live = rows.filter((m) => m.status !== 'cancelled');
  const shown = live.filter((m) => viewOf(actor, 'measure', measureScope(m)) === 'full');
  const sum = (f: (m: MeasureRow) => number | null) => shown.reduce((a, m) => a + (f(m) ?? 0), 0) / 100;
  return {
    done: live.filter((m) => m.status === 'done').length,
    total: live.length,
    plannedCostSek: sum((m) => m.plannedCostOre),
    actualCostSek: sum((m) => m.actualCostOre),
    withheld: live.length - shown.length,
  };
}

export function presentSummary(actor: Actor, p: PlanRow): PlanSummary {
  return {
    id: p.id,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    allowedActions: allowedActions(actor, 'action-plan', { archived: false }) as PlanSummary['allowedActions'],
    year: p.year,
    title: p.title,
    description: p.description,
    status: p.status as PlanSummary['status'],
    decision:
      p.status === 'decided' && p.decidedOn && p.caseNumber
        ? { decidedOn: p.decidedOn, decidedBy: p.decidedBy, caseNumber: p.caseNumber, note: p.decisionNote }
        : null,
  };
}

export function presentPlan(
  actor: Actor,
  p: PlanRow,
  activities: ActivityRow[],
  byId: Map<string, MeasureRow>,
  unplanned: MeasureRow[],
): PlanOut {
  const all = new Map<string, MeasureRow>();
  const acts: ActivityOut[] = activities.map((a) => {
    const rows = a.measureIds.map((id) => byId.get(id)).filter((m): m is MeasureRow => !!m);
    rows.sort((x, y) => (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999') || x.id.localeCompare(y.id));
    for (const m of rows) all.set(m.id, m);
    return {
      id: a.id,
      title: a.title,
      yearlyGoal: a.yearlyGoal,
      priority: a.priority as ActivityOut['priority'],
      responsible: a.responsible,
      startOn: a.startOn,
      endOn: a.endOn,
      budgetSek: oreToSek(a.budgetOre),
      position: a.position,
      measures: rows.map((m) => presentPlanMeasure(actor, m)),
      progress: progressOf(actor, rows),
    };
  });
  return {
    ...presentSummary(actor, p),
    activities: acts,
    progress: progressOf(actor, [...all.values()]),
    unplannedMeasures: unplanned.filter((m) => viewOf(actor, 'measure', measureScope(m)) !== null).map((m) => presentPlanMeasure(actor, m)),
  };
}
