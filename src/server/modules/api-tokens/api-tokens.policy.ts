import { supplierRoles, type Role } from '../../../shared/enums.js';
import { assertCan, can, policy, resources, type Action, type Actor, type SecretView } from '../../platform/access.js';
import { Problem } from '../../platform/problems.js';

// Only a person manages tokens: a token that could mint or revoke tokens would outlive any review
// of who holds what (D0-15 least privilege). Reading the list is managing too: it names the
// integrations and their rights.
export function assertTokenManager(actor: Actor, action: Action): void {
  if (actor.tokenId) throw new Problem('token-not-allowed');
  assertCan(actor, action, 'api-token');
}

const secretRank: Record<SecretView, number> = { hidden: 0, masked: 1, full: 2 };

// Which roles a person may put on a token. A token acts tenant-wide, so it may get a role only when
// the person's own tenant-wide grants already allow every action that role allows, and show secret
// records at least as fully: a token never lifts anyone above their own rights. So a coordinator
// may not hand out a role with rights the coordinator lacks, and a unit-scoped manager could not
// give a tenant-wide role at all. Supplier roles are always bound to one supplier organisation and
// cannot be held tenant-wide, so tokens never get them. 'provisioning' exists only for tokens; it
// passes this test for anyone who may manage SCIM (the coordinator).
export function tokenRoleAllowed(actor: Actor, role: Role): boolean {
  if ((supplierRoles as readonly Role[]).includes(role)) return false;
  const tenantWide: Actor = { ...actor, grants: actor.grants.filter((g) => g.scope.type === 'tenant') };
  if (tenantWide.grants.length === 0) return false;
  const rule = policy[role];
  for (const resource of resources) {
    for (const action of rule.can[resource] ?? []) if (!can(tenantWide, action, resource)) return false;
  }
  const best = Math.max(...tenantWide.grants.map((g) => secretRank[policy[g.role].secret]));
  return best >= secretRank[rule.secret];
}
