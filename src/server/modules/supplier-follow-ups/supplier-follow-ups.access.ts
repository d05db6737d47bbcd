import { can, policy, type Action, type Actor, type Grant } from '../../platform/access.js';

// Municipal staff plan, send, assess and close follow-ups; the supplier's own people answer them.
// Both act through 'follow-up', so the side is told by the grant that allows the action: a
// supplier-scoped grant is the supplier's side, any other grant the municipality's.
const allowsVia = (actor: Actor, g: Grant, action: Action, supplierId: string) =>
  (policy[g.role].can['follow-up']?.includes(action) ?? false) && can({ ...actor, grants: [g] }, action, 'follow-up', { supplierId });

export const municipalCan = (actor: Actor, action: Action, supplierId: string) =>
  actor.grants.some((g) => g.scope.type !== 'supplier' && allowsVia(actor, g, action, supplierId));

export const supplierCan = (actor: Actor, action: Action, supplierId: string) =>
  actor.grants.some((g) => g.scope.type === 'supplier' && allowsVia(actor, g, action, supplierId));

// A follow-up still being planned is the municipality's own: the supplier sees it once it is sent.
export const reaches = (actor: Actor, action: Action, f: { supplierId: string; status: string }) =>
  municipalCan(actor, action, f.supplierId) || (f.status !== 'planned' && supplierCan(actor, action, f.supplierId));
