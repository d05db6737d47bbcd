import { assertCan, type Action, type Actor, type ObjectScope } from '../../platform/access.js';

// Information assets follow the policy table, narrowed by the grant's scope (the asset's unit, or a
// system it is linked to) when the object is known.
export const assertAssetAction = (actor: Actor, action: Action, scope?: ObjectScope) =>
  assertCan(actor, action, 'information-asset', scope);
