import { assertCan, type Action, type Actor } from '../../platform/access.js';

export const assertOrgUnitAction = (actor: Actor, action: Action) => assertCan(actor, action, 'org-unit');
