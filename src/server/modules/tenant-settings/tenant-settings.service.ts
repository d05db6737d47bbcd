import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { allowedActions, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import type { MfaPolicy, Role } from '../../../shared/enums.js';
import { assertSettings } from './tenant-settings.policy.js';
import * as repo from './tenant-settings.repository.js';
import type { TenantSettingsOut, TenantSettingsPatch } from './tenant-settings.schemas.js';

type TenantRow = NonNullable<Awaited<ReturnType<typeof repo.findTenant>>>;

function present(actor: Actor, t: TenantRow): TenantSettingsOut {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    version: t.version,
    mfaPolicy: t.mfaPolicy as MfaPolicy,
    mfaRoles: t.mfaRoles as Exclude<Role, 'provisioning'>[],
    idleMinutes: t.idleMinutes,
    absoluteHours: t.absoluteHours,
    auditRetentionDays: t.auditRetentionDays ?? null,
    allowedActions: allowedActions(actor, 'tenant-settings', { archived: false }).filter((a) => a === 'read' || a === 'update'),
  };
}

export function createTenantSettingsService(db: Db) {
  return {
    async get(ctx: RequestContext): Promise<TenantSettingsOut> {
      assertSettings(ctx.actor, 'read');
      const t = await withTenant(db, ctx.actor.tenantId, (tx) => repo.findTenant(tx, ctx.actor.tenantId));
      if (!t) throw notFound();
      return present(ctx.actor, t);
    },

    async update(ctx: RequestContext, expectedVersion: number, patch: TenantSettingsPatch): Promise<TenantSettingsOut> {
      assertSettings(ctx.actor, 'update');
      const id = ctx.actor.tenantId;
      return withTenant(db, id, async (tx) => {
        const before = await repo.findTenant(tx, id, true);
        if (!before) throw notFound();
        if (before.version !== expectedVersion) throw new Problem('precondition-failed');
        const mfaPolicy = patch.mfaPolicy ?? before.mfaPolicy;
        const mfaRoles = patch.mfaRoles ?? before.mfaRoles;
        if (mfaPolicy === 'roles' && mfaRoles.length === 0)
          throw fieldProblem(
            'mfaRoles',
            'required',
            'Välj vilka roller som måste använda tvåstegsverifiering.',
            'Choose which roles must use two-step verification.',
          );
        const changes = Object.fromEntries(
          Object.entries({ ...patch, mfaRoles: patch.mfaRoles ? [...new Set(patch.mfaRoles)] : undefined }).filter(
            ([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(before[k as keyof TenantRow]),
          ),
        );
        if (Object.keys(changes).length === 0) return present(ctx.actor, before);
        await repo.updateTenant(tx, id, changes);
        if (patch.absoluteHours !== undefined && patch.absoluteHours < before.absoluteHours)
          await repo.capSessions(tx, id, patch.absoluteHours);
        const sessionsEnded =
          'mfaPolicy' in changes || 'mfaRoles' in changes ? await repo.endSessionsLackingMfa(tx, id, ctx.actor.userId) : 0;
        const after = (await repo.findTenant(tx, id))!;
        await recordAudit(tx, ctx, {
          action: 'tenant.settings-update',
          entityType: 'tenant',
          entityId: id,
          before: Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof TenantRow]])),
          after: sessionsEnded ? { ...changes, sessionsEndedForMfa: sessionsEnded } : changes,
        });
        return present(ctx.actor, after);
      });
    },
  };
}

export type TenantSettingsService = ReturnType<typeof createTenantSettingsService>;
