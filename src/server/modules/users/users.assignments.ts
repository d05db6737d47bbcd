import type { Tx } from '../../db/client.js';
import { supplierRoles, type Role } from '../../../shared/enums.js';
import type { AssignmentSpec } from '../../platform/auth/group-roles.js';
import { fieldProblem } from '../../platform/problems.js';
import * as repo from './users.repository.js';
import type { AssignmentIn } from './users.schemas.js';

const isSupplierRole = (r: Role) => (supplierRoles as readonly Role[]).includes(r);

// Turns a requested assignment into a stored one and checks that the scope fits the role: supplier
// roles belong to one supplier organisation, municipal roles to the tenant, a unit or named systems.
export async function toSpec(tx: Tx, tenantId: string, a: AssignmentIn, at = ''): Promise<AssignmentSpec> {
  const f = (name: string) => `${at}${name}`;
  const scopeType = a.scopeType ?? (isSupplierRole(a.role) ? 'supplier' : 'tenant');
  if (isSupplierRole(a.role) && scopeType !== 'supplier')
    throw fieldProblem(
      f('scopeType'),
      'supplier_scope_required',
      'Leverantörsroller gäller alltid en leverantörsorganisation. Välj leverantör.',
      'Supplier roles always apply to one supplier organisation. Choose the supplier.',
    );
  if (!isSupplierRole(a.role) && scopeType === 'supplier')
    throw fieldProblem(
      f('scopeType'),
      'supplier_scope_not_allowed',
      'Bara leverantörsroller kan avgränsas till en leverantör.',
      'Only supplier roles can be limited to a supplier.',
    );
  const spec: AssignmentSpec = {
    role: a.role,
    scopeType,
    scopeUnitId: scopeType === 'unit' ? (a.scopeUnitId ?? null) : null,
    scopeSystemIds: scopeType === 'systems' ? [...new Set(a.scopeSystemIds ?? [])] : [],
    scopeSupplierId: scopeType === 'supplier' ? (a.scopeSupplierId ?? null) : null,
  };
  if (scopeType === 'unit' && !spec.scopeUnitId)
    throw fieldProblem(f('scopeUnitId'), 'required', 'Välj vilken enhet rollen gäller.', 'Choose the unit the role applies to.');
  if (scopeType === 'systems' && spec.scopeSystemIds.length === 0)
    throw fieldProblem(f('scopeSystemIds'), 'required', 'Välj minst ett system som rollen gäller.', 'Choose at least one system.');
  if (scopeType === 'supplier' && !spec.scopeSupplierId)
    throw fieldProblem(f('scopeSupplierId'), 'required', 'Välj leverantör.', 'Choose the supplier.');
  const found = await repo.scopeTargetsExist(tx, tenantId, spec);
  if (!found.unit_ok)
    throw fieldProblem(
      f('scopeUnitId'),
      'unknown_unit',
      'Enheten finns inte eller är arkiverad.',
      'The unit does not exist or is archived.',
    );
  if (found.systems_found !== spec.scopeSystemIds.length)
    throw fieldProblem(
      f('scopeSystemIds'),
      'unknown_system',
      'Ett av systemen finns inte eller är arkiverat.',
      'One of the systems does not exist or is archived.',
    );
  if (!found.supplier_ok)
    throw fieldProblem(
      f('scopeSupplierId'),
      'unknown_supplier',
      'Leverantören finns inte eller är arkiverad.',
      'The supplier does not exist or is archived.',
    );
  return spec;
}
