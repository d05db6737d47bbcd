import type { ExportColumn } from '../../platform/export.js';
import type { Lang } from '../../platform/language.js';
import type { IncidentListItem } from './incidents.schemas.js';

type L = Record<string, { sv: string; en: string }>;

export const typeLabels: L = {
  incident: { sv: 'Incident', en: 'Incident' },
  deviation: { sv: 'Avvikelse', en: 'Deviation' },
  disruption: { sv: 'Störning', en: 'Disruption' },
  outage: { sv: 'Avbrott', en: 'Outage' },
  attack: { sv: 'Angrepp', en: 'Attack' },
  fault: { sv: 'Fel', en: 'Fault' },
};
export const severityLabels: L = {
  low: { sv: 'Låg', en: 'Low' },
  moderate: { sv: 'Måttlig', en: 'Moderate' },
  high: { sv: 'Hög', en: 'High' },
  extensive: { sv: 'Omfattande påverkan', en: 'Extensive impact' },
};
export const statusLabels: L = {
  reported: { sv: 'Rapporterad', en: 'Reported' },
  triaged: { sv: 'Bedömd', en: 'Triaged' },
  contained: { sv: 'Begränsad', en: 'Contained' },
  resolved: { sv: 'Åtgärdad', en: 'Resolved' },
  closed: { sv: 'Stängd', en: 'Closed' },
};
const lbl = (labels: L, v: string | null, l: Lang) => (v ? (labels[v]?.[l] ?? v) : null);

export const incidentExportColumns: ExportColumn<IncidentListItem>[] = [
  { header: { sv: 'Nummer', en: 'Number' }, value: (r) => r.reference, width: 16 },
  { header: { sv: 'Rubrik', en: 'Title' }, value: (r, l) => (r.masked ? (l === 'sv' ? '(sekretess)' : '(secret)') : r.title), width: 40 },
  { header: { sv: 'Typ', en: 'Type' }, value: (r, l) => lbl(typeLabels, r.type, l), width: 14 },
  { header: { sv: 'Allvarlighetsgrad', en: 'Severity' }, value: (r, l) => lbl(severityLabels, r.severity, l), width: 18 },
  { header: { sv: 'Status', en: 'Status' }, value: (r, l) => lbl(statusLabels, r.status, l), width: 14 },
  { header: { sv: 'Känd sedan', en: 'Known since' }, value: (r) => r.awareAt, width: 26 },
  { header: { sv: 'Rapporterad', en: 'Reported' }, value: (r) => r.reportedAt, width: 26 },
  { header: { sv: 'Extraordinär händelse', en: 'Extraordinary event' }, value: (r) => r.crisis, width: 12 },
  { header: { sv: 'Handläggande enhet', en: 'Handling unit' }, value: (r) => r.handlingUnit?.name ?? null, width: 24 },
  { header: { sv: 'IT-system', en: 'IT systems' }, value: (r) => r.systems.map((s) => s.name ?? '–').join(', '), width: 30 },
  { header: { sv: 'Nästa rapport senast', en: 'Next report due' }, value: (r) => r.nextDeadline?.dueAt ?? null, width: 26 },
  { header: { sv: 'Sekretess', en: 'Secret' }, value: (r) => r.secret, width: 10 },
  { header: { sv: 'Id', en: 'Id' }, value: (r) => r.id, width: 38 },
];
