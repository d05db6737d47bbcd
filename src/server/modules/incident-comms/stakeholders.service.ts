import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, viewOf, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { fieldProblem, forbidden, notFound } from '../../platform/problems.js';
import { auditSecretReads } from '../../platform/secrecy.js';
import * as repo from './incident-comms.repository.js';
import type { StakeholderCreate, StakeholderOut } from './incident-comms.schemas.js';

type SystemRef = NonNullable<Awaited<ReturnType<typeof repo.findSystem>>>;
const scopeOf = (s: SystemRef) => ({ unitId: s.responsibleUnitId, systemIds: [s.id], secret: s.secret });

export const presentStakeholder = (r: repo.StakeholderRow): StakeholderOut => ({
  id: r.id,
  systemId: r.systemId,
  kind: r.kind as StakeholderOut['kind'],
  unitId: r.unitId,
  supplierId: r.supplierId,
  name: r.name,
  email: r.email,
  createdAt: r.createdAt.toISOString(),
});

// The stakeholder list hangs under its system and follows the system's access: reading needs system
// read, changing it system update on that system. Out of reach answers 404 like the system itself.
async function systemFor(tx: Tx, actor: Actor, id: string, action: Action): Promise<SystemRef> {
  const s = await repo.findSystem(tx, actor.tenantId, id);
  if (!s || !can(actor, 'read', 'system', scopeOf(s))) throw notFound();
  if (action !== 'read' && !can(actor, action, 'system', scopeOf(s))) throw forbidden();
  return s;
}

export function createStakeholdersService(db: Db) {
  return {
    assertReach(ctx: RequestContext, systemId: string, action: Action): Promise<unknown> {
      return withTenant(db, ctx.actor.tenantId, (tx) => systemFor(tx, ctx.actor, systemId, action));
    },

    async list(ctx: RequestContext, systemId: string) {
      const { actor } = ctx;
      return withTenant(db, actor.tenantId, async (tx) => {
        const s = await systemFor(tx, actor, systemId, 'read');
        const masked = viewOf(actor, 'system', scopeOf(s)) !== 'full';
        if (!masked) await auditSecretReads(tx, ctx, 'system', [{ id: s.id, ...scopeOf(s) }]);
        const rows = masked ? [] : await repo.stakeholdersOf(tx, actor.tenantId, [s.id]);
        return { items: rows.map(presentStakeholder), masked, canUpdate: can(actor, 'update', 'system', scopeOf(s)) };
      });
    },

    async add(ctx: RequestContext, systemId: string, input: StakeholderCreate): Promise<StakeholderOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const s = await systemFor(tx, actor, systemId, 'update');
        let name = input.name ?? null;
        let unitId: string | null = null;
        let supplierId: string | null = null;
        if (input.kind === 'unit') {
          unitId = input.unitId!;
          const unit = await repo.unitName(tx, t, unitId);
          if (unit === null) throw fieldProblem('unitId', 'unknown_reference', 'Enheten finns inte.', 'The unit does not exist.');
          name ??= unit;
        } else if (input.kind === 'supplier') {
          supplierId = input.supplierId!;
          const supplier = await repo.supplierName(tx, t, supplierId);
          if (supplier === null)
            throw fieldProblem('supplierId', 'unknown_reference', 'Leverantören finns inte.', 'The supplier does not exist.');
          name ??= supplier;
        }
        const existing = await repo.stakeholdersOf(tx, t, [s.id]);
        const same = existing.find(
          (e) =>
            (input.email && e.email?.toLowerCase() === input.email.toLowerCase()) ||
            (!input.email && e.kind === input.kind && e.unitId === unitId && e.supplierId === supplierId && !e.email),
        );
        if (same)
          throw fieldProblem(
            'email',
            'duplicate',
            'Mottagaren finns redan för det här systemet.',
            'This recipient is already listed for the system.',
          );
        const row = await repo.insertStakeholder(tx, t, {
          systemId: s.id,
          kind: input.kind,
          unitId,
          supplierId,
          name: name!,
          email: input.email ?? null,
        });
        const out = presentStakeholder(row);
        await recordAudit(tx, ctx, {
          action: 'system.stakeholder-add',
          entityType: 'system',
          entityId: s.id,
          after: { stakeholder: { id: out.id, kind: out.kind, name: out.name, email: out.email } },
        });
        return out;
      });
    },

    async remove(ctx: RequestContext, systemId: string, stakeholderId: string): Promise<void> {
      const { actor } = ctx;
      const t = actor.tenantId;
      await withTenant(db, t, async (tx) => {
        const s = await systemFor(tx, actor, systemId, 'update');
        const row = await repo.findStakeholder(tx, t, s.id, stakeholderId);
        if (!row) throw notFound();
        await repo.deleteStakeholder(tx, t, row.id);
        await recordAudit(tx, ctx, {
          action: 'system.stakeholder-remove',
          entityType: 'system',
          entityId: s.id,
          before: { stakeholder: { id: row.id, kind: row.kind, name: row.name, email: row.email } },
        });
      });
    },
  };
}

export type StakeholdersService = ReturnType<typeof createStakeholdersService>;
