import { assertCan, type Action, type Actor } from '../../platform/access.js';

// Systems follow the register rules of the policy table; system-owner approvals (D1-21) and unit
// scope will narrow this when the role model lands.
export const assertSystemAction = (actor: Actor, action: Action) => assertCan(actor, action, 'system');
