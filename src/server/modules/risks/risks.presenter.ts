import { recordBase, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import { isMasked } from '../../platform/secrecy.js';
import { bandOf, scoreOf, type MatrixSize, type RiskBand } from '../../../shared/risk-matrix.js';
import type { RiskTreatment } from '../../../shared/enums.js';
import type { AnalysisJoined } from './risk-analyses.repository.js';
import type { RiskJoined } from './risks.repository.js';
import type { AnalysisListItem, AnalysisOut, RiskListItem, RiskOut } from './risks.schemas.js';

export const analysisScope = (r: { unitId: string | null; secret: boolean }): ObjectScope => ({ unitId: r.unitId, secret: r.secret });

// A risk sits where its analysis sits, and with the systems it affects; a secret analysis makes all
// of its risks secret (vulnerability descriptions are typically secret under OSL 18:8).
export const riskScope = (r: {
  analysisUnitId: string | null;
  systemIds: readonly string[];
  secret: boolean;
  analysisSecret: boolean;
}): ObjectScope => ({
  unitId: r.analysisUnitId,
  systemIds: r.systemIds,
  secret: r.secret || r.analysisSecret,
});
export const scopeOfJoined = (j: RiskJoined) =>
  riskScope({ analysisUnitId: j.analysisUnitId, systemIds: j.risk.systemIds, secret: j.risk.secret, analysisSecret: j.analysisSecret });

const size = (n: number): MatrixSize => (n === 5 ? 5 : 4);

export function presentAnalysisItem(actor: Actor, r: AnalysisJoined): AnalysisListItem {
  const scope = analysisScope(r);
  const masked = isMasked(actor, 'risk', scope);
  const shown = <T>(v: T): T | null => (masked ? null : v);
  return {
    ...recordBase(actor, 'risk', r, scope),
    secret: r.secret,
    secrecyProvision: r.secrecyProvision,
    masked,
    title: shown(r.title),
    scope: shown(r.scope),
    analysedOn: r.analysedOn,
    participants: masked ? [] : r.participants,
    methodNotes: shown(r.methodNotes),
    unitId: r.unitId,
    unit: r.unitId && r.unitName ? { id: r.unitId, name: r.unitName } : null,
    matrixSize: size(r.matrixSize),
    status: r.status as AnalysisOut['status'],
    nextUpdateOn: r.nextUpdateOn,
    dueForUpdate: r.due,
    riskCount: r.riskCount,
  };
}

type Scores = { l: number; c: number; rl: number | null; rc: number | null; archived: boolean }[];

export function presentAnalysis(actor: Actor, r: AnalysisJoined, scores: Scores): AnalysisOut {
  const s = size(r.matrixSize);
  const zero = (): Record<RiskBand, number> => ({ low: 0, medium: 0, high: 0, very_high: 0 });
  const inherent = zero();
  const residual = { ...zero(), unassessed: 0 };
  for (const x of scores.filter((x) => !x.archived)) {
    inherent[bandOf(x.l * x.c, s)]++;
    if (x.rl == null || x.rc == null) residual.unassessed++;
    else residual[bandOf(x.rl * x.rc, s)]++;
  }
  return { ...presentAnalysisItem(actor, r), summary: { inherent, residual } };
}

export function presentRiskItem(actor: Actor, j: RiskJoined): RiskListItem {
  const r = j.risk;
  const scope = scopeOfJoined(j);
  const masked = isMasked(actor, 'risk', scope);
  const shown = <T>(v: T): T | null => (masked ? null : v);
  const s = size(j.matrixSize);
  return {
    ...recordBase(actor, 'risk', r, scope),
    secret: scope.secret === true,
    secrecyProvision: r.secrecyProvision,
    masked,
    analysisId: r.analysisId,
    analysis: {
      id: r.analysisId,
      title: isMasked(actor, 'risk', { unitId: j.analysisUnitId, secret: j.analysisSecret }) ? null : j.analysisTitle,
      matrixSize: s,
    },
    title: shown(r.title),
    threat: shown(r.threat),
    vulnerability: shown(r.vulnerability),
    description: shown(r.description),
    // what a risk affects is its content, as in the list filters: a masked viewer learns none of it
    systemIds: masked ? [] : r.systemIds,
    assetIds: masked ? [] : r.assetIds,
    unitIds: masked ? [] : r.unitIds,
    // only the systems this viewer may see by name: a system's name can be the secret
    systems: masked
      ? []
      : j.systems
          .filter((x) => viewOf(actor, 'system', { unitId: x.unitId, systemIds: [x.id], secret: x.secret }) === 'full')
          .map((x) => ({ id: x.id, name: x.name })),
    inherent: scoreOf(r.likelihood, r.consequence, s),
    residual: scoreOf(r.residualLikelihood, r.residualConsequence, s),
    treatment: r.treatment as RiskTreatment | null,
    treatmentNote: shown(r.treatmentNote),
    ownerUserId: r.ownerUserId,
    owner: r.ownerUserId && j.ownerName ? { id: r.ownerUserId, name: j.ownerName } : null,
    approved: r.approvedAt !== null,
    approvedBy: r.approvedBy && j.approvedByName ? { id: r.approvedBy, name: j.approvedByName } : null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    status: r.status as RiskOut['status'],
  };
}

type Named = { id: string; name: string };

export function presentRisk(
  actor: Actor,
  j: RiskJoined,
  assets: (Named & { unitId: string; secret: boolean; systemIds: string[] })[],
  units: Named[],
  measures: { id: string; title: string; status: string; secret: boolean; unitId: string | null; systemId: string | null }[],
): RiskOut {
  const item = presentRiskItem(actor, j);
  return {
    ...item,
    assets: item.masked
      ? []
      : assets
          .filter((a) => viewOf(actor, 'information-asset', { unitId: a.unitId, systemIds: a.systemIds, secret: a.secret }) === 'full')
          .map((a) => ({ id: a.id, name: a.name })),
    units: item.masked ? [] : units.map((u) => ({ id: u.id, name: u.name })),
    measures: measures
      .filter((m) => viewOf(actor, 'measure', { unitId: m.unitId, systemIds: m.systemId ? [m.systemId] : [], secret: m.secret }) !== null)
      .map((m) => ({
        id: m.id,
        title:
          viewOf(actor, 'measure', { unitId: m.unitId, systemIds: m.systemId ? [m.systemId] : [], secret: m.secret }) === 'full'
            ? m.title
            : null,
        status: m.status,
      })),
  };
}
