import type { ExportColumn } from '../../platform/export.js';
import type { Lang } from '../../platform/language.js';
import type { MeasureOut } from './measures.schemas.js';

type L = Record<string, { sv: string; en: string }>;

export const measureStatusLabels: L = {
  proposed: { sv: 'Föreslagen', en: 'Proposed' },
  planned: { sv: 'Planerad', en: 'Planned' },
  in_progress: { sv: 'Pågår', en: 'In progress' },
  done: { sv: 'Klar', en: 'Done' },
  cancelled: { sv: 'Avbruten', en: 'Cancelled' },
};
export const priorityLabels: L = {
  low: { sv: 'Låg', en: 'Low' },
  medium: { sv: 'Medel', en: 'Medium' },
  high: { sv: 'Hög', en: 'High' },
  critical: { sv: 'Kritisk', en: 'Critical' },
};
export const originLabels: L = {
  gap: { sv: 'Gapanalys', en: 'Gap analysis' },
  risk: { sv: 'Risk (RSA)', en: 'Risk (RSA)' },
  incident: { sv: 'Incident', en: 'Incident' },
  supplier_deficiency: { sv: 'Brist hos leverantör', en: 'Supplier deficiency' },
  exercise: { sv: 'Övning', en: 'Exercise' },
  log_review: { sv: 'Logguppföljning', en: 'Log review' },
  follow_up: { sv: 'Uppföljning', en: 'Follow-up' },
  needs_analysis: { sv: 'Behovsanalys', en: 'Needs analysis' },
  other: { sv: 'Annat', en: 'Other' },
};
export const lbl = (labels: L, v: string | null, l: Lang) => (v ? (labels[v]?.[l] ?? v) : null);

export const measureExportColumns: ExportColumn<MeasureOut>[] = [
  { header: { sv: 'Åtgärd', en: 'Measure' }, value: (m, l) => (m.masked ? (l === 'sv' ? '(sekretess)' : '(secret)') : m.title), width: 40 },
  { header: { sv: 'Status', en: 'Status' }, value: (m, l) => lbl(measureStatusLabels, m.status, l), width: 14 },
  { header: { sv: 'Prioritet', en: 'Priority' }, value: (m, l) => lbl(priorityLabels, m.priority, l), width: 12 },
  { header: { sv: 'Ursprung', en: 'Origin' }, value: (m, l) => lbl(originLabels, m.origin, l), width: 18 },
  { header: { sv: 'Underlag', en: 'Basis' }, value: (m) => m.basis, width: 30 },
  { header: { sv: 'Ansvarig', en: 'Owner' }, value: (m) => m.owner?.displayName ?? null, width: 24 },
  { header: { sv: 'Enhet', en: 'Unit' }, value: (m) => m.unit?.name ?? null, width: 24 },
  { header: { sv: 'IT-system', en: 'IT system' }, value: (m) => m.system?.name ?? null, width: 24 },
  { header: { sv: 'Klart senast', en: 'Due' }, value: (m) => m.dueOn, width: 14 },
  { header: { sv: 'Försenad', en: 'Overdue' }, value: (m) => m.overdue, width: 10 },
  { header: { sv: 'Klar datum', en: 'Completed' }, value: (m) => m.completedOn, width: 14 },
  { header: { sv: 'Planerad kostnad (kr)', en: 'Planned cost (SEK)' }, value: (m) => m.plannedCostSek, width: 16 },
  { header: { sv: 'Verklig kostnad (kr)', en: 'Actual cost (SEK)' }, value: (m) => m.actualCostSek, width: 16 },
  { header: { sv: 'Risker', en: 'Risks' }, value: (m) => m.risks.map((r) => r.title ?? '–').join('; '), width: 30 },
  { header: { sv: 'Mål', en: 'Goals' }, value: (m) => m.goals.map((g) => g.code).join(', '), width: 16 },
  { header: { sv: 'Id', en: 'Id' }, value: (m) => m.id, width: 38 },
];
