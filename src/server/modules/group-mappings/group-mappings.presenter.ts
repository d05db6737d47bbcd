import type { Actor } from '../../platform/access.js';
import type { Role, ScopeType } from '../../../shared/enums.js';
import { mappingActions } from './group-mappings.policy.js';
import type { MappingRow } from './group-mappings.repository.js';
import type { GroupMappingOut } from './group-mappings.schemas.js';

type Ref = { id: string; name: string };

export function presentMapping(
  actor: Actor,
  r: { row: MappingRow; unitRef: Ref | null; supplierRef: Ref | null; systemRefs: Ref[] },
): GroupMappingOut {
  const m = r.row;
  return {
    id: m.id,
    groupName: m.groupName,
    role: m.role as Role,
    scopeType: m.scopeType as ScopeType,
    scopeUnitId: m.scopeUnitId,
    scopeUnit: r.unitRef,
    scopeSystemIds: m.scopeSystemIds,
    scopeSystems: r.systemRefs,
    scopeSupplierId: m.scopeSupplierId,
    scopeSupplier: r.supplierRef,
    createdAt: m.createdAt.toISOString(),
    allowedActions: mappingActions(actor),
  };
}

// Audit entries keep the mapping, not the viewer's permissions.
export const mappingSnapshot = ({ allowedActions: _a, ...rest }: GroupMappingOut) => rest;
