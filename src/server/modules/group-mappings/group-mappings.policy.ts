import { assertCan, can, type Action, type Actor } from '../../platform/access.js';

// The group → role table is part of the tenant's sign-in set-up: same rules as the identity providers.
export const assertMappingAction = (actor: Actor, action: Action) => assertCan(actor, action, 'identity-provider');

export const mappingActions = (actor: Actor): ('read' | 'delete')[] => [
  ...(can(actor, 'read', 'identity-provider') ? (['read'] as const) : []),
  ...(can(actor, 'archive', 'identity-provider') ? (['delete'] as const) : []),
];
