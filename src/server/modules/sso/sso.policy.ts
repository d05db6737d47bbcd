import { assertCan, can, type Action, type Actor } from '../../platform/access.js';
import type { providerActions } from './sso.schemas.js';

export const assertProviderAction = (actor: Actor, action: Action) => assertCan(actor, action, 'identity-provider');

export function providerActionsFor(actor: Actor): (typeof providerActions)[number][] {
  const out: (typeof providerActions)[number][] = [];
  if (can(actor, 'read', 'identity-provider')) out.push('read');
  if (can(actor, 'update', 'identity-provider')) out.push('update');
  // removing a provider is the policy table's "archive"
  if (can(actor, 'archive', 'identity-provider')) out.push('delete');
  return out;
}
