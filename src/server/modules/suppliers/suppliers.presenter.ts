import { recordBase, type Actor } from '../../platform/access.js';
import { supplierScope } from './suppliers.policy.js';
import type { SupplierRow } from './suppliers.repository.js';
import type { SupplierOut } from './suppliers.schemas.js';

export function presentSupplier(actor: Actor, r: SupplierRow): SupplierOut {
  return {
    ...recordBase(actor, 'supplier', r, supplierScope(r.id)),
    name: r.name,
    organisationNumber: r.organisationNumber,
    type: r.type as SupplierOut['type'],
  };
}
