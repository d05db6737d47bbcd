import type { Tx } from '../../db/client.js';
import type { AuditEntry } from '../../platform/audit.js';
import { replaceAssignments, specsForGroups } from '../../platform/auth/group-roles.js';
import { and, eq } from 'drizzle-orm';
import { sessions } from '../../db/schema/index.js';
import * as repo from './scim.repository.js';

// What a SCIM change means for access: roles follow the IdP's groups, and deprovisioning is immediate.

// Recomputes the SCIM-sourced roles of these users from their groups in this tenant (through the
// tenant's group → role mapping). Inactive users keep none. Manual and SSO roles stay.
export async function recomputeRoles(tx: Tx, tenantId: string, userIds: string[], audit: AuditEntry[]): Promise<void> {
  const rows = await repo.lockUsers(tx, tenantId, [...new Set(userIds)]);
  for (const r of rows) {
    if (!r.active) continue;
    const specs = await specsForGroups(tx, tenantId, await repo.groupNamesOf(tx, tenantId, r.userId));
    const before = await repo.rolesIn(tx, tenantId, r.userId, 'scim');
    if (await replaceAssignments(tx, tenantId, r.userId, 'scim', specs)) {
      audit.push({
        action: 'scim.roles.update',
        entityType: 'user',
        entityId: r.userId,
        before: { roles: before },
        after: { roles: await repo.rolesIn(tx, tenantId, r.userId, 'scim') },
      });
    }
  }
}

// D3-23 D3-26: a person the IdP deactivates or deletes loses every role in this tenant, whatever
// granted it (the IdP is the authority), and every session in this tenant at once; an account left with no role in
// any tenant is disabled, which also stops API tokens that person created.
export async function deprovision(tx: Tx, tenantId: string, userId: string, audit: AuditEntry[]): Promise<void> {
  const removed = await repo.deleteRolesIn(tx, tenantId, userId);
  // Only this tenant's sessions: one tenant's IdP must not be able to sign a person out elsewhere.
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.tenantId, tenantId)));
  const disabled = !(await repo.hasAnyRole(tx, userId)) && (await repo.setDisabled(tx, userId, true));
  audit.push({
    action: 'scim.user.deprovision',
    entityType: 'user',
    entityId: userId,
    before: { roles: removed },
    after: { roles: [], sessionsEnded: true, accountDisabled: disabled },
  });
}

export async function reactivate(tx: Tx, tenantId: string, userId: string, audit: AuditEntry[]): Promise<void> {
  const enabled = await repo.setDisabled(tx, userId, false);
  audit.push({ action: 'scim.user.reactivate', entityType: 'user', entityId: userId, after: { accountEnabled: enabled } });
  await recomputeRoles(tx, tenantId, [userId], audit);
}
