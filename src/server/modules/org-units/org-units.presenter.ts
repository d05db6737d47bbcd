import { recordBase, type Actor } from '../../platform/access.js';
import type { OrgUnitOut } from './org-units.schemas.js';
import type { OrgUnitRow } from './org-units.repository.js';

export function presentOrgUnit(actor: Actor, r: OrgUnitRow): OrgUnitOut {
  return {
    ...recordBase(actor, 'org-unit', r),
    name: r.name,
    type: r.type as OrgUnitOut['type'],
    parentId: r.parentId,
    description: r.description,
  };
}
