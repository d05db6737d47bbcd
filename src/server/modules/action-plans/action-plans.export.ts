import ExcelJS from 'exceljs';
import { defuse } from '../../platform/export.js';
import type { Lang } from '../../platform/language.js';
import { lbl, measureStatusLabels, priorityLabels } from '../measures/measures.export.js';
import type { PlanOut, Progress } from './action-plans.schemas.js';

const text = (v: string | null | undefined) => (v == null ? null : defuse(v));

const pct = (p: Progress, l: Lang) => `${p.done}/${p.total} ${l === 'sv' ? 'klara' : 'done'}`;

// The sums cover only the measures the viewer sees in full: say so when some were left out.
const withheldNote = (p: Progress, l: Lang) =>
  p.withheld === 0
    ? null
    : l === 'sv'
      ? `Kostnaden för ${p.withheld} åtgärder med sekretess ingår inte`
      : `Costs of ${p.withheld} secret measures not included`;

const headers = {
  sv: [
    'Aktivitet',
    'Årsmål',
    'Prioritet',
    'Ansvarig',
    'Start',
    'Slut',
    'Budget (kr)',
    'Framsteg',
    'Åtgärd',
    'Status',
    'Åtgärdsansvarig',
    'Klart senast',
    'Planerad kostnad (kr)',
    'Verklig kostnad (kr)',
  ],
  en: [
    'Activity',
    'Yearly goal',
    'Priority',
    'Responsible',
    'Start',
    'End',
    'Budget (SEK)',
    'Progress',
    'Measure',
    'Status',
    'Measure owner',
    'Due',
    'Planned cost (SEK)',
    'Actual cost (SEK)',
  ],
};

// One sheet: the plan's header (year, decision, Dnr), then one row per measure of each activity.
// The plan as given is already masked for the viewer: secret content it may not see is not in it.
export async function planWorkbook(plan: PlanOut, lang: Lang): Promise<Buffer> {
  const sv = lang === 'sv';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sv ? `Handlingsplan ${plan.year}` : `Action plan ${plan.year}`);
  ws.addRow([sv ? 'Handlingsplan' : 'Action plan', text(plan.title)]).font = { bold: true };
  ws.addRow([sv ? 'År' : 'Year', plan.year]);
  ws.addRow([sv ? 'Status' : 'Status', plan.status === 'decided' ? (sv ? 'Beslutad' : 'Decided') : sv ? 'Utkast' : 'Draft']);
  ws.addRow([sv ? 'Beslutsdatum' : 'Decision date', plan.decision?.decidedOn ?? null]);
  ws.addRow([sv ? 'Beslutad av' : 'Decided by', text(plan.decision?.decidedBy)]);
  ws.addRow([sv ? 'Diarienummer (Dnr)' : 'Case number (Dnr)', text(plan.decision?.caseNumber)]);
  ws.addRow([
    sv ? 'Framsteg' : 'Progress',
    pct(plan.progress, lang),
    plan.progress.plannedCostSek,
    plan.progress.actualCostSek,
    withheldNote(plan.progress, lang),
  ]);
  ws.addRow([]);
  const head = ws.addRow(headers[lang]);
  head.font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [30, 30, 10, 20, 12, 12, 14, 12, 40, 12, 22, 12, 16, 16][i] ?? 16));
  for (const a of plan.activities) {
    const activity = [
      text(a.title),
      text(a.yearlyGoal),
      lbl(priorityLabels, a.priority, lang),
      text(a.responsible),
      a.startOn,
      a.endOn,
      a.budgetSek,
      pct(a.progress, lang),
    ];
    if (a.measures.length === 0) ws.addRow(activity);
    for (const m of a.measures)
      ws.addRow([
        ...activity,
        m.masked ? (sv ? '(sekretess – visas inte)' : '(secret – not shown)') : text(m.title),
        lbl(measureStatusLabels, m.status, lang),
        text(m.owner?.displayName),
        m.dueOn,
        m.plannedCostSek,
        m.actualCostSek,
      ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
