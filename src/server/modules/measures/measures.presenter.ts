import { can, recordBase, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import { isMasked } from '../../platform/secrecy.js';
import { riskScope } from '../risks/risks.presenter.js';
import type { LinkedPlan, LinkedRisk, MeasureRow } from './measures.repository.js';
import type { MeasureOut } from './measures.schemas.js';

export const oreToSek = (ore: number | null) => (ore === null ? null : Number(ore) / 100);
export const sekToOre = (sek: number | null | undefined) => (sek === null || sek === undefined ? sek : Math.round(sek * 100));

export const measureScope = (r: { unitId: string | null; systemId: string | null; secret: boolean }): ObjectScope => ({
  unitId: r.unitId,
  systemIds: r.systemId ? [r.systemId] : [],
  secret: r.secret,
});

// A linked risk's title shows only where GET /risks/{id} would show it: the risk's own scope (its
// analysis's unit, its systems, secret when it or its analysis is marked), never its `unitIds`.
const riskVisible = (actor: Actor, r: LinkedRisk): boolean => viewOf(actor, 'risk', riskScope(r)) === 'full';

// `plans` (the action plans holding the measure) comes with a single measure, not with lists.
export function presentMeasure(actor: Actor, r: MeasureRow, plans?: LinkedPlan[]): MeasureOut {
  const scope = measureScope(r);
  const masked = isMasked(actor, 'measure', scope);
  const shown = <T>(v: T): T | null => (masked ? null : v);
  const systemShown =
    r.systemId && viewOf(actor, 'system', { unitId: r.systemUnitId, systemIds: [r.systemId], secret: r.systemSecret ?? false }) === 'full';
  return {
    ...recordBase(actor, 'measure', r, scope),
    secret: r.secret,
    secrecyProvision: r.secrecyProvision,
    masked,
    title: shown(r.title),
    description: shown(r.description),
    origin: r.origin as MeasureOut['origin'],
    originId: r.originId,
    basis: shown(r.basis),
    systemId: r.systemId,
    system: r.systemId ? { id: r.systemId, name: systemShown ? r.systemName : null } : null,
    unitId: r.unitId,
    unit: r.unitId ? { id: r.unitId, name: r.unitName ?? '' } : null,
    ownerUserId: r.ownerUserId,
    owner: r.ownerUserId ? { id: r.ownerUserId, displayName: r.ownerName ?? '' } : null,
    dueOn: r.dueOn,
    overdue: r.overdue,
    priority: r.priority as MeasureOut['priority'],
    plannedCostSek: shown(oreToSek(r.plannedCostOre)),
    actualCostSek: shown(oreToSek(r.actualCostOre)),
    status: r.status as MeasureOut['status'],
    completedOn: r.completedOn,
    risks: masked ? [] : r.risks.map((k) => ({ id: k.id, title: riskVisible(actor, k) ? k.title : null })),
    goals: masked ? [] : r.goals,
    ...(plans ? { plans: can(actor, 'read', 'action-plan') ? plans : [] } : {}),
  };
}
