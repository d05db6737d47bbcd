import { assertCan, type Action, type Actor } from '../../platform/access.js';

export const assertAssetAction = (actor: Actor, action: Action) => assertCan(actor, action, 'information-asset');
