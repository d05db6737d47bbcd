import { allowedActions, type Actor } from '../../platform/access.js';
import type { UserOut, SessionOut } from './users.schemas.js';
import type { UserRow, listSessions } from './users.repository.js';

const iso = (v: string | Date) => new Date(v).toISOString();

export function presentUser(actor: Actor, r: UserRow): UserOut {
  return {
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    disabled: r.disabled,
    hasPassword: r.has_password,
    mfa: { totp: r.totp, passkeys: r.passkeys },
    ssoLinked: r.sso_linked,
    scimManaged: r.scim_managed,
    lastSeenAt: r.last_seen_at ? iso(r.last_seen_at) : null,
    createdAt: iso(r.created_at),
    assignments: r.assignments.map((a) => ({
      id: a.id,
      role: a.role as UserOut['assignments'][number]['role'],
      scopeType: a.scopeType as UserOut['assignments'][number]['scopeType'],
      scopeUnit: a.scopeUnit,
      scopeSystems: a.scopeSystems,
      scopeSupplier: a.scopeSupplier,
      source: a.source as UserOut['assignments'][number]['source'],
      createdAt: iso(a.createdAt),
    })),
    allowedActions: allowedActions(actor, 'user', { archived: false }),
  };
}

type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

export function presentSession(r: SessionRow, currentIdHash: string | null): SessionOut {
  return {
    id: r.id,
    tenant: { id: r.tenant_id, name: r.tenant_name },
    createdAt: iso(r.created_at),
    lastSeenAt: iso(r.last_seen_at),
    expiresAt: iso(r.expires_at),
    clientAddress: r.client_address,
    userAgent: r.user_agent,
    // how the person signed in; which IdP row is internal (it decides tenant switches)
    authMethods: r.auth_methods.filter((m) => !m.startsWith('idp:')),
    current: r.id_hash === currentIdHash,
  };
}
