import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, viewOf, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { forbidden, notFound, Problem } from '../../platform/problems.js';
import { auditSecretReads, isMasked } from '../../platform/secrecy.js';
import { archivedConflict } from '../../platform/tracked-change.js';
import { aspects, type Aspect } from '../../../shared/enums.js';
import * as repo from './classification.repository.js';
import { judgeLevelRequest, profileText, reviewState, suggestsCritical } from './classification.rules.js';
import { levelFourFields, loadScheme, missingReasons, refuseNationalSecurity, type Scheme } from './classification.scheme.js';
import type { ProtectionIn, ProtectionOut } from './classification.schemas.js';
import { checkReviewDate, systemStatus } from './classification.service.js';
import { systemProtection } from './protection.js';

const scopeOf = (s: repo.SystemFactsRow): ObjectScope => ({ unitId: s.unitId, systemIds: [s.id], secret: s.secret });

export async function reachSystem(tx: Tx, actor: Actor, id: string, action: Action, lock = false) {
  const row = await repo.findSystemFacts(tx, actor.tenantId, id, lock);
  if (!row || !can(actor, 'read', 'system', scopeOf(row))) throw notFound();
  if (action !== 'read' && !can(actor, action, 'system', scopeOf(row))) throw forbidden();
  return row;
}

async function view(tx: Tx, actor: Actor, sys: repo.SystemFactsRow, scheme: Scheme): Promise<ProtectionOut> {
  const t = actor.tenantId;
  const prot = (await systemProtection(tx, t, [sys.id])).get(sys.id)!;
  const [current] = await repo.systemClassificationsOf(tx, t, sys.id, true);
  const assets = await repo.classifiedAssetsOfSystem(tx, t, sys.id);
  const masked = isMasked(actor, 'system', scopeOf(sys));
  // An asset the viewer may not read at all is left out (its level still counts in `derived`); one it
  // sees masked is listed without its name: the name can be the secret.
  const contributing = Object.fromEntries(
    aspects.map((a) => [
      a,
      assets
        .filter((x) => prot.derived[a] > 0 && x[a] === prot.derived[a])
        .flatMap((x) => {
          const seen = viewOf(actor, 'information-asset', { unitId: x.unitId, systemIds: x.systemIds ?? [], secret: x.secret });
          return seen === null ? [] : [{ id: x.id, name: seen === 'full' ? x.name : null, level: x[a] }];
        }),
    ]),
  ) as ProtectionOut['contributing'];
  const raised = Object.fromEntries(
    Object.entries(prot.raised).map(([a, r]) => [a, { level: r!.level, reason: masked ? null : r!.reason }]),
  ) as ProtectionOut['raised'];
  const lossLevel = current?.lossLevel ?? null;
  const state = current ? reviewState(current.nextReviewOn, scheme.today, scheme.reminderDays) : null;
  return {
    systemId: sys.id,
    masked,
    derived: prot.derived,
    raised,
    effective: prot.effective,
    profile: profileText(prot.effective),
    contributing,
    assetCount: prot.assetCount,
    classifiedAssetCount: prot.classifiedAssetCount,
    lossOfFunction: current && lossLevel !== null ? { consequence: masked ? null : current.lossConsequence, level: lossLevel } : null,
    status: systemStatus(!!current, current?.lossConsequence ?? null, prot.classifiedAssetCount),
    criticalSuggested: suggestsCritical(lossLevel, prot.effective.availability),
    critical: sys.critical,
    classifiedBy: current?.classifiedById ? { id: current.classifiedById, displayName: current.classifiedByName ?? '' } : null,
    classifiedAt: current ? new Date(current.classifiedAt).toISOString() : null,
    nextReviewOn: current?.nextReviewOn ?? null,
    reviewState: state,
    reviewDue: state === 'due_soon' || state === 'overdue',
  };
}

const belowDerived = (field: string, max: number) => ({
  field,
  code: 'below_derived',
  sv: `Skyddsnivån kan inte sättas lägre än ${max}, den högsta nivån bland systemets information.`,
  en: `The protection level cannot be set below ${max}, the highest level among the system's information.`,
});

export function createProtectionService(db: Db) {
  return {
    assertReach(ctx: RequestContext, id: string, action: Action) {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        await reachSystem(tx, ctx.actor, id, action);
      });
    },

    async get(ctx: RequestContext, id: string): Promise<ProtectionOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'system');
      return withTenant(db, actor.tenantId, async (tx) => {
        const sys = await reachSystem(tx, actor, id, 'read');
        await auditSecretReads(tx, ctx, 'system', [{ id, ...scopeOf(sys) }]);
        return view(tx, actor, sys, await loadScheme(tx, actor.tenantId));
      });
    },

    // D1-23, D1-24: raise above the information's maximum with a reason, never below it; record the
    // loss-of-function consequence and the critical decision. An aspect left out keeps what is stored
    // (like lossOfFunction); null, or the information's maximum, removes a raise.
    async set(ctx: RequestContext, id: string, input: ProtectionIn, expectedVersion: number | null = null): Promise<ProtectionOut> {
      return (await this.setWithVersion(ctx, id, input, expectedVersion)).body;
    },

    async setWithVersion(
      ctx: RequestContext,
      id: string,
      input: ProtectionIn,
      expectedVersion: number | null = null,
    ): Promise<{ body: ProtectionOut; version: number }> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'system');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const scheme = await loadScheme(tx, t);
        const sys = await reachSystem(tx, actor, id, 'update', true);
        if (sys.archived) throw archivedConflict();
        if (expectedVersion !== null && expectedVersion !== sys.version) throw new Problem('precondition-failed');
        refuseNationalSecurity(levelFourFields(input));
        const before = await view(tx, actor, sys, scheme);
        const [current] = await repo.systemClassificationsOf(tx, t, id, true);
        const below: ReturnType<typeof belowDerived>[] = [];
        const missing: string[] = [];
        const raised: Partial<Record<Aspect, { level: number; reason: string }>> = {};
        for (const a of aspects) {
          const v = input[a];
          const max = before.derived[a];
          if (v === undefined) {
            const kept = current?.raised?.[a];
            if (kept && kept.level > max) raised[a] = kept;
            continue;
          }
          if (v === null) continue;
          const level = typeof v === 'number' ? v : v.level;
          const reason = (typeof v === 'object' ? v.reason?.trim() : '') || input.reason?.trim() || '';
          const judged = judgeLevelRequest(level, max, reason);
          if (judged === 'below_derived') below.push(belowDerived(typeof v === 'number' ? a : `${a}.level`, max));
          else if (judged === 'reason_required') missing.push(typeof v === 'number' ? 'reason' : `${a}.reason`);
          else if (judged === 'raise') raised[a] = { level, reason };
        }
        if (below.length) throw new Problem('validation', undefined, below);
        let loss: { consequence: string | null; level: number | null };
        if (input.lossOfFunction === undefined) {
          loss = { consequence: current?.lossConsequence ?? null, level: current?.lossLevel ?? null };
        } else if (input.lossOfFunction === null) {
          loss = { consequence: null, level: null };
        } else {
          const consequence = input.lossOfFunction.consequence?.trim() ?? '';
          if (!consequence) missing.push('lossOfFunction.consequence');
          loss = { consequence, level: input.lossOfFunction.level };
        }
        if (missing.length) throw missingReasons([...new Set(missing)]);
        const nextReviewOn = checkReviewDate(input.nextReviewOn, scheme);
        await repo.insertSystemClassification(tx, {
          tenantId: t,
          systemId: id,
          raised,
          lossConsequence: loss.consequence,
          lossLevel: loss.level,
          classifiedBy: actor.userId || null,
          nextReviewOn,
        });
        await repo.setSystemCritical(tx, t, id, input.critical);
        const facts = (await repo.findSystemFacts(tx, t, id))!;
        const after = await view(tx, actor, facts, scheme);
        const snap = ({ reviewState: _r, reviewDue: _d, masked: _m, classifiedAt: _c, ...rest }: ProtectionOut) => ({
          ...rest,
          secret: sys.secret,
        });
        await recordAudit(tx, ctx, {
          action: 'system.classify',
          entityType: 'system',
          entityId: id,
          before: snap(before),
          after: snap(after),
        });
        return { body: after, version: facts.version };
      });
    },

    async history(ctx: RequestContext, id: string) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'system');
      return withTenant(db, actor.tenantId, async (tx) => {
        const sys = await reachSystem(tx, actor, id, 'read');
        const masked = isMasked(actor, 'system', scopeOf(sys));
        const rows = await repo.systemClassificationsOf(tx, actor.tenantId, id, false);
        if (rows.length) await auditSecretReads(tx, ctx, 'system', [{ id, ...scopeOf(sys) }]);
        return rows.map((r) => ({
          id: r.id,
          raised: Object.fromEntries(
            Object.entries(r.raised ?? {}).map(([a, x]) => [a, { level: x!.level, reason: masked ? null : x!.reason }]),
          ),
          lossOfFunction: r.lossLevel !== null ? { consequence: masked ? null : r.lossConsequence, level: r.lossLevel } : null,
          classifiedBy: r.classifiedById ? { id: r.classifiedById, displayName: r.classifiedByName ?? '' } : null,
          classifiedAt: new Date(r.classifiedAt).toISOString(),
          nextReviewOn: r.nextReviewOn,
          current: r.supersededAt === null,
          supersededAt: r.supersededAt ? new Date(r.supersededAt).toISOString() : null,
        }));
      });
    },
  };
}

export type ProtectionService = ReturnType<typeof createProtectionService>;
