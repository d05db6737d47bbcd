import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { obligationCodes, type ObligationCode } from '../../../shared/enums.js';
import { effectiveRegime } from '../../../shared/incident-clocks.js';
import { assertCan, can, viewOf } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import type { Lang } from '../../platform/language.js';
import { fieldProblem, forbidden, notFound, Problem } from '../../platform/problems.js';
import { incidentSettingsOf } from '../incident-settings/routing.js';
import { draftDocx, draftPdf, type DraftDocument } from './incident-obligations.documents.js';
import { incidentLabel, incidentScope, isOpen, presentObligation, presentRegime, regimeFields } from './incident-obligations.presenter.js';
import * as repo from './incident-obligations.repository.js';
import type { DraftIn, DraftOut, ObligationPatch, ObligationView, RegimeCreate, RegimeOut } from './incident-obligations.schemas.js';
import { recalculate, scheduleReminders } from './obligations.lifecycle.js';

type FieldErr = { field: string; code: string; sv: string; en: string };

// A little slack for the clock of the person's computer: "submitted just now" is not in the future.
const CLOCK_SKEW_MS = 5 * 60_000;

const isCode = (code: string): code is ObligationCode => (obligationCodes as readonly string[]).includes(code);

// The incident behind an obligation route, checked like the incident itself: one the actor may not read
// (another tenant, out of scope, secret and hidden) answers 404.
async function readableIncident(tx: Tx, ctx: RequestContext, incidentId: string, code: string) {
  if (!isCode(code)) throw notFound();
  const incident = await repo.incidentFacts(tx, ctx.actor.tenantId, incidentId);
  if (!incident || !can(ctx.actor, 'read', 'incident', incidentScope(incident))) throw notFound();
  return incident;
}

async function changeableObligation(tx: Tx, ctx: RequestContext, incidentId: string, code: string) {
  const incident = await readableIncident(tx, ctx, incidentId, code);
  assertCan(ctx.actor, 'update', 'incident', incidentScope(incident));
  const row = await repo.lockObligation(tx, ctx.actor.tenantId, incidentId, code);
  if (!row) throw notFound();
  return { incident, row };
}

// The draft is secret content of a secret incident: shown only to those who see the incident in full.
function assertFullView(ctx: RequestContext, incident: repo.IncidentFacts) {
  if (viewOf(ctx.actor, 'incident', incidentScope(incident)) !== 'full') throw forbidden();
}

async function regimeOf(tx: Tx, regimeId: string) {
  const regime = (await repo.regimesByIds(tx, [regimeId])).get(regimeId);
  if (!regime) throw new Error(`reporting regime ${regimeId} missing`);
  return regime;
}

function validatePatch(row: repo.ObligationRow, merged: repo.ObligationRow, awareAt: Date, now: Date): FieldErr[] {
  const errs: FieldErr[] = [];
  if (merged.applies === 'no' && !merged.appliesReason)
    errs.push({
      field: 'appliesReason',
      code: 'reason_required',
      sv: 'Skriv varför rapporteringen inte gäller den här incidenten.',
      en: 'State why the reporting does not apply to this incident.',
    });
  if (merged.applies === 'no' && merged.submittedAt)
    errs.push({
      field: 'applies',
      code: 'submitted',
      sv: 'Rapporten är markerad som skickad. Ta bort tiden för när den skickades innan du anger att den inte gäller.',
      en: 'The report is marked as submitted. Remove the submission time before stating that it does not apply.',
    });
  if (merged.submittedAt && merged.submittedAt !== row.submittedAt) {
    if (merged.submittedAt.getTime() < awareAt.getTime())
      errs.push({
        field: 'submittedAt',
        code: 'before_awareness',
        sv: 'Rapporten kan inte ha skickats innan kommunen fick kännedom om incidenten.',
        en: 'The report cannot have been submitted before the municipality became aware of the incident.',
      });
    else if (merged.submittedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
      errs.push({
        field: 'submittedAt',
        code: 'in_future',
        sv: 'Tiden då rapporten skickades kan inte ligga i framtiden.',
        en: 'The submission time cannot be in the future.',
      });
  }
  if (merged.submittedAt && merged.submittedAt.getTime() > merged.dueAt.getTime() && !merged.lateReason)
    errs.push({
      field: 'lateReason',
      code: 'late_reason_required',
      sv: 'Rapporten skickades efter tidsfristen. Skriv varför den skickades för sent.',
      en: 'The report was submitted after the deadline. State why it was late.',
    });
  return errs;
}

const changedFields = ['applies', 'appliesReason', 'submittedAt', 'reference', 'lateReason'] as const;

export function createIncidentObligationsService(db: Db) {
  return {
    // The route's reach before its body is validated: 404 out of reach, 403 when the incident may be
    // read but not changed.
    async assertReach(ctx: RequestContext, incidentId: string, code: string, action: 'read' | 'update'): Promise<void> {
      await withTenant(db, ctx.actor.tenantId, async (tx) => {
        const incident = await readableIncident(tx, ctx, incidentId, code);
        if (action === 'update') assertCan(ctx.actor, 'update', 'incident', incidentScope(incident));
      });
    },

    async patch(ctx: RequestContext, incidentId: string, code: string, input: ObligationPatch, ifMatch: number | null, lang: Lang) {
      const { actor } = ctx;
      const now = new Date();
      return withTenant(db, actor.tenantId, async (tx): Promise<ObligationView> => {
        const { incident, row } = await changeableObligation(tx, ctx, incidentId, code);
        if (ifMatch !== null && ifMatch !== row.version) throw new Problem('precondition-failed');
        const merged: repo.ObligationRow = {
          ...row,
          applies: input.applies ?? row.applies,
          appliesReason: input.appliesReason !== undefined ? input.appliesReason : row.appliesReason,
          submittedAt: input.submittedAt !== undefined ? (input.submittedAt ? new Date(input.submittedAt) : null) : row.submittedAt,
          reference: input.reference !== undefined ? input.reference : row.reference,
          lateReason: input.lateReason !== undefined ? input.lateReason : row.lateReason,
        };
        // a report that was sent applies: recording the submission settles an open assessment
        if (merged.submittedAt && merged.applies === 'unassessed' && input.applies === undefined) merged.applies = 'yes';
        const errs = validatePatch(row, merged, incident.awareAt, now);
        if (errs.length) throw new Problem('validation', undefined, errs);
        const set = Object.fromEntries(changedFields.map((k) => [k, merged[k]]));
        const updated = await repo.updateObligation(tx, actor.tenantId, row.id, { ...set, updatedBy: actor.userId || null });
        const pick = (r: repo.ObligationRow) => ({
          secret: incident.secret,
          [code]: Object.fromEntries(changedFields.map((k) => [k, r[k] instanceof Date ? r[k].toISOString() : r[k]])),
        });
        await recordAudit(tx, ctx, {
          action: 'incident.obligation-update',
          entityType: 'incident',
          entityId: incident.id,
          before: pick(row),
          after: pick(updated),
        });
        const { reminderPercents } = await incidentSettingsOf(tx, actor.tenantId);
        await scheduleReminders(tx, actor.tenantId, updated, incident.awareAt, reminderPercents, now);
        // a clock that counts from this one (the final report after the notification) moves with it
        if ((row.submittedAt?.getTime() ?? null) !== (updated.submittedAt?.getTime() ?? null)) {
          const changes = await recalculate(tx, ctx, incident.id, incident.awareAt, { reresolve: false, rescheduleAll: false });
          if (changes.length)
            await recordAudit(tx, ctx, {
              action: 'incident.obligations-recompute',
              entityType: 'incident',
              entityId: incident.id,
              before: { clocks: Object.fromEntries(changes.map((c) => [c.code, c.before])) },
              after: { clocks: Object.fromEntries(changes.map((c) => [c.code, c.after])) },
            });
        }
        return presentObligation(updated, await regimeOf(tx, updated.regimeId), lang, now);
      });
    },

    async draft(ctx: RequestContext, incidentId: string, code: string, lang: Lang): Promise<DraftOut> {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        const incident = await readableIncident(tx, ctx, incidentId, code);
        assertFullView(ctx, incident);
        const row = await repo.lockObligation(tx, ctx.actor.tenantId, incidentId, code);
        if (!row) throw notFound();
        if (incident.secret) await recordAudit(tx, ctx, { action: 'incident.read-secret', entityType: 'incident', entityId: incident.id });
        const regime = await regimeOf(tx, row.regimeId);
        return { code, answers: row.draft ?? {}, fields: regimeFields(regime, lang), version: row.version } as DraftOut;
      });
    },

    // Two people writing the same draft: a form that sends the version it loaded gets 412, not a lost edit.
    async saveDraft(
      ctx: RequestContext,
      incidentId: string,
      code: string,
      input: DraftIn,
      ifMatch: number | null,
      lang: Lang,
    ): Promise<DraftOut> {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        const { incident, row } = await changeableObligation(tx, ctx, incidentId, code);
        if (ifMatch !== null && ifMatch !== row.version) throw new Problem('precondition-failed');
        const regime = await regimeOf(tx, row.regimeId);
        const keys = new Set((regime.fields ?? []).map((f) => f.key));
        const errs: FieldErr[] = Object.keys(input.answers)
          .filter((k) => !keys.has(k))
          .map((k) => ({
            field: `answers.${k}`,
            code: 'unknown_field',
            sv: 'Myndighetens formulär har inget sådant fält.',
            en: 'The authority’s form has no such field.',
          }));
        if (errs.length) throw new Problem('validation', undefined, errs);
        const answers = Object.fromEntries(
          Object.entries(input.answers)
            .map(([k, v]) => [k, v.trim()] as const)
            .filter(([, v]) => v !== ''),
        );
        const updated = await repo.updateObligation(tx, ctx.actor.tenantId, row.id, {
          draft: answers,
          updatedBy: ctx.actor.userId || null,
        });
        await recordAudit(tx, ctx, {
          action: 'incident.obligation-draft',
          entityType: 'incident',
          entityId: incident.id,
          before: { secret: incident.secret, [code]: row.draft ?? {} },
          after: { secret: incident.secret, [code]: answers },
        });
        return { code: code as ObligationCode, answers, fields: regimeFields(regime, lang), version: updated.version };
      });
    },

    // The draft as a document: a read of secret content whoever reads it, so every export is audited.
    async draftDocument(ctx: RequestContext, incidentId: string, code: string, format: 'pdf' | 'docx') {
      const doc = await withTenant(db, ctx.actor.tenantId, async (tx): Promise<DraftDocument & { fileName: string }> => {
        const incident = await readableIncident(tx, ctx, incidentId, code);
        assertFullView(ctx, incident);
        const row = await repo.lockObligation(tx, ctx.actor.tenantId, incidentId, code);
        if (!row) throw notFound();
        const regime = await regimeOf(tx, row.regimeId);
        await recordAudit(tx, ctx, {
          action: 'incident.obligation-draft-export',
          entityType: 'incident',
          entityId: incident.id,
          after: { code, format },
        });
        const sv = presentRegime(regime, 'sv');
        const label = incidentLabel(incident);
        return {
          fileName: `utkast-${code}-${label}.${format}`,
          regimeName: sv.name,
          regimeVersion: regime.version,
          recipient: sv.recipient,
          legalBasis: sv.legalBasis,
          link: sv.link,
          note: sv.note,
          dueAt: row.dueAt,
          localTarget: sv.localTarget,
          submittedAt: row.submittedAt,
          reference: row.reference,
          incident: { ...incident, label },
          fields: sv.fields.map((f) => ({ label: f.label, answer: row.draft?.[f.key] ?? '' })),
          generatedAt: new Date(),
        };
      });
      const body = format === 'pdf' ? await draftPdf(doc) : await draftDocx(doc);
      return { fileName: doc.fileName, body };
    },

    async regimes(ctx: RequestContext, lang: Lang): Promise<{ items: RegimeOut[]; history: RegimeOut[] }> {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        const versions = await repo.regimeVersions(tx, ctx.actor.tenantId);
        const now = new Date();
        const effective = obligationCodes.flatMap((code) => {
          const r = effectiveRegime(versions, code, now);
          return r ? [r] : [];
        });
        const ids = new Set(effective.map((r) => r.id));
        return {
          items: effective.map((r) => presentRegime(r, lang)),
          history: versions.filter((r) => !ids.has(r.id)).map((r) => presentRegime(r, lang)),
        };
      });
    },

    // A tenant's own version of a code (e.g. a new recipient): it governs incidents the tenant becomes
    // aware of from its validFrom; existing incidents keep the version they were computed with.
    async createRegime(ctx: RequestContext, input: RegimeCreate, lang: Lang): Promise<RegimeOut> {
      if (input.deadline.kind === 'months-after' && input.deadline.after === input.code)
        throw fieldProblem(
          'deadline.after',
          'self_reference',
          'En tidsfrist kan inte räknas från sig själv. Välj en annan rapport att räkna från.',
          'A deadline cannot count from itself. Choose another report to count from.',
        );
      const keys = (input.fields ?? []).map((f) => f.key);
      if (new Set(keys).size !== keys.length)
        throw fieldProblem('fields', 'duplicate_key', 'Två fält har samma nyckel.', 'Two fields have the same key.');
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        const version = await repo.nextRegimeVersion(tx, ctx.actor.tenantId, input.code);
        const row = await repo.insertRegime(tx, {
          tenantId: ctx.actor.tenantId,
          code: input.code,
          version,
          validFrom: input.validFrom,
          name: input.name,
          recipient: input.recipient,
          legalBasis: input.legalBasis,
          deadline: input.deadline,
          fields: input.fields ?? [],
          note: input.note && (input.note.sv || input.note.en) ? input.note : null,
          link: input.link ?? null,
        });
        await recordAudit(tx, ctx, {
          action: 'reporting-regime.create',
          entityType: 'reporting-regime',
          entityId: row.id,
          after: { code: row.code, version, validFrom: row.validFrom, recipient: input.recipient, deadline: input.deadline },
        });
        return presentRegime(row, lang);
      });
    },
  };
}

export type IncidentObligationsService = ReturnType<typeof createIncidentObligationsService>;
export { isOpen };
