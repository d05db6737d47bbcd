import { recordBase, type Actor } from '../../platform/access.js';
import type { RequirementRow } from './requirements.repository.js';
import type { RequirementOut } from './requirements.schemas.js';

export const presentRequirement = (actor: Actor, r: RequirementRow): RequirementOut => ({
  ...recordBase(actor, 'requirement', r),
  code: r.code,
  text: r.text,
  guidance: r.guidance,
  aspect: r.aspect as RequirementOut['aspect'],
  minLevel: r.minLevel,
  kind: r.kind as RequirementOut['kind'],
  area: r.area as RequirementOut['area'],
  source: r.source,
});
