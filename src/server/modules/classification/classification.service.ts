import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, viewOf, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { forbidden, notFound, Problem } from '../../platform/problems.js';
import { auditSecretReads, isMasked } from '../../platform/secrecy.js';
import { archivedConflict } from '../../platform/tracked-change.js';
import { aspects, type Aspect } from '../../../shared/enums.js';
import { updateAsset } from '../information-assets/information-assets.repository.js';
import { guide, nationalSecurityRefusal } from './classification.defaults.js';
import * as repo from './classification.repository.js';
import { addMonths } from '../../platform/calendar.js';
import { belowMinimum, levelFromAnswers, minimumsFor, profileText, reviewState, type BelowMinimum } from './classification.rules.js';
import type { ClassificationOut, ClassifyIn, CoverageOut, ReviewsDueOut, SchemeIn, SchemeOut } from './classification.schemas.js';
import {
  checkSchemeInput,
  labelOf,
  levelFourFields,
  loadScheme,
  missingReasons,
  refuseNationalSecurity,
  type Scheme,
} from './classification.scheme.js';

const assetScope = (r: { unitId: string; systemIds: string[]; secret: boolean }): ObjectScope => ({
  unitId: r.unitId,
  systemIds: r.systemIds,
  secret: r.secret,
});

// Reach before anything else: out of reach is 404 (like another tenant's), readable but not
// changeable is 403.
export async function reachAsset(tx: Tx, actor: Actor, id: string, action: Action, lock = false) {
  const row = await repo.findAssetFacts(tx, actor.tenantId, id, lock);
  if (!row || !can(actor, 'read', 'information-asset', assetScope(row))) throw notFound();
  if (action !== 'read' && !can(actor, action, 'information-asset', assetScope(row))) throw forbidden();
  return row;
}

// Only the current profile is measured against today's rules and the asset's facts as they are now.
const belowOf = (r: repo.AssetClassificationRow, scheme: Scheme, asset: { personalData: string; secret: boolean }) =>
  r.supersededAt === null ? belowMinimum(scheme.minimumRules, { personalData: asset.personalData, secret: asset.secret }, r) : [];

function present(r: repo.AssetClassificationRow, scheme: Scheme, masked: boolean, below: BelowMinimum[]): ClassificationOut {
  const state = reviewState(r.nextReviewOn, scheme.today, scheme.reminderDays);
  const aspect = (a: Aspect) => ({
    level: r[a],
    label: labelOf(scheme, r[a]),
    reason: masked ? null : (r.reasons[a] ?? null),
    answers: masked ? null : ((r.answers?.[a] as Record<string, number> | undefined) ?? null),
  });
  return {
    id: r.id,
    assetId: r.assetId,
    confidentiality: aspect('confidentiality'),
    integrity: aspect('integrity'),
    availability: aspect('availability'),
    traceability: aspect('traceability'),
    profile: profileText(r),
    masked,
    participants: masked ? [] : r.participants,
    classifiedBy: r.classifiedById ? { id: r.classifiedById, displayName: r.classifiedByName ?? '' } : null,
    classifiedAt: new Date(r.classifiedAt).toISOString(),
    nextReviewOn: r.nextReviewOn,
    reviewState: state,
    belowMinimum: below,
    // due for review by date, or because the asset changed so that the profile is below a minimum
    reviewDue: r.supersededAt === null && (state !== 'ok' || below.length > 0),
    current: r.supersededAt === null,
    supersededAt: r.supersededAt ? new Date(r.supersededAt).toISOString() : null,
  };
}

// Business-rule refusals (422), one field each: a level below the guided answers, or below a
// minimum rule for this asset's personal data or secrecy.
function checkLevels(input: ClassifyIn, scheme: Scheme, asset: repo.AssetFactsRow): void {
  const errors: { field: string; code: string; sv: string; en: string }[] = [];
  const minimums = minimumsFor(scheme.minimumRules, { personalData: asset.personalData, secret: asset.secret });
  for (const a of aspects) {
    const { level, answers } = input[a];
    const fromAnswers = levelFromAnswers(answers);
    if (fromAnswers !== null && level < fromAnswers) {
      errors.push({
        field: `${a}.level`,
        code: 'below_answers',
        sv: `Nivån kan inte vara lägre än det allvarligaste svaret (${fromAnswers}).`,
        en: `The level cannot be lower than the most serious answer (${fromAnswers}).`,
      });
    }
    const rule = minimums[a];
    if (rule && level < rule.minLevel) {
      errors.push({
        field: `${a}.level`,
        code: 'below_minimum',
        sv: `Lägsta nivå är ${rule.minLevel} enligt regeln "${rule.id}": ${rule.reasonSv}`,
        en: `The lowest level is ${rule.minLevel} under the rule "${rule.id}": ${rule.reasonEn}`,
      });
    }
  }
  if (errors.length) throw new Problem('validation', undefined, errors);
}

export function checkReviewDate(date: string | undefined, scheme: Scheme): string {
  if (!date) return addMonths(scheme.today, scheme.reviewMonths);
  if (date < scheme.today)
    throw new Problem('validation', undefined, [
      { field: 'nextReviewOn', code: 'in_past', sv: 'Datumet har redan passerat.', en: 'The date has already passed.' },
    ]);
  return date;
}

const dueState = (s: ReturnType<typeof reviewState>) => (s === 'ok' ? null : s);

export function createClassificationService(db: Db) {
  return {
    assertReach(ctx: RequestContext, id: string, action: Action) {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        await reachAsset(tx, ctx.actor, id, action);
      });
    },

    async scheme(ctx: RequestContext): Promise<SchemeOut> {
      assertCan(ctx.actor, 'read', 'information-asset');
      const s = await withTenant(db, ctx.actor.tenantId, (tx) => loadScheme(tx, ctx.actor.tenantId));
      return schemeView(s);
    },

    async updateScheme(ctx: RequestContext, input: SchemeIn): Promise<SchemeOut> {
      assertCan(ctx.actor, 'update', 'tenant-settings');
      checkSchemeInput(input.levels, input.minimumRules);
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const before = schemeView(await loadScheme(tx, t));
        await repo.saveSettings(tx, t, {
          reviewMonths: input.reviewMonths,
          reminderDays: input.reminderDays,
          levelLabels: input.levels === undefined ? undefined : input.levels ? [...input.levels].sort((a, b) => a.level - b.level) : null,
          minimumRules: input.minimumRules,
        });
        const after = schemeView(await loadScheme(tx, t));
        const { guide: _g, ...b } = before;
        const { guide: _h, ...a } = after;
        await recordAudit(tx, ctx, {
          action: 'classification-scheme.update',
          entityType: 'tenant-settings',
          entityId: t,
          before: b,
          after: a,
        });
        return after;
      });
    },

    async classify(ctx: RequestContext, id: string, input: ClassifyIn, expectedVersion: number | null = null): Promise<ClassificationOut> {
      return (await this.classifyWithVersion(ctx, id, input, expectedVersion)).body;
    },

    // D2-23: a new profile supersedes the current one; the old one stays as history. With If-Match the
    // asset's version must still be the one the client saw (the wizard's guard against lost updates).
    async classifyWithVersion(
      ctx: RequestContext,
      id: string,
      input: ClassifyIn,
      expectedVersion: number | null = null,
    ): Promise<{ body: ClassificationOut; version: number }> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'information-asset');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const scheme = await loadScheme(tx, t);
        const asset = await reachAsset(tx, actor, id, 'update', true);
        if (asset.archived) throw archivedConflict();
        if (expectedVersion !== null && expectedVersion !== asset.version) throw new Problem('precondition-failed');
        refuseNationalSecurity(levelFourFields(input));
        const missing = aspects.filter((a) => !input[a].reason?.trim()).map((a) => `${a}.reason`);
        if (missing.length) throw missingReasons(missing);
        checkLevels(input, scheme, asset);
        const nextReviewOn = checkReviewDate(input.nextReviewOn, scheme);
        const [previous] = await repo.assetClassificationsOf(tx, t, id, true);
        const answers = Object.fromEntries(aspects.filter((a) => input[a].answers).map((a) => [a, input[a].answers]));
        const newId = await repo.insertAssetClassification(tx, {
          tenantId: t,
          assetId: id,
          confidentiality: input.confidentiality.level,
          integrity: input.integrity.level,
          availability: input.availability.level,
          traceability: input.traceability.level,
          reasons: Object.fromEntries(aspects.map((a) => [a, input[a].reason!.trim()])),
          answers: Object.keys(answers).length ? answers : null,
          participants: input.participants ?? [],
          classifiedBy: actor.userId || null,
          nextReviewOn,
        });
        await updateAsset(tx, t, id, {});
        const [stored] = await repo.assetClassificationsOf(tx, t, id, true);
        const out = present(stored!, scheme, false, []);
        const snap = (c: ClassificationOut) => {
          const { id: _i, reviewState: _r, current: _c, supersededAt: _s, masked: _m, belowMinimum: _b, reviewDue: _d, ...rest } = c;
          return { ...rest, secret: asset.secret };
        };
        await recordAudit(tx, ctx, {
          action: 'information-asset.classify',
          entityType: 'information-asset',
          entityId: id,
          before: previous ? snap(present(previous, scheme, false, [])) : { secret: asset.secret },
          after: { ...snap(out), classificationId: newId },
        });
        return { body: out, version: asset.version + 1 };
      });
    },

    async current(ctx: RequestContext, id: string): Promise<ClassificationOut> {
      const [out] = await this.history(ctx, id, true);
      if (!out) throw notFound();
      return out;
    },

    async history(ctx: RequestContext, id: string, currentOnly = false): Promise<ClassificationOut[]> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'information-asset');
      return withTenant(db, actor.tenantId, async (tx) => {
        const asset = await reachAsset(tx, actor, id, 'read');
        const scheme = await loadScheme(tx, actor.tenantId);
        const rows = await repo.assetClassificationsOf(tx, actor.tenantId, id, currentOnly);
        const masked = isMasked(actor, 'information-asset', assetScope(asset));
        if (rows.length) await auditSecretReads(tx, ctx, 'information-asset', [{ id, ...assetScope(asset) }]);
        return rows.map((r) => present(r, scheme, masked, belowOf(r, scheme, asset)));
      });
    },

    // D1-23, D4-31: what is classified, what is not, what is due; only what the actor may read.
    async coverage(ctx: RequestContext): Promise<CoverageOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'information-asset');
      return withTenant(db, actor.tenantId, async (tx) => {
        const scheme = await loadScheme(tx, actor.tenantId);
        const assets = await repo.coverageAssets(tx, actor);
        const systems = can(actor, 'read', 'system') ? await repo.coverageSystems(tx, actor) : [];
        const assetItems = assets.map((a) => {
          const state =
            a.levels && a.nextReviewOn ? reviewState(a.nextReviewOn, scheme.today, scheme.reminderDays) : ('unclassified' as const);
          const below = a.levels ? belowMinimum(scheme.minimumRules, a, a.levels) : [];
          const full = viewOf(actor, 'information-asset', assetScope(a)) === 'full';
          return {
            row: a,
            full,
            item: {
              id: a.id,
              name: full ? a.name : null,
              unit: { id: a.unitId, name: a.unitName },
              state,
              profile: a.levels ? profileText(a.levels) : null,
              levels: a.levels,
              nextReviewOn: a.nextReviewOn,
              belowMinimum: below,
            },
          };
        });
        const systemItems = systems.map((s) => {
          const status = systemStatus(s.hasClassification, s.lossConsequence, s.classifiedAssetCount);
          const full = viewOf(actor, 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full';
          return {
            row: s,
            full,
            item: {
              id: s.id,
              name: full ? s.name : null,
              status,
              assetCount: s.assetCount,
              unclassifiedAssetCount: s.assetCount - s.classifiedAssetCount,
              nextReviewOn: s.nextReviewOn,
              reviewState: s.nextReviewOn ? reviewState(s.nextReviewOn, scheme.today, scheme.reminderDays) : null,
            },
          };
        });
        const assetList = assetItems.filter((x) => x.item.state !== 'ok' || x.item.belowMinimum.length > 0);
        const systemList = systemItems.filter((x) => x.item.status !== 'complete' || x.item.unclassifiedAssetCount > 0);
        await auditSecretReads(
          tx,
          ctx,
          'information-asset',
          assetList.filter((x) => x.full).map((x) => ({ id: x.row.id, ...assetScope(x.row) })),
        );
        await auditSecretReads(
          tx,
          ctx,
          'system',
          systemList
            .filter((x) => x.full)
            .map((x) => ({ id: x.row.id, unitId: x.row.unitId, systemIds: [x.row.id], secret: x.row.secret })),
        );
        const count = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length;
        return {
          reminderDays: scheme.reminderDays,
          assets: {
            total: assetItems.length,
            classified: count(assetItems, (x) => x.item.state !== 'unclassified'),
            unclassified: count(assetItems, (x) => x.item.state === 'unclassified'),
            overdue: count(assetItems, (x) => x.item.state === 'overdue'),
            dueSoon: count(assetItems, (x) => x.item.state === 'due_soon'),
            // classified, but the asset changed so that the profile is below a minimum: reclassify
            belowMinimum: count(assetItems, (x) => x.item.belowMinimum.length > 0),
          },
          systems: {
            total: systemItems.length,
            complete: count(systemItems, (x) => x.item.status === 'complete'),
            incomplete: count(systemItems, (x) => x.item.status === 'incomplete'),
            notClassified: count(systemItems, (x) => x.item.status === 'not_classified'),
            withUnclassifiedAssets: count(systemItems, (x) => x.item.unclassifiedAssetCount > 0),
          },
          assetList: assetList.map((x) => x.item),
          systemList: systemList.map((x) => x.item),
        };
      });
    },

    // D2-23: the classifications this actor is expected to renew, for the start-page notice: due by
    // date, or below a minimum since the asset changed. Names follow the same masking and read audit
    // as the coverage report.
    async reviewsDue(ctx: RequestContext): Promise<ReviewsDueOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'information-asset');
      return withTenant(db, actor.tenantId, async (tx) => {
        const scheme = await loadScheme(tx, actor.tenantId);
        const assets = (await repo.coverageAssets(tx, actor)).flatMap((a) => {
          const byDate = a.nextReviewOn ? dueState(reviewState(a.nextReviewOn, scheme.today, scheme.reminderDays)) : null;
          const below = a.levels ? belowMinimum(scheme.minimumRules, a, a.levels) : [];
          const state = byDate === 'overdue' ? byDate : below.length ? ('below_minimum' as const) : byDate;
          if (!state || !can(actor, 'update', 'information-asset', assetScope(a))) return [];
          const full = viewOf(actor, 'information-asset', assetScope(a)) === 'full';
          return [
            { row: a, full, item: { id: a.id, name: full ? a.name : null, nextReviewOn: a.nextReviewOn!, state, belowMinimum: below } },
          ];
        });
        const systems = can(actor, 'read', 'system')
          ? (await repo.coverageSystems(tx, actor)).flatMap((s) => {
              const state = s.nextReviewOn ? dueState(reviewState(s.nextReviewOn, scheme.today, scheme.reminderDays)) : null;
              const scope = { unitId: s.unitId, systemIds: [s.id], secret: s.secret };
              if (!state || !can(actor, 'update', 'system', scope)) return [];
              const full = viewOf(actor, 'system', scope) === 'full';
              return [{ id: s.id, scope, full, item: { id: s.id, name: full ? s.name : null, nextReviewOn: s.nextReviewOn!, state } }];
            })
          : [];
        await auditSecretReads(
          tx,
          ctx,
          'information-asset',
          assets.filter((x) => x.full).map((x) => ({ id: x.row.id, ...assetScope(x.row) })),
        );
        await auditSecretReads(
          tx,
          ctx,
          'system',
          systems.filter((x) => x.full).map((x) => ({ id: x.id, ...x.scope })),
        );
        return { reminderDays: scheme.reminderDays, assets: assets.map((x) => x.item), systems: systems.map((x) => x.item) };
      });
    },
  };
}

export type SystemStatus = 'not_classified' | 'incomplete' | 'complete';
export const systemStatus = (hasClassification: boolean, lossConsequence: string | null, classifiedAssets: number): SystemStatus =>
  !hasClassification ? (classifiedAssets > 0 ? 'incomplete' : 'not_classified') : lossConsequence ? 'complete' : 'incomplete';

function schemeView(s: Scheme): SchemeOut {
  return {
    levels: s.levels,
    levelsCustomised: s.levelsCustomised,
    minimumRules: s.minimumRules,
    rulesCustomised: s.rulesCustomised,
    guide,
    nationalSecurity: nationalSecurityRefusal,
    reviewMonths: s.reviewMonths,
    reminderDays: s.reminderDays,
    defaultNextReviewOn: addMonths(s.today, s.reviewMonths),
  };
}

export type ClassificationService = ReturnType<typeof createClassificationService>;
