import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { replaceAssignments, specsForGroups } from '../../platform/auth/group-roles.js';
import * as repo from './sso.repository.js';
import { SsoRefusal, type ExternalProfile } from './sso.state.js';

// The audit entries of a sign-in name the person signing in as the actor.
function contextFor(user: { id: string; email: string; displayName: string }, tenantId: string, requestId: string): RequestContext {
  const actor: Actor = { userId: user.id, tenantId, roles: [], grants: [], email: user.email, displayName: user.displayName };
  return { actor, requestId };
}

const ssoOnly = (rows: Awaited<ReturnType<typeof repo.assignmentsOf>>) =>
  rows.filter((r) => r.source === 'sso').map(({ source: _s, ...rest }) => rest);

// Finds or creates the Tillit user for an IdP identity and gives them the roles their groups map to
// in the provider's tenant. Returns the user id; refuses when the person ends up with no role there.
export async function provisionUser(db: Db, provider: repo.ProviderRow, profile: ExternalProfile, requestId: string): Promise<string> {
  const tenantId = provider.tenantId;
  const result = await withTenant(db, tenantId, async (tx) => {
    const specs = await specsForGroups(tx, tenantId, profile.groups);
    let userId = await repo.identityOf(tx, provider.id, profile.subject);
    let user = userId ? await repo.userById(tx, userId) : null;

    if (!user && profile.email) {
      const existing = await repo.userByEmail(tx, profile.email);
      if (existing) {
        // Linking by e-mail only for someone this tenant already knows: the IdP is trusted for its
        // own organisation, not to claim accounts that belong elsewhere.
        const known = (await repo.assignmentsOf(tx, tenantId, existing.id)).length > 0;
        if (!profile.emailTrusted || !known) throw new SsoRefusal('no-access', 'e-mail belongs to an account without a role here');
        // An account another tenant also answers for is linked only when the same IdP already vouches
        // for the same subject there (a joint IT organisation's IdP set up in several municipalities).
        if (
          (await repo.belongsElsewhere(tx, tenantId, existing.id)) &&
          !(await repo.knownToSameIdp(tx, provider.id, existing.id, profile.subject))
        )
          throw new SsoRefusal('no-access', 'e-mail belongs to an account another tenant also answers for');
        if (existing.disabledAt) throw new SsoRefusal('no-access', 'account disabled');
        await repo.linkIdentity(tx, provider.id, profile.subject, existing.id);
        await recordAudit(tx, contextFor(existing, tenantId, requestId), {
          action: 'user.sso-link',
          entityType: 'user',
          entityId: existing.id,
          after: { identityProviderId: provider.id, identityProvider: provider.name },
        });
        user = existing;
      }
    }

    if (!user) {
      // Just-in-time provisioning, but only for people the group table gives a role: an IdP that
      // serves the whole municipality must not fill Tillit with accounts that can do nothing.
      if (specs.length === 0) throw new SsoRefusal('no-access', 'no group maps to a role');
      if (!profile.email) throw new SsoRefusal('failed', 'the IdP sent no e-mail address');
      const displayName = profile.name?.trim() || profile.email;
      userId = await repo.insertUser(tx, profile.email, displayName.slice(0, 200));
      await repo.linkIdentity(tx, provider.id, profile.subject, userId);
      user = (await repo.userById(tx, userId))!;
      await recordAudit(tx, contextFor(user, tenantId, requestId), {
        action: 'user.create',
        entityType: 'user',
        entityId: userId,
        after: { email: user.email, displayName: user.displayName, source: 'sso', identityProviderId: provider.id },
      });
    } else {
      if (user.disabledAt) throw new SsoRefusal('no-access', 'account disabled');
      await repo.touchIdentity(tx, provider.id, profile.subject);
    }

    const before = ssoOnly(await repo.assignmentsOf(tx, tenantId, user.id));
    if (await replaceAssignments(tx, tenantId, user.id, 'sso', specs)) {
      await recordAudit(tx, contextFor(user, tenantId, requestId), {
        action: 'user.roles-from-sso',
        entityType: 'user',
        entityId: user.id,
        before: { assignments: before },
        after: { assignments: ssoOnly(await repo.assignmentsOf(tx, tenantId, user.id)), groups: profile.groups.slice(0, 100) },
      });
    }
    const hasRole = (await repo.assignmentsOf(tx, tenantId, user.id)).length > 0;
    return { userId: user.id, hasRole };
  });
  // Refused after the commit: roles the IdP's groups no longer give must stay removed.
  if (!result.hasRole) throw new SsoRefusal('no-access', 'no role in the tenant');
  return result.userId;
}
