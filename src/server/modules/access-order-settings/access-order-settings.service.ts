import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { accessOrderSettings } from '../../db/schema/index.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { Problem } from '../../platform/problems.js';
import { defaultLeadTimeSettings, type LatePolicy } from '../../../shared/access-orders.js';
import type { AccessOrderSettingsIn, AccessOrderSettingsOut } from './access-order-settings.schemas.js';

export interface AccessOrderSettings {
  // 0 while the tenant keeps the shipped defaults (no row yet)
  version: number;
  newLeadDays: number;
  changeLeadDays: number;
  latePolicy: LatePolicy;
  terminateEscalateHours: number;
  requiredTraining: string | null;
}

const defaults: AccessOrderSettings = { ...defaultLeadTimeSettings, version: 0, terminateEscalateHours: 4, requiredTraining: null };

// The tenant's settings, or the defaults of the requirements (14 days, 7 days, refuse late, 4 hours).
export async function loadAccessOrderSettings(tx: Tx, tenantId: string, lock = false): Promise<AccessOrderSettings> {
  const q = tx.select().from(accessOrderSettings).where(eq(accessOrderSettings.tenantId, tenantId));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return defaults;
  return {
    version: row.version,
    newLeadDays: row.newLeadDays,
    changeLeadDays: row.changeLeadDays,
    latePolicy: row.latePolicy as LatePolicy,
    terminateEscalateHours: row.terminateEscalateHours,
    requiredTraining: row.requiredTraining,
  };
}

const present = (actor: Actor, s: AccessOrderSettings): AccessOrderSettingsOut => ({
  ...s,
  allowedActions: can(actor, 'update', 'tenant-settings') ? ['read', 'update'] : ['read'],
});

export function createAccessOrderSettingsService(db: Db) {
  return {
    async get({ actor }: RequestContext): Promise<AccessOrderSettingsOut> {
      assertCan(actor, 'read', 'tenant-settings');
      return present(actor, await withTenant(db, actor.tenantId, (tx) => loadAccessOrderSettings(tx, actor.tenantId)));
    },

    // The lead times every orderer sees in the form (no settings permission needed).
    async rules({ actor }: RequestContext) {
      assertCan(actor, 'read', 'access-order');
      const s = await withTenant(db, actor.tenantId, (tx) => loadAccessOrderSettings(tx, actor.tenantId));
      return {
        newLeadDays: s.newLeadDays,
        changeLeadDays: s.changeLeadDays,
        latePolicy: s.latePolicy,
        requiredTraining: s.requiredTraining,
      };
    },

    async put(ctx: RequestContext, expectedVersion: number, input: AccessOrderSettingsIn): Promise<AccessOrderSettingsOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'tenant-settings');
      return withTenant(db, actor.tenantId, async (tx) => {
        const before = await loadAccessOrderSettings(tx, actor.tenantId, true);
        if (before.version !== expectedVersion) throw new Problem('precondition-failed');
        const values = { ...input, requiredTraining: input.requiredTraining ?? null };
        const { version: _v, ...beforeValues } = before;
        if (JSON.stringify(beforeValues) === JSON.stringify({ ...beforeValues, ...values })) return present(actor, before);
        await tx
          .insert(accessOrderSettings)
          .values({ tenantId: actor.tenantId, ...values })
          .onConflictDoUpdate({
            target: accessOrderSettings.tenantId,
            set: { ...values, version: sql`${accessOrderSettings.version} + 1`, updatedAt: sql`now()` },
          });
        const after = await loadAccessOrderSettings(tx, actor.tenantId);
        const { version: _a, ...afterValues } = after;
        await recordAudit(tx, ctx, {
          action: 'access-order-settings.update',
          entityType: 'access-order-settings',
          entityId: actor.tenantId,
          before: beforeValues,
          after: afterValues,
        });
        return present(actor, after);
      });
    },
  };
}

export type AccessOrderSettingsService = ReturnType<typeof createAccessOrderSettingsService>;
