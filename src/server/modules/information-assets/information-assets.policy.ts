import { allowedActions, assertCan, type Action, type Actor } from '../../platform/access.js';

export const assertAssetAction = (actor: Actor, action: Action) => assertCan(actor, action, 'information-asset');
export const assetActions = (actor: Actor, asset: { archived: boolean }) => allowedActions(actor, 'information-asset', asset);
