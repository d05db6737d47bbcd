import { bandLabels } from '../../../shared/risk-matrix.js';
import type { ExportColumn } from '../../platform/export.js';
import type { RiskListItem } from './risks.schemas.js';

const treatmentLabels = {
  reduce: { sv: 'Reducera (åtgärder)', en: 'Reduce (measures)' },
  accept: { sv: 'Acceptera', en: 'Accept' },
  transfer: { sv: 'Överföra', en: 'Transfer' },
  avoid: { sv: 'Undvika', en: 'Avoid' },
} as const;

type Score = RiskListItem['inherent'];
const levelText = (s: Score, lang: 'sv' | 'en') => (s ? `${s.level} (${bandLabels[s.band][lang]})` : null);

export const riskExportColumns: ExportColumn<RiskListItem>[] = [
  { header: { sv: 'Risk', en: 'Risk' }, value: (r) => r.title, width: 30 },
  { header: { sv: 'Analys', en: 'Analysis' }, value: (r) => r.analysis.title, width: 30 },
  { header: { sv: 'Hot', en: 'Threat' }, value: (r) => r.threat, width: 40 },
  { header: { sv: 'Sårbarhet', en: 'Vulnerability' }, value: (r) => r.vulnerability, width: 40 },
  { header: { sv: 'Berörda IT-system', en: 'Affected IT systems' }, value: (r) => r.systems.map((s) => s.name).join(', '), width: 30 },
  { header: { sv: 'Sannolikhet', en: 'Likelihood' }, value: (r) => r.inherent?.likelihood ?? null, width: 12 },
  { header: { sv: 'Konsekvens', en: 'Consequence' }, value: (r) => r.inherent?.consequence ?? null, width: 12 },
  { header: { sv: 'Risknivå', en: 'Risk level' }, value: (r, l) => levelText(r.inherent, l), width: 16 },
  { header: { sv: 'Restrisk', en: 'Residual risk' }, value: (r, l) => levelText(r.residual, l), width: 16 },
  { header: { sv: 'Behandling', en: 'Treatment' }, value: (r, l) => (r.treatment ? treatmentLabels[r.treatment][l] : null), width: 18 },
  { header: { sv: 'Riskägare', en: 'Risk owner' }, value: (r) => r.owner?.name ?? null, width: 24 },
  { header: { sv: 'Godkänd av ägaren', en: 'Approved by owner' }, value: (r) => r.approved, width: 12 },
  {
    header: { sv: 'Status', en: 'Status' },
    value: (r, l) => (r.status === 'open' ? (l === 'sv' ? 'Öppen' : 'Open') : l === 'sv' ? 'Stängd' : 'Closed'),
  },
  { header: { sv: 'Sekretessmarkerad', en: 'Secret' }, value: (r) => r.secret, width: 12 },
  { header: { sv: 'Id', en: 'Id' }, value: (r) => r.id, width: 38 },
];
