import { assertCan, can, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { Problem } from '../../platform/problems.js';

// A supplier organisation's scope is the organisation itself: municipal grants reach every supplier
// of the tenant, a supplier-role grant only its own organisation.
export const supplierScope = (id: string): ObjectScope => ({ supplierId: id });

export const assertSupplierAction = (actor: Actor, action: Action, scope?: ObjectScope) => assertCan(actor, action, 'supplier', scope);

// An organisation not yet registered is no one's own: only a grant that reaches every supplier of
// the tenant may register one (a supplier-scoped grant never covers an object without its id).
const noOwnOrganisation: ObjectScope = { supplierId: null };

export const mayRegisterSuppliers = (actor: Actor) => can(actor, 'create', 'supplier', noOwnOrganisation);

export function assertMayRegister(actor: Actor): void {
  assertSupplierAction(actor, 'create', noOwnOrganisation);
}

// Who the organisation is (its organisation number, and its type, which decides the requirements it
// is followed up against) is the municipality's to record; a supplier's own administrator keeps its
// name (and, with the full register, its contacts) current.
export function assertMayChangeIdentity(actor: Actor): void {
  if (!mayRegisterSuppliers(actor))
    throw new Problem('forbidden', {
      sv: 'Organisationsnummer och leverantörstyp ändras av kommunen. Kontakta kommunens informationssäkerhetssamordnare.',
      en: 'The organisation number and supplier type are changed by the municipality. Contact its information security coordinator.',
    });
}
