import { recordBase, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import { isMasked } from '../../platform/secrecy.js';
import type { AssetOut } from './information-assets.schemas.js';
import type { AssetRow } from './information-assets.repository.js';

type LinkedSystem = { id: string; name: string; unitId: string; secret: boolean };
type Row = Omit<AssetRow, 'search'> & { unitName: string; systems: LinkedSystem[]; classification: AssetOut['classification'] };

export const assetScope = (r: { unitId: string; secret: boolean; systems: { id: string }[] }): ObjectScope => ({
  unitId: r.unitId,
  systemIds: r.systems.map((s) => s.id),
  secret: r.secret,
});

export function presentAsset(actor: Actor, r: Row): AssetOut {
  const masked = isMasked(actor, 'information-asset', assetScope(r));
  const shown = <T>(v: T): T | null => (masked ? null : v);
  // only linked systems this viewer may see in full: a system's name can be the secret
  const systems = masked
    ? []
    : r.systems
        .filter((s) => viewOf(actor, 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full')
        .map((s) => ({ id: s.id, name: s.name }));
  return {
    ...recordBase(actor, 'information-asset', r, assetScope(r)),
    secret: r.secret,
    secrecyProvision: r.secrecyProvision,
    masked,
    name: shown(r.name),
    description: shown(r.description),
    owner: shown(r.owner),
    unitId: r.unitId,
    unit: { id: r.unitId, name: r.unitName },
    personalData: r.personalData as AssetOut['personalData'],
    systemIds: systems.map((s) => s.id),
    systems,
    classification: r.classification ? { ...r.classification, classifiedAt: new Date(r.classification.classifiedAt).toISOString() } : null,
  };
}
