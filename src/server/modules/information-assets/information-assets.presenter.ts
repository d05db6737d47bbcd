import { recordBase, type Actor } from '../../platform/access.js';
import type { AssetOut } from './information-assets.schemas.js';
import type { AssetRow } from './information-assets.repository.js';

type Row = Omit<AssetRow, 'search'> & { unitName: string; systems: { id: string; name: string }[] };

export function presentAsset(actor: Actor, r: Row): AssetOut {
  return {
    ...recordBase(actor, 'information-asset', r),
    name: r.name,
    description: r.description,
    owner: r.owner,
    unitId: r.unitId,
    unit: { id: r.unitId, name: r.unitName },
    personalData: r.personalData as AssetOut['personalData'],
    systemIds: r.systems.map((s) => s.id),
    systems: r.systems,
  };
}
