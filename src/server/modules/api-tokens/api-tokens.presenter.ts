import type { Role } from '../../../shared/enums.js';
import type { TokenRow } from './api-tokens.repository.js';
import type { ApiTokenOut } from './api-tokens.schemas.js';

export function tokenStatus(r: Pick<TokenRow, 'revokedAt' | 'expiresAt'>, now = new Date()): ApiTokenOut['status'] {
  if (r.revokedAt) return 'revoked';
  return r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

// Never the token or its hash: after creation only the prefix identifies it.
export function presentToken(r: TokenRow): ApiTokenOut {
  return {
    id: r.id,
    name: r.name,
    prefix: `tillit_${r.prefix}`,
    roles: r.roles as Role[],
    createdAt: r.createdAt.toISOString(),
    createdBy: { id: r.createdById, displayName: r.createdByName },
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    status: tokenStatus(r),
  };
}
