import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit, systemContext } from '../audit.js';

export interface SignInEvent {
  userId: string;
  // the tenants whose trail gets the event: the session's tenant, or every tenant of the account
  tenantIds: readonly string[];
  action: 'auth.sign-in' | 'auth.sign-in-failed' | 'auth.sign-out' | 'auth.mfa-passed' | 'auth.mfa-failed';
  detail: Record<string, unknown>;
  requestId: string;
  clientAddress: string | null | undefined;
  // a failed attempt has no authenticated actor: the account it named is the object
  authenticated: boolean;
}

// Sign-ins are their own events, not changes of a record: one per tenant trail that the account
// belongs to, so each municipality sees attempts on its own people.
export async function auditSignIn(db: Db, e: SignInEvent): Promise<void> {
  for (const tenantId of e.tenantIds) {
    const base = systemContext(tenantId, e.requestId);
    const ctx = {
      ...base,
      clientAddress: e.clientAddress ?? null,
      actor: e.authenticated ? { ...base.actor, userId: e.userId, displayName: '' } : base.actor,
    };
    await withTenant(db, tenantId, (tx) =>
      recordAudit(tx, ctx, { action: e.action, entityType: 'user', entityId: e.userId, after: e.detail }),
    );
  }
}
