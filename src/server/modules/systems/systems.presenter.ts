import { recordBase, type Actor } from '../../platform/access.js';
import type { SystemListItem, SystemOut } from './systems.schemas.js';
import type { CostRow, SystemRow } from './systems.repository.js';

type Row = Omit<SystemRow, 'search'> & { unitName: string };

const sek = (ore: number) => Number(ore) / 100;

function base(actor: Actor, r: Row) {
  return {
    ...recordBase(actor, 'system', r),
    name: r.name,
    description: r.description,
    responsibleUnitId: r.responsibleUnitId,
    responsibleUnit: { id: r.responsibleUnitId, name: r.unitName },
    systemOwner: r.systemOwner,
    systemAdministrators: r.systemAdministrators,
    operationsResponsible: r.operationsResponsible,
    supplier: r.supplier,
    hosting: r.hosting as SystemOut['hosting'],
    authenticationMethod: r.authenticationMethod as SystemOut['authenticationMethod'],
    critical: r.critical,
    lifecycleStatus: r.lifecycleStatus as SystemOut['lifecycleStatus'],
    lastReviewedOn: r.lastReviewedOn,
  };
}

export function presentSystem(actor: Actor, r: Row, costs: CostRow[], assets: { id: string; name: string }[]): SystemOut {
  return {
    ...base(actor, r),
    costs: costs.map((c) => ({
      category: c.category as SystemOut['costs'][number]['category'],
      amountSek: sek(c.amountOre),
      year: c.year,
      note: c.note,
    })),
    informationAssets: assets,
  };
}

export function presentSystemListItem(actor: Actor, r: Row & { costTotals: { year: number; amountOre: number }[] }): SystemListItem {
  return { ...base(actor, r), costTotals: r.costTotals.map((t) => ({ year: t.year, amountSek: sek(t.amountOre) })) };
}
