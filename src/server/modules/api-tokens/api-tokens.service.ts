import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import { sha256 } from '../../platform/auth/sessions.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { assertTokenManager, tokenRoleAllowed } from './api-tokens.policy.js';
import { presentToken } from './api-tokens.presenter.js';
import * as repo from './api-tokens.repository.js';
import type { ApiTokenCreate, ApiTokenCreated, ApiTokenOut } from './api-tokens.schemas.js';

const DAY = 86_400_000;
export const DEFAULT_DAYS = 90;

// `tillit_<8 hex>_<32 random bytes, base64url>`: the fixed start lets secret scanners and log filters
// recognise a leaked token; the prefix names it in lists; only the sha256 of the whole is stored.
export function newToken(): { token: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { token: `tillit_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

// Midnight at the start of a calendar day in Stockholm. Clocks change at 01:00 UTC, never between
// local midnight and 00:00 UTC, so the offset at 00:00 UTC of the day is the one at local midnight.
function stockholmMidnight(date: string): Date {
  const utc = new Date(`${date}T00:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' })
    .formatToParts(utc)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  const offsetMin = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return new Date(utc.getTime() - offsetMin * 60_000);
}

export function expiryOf(input: string | undefined, now = new Date()): Date {
  if (!input) return new Date(now.getTime() + DEFAULT_DAYS * DAY);
  // A date is valid through that whole day, so "today" still gives a token that works until midnight.
  const at = input.length === 10 ? new Date(stockholmMidnight(input).getTime() + DAY) : new Date(input);
  if (at.getTime() <= now.getTime()) {
    throw fieldProblem('expiresAt', 'in_past', 'Slutdatumet måste ligga i framtiden.', 'The expiry must be in the future.');
  }
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 1);
  // One day of slack: the date a year from today is allowed and lasts until that day's end.
  if (at.getTime() > limit.getTime() + DAY) {
    throw fieldProblem('expiresAt', 'too_far', 'En nyckel kan gälla högst ett år.', 'A token can be valid for at most one year.');
  }
  return at;
}

export function createApiTokensService(db: Db) {
  return {
    async create(ctx: RequestContext, input: ApiTokenCreate): Promise<ApiTokenCreated> {
      const { actor } = ctx;
      assertTokenManager(actor, 'create');
      const roles = [...new Set(input.roles)];
      roles.forEach((role, i) => {
        if (!tokenRoleAllowed(actor, role)) {
          throw fieldProblem(
            `roles.${i}`,
            'role_not_allowed',
            'Du kan inte ge en nyckel den här rollen.',
            'You cannot give a token this role.',
          );
        }
      });
      const expiresAt = expiryOf(input.expiresAt);
      const { token, prefix } = newToken();
      const row = await withTenant(db, actor.tenantId, async (tx) => {
        const id = await repo.insertToken(tx, {
          tenantId: actor.tenantId,
          createdBy: actor.userId,
          name: input.name,
          tokenHash: sha256(token),
          prefix,
          roles,
          expiresAt,
        });
        const created = (await repo.findToken(tx, actor.tenantId, id))!;
        const { status: _s, ...snapshot } = presentToken(created);
        await repo.auditInTenant(tx, ctx, [{ action: 'api-token.create', entityType: 'api-token', entityId: id, after: snapshot }]);
        return created;
      });
      return { ...presentToken(row), token };
    },

    async list(actor: Actor): Promise<ApiTokenOut[]> {
      assertTokenManager(actor, 'read');
      return (await repo.listTokens(db, actor.tenantId)).map(presentToken);
    },

    async get(actor: Actor, id: string): Promise<ApiTokenOut> {
      assertTokenManager(actor, 'read');
      const row = await repo.findToken(db, actor.tenantId, id);
      if (!row) throw notFound();
      return presentToken(row);
    },

    // Idempotent: revoking a revoked token answers the same and writes nothing.
    async revoke(ctx: RequestContext, id: string): Promise<ApiTokenOut> {
      assertTokenManager(ctx.actor, 'update');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const before = await repo.findToken(tx, t, id, true);
        if (!before) throw notFound();
        if (before.revokedAt) return presentToken(before);
        await repo.revokeToken(tx, t, id);
        const after = (await repo.findToken(tx, t, id))!;
        await repo.auditInTenant(tx, ctx, [
          {
            action: 'api-token.revoke',
            entityType: 'api-token',
            entityId: id,
            before: { revokedAt: null },
            after: { revokedAt: after.revokedAt?.toISOString() },
          },
        ]);
        return presentToken(after);
      });
    },
  };
}

export type ApiTokensService = ReturnType<typeof createApiTokensService>;
