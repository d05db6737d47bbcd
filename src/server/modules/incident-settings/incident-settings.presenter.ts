import { recordBase, viewOf, type Actor } from '../../platform/access.js';
import type { IncidentSeverity } from '../../../shared/enums.js';
import type { CategoryRow, RouteRow } from './incident-settings.repository.js';
import type { CategoryOut, RouteOut } from './incident-settings.schemas.js';

export const presentCategory = (actor: Actor, r: CategoryRow): CategoryOut => ({
  ...recordBase(actor, 'incident-settings', r),
  name: r.name,
  nameEn: r.nameEn,
  sortOrder: r.sortOrder,
});

// Routes are read by every reporter (D1-35); a secret-marked system on a route keeps its name from
// those who may not see the system, as everywhere else.
export function presentRoute(actor: Actor, r: RouteRow, names: Map<string, string>): RouteOut {
  const systemVisible =
    r.systemId !== null &&
    r.systemUnitId !== null &&
    viewOf(actor, 'system', { unitId: r.systemUnitId, systemIds: [r.systemId], secret: r.systemSecret ?? false }) === 'full';
  return {
    ...recordBase(actor, 'incident-settings', r),
    name: r.name,
    categoryId: r.categoryId,
    category: r.categoryId && r.categoryName !== null ? { id: r.categoryId, name: r.categoryName, nameEn: r.categoryNameEn } : null,
    systemId: r.systemId,
    system: r.systemId ? { id: r.systemId, name: systemVisible ? r.systemName : null } : null,
    minSeverity: r.minSeverity as IncidentSeverity | null,
    handlingUnitId: r.handlingUnitId,
    handlingUnit: r.handlingUnitId && r.unitName !== null ? { id: r.handlingUnitId, name: r.unitName } : null,
    notifyUserIds: r.notifyUserIds,
    notifyUsers: r.notifyUserIds.map((id) => ({ id, displayName: names.get(id) ?? '—' })),
    instructions: r.instructions,
    sortOrder: r.sortOrder,
  };
}
