import type { Actor } from '../../platform/access.js';
import type { OrgUnitOut } from './org-units.schemas.js';
import type { OrgUnitRow } from './org-units.repository.js';
import { orgUnitActions } from './org-units.policy.js';

export function presentOrgUnit(actor: Actor, r: OrgUnitRow): OrgUnitOut {
  const archived = r.archivedAt !== null;
  return {
    id: r.id,
    version: r.version,
    archived,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: orgUnitActions(actor, { archived }),
    name: r.name,
    type: r.type as OrgUnitOut['type'],
    parentId: r.parentId,
    description: r.description,
  };
}
