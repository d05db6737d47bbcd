import type { Actor } from '../../platform/access.js';
import type { SystemListItem, SystemOut } from './systems.schemas.js';
import type { CostRow, SystemRow } from './systems.repository.js';
import { systemActions } from './systems.policy.js';

type Row = Omit<SystemRow, 'search'> & { unitName: string };

const sek = (ore: number) => Number(ore) / 100;

function base(actor: Actor, r: Row) {
  const archived = r.archivedAt !== null;
  return {
    id: r.id,
    version: r.version,
    archived,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: systemActions(actor, { archived }),
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
