import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { pageSpec, toPage, type Page } from '../../platform/keyset.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import { listPeople, planBasics } from './log-review-plans.repository.js';
import { extractCsv, extractFileName, sha256 } from './log-reviews.extract.js';
import { assertReach, municipalReach, reviewReach } from './log-reviews.policy.js';
import { presentFollowUp, presentReview, presentReviewItem, reviewSubject } from './log-reviews.presenter.js';
import * as repo from './log-reviews.repository.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';
import { ensureScheduled } from './log-reviews.scheduler.js';
import type {
  FollowUpCreate,
  FollowUpOut,
  FollowUpPatch,
  OutcomeIn,
  ReviewListItem,
  ReviewListQuery,
  ReviewOut,
  ReviewPatch,
} from './log-reviews.schemas.js';

// Follow-ups of a deviation are due in 30 days unless the reviewer says otherwise.
const FOLLOW_UP_DAYS = 30;

const conflict = (sv: string, en: string) => new Problem('conflict', { sv, en });
const doneConflict = () =>
  conflict(
    'Granskningen är avslutad och kan inte ändras. Lägg till en ny granskning i planen om den behöver göras om.',
    'The review is done and cannot be changed. Add a new review to the plan if it needs to be redone.',
  );

// What the audit trail keeps of a review: its state, not the viewer's names or rights.
const snap = (r: repo.ReviewRow) => ({
  planId: r.planId,
  status: r.status,
  dueOn: r.dueOn,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  systemIds: r.systemIds,
  supplierId: r.supplierId,
  material: r.material ? { kind: r.material.kind, fileName: r.material.fileName, size: r.material.size, sha256: r.material.sha256 } : null,
  outcome: r.outcome,
  outcomeComment: r.outcomeComment,
  outcomeBy: r.outcomeBy,
});

async function findReachable(tx: Tx, actor: Actor, id: string) {
  const row = await repo.findReview(tx, actor.tenantId, id);
  if (!row || !reviewReach(actor, 'read', reviewSubject(row))) throw notFound();
  return row;
}

async function checkOwner(tx: Tx, tenantId: string, ownerUserId: string | null | undefined) {
  if (!ownerUserId) return;
  if ((await listPeople(tx, tenantId, ownerUserId)).length === 0)
    throw fieldProblem(
      'ownerUserId',
      'not_a_member',
      'Välj en person med en roll för loggkontroller i organisationen.',
      'Choose a person with a log-review role in the organisation.',
    );
}

export interface UploadedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export function createLogReviewsService(db: Db) {
  const full = async (tx: Tx, actor: Actor, id: string): Promise<ReviewOut> =>
    presentReview(actor, (await repo.findReview(tx, actor.tenantId, id))!, await repo.followUpsOf(tx, actor.tenantId, id));

  // The one way a review changes: lock, check the version the client saw, apply, audit, in one transaction.
  const change = (
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    apply: (tx: Tx, before: repo.ReviewRow) => Promise<Record<string, unknown> | void>,
  ) =>
    withTenant(db, ctx.actor.tenantId, async (tx) => {
      const locked = await repo.lockReview(tx, ctx.actor.tenantId, id);
      const before = locked ? await findReachable(tx, ctx.actor, id) : null;
      if (!locked || !before) throw notFound();
      if (locked.version !== expectedVersion) throw new Problem('precondition-failed');
      const extra = await apply(tx, before);
      const after = (await repo.findReview(tx, ctx.actor.tenantId, id))!;
      await recordAudit(tx, ctx, {
        action,
        entityType: 'log-review',
        entityId: id,
        before: snap(before),
        after: { ...snap(after), ...extra },
      });
      return full(tx, ctx.actor, id);
    });

  const attach = async (tx: Tx, ctx: RequestContext, before: repo.ReviewRow, file: UploadedFile, kind: 'upload' | 'audit_extract') => {
    const t = ctx.actor.tenantId;
    await repo.putMaterial(tx, t, before.id, {
      kind,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.content.length,
      sha256: sha256(file.content),
      content: file.content,
      uploadedBy: ctx.actor.userId,
    });
    await repo.updateReview(tx, t, before.id, { status: 'material_attached' });
  };

  // The municipality produces the material (D0-16): a supplier's grant does not reach this.
  const assertMayAttach = (actor: Actor, before: repo.ReviewRow) => {
    assertReach(municipalReach(actor, 'create', reviewSubject(before)));
    if (before.status === 'done') throw doneConflict();
  };

  return {
    // For the route hook: an unreachable review is 404 before its body is validated; a reachable one
    // the caller may not act on is 403.
    async assertRouteReach(ctx: RequestContext, id: string, action: 'read' | 'create' | 'update') {
      const { actor } = ctx;
      const row = await withTenant(db, actor.tenantId, (tx) => findReachable(tx, actor, id));
      if (action === 'update') assertReach(reviewReach(actor, 'update', reviewSubject(row)));
      if (action === 'create') assertReach(municipalReach(actor, 'create', reviewSubject(row)));
    },

    async get({ actor }: RequestContext, id: string): Promise<ReviewOut> {
      return withTenant(db, actor.tenantId, async (tx) => {
        await findReachable(tx, actor, id);
        return full(tx, actor, id);
      });
    },

    async list({ actor }: RequestContext, query: ReviewListQuery): Promise<Page<ReviewListItem>> {
      const spec = pageSpec(query, ['dueOn'] as const, 'dueOn');
      const rows = await withTenant(db, actor.tenantId, (tx) => repo.listReviews(tx, actor, query, spec.cursor, query.limit));
      return toPage(rows, query.limit, spec.name, (r) => presentReviewItem(actor, r));
    },

    async update(ctx: RequestContext, id: string, version: number, patch: ReviewPatch): Promise<ReviewOut> {
      return change(ctx, id, version, 'log-review.update', async (tx, before) => {
        assertReach(municipalReach(ctx.actor, 'update', reviewSubject(before)));
        if (before.status === 'done') throw doneConflict();
        const next = {
          dueOn: patch.dueOn ?? before.dueOn,
          periodFrom: patch.periodFrom ?? before.periodFrom,
          periodTo: patch.periodTo ?? before.periodTo,
        };
        if (next.periodFrom > next.periodTo)
          throw fieldProblem(
            'periodTo',
            'before_start',
            'Perioden kan inte sluta innan den börjar.',
            'The period cannot end before it starts.',
          );
        await repo.updateReview(tx, ctx.actor.tenantId, id, next);
      });
    },

    async attachUpload(ctx: RequestContext, id: string, version: number, file: UploadedFile): Promise<ReviewOut> {
      return change(ctx, id, version, 'log-review.attach-material', async (tx, before) => {
        assertMayAttach(ctx.actor, before);
        await attach(tx, ctx, before, file, 'upload');
      });
    },

    // An extract of Tillit's own audit trail for the review's systems and period (for a supplier's
    // review, its own staff's events only: see repo.trailEvents); it is an export of the trail, so its
    // audit entry says what was extracted.
    async attachAuditExtract(ctx: RequestContext, id: string, version: number): Promise<ReviewOut> {
      return change(ctx, id, version, 'log-review.audit-extract', async (tx, before) => {
        assertMayAttach(ctx.actor, before);
        if (before.systemIds.length === 0)
          throw conflict(
            'Granskningen gäller inget IT-system, så Tillits egen logg har inget utdrag för den. Ladda upp ett loggutdrag i stället.',
            'The review covers no IT system, so Tillit’s own log has no extract for it. Upload a log extract instead.',
          );
        const { systemIds, periodFrom, periodTo, supplierId } = before;
        const events = await repo.trailEvents(tx, ctx.actor.tenantId, systemIds, periodFrom, periodTo, supplierId);
        const content = extractCsv(events);
        await attach(
          tx,
          ctx,
          before,
          { fileName: extractFileName(before.periodFrom, before.periodTo), contentType: 'text/csv; charset=utf-8', content },
          'audit_extract',
        );
        // The audit entry names the narrowing, so the export can be judged later for what it held.
        return {
          extract: { eventCount: events.length, systemIds, periodFrom, periodTo, ...(supplierId ? { staffOfSupplierId: supplierId } : {}) },
        };
      });
    },

    // The material is personal data about people's work in the systems: each download is recorded.
    async download(ctx: RequestContext, id: string) {
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        await findReachable(tx, ctx.actor, id);
        const m = await repo.materialContent(tx, ctx.actor.tenantId, id);
        if (!m) throw new Problem('not-found', { sv: 'Inget loggutdrag är bifogat ännu.', en: 'No log extract is attached yet.' });
        await recordAudit(tx, ctx, {
          action: 'log-review.download-material',
          entityType: 'log-review',
          entityId: id,
          after: { fileName: m.fileName, sha256: m.sha256 },
        });
        return m;
      });
    },

    // D0-16, D3-04: the reviewer records the outcome; deviations get a follow-up, and the schedule moves on.
    async recordOutcome(ctx: RequestContext, id: string, version: number, input: OutcomeIn): Promise<ReviewOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      return change(ctx, id, version, 'log-review.outcome', async (tx, before) => {
        assertReach(reviewReach(actor, 'update', reviewSubject(before)));
        if (before.status === 'done') throw doneConflict();
        if (before.status === 'planned')
          throw conflict(
            'Loggutdraget är inte bifogat ännu. Resultatet registreras när underlaget finns.',
            'The log extract is not attached yet. The outcome is recorded once the material is there.',
          );
        const comment = input.comment ?? null;
        if (input.outcome === 'deviations' && !comment)
          throw fieldProblem('comment', 'required', 'Beskriv avvikelserna som hittades.', 'Describe the deviations that were found.');
        await repo.updateReview(tx, t, id, {
          status: 'done',
          outcome: input.outcome,
          outcomeComment: comment,
          outcomeBy: actor.userId,
          outcomeAt: new Date(),
        });
        if (input.outcome === 'deviations') {
          const plan = (await planBasics(tx, t, before.planId))!;
          const f = input.followUp;
          await checkOwner(tx, t, f?.ownerUserId);
          const values = {
            description: f?.description ?? comment!,
            ownerUserId: f?.ownerUserId ?? plan.producerUserId ?? plan.reviewerUserId,
            dueOn: f?.dueOn ?? addDays(stockholmToday(), FOLLOW_UP_DAYS),
            status: 'open',
          };
          const followUpId = await repo.insertFollowUp(tx, t, id, values);
          await recordAudit(tx, ctx, {
            action: 'log-review-follow-up.create',
            entityType: 'log-review-follow-up',
            entityId: followUpId,
            after: { reviewId: id, ...values },
          });
        }
        if (before.scheduled) await ensureScheduled(tx, ctx, before.planId);
      });
    },

    async addFollowUp(ctx: RequestContext, id: string, input: FollowUpCreate): Promise<FollowUpOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const review = await findReachable(tx, actor, id);
        assertReach(municipalReach(actor, 'create', reviewSubject(review)));
        if (review.outcome !== 'deviations')
          throw conflict('Uppföljningar hör till en granskning med avvikelser.', 'Follow-ups belong to a review with deviations.');
        await checkOwner(tx, t, input.ownerUserId);
        const values = {
          description: input.description,
          ownerUserId: input.ownerUserId ?? null,
          dueOn: input.dueOn ?? null,
          status: 'open',
        };
        const fid = await repo.insertFollowUp(tx, t, id, values);
        await recordAudit(tx, ctx, {
          action: 'log-review-follow-up.create',
          entityType: 'log-review-follow-up',
          entityId: fid,
          after: { reviewId: id, ...values },
        });
        return presentFollowUp(actor, reviewSubject(review), (await repo.findFollowUp(tx, t, id, fid))!);
      });
    },

    async updateFollowUp(ctx: RequestContext, id: string, followUpId: string, version: number, patch: FollowUpPatch): Promise<FollowUpOut> {
      const { actor } = ctx;
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const review = await findReachable(tx, actor, id);
        const before = await repo.findFollowUp(tx, t, id, followUpId, true);
        if (!before) throw notFound();
        assertReach(municipalReach(actor, 'update', reviewSubject(review)));
        if (before.version !== version) throw new Problem('precondition-failed');
        await checkOwner(tx, t, patch.ownerUserId);
        const values: Partial<repo.FollowUpValues> = {};
        if (patch.description !== undefined) values.description = patch.description;
        if (patch.ownerUserId !== undefined) values.ownerUserId = patch.ownerUserId;
        if (patch.dueOn !== undefined) values.dueOn = patch.dueOn;
        if (patch.status !== undefined && patch.status !== before.status) {
          values.status = patch.status;
          values.closedAt = patch.status === 'closed' ? new Date() : null;
          values.closedBy = patch.status === 'closed' ? actor.userId : null;
        }
        const subject = reviewSubject(review);
        if (Object.keys(values).length === 0) return presentFollowUp(actor, subject, before);
        await repo.updateFollowUp(tx, t, followUpId, values);
        const after = (await repo.findFollowUp(tx, t, id, followUpId))!;
        const plain = (f: repo.FollowUpRow) => ({
          description: f.description,
          ownerUserId: f.ownerUserId,
          dueOn: f.dueOn,
          status: f.status,
          closedBy: f.closedBy,
        });
        await recordAudit(tx, ctx, {
          action: 'log-review-follow-up.update',
          entityType: 'log-review-follow-up',
          entityId: followUpId,
          before: plain(before),
          after: plain(after),
        });
        return presentFollowUp(actor, subject, after);
      });
    },
  };
}
export type LogReviewsService = ReturnType<typeof createLogReviewsService>;
