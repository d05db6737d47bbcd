import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, recordBase, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import * as repo from './policy-goals.repository.js';
import {
  policyGoalSorts,
  starterGoals,
  starterSource,
  type PolicyGoalCreate,
  type PolicyGoalListQuery,
  type PolicyGoalOut,
  type PolicyGoalPatch,
} from './policy-goals.schemas.js';

const present = (actor: Actor, r: repo.PolicyGoalRow): PolicyGoalOut => ({
  ...recordBase(actor, 'policy-goal', r),
  code: r.code,
  text: r.text,
  source: r.source,
  measureCount: r.measureCount,
});

const codeConflict = () =>
  fieldProblem('code', 'duplicate', 'Det finns redan ett mål med den koden.', 'A goal with this code already exists.');

async function load(tx: Tx, actor: Actor, id: string) {
  const row = await repo.findGoal(tx, actor.tenantId, id);
  return row ? present(actor, row) : null;
}

// Policy goals are the tenant's: every role that works with goals reads all of them (access.ts).
export function createPolicyGoalsService(db: Db) {
  const tracked = (
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    change: (tx: Tx, before: PolicyGoalOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'policy-goal',
      action,
      id,
      expectedVersion: version,
      lock: (tx) => repo.lockGoal(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  return {
    async create(ctx: RequestContext, input: PolicyGoalCreate): Promise<PolicyGoalOut> {
      assertCan(ctx.actor, 'create', 'policy-goal', {});
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        if (await repo.codeTaken(tx, t, input.code)) throw codeConflict();
        const id = await repo.insertGoal(tx, t, input);
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, { action: 'policy-goal.create', entityType: 'policy-goal', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<PolicyGoalOut> {
      assertCan(ctx.actor, 'read', 'policy-goal');
      const out = await withTenant(db, ctx.actor.tenantId, (tx) => load(tx, ctx.actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: PolicyGoalListQuery) {
      assertCan(ctx.actor, 'read', 'policy-goal');
      const spec = pageSpec(query, policyGoalSorts, 'code');
      const rows = await withTenant(db, ctx.actor.tenantId, (tx) =>
        repo.listGoals(tx, ctx.actor.tenantId, query, spec.sort, spec.cursor, query.limit),
      );
      return toPage(rows, query.limit, spec.name, (r) => present(ctx.actor, r));
    },

    async update(ctx: RequestContext, id: string, version: number, patch: PolicyGoalPatch): Promise<PolicyGoalOut> {
      assertCan(ctx.actor, 'update', 'policy-goal', {});
      const t = ctx.actor.tenantId;
      return tracked(ctx, id, version, 'policy-goal.update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        if (patch.code && (await repo.codeTaken(tx, t, patch.code, id))) throw codeConflict();
        await repo.updateGoal(tx, t, id, patch);
      });
    },

    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<PolicyGoalOut> {
      const action = archived ? 'archive' : 'restore';
      assertCan(ctx.actor, action, 'policy-goal', {});
      return tracked(ctx, id, version, `policy-goal.${action}`, async (tx, before) => {
        if (before.archived === archived) return;
        await repo.updateGoal(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },

    // D4-01: the policy's goals (D4-02..D4-11) as a starting register; codes already there are left alone.
    async installStarter(ctx: RequestContext): Promise<{ added: number; skipped: number }> {
      assertCan(ctx.actor, 'create', 'policy-goal', {});
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        let added = 0;
        for (const g of starterGoals) {
          if (await repo.codeTaken(tx, t, g.code)) continue;
          const id = await repo.insertGoal(tx, t, { code: g.code, text: g.text, source: starterSource });
          await recordAudit(tx, ctx, {
            action: 'policy-goal.create',
            entityType: 'policy-goal',
            entityId: id,
            after: { code: g.code, text: g.text, source: starterSource, starter: g.requirement },
          });
          added++;
        }
        return { added, skipped: starterGoals.length - added };
      });
    },
  };
}

export type PolicyGoalsService = ReturnType<typeof createPolicyGoalsService>;
