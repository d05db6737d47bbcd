import type { TFunction } from 'i18next';
import type { AssignmentBody, UserRecord } from '../../../api/resources.js';
import { personRoles, supplierRoles } from '../../../../shared/enums.js';

export type PersonRole = AssignmentBody['role'];
export type ScopeType = NonNullable<AssignmentBody['scopeType']>;
export type Assignment = UserRecord['assignments'][number];

// The order the seeds name them: municipal roles, then supplier roles (one list for server and web).
export const PERSON_ROLES: readonly PersonRole[] = personRoles;
export const SUPPLIER_ROLES: readonly PersonRole[] = supplierRoles;
export const isSupplierRole = (role: string): boolean => (SUPPLIER_ROLES as readonly string[]).includes(role);

/** The scopes a role can have: supplier roles belong to one supplier, the others to the tenant, a unit or systems. */
export function scopesFor(role: string): ScopeType[] {
  return isSupplierRole(role) ? ['supplier'] : ['tenant', 'unit', 'systems'];
}

export const roleName = (t: TFunction, role: string): string => t(`roles.names.${role}`, { defaultValue: role });

/** "Enhet med underenheter: Socialförvaltningen", "Vissa system: Pulsen Combine, Appva MCSS", "Hela organisationen". */
export function scopeText(t: TFunction, a: Pick<Assignment, 'scopeType' | 'scopeUnit' | 'scopeSystems' | 'scopeSupplier'>): string {
  const label = t(`roles.scopes.${a.scopeType}`);
  switch (a.scopeType) {
    case 'unit':
      return a.scopeUnit ? `${label}: ${a.scopeUnit.name}` : label;
    case 'systems':
      return a.scopeSystems.length ? `${label}: ${a.scopeSystems.map((s) => s.name).join(', ')}` : label;
    case 'supplier':
      return a.scopeSupplier ? `${label}: ${a.scopeSupplier.name}` : label;
    default:
      return label;
  }
}

export const assignmentText = (t: TFunction, a: Assignment): string => `${roleName(t, a.role)} – ${scopeText(t, a)}`;

export { usePermission } from '../../auth/session.js';
