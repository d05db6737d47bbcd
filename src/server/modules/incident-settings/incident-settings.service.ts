import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { fieldProblem, Problem } from '../../platform/problems.js';
import * as repo from './incident-settings.repository.js';
import { defaultIncidentSettings } from './routing.js';
import type { SettingsIn, SettingsOut } from './incident-settings.schemas.js';

async function load(tx: Tx, ctx: RequestContext): Promise<SettingsOut> {
  const row = await repo.findSettings(tx, ctx.actor.tenantId);
  const v = row ?? { ...defaultIncidentSettings, version: 0, updatedAt: null };
  const names = await repo.peopleNames(tx, v.crisisUserIds);
  return {
    // no row yet: version 0, so the first save names it like any later one
    version: v.version,
    crisisUserIds: [...v.crisisUserIds],
    crisisUsers: v.crisisUserIds.map((id) => ({ id, displayName: names.get(id) ?? '—' })),
    reminderPercents: [...v.reminderPercents],
    secretByDefault: v.secretByDefault,
    defaultSecrecyProvision: v.defaultSecrecyProvision,
    updatedAt: v.updatedAt ? v.updatedAt.toISOString() : null,
    canUpdate: can(ctx.actor, 'update', 'incident-settings', {}),
  };
}

const forAudit = (s: SettingsOut): Omit<SettingsOut, 'canUpdate' | 'updatedAt' | 'crisisUsers'> => {
  const { canUpdate: _a, updatedAt: _b, crisisUsers: _d, ...rest } = s;
  return rest;
};

export function createIncidentSettingsService(db: Db) {
  return {
    async get(ctx: RequestContext): Promise<SettingsOut> {
      assertCan(ctx.actor, 'read', 'incident-settings');
      return withTenant(db, ctx.actor.tenantId, (tx) => load(tx, ctx));
    },

    async people(ctx: RequestContext) {
      assertCan(ctx.actor, 'update', 'incident-settings', {});
      return { items: await withTenant(db, ctx.actor.tenantId, (tx) => repo.members(tx, ctx.actor.tenantId)) };
    },

    async put(ctx: RequestContext, expectedVersion: number, input: SettingsIn): Promise<SettingsOut> {
      assertCan(ctx.actor, 'update', 'incident-settings', {});
      const t = ctx.actor.tenantId;
      if (input.secretByDefault && !input.defaultSecrecyProvision)
        throw fieldProblem(
          'defaultSecrecyProvision',
          'required',
          'Ange vilken bestämmelse i OSL som gäller när incidenter sekretessmarkeras, t.ex. "18 kap. 8 § OSL".',
          'State the OSL provision that applies when incidents are secret-marked, e.g. "18 kap. 8 § OSL".',
        );
      return withTenant(db, t, async (tx) => {
        const before = await load(tx, ctx);
        const crisisUserIds = [...new Set(input.crisisUserIds)];
        const added = crisisUserIds.filter((id) => !before.crisisUserIds.includes(id));
        if (added.length && (await repo.activeMembers(tx, t, added)).length !== added.length)
          throw fieldProblem(
            'crisisUserIds',
            'unknown_user',
            'En av personerna finns inte i kommunen.',
            'One of the people is not a member.',
          );
        const values = {
          crisisUserIds,
          reminderPercents: input.reminderPercents,
          secretByDefault: input.secretByDefault,
          defaultSecrecyProvision: input.defaultSecrecyProvision ?? null,
        };
        if (expectedVersion === 0) {
          if (!(await repo.insertSettings(tx, t, values))) throw new Problem('precondition-failed');
        } else {
          const locked = await repo.lockSettings(tx, t);
          if (!locked || locked.version !== expectedVersion) throw new Problem('precondition-failed');
          await repo.updateSettings(tx, t, values);
        }
        const after = await load(tx, ctx);
        await recordAudit(tx, ctx, {
          action: 'incident-settings.update',
          entityType: 'incident-settings',
          entityId: t,
          before: forAudit(before),
          after: forAudit(after),
        });
        return after;
      });
    },
  };
}

export type IncidentSettingsService = ReturnType<typeof createIncidentSettingsService>;
