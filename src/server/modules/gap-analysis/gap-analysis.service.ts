import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { aspects, type DeficiencyLevel, type Priority } from '../../../shared/enums.js';
import { can, viewOf, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { forbidden, notFound, Problem } from '../../platform/problems.js';
import { auditSecretReads, isMasked } from '../../platform/secrecy.js';
import { systemProtection, type Levels } from '../classification/protection.js';
import { insertMeasure } from '../measures/measures.create.js';
import { measureScope } from '../measures/measures.presenter.js';
import { systemScope } from '../systems/systems.presenter.js';
import * as systemsRepo from '../systems/systems.repository.js';
import { findMember } from '../users/users.repository.js';
import * as repo from './gap-analysis.repository.js';
import type { GapAnalysisOut, GapAssessIn, GapAssessment, GapItem, GapQuery, GapSummary } from './gap-analysis.schemas.js';
import { assessmentRules, conflict, notApplicableHere } from './gap-analysis.rules.js';

type SystemRow = NonNullable<Awaited<ReturnType<typeof systemsRepo.findSystem>>>;

const priorityOf: Record<DeficiencyLevel, Priority> = { negligible: 'low', moderate: 'medium', significant: 'high', serious: 'critical' };

// "Åtgärda brist: TIL-K2-01 Behörigheterna i systemet gås igenom …": the code and the first words.
export function measureTitle(code: string, text: string): string {
  const words = text.split(/\s+/).slice(0, 8).join(' ');
  const head = words.length > 120 ? `${words.slice(0, 120)}…` : words.length < text.length ? `${words} …` : words;
  return `Åtgärda brist: ${code} ${head}`.slice(0, 300);
}

const applies = (levels: Levels, r: repo.RequirementRow) => levels[r.aspect as keyof Levels] >= r.minLevel;

function presentRequirement(r: repo.RequirementRow): GapItem['requirement'] {
  return {
    id: r.id,
    code: r.code,
    text: r.text,
    guidance: r.guidance,
    aspect: r.aspect as GapItem['requirement']['aspect'],
    minLevel: r.minLevel,
    kind: r.kind as GapItem['requirement']['kind'],
    area: r.area as GapItem['requirement']['area'],
  };
}

const measureScopeOf = (a: repo.AssessmentRow) =>
  measureScope({ unitId: a.measureUnitId, systemId: a.measureSystemId, secret: !!a.measureSecret });

// The linked measure follows its own access, not the system's: a measure marked secret after it was
// created shows no title to a viewer who sees it masked, and one the viewer may not read at all shows
// only that a measure exists.
function presentMeasure(actor: Actor, a: repo.AssessmentRow): GapAssessment['measure'] {
  if (!a.measureId) return null;
  const view = viewOf(actor, 'measure', measureScopeOf(a));
  const status = a.measureStatus ?? 'proposed';
  if (view === null || view === 'hidden') return { id: null, title: null, status, access: 'none' };
  return view === 'full'
    ? { id: a.measureId, title: a.measureTitle, status, access: 'full' }
    : { id: a.measureId, title: null, status, access: 'masked' };
}

// A viewer who sees the secret system masked sees that a requirement was assessed and how, not the
// words that describe how it is met: those can tell what the system protects.
function presentAssessment(a: repo.AssessmentRow, masked: boolean, actor: Actor): GapAssessment {
  const shown = <T>(v: T): T | null => (masked ? null : v);
  return {
    version: a.version,
    status: a.status as GapAssessment['status'],
    notApplicableReason: shown(a.notApplicableReason),
    deficiency: a.deficiency as GapAssessment['deficiency'],
    howMet: shown(a.howMet),
    evidenceUrl: shown(a.evidenceUrl),
    measure: presentMeasure(actor, a),
    assessedBy: a.assessedBy ? { id: a.assessedBy, name: a.assessedByName ?? '' } : null,
    assessedAt: a.assessedAt,
  };
}

// Secret measure titles shown in full leave their own read entries (D1-68), like the measure itself.
async function auditMeasureReads(tx: Tx, ctx: RequestContext, rows: readonly repo.AssessmentRow[]) {
  const linked = rows.filter((a) => a.measureId && a.measureSecret);
  await auditSecretReads(
    tx,
    ctx,
    'measure',
    linked.map((a) => ({ id: a.measureId!, ...measureScopeOf(a) })),
  );
}

function summarise(items: GapItem[]): GapSummary {
  const count = (s: string) => items.filter((i) => i.assessment?.status === s).length;
  return {
    applicable: items.length,
    exists: count('exists'),
    partly: count('partly'),
    missing: count('missing'),
    notApplicable: count('not_applicable'),
    notAssessed: items.filter((i) => !i.assessment).length,
  };
}

function matches(item: GapItem, q: GapQuery): boolean {
  if (q.aspect && item.requirement.aspect !== q.aspect) return false;
  if (q.kind && item.requirement.kind !== q.kind) return false;
  if (q.area && item.requirement.area !== q.area) return false;
  if (q.status === 'not_assessed') return !item.assessment;
  if (q.status && item.assessment?.status !== q.status) return false;
  return true;
}

async function loadSystem(tx: Tx, actor: Actor, id: string, action: Action): Promise<SystemRow> {
  const row = await systemsRepo.findSystem(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'system', systemScope(row))) throw notFound();
  if (action !== 'read' && !can(actor, action, 'system', systemScope(row))) throw forbidden();
  return row;
}

export function createGapAnalysisService(db: Db) {
  async function analysis(tx: Tx, ctx: RequestContext, system: SystemRow, query: GapQuery): Promise<GapAnalysisOut> {
    const { actor } = ctx;
    const t = actor.tenantId;
    const protection = (await systemProtection(tx, t, [system.id])).get(system.id)!;
    const masked = isMasked(actor, 'system', systemScope(system));
    const catalogue = await repo.activeRequirements(tx, t);
    const rows = await repo.assessmentsOf(tx, t, system.id);
    const assessed = new Map(rows.map((a) => [a.requirementId, a]));
    const items: GapItem[] = [];
    const gone: GapItem[] = [];
    for (const r of catalogue) {
      const a = assessed.get(r.id);
      const applicable = applies(protection.effective, r);
      const item = { requirement: presentRequirement(r), assessment: a ? presentAssessment(a, masked, actor) : null, applicable };
      if (applicable) items.push(item);
      else if (a) gone.push(item);
    }
    await auditMeasureReads(
      tx,
      ctx,
      [...items, ...gone].flatMap((i) => (i.assessment ? [assessed.get(i.requirement.id)!] : [])),
    );
    const raisedAny = aspects.some((x) => protection.raised[x]);
    return {
      system: { id: system.id, name: masked ? null : system.name, masked, secret: system.secret },
      protectionLevel: protection.effective,
      classified: protection.classifiedAssetCount > 0 || raisedAny,
      canAssess: !system.archivedAt && can(actor, 'update', 'system', systemScope(system)),
      summary: summarise(items),
      items: items.filter((i) => matches(i, query)),
      noLongerApplicable: gone.filter((i) => matches(i, query)),
    };
  }

  return {
    // preValidation: an object out of reach answers 404 before the body is even validated
    async assertReach(ctx: RequestContext, systemId: string, action: Action): Promise<void> {
      await withTenant(db, ctx.actor.tenantId, (tx) => loadSystem(tx, ctx.actor, systemId, action));
    },

    async get(ctx: RequestContext, systemId: string, query: GapQuery): Promise<GapAnalysisOut> {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        const system = await loadSystem(tx, ctx.actor, systemId, 'read');
        await auditSecretReads(tx, ctx, 'system', [{ id: system.id, ...systemScope(system) }]);
        return analysis(tx, ctx, system, query);
      });
    },

    async exportRows(ctx: RequestContext, systemId: string, query: GapQuery): Promise<GapAnalysisOut> {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        const system = await loadSystem(tx, ctx.actor, systemId, 'read');
        await auditSecretReads(tx, ctx, 'system', [{ id: system.id, ...systemScope(system) }]);
        const out = await analysis(tx, ctx, system, query);
        await recordAudit(tx, ctx, {
          action: 'system.gap-export',
          entityType: 'system',
          entityId: system.id,
          after: { format: 'xlsx', filter: query },
        });
        return out;
      });
    },

    // One requirement's assessment for one system; D2-24: a requirement partly met or missing gets a
    // measure in the same transaction, once (a later change keeps the measure already linked).
    async assess(ctx: RequestContext, systemId: string, requirementId: string, expectedVersion: number | null, input: GapAssessIn) {
      const { actor } = ctx;
      const t = actor.tenantId;
      const values = assessmentRules(input);
      return withTenant(db, t, async (tx) => {
        await systemsRepo.lockSystem(tx, t, systemId);
        const system = await loadSystem(tx, actor, systemId, 'update');
        const scope = systemScope(system);
        if (system.archivedAt) throw conflict('Systemet är arkiverat. Återställ det först.', 'The system is archived. Restore it first.');
        const requirement = await repo.findRequirement(tx, t, requirementId);
        if (!requirement) throw notFound();
        if (requirement.archivedAt)
          throw conflict('Kravet är arkiverat och kan inte bedömas.', 'The requirement is archived and cannot be assessed.');
        const protection = (await systemProtection(tx, t, [systemId])).get(systemId)!;
        if (!applies(protection.effective, requirement)) throw notApplicableHere(requirement.minLevel);

        const [before] = await repo.assessmentsOf(tx, t, systemId, requirementId);
        if (before && expectedVersion !== null && before.version !== expectedVersion) throw new Problem('precondition-failed');
        if (!before && expectedVersion !== null && expectedVersion !== 0) throw new Problem('precondition-failed');

        const wantsMeasure = (values.status === 'partly' || values.status === 'missing') && input.createMeasure !== false;
        // A cancelled or archived measure no longer addresses a deficiency that is still there: a new one does.
        const deadMeasure = before?.measureId && (before.measureStatus === 'cancelled' || before.measureArchived);
        let measureId = wantsMeasure && deadMeasure ? null : (before?.measureId ?? null);
        if (wantsMeasure && !measureId) {
          const m: Partial<NonNullable<GapAssessIn['measure']>> = input.measure ?? {};
          if (m.ownerUserId && !(await findMember(tx, t, m.ownerUserId)))
            throw new Problem('validation', undefined, [
              {
                field: 'measure.ownerUserId',
                code: 'unknown_user',
                sv: 'Personen finns inte i organisationen.',
                en: 'The person is not a member of the organisation.',
              },
            ]);
          measureId = await insertMeasure(tx, ctx, {
            title: m.title ?? measureTitle(requirement.code, requirement.text),
            description: requirement.text,
            origin: 'gap',
            originId: requirement.id,
            systemId,
            unitId: system.responsibleUnitId,
            ownerUserId: m.ownerUserId ?? null,
            dueOn: m.dueOn ?? null,
            priority: m.priority ?? priorityOf[values.deficiency as DeficiencyLevel],
            secret: system.secret,
            secrecyProvision: system.secrecyProvision,
          });
        }
        await repo.upsertAssessment(tx, t, systemId, requirementId, { ...values, measureId, assessedBy: actor.userId });
        const [after] = await repo.assessmentsOf(tx, t, systemId, requirementId);
        const trail = (a: repo.AssessmentRow | undefined) =>
          a && {
            requirementId,
            code: requirement.code,
            status: a.status,
            notApplicableReason: a.notApplicableReason,
            deficiency: a.deficiency,
            howMet: a.howMet,
            evidenceUrl: a.evidenceUrl,
            measureId: a.measureId,
            secret: system.secret,
          };
        await recordAudit(tx, ctx, {
          action: 'system.gap-assess',
          entityType: 'system',
          entityId: systemId,
          before: trail(before),
          after: trail(after),
        });
        await auditMeasureReads(tx, ctx, [after!]);
        const item: GapItem = {
          requirement: presentRequirement(requirement),
          assessment: presentAssessment(after!, isMasked(actor, 'system', scope), actor),
          applicable: true,
        };
        return item;
      });
    },
  };
}

export type GapAnalysisService = ReturnType<typeof createGapAnalysisService>;
