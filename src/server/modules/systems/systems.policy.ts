import { assertCan, type Action, type Actor, type ObjectScope } from '../../platform/access.js';

// Systems follow the policy table, narrowed by the grant's scope (unit subtree or named systems)
// when the object is known. System-owner approvals (D1-21) will narrow it further.
export const assertSystemAction = (actor: Actor, action: Action, scope?: ObjectScope) => assertCan(actor, action, 'system', scope);
