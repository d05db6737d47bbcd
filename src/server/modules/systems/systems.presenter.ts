import { recordBase, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import { isMasked } from '../../platform/secrecy.js';
import type { SystemListItem, SystemOut } from './systems.schemas.js';
import type { CostRow, SystemRow } from './systems.repository.js';

type Row = Omit<SystemRow, 'search'> & { unitName: string };

const sek = (ore: number) => Number(ore) / 100;

export const systemScope = (r: { id: string; responsibleUnitId: string; secret: boolean }): ObjectScope => ({
  unitId: r.responsibleUnitId,
  systemIds: [r.id],
  secret: r.secret,
});

function base(actor: Actor, r: Row) {
  const masked = isMasked(actor, 'system', systemScope(r));
  const shown = <T>(v: T): T | null => (masked ? null : v);
  return {
    ...recordBase(actor, 'system', r, systemScope(r)),
    secret: r.secret,
    secrecyProvision: r.secrecyProvision,
    masked,
    name: shown(r.name),
    description: shown(r.description),
    responsibleUnitId: r.responsibleUnitId,
    responsibleUnit: { id: r.responsibleUnitId, name: r.unitName },
    systemOwner: shown(r.systemOwner),
    systemAdministrators: masked ? [] : r.systemAdministrators,
    operationsResponsible: shown(r.operationsResponsible),
    supplier: shown(r.supplier),
    hosting: shown(r.hosting as SystemOut['hosting']),
    authenticationMethod: shown(r.authenticationMethod as SystemOut['authenticationMethod']),
    critical: r.critical,
    lifecycleStatus: r.lifecycleStatus as SystemOut['lifecycleStatus'],
    lastReviewedOn: r.lastReviewedOn,
  };
}

type LinkedAsset = { id: string; name: string; unitId: string; secret: boolean };

export function presentSystem(
  actor: Actor,
  r: Row,
  costs: CostRow[],
  assets: LinkedAsset[],
  protectionLevel: SystemOut['protectionLevel'],
): SystemOut {
  const b = base(actor, r);
  return {
    ...b,
    costs: (b.masked ? [] : costs).map((c) => ({
      category: c.category as SystemOut['costs'][number]['category'],
      amountSek: sek(c.amountOre),
      year: c.year,
      note: c.note,
    })),
    // only the linked assets this viewer may see in full: a name can be the secret
    informationAssets: b.masked
      ? []
      : assets
          .filter((a) => viewOf(actor, 'information-asset', { unitId: a.unitId, systemIds: [r.id], secret: a.secret }) === 'full')
          .map((a) => ({ id: a.id, name: a.name })),
    protectionLevel,
  };
}

export function presentSystemListItem(actor: Actor, r: Row & { costTotals: { year: number; amountOre: number }[] }): SystemListItem {
  const b = base(actor, r);
  return { ...b, costTotals: b.masked ? [] : r.costTotals.map((t) => ({ year: t.year, amountSek: sek(t.amountOre) })) };
}
