import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import type { SupplierType } from '../../../shared/enums.js';
import { assertCan } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { notify } from '../../platform/notify/notify.js';
import { fieldProblem, forbidden, notFound, Problem } from '../../platform/problems.js';
import { trackedChange } from '../../platform/tracked-change.js';
import { templateItemsFor } from '../follow-up-templates/follow-up-templates.service.js';
import { isActiveMember } from '../measures/measures.repository.js';
import { findSupplier } from '../suppliers/suppliers.repository.js';
import { municipalCan, reaches } from './supplier-follow-ups.access.js';
import { loadFollowUp, type LoadedFollowUp } from './supplier-follow-ups.load.js';
import { counts, summaryOf } from './supplier-follow-ups.presenter.js';
import * as repo from './supplier-follow-ups.repository.js';
import {
  followUpSorts,
  type FollowUpCreate,
  type FollowUpListQuery,
  type FollowUpOut,
  type FollowUpPatch,
} from './supplier-follow-ups.schemas.js';

export interface FollowUpsOptions {
  publicUrl: string;
}

const wrongState = (sv: string, en: string) => new Problem('conflict', { sv, en });

async function checkReviewer(tx: Tx, tenantId: string, reviewerId: string | null | undefined) {
  if (reviewerId && !(await isActiveMember(tx, tenantId, reviewerId)))
    throw fieldProblem('reviewerId', 'unknown_user', 'Personen finns inte i kommunen.', 'The person is not a member.');
}

export function createSupplierFollowUpsService(db: Db, opts: FollowUpsOptions) {
  // Lock, load, check the version, change, audit: one transaction. Municipal-only steps refuse the
  // supplier's side after the version check, like any other change it may not make.
  function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    work: (tx: Tx, before: LoadedFollowUp) => Promise<void>,
  ): Promise<FollowUpOut> {
    const { actor } = ctx;
    assertCan(actor, 'update', 'follow-up');
    let current: LoadedFollowUp | null = null;
    return trackedChange(db, ctx, {
      entityType: 'follow-up',
      action: `follow-up.${action}`,
      id,
      expectedVersion,
      lock: (tx) => repo.lockFollowUp(tx, actor.tenantId, id),
      load: async (tx) => (current = await loadFollowUp(tx, actor, id))?.out ?? null,
      change: async (tx) => {
        if (!reaches(actor, 'update', current!.row)) throw forbidden();
        await work(tx, current!);
      },
    });
  }

  const municipalOnly = (ctx: RequestContext, f: LoadedFollowUp) => {
    if (!municipalCan(ctx.actor, 'update', f.row.supplierId)) throw forbidden();
  };

  return {
    async assertReach({ actor }: RequestContext, id: string, action: 'read' | 'create' | 'update' | 'archive' | 'restore') {
      await withTenant(db, actor.tenantId, async (tx) => {
        const row = await repo.findFollowUp(tx, actor.tenantId, id);
        if (!row || !reaches(actor, 'read', row)) throw notFound();
        if (action !== 'read' && !reaches(actor, action === 'create' ? 'update' : action, row)) throw forbidden();
      });
    },

    async create(ctx: RequestContext, input: FollowUpCreate): Promise<FollowUpOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'follow-up');
      return withTenant(db, actor.tenantId, async (tx) => {
        const supplier = await findSupplier(tx, actor.tenantId, input.supplierId);
        if (!supplier) throw fieldProblem('supplierId', 'unknown_reference', 'Leverantören finns inte.', 'The supplier does not exist.');
        if (!municipalCan(actor, 'create', supplier.id)) throw forbidden();
        await checkReviewer(tx, actor.tenantId, input.reviewerId);
        const id = await repo.insertFollowUp(tx, {
          tenantId: actor.tenantId,
          supplierId: supplier.id,
          title: input.title,
          plannedOn: input.plannedOn,
          answerBy: input.answerBy ?? null,
          reviewerId: input.reviewerId ?? null,
        });
        const out = (await loadFollowUp(tx, actor, id))!.out;
        await recordAudit(tx, ctx, { action: 'follow-up.create', entityType: 'follow-up', entityId: id, after: out });
        return out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<FollowUpOut> {
      assertCan(actor, 'read', 'follow-up');
      const found = await withTenant(db, actor.tenantId, (tx) => loadFollowUp(tx, actor, id));
      if (!found) throw notFound();
      return found.out;
    },

    async list({ actor }: RequestContext, query: FollowUpListQuery) {
      assertCan(actor, 'read', 'follow-up');
      const spec = pageSpec({ ...query, sort: query.sort ?? '-plannedOn' }, followUpSorts, 'plannedOn');
      const { rows, items, measures } = await withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listFollowUps(tx, actor, query, spec.sort, spec.cursor, query.limit);
        const items = await repo.itemsOf(
          tx,
          actor.tenantId,
          rows.map((r) => r.id),
        );
        const measures = await repo.measuresByIds(
          tx,
          actor.tenantId,
          items.flatMap((i) => (i.measureId ? [i.measureId] : [])),
        );
        return { rows, items, measures };
      });
      return toPage(rows, query.limit, spec.name, (r) =>
        summaryOf(
          actor,
          r,
          items.filter((i) => i.followUpId === r.id),
          measures,
        ),
      );
    },

    update(ctx: RequestContext, id: string, expectedVersion: number, patch: FollowUpPatch) {
      return change(ctx, id, expectedVersion, 'update', async (tx, f) => {
        municipalOnly(ctx, f);
        if (f.row.status === 'closed') throw wrongState('Uppföljningen är avslutad.', 'The follow-up is closed.');
        await checkReviewer(tx, ctx.actor.tenantId, patch.reviewerId);
        await repo.updateFollowUp(tx, ctx.actor.tenantId, id, patch);
      });
    },

    // D1-17: the checklist for the supplier's type is copied into the follow-up and the supplier's
    // admins are told there is something to answer.
    send(ctx: RequestContext, id: string, expectedVersion: number) {
      return change(ctx, id, expectedVersion, 'send', async (tx, f) => {
        municipalOnly(ctx, f);
        if (f.row.status !== 'planned') throw wrongState('Uppföljningen är redan skickad.', 'The follow-up has already been sent.');
        const { tenantId } = ctx.actor;
        const template = await templateItemsFor(tx, tenantId, f.row.supplierType as SupplierType);
        await repo.insertItems(
          tx,
          template.map((t, position) => ({ tenantId, followUpId: id, position, ...t })),
        );
        await repo.updateFollowUp(tx, tenantId, id, { status: 'sent', sentAt: new Date() });
        await notify(
          tx,
          {
            tenantId,
            userIds: await repo.supplierAdmins(tx, tenantId, f.row.supplierId),
            kind: 'follow-up-sent',
            key: `follow-up-sent:${id}`,
            subjectType: 'follow-up',
            subjectId: id,
            title: f.row.title,
            secret: false,
            link: `/portal/follow-ups/${id}`,
            dueAt: f.row.answerBy ? new Date(`${f.row.answerBy}T23:59:59+01:00`) : null,
            mail: {
              subject: { sv: 'Uppföljning att besvara', en: 'A follow-up to answer' },
              intro: {
                sv: 'Kommunen har skickat en uppföljning av era krav att besvara i leverantörsportalen.',
                en: 'The municipality has sent a follow-up of your requirements to answer in the supplier portal.',
              },
            },
          },
          opts,
        );
      });
    },

    // The supplier hands in its answers: every item answered, and evidence attached where the item asks
    // for it (D0-19 the password policy, D0-26 the reserve routines, D3-12 antivirus and firewall …).
    submit(ctx: RequestContext, id: string, expectedVersion: number) {
      return change(ctx, id, expectedVersion, 'submit', async (tx, f) => {
        if (f.row.status !== 'sent') throw wrongState('Uppföljningen kan inte lämnas in nu.', 'The follow-up cannot be handed in now.');
        const errors: { field: string; code: string; sv: string; en: string }[] = [];
        f.items.forEach((i, n) => {
          if (!i.answer)
            errors.push({ field: `items.${n}.answer`, code: 'required', sv: `Besvara punkt ${i.code}.`, en: `Answer item ${i.code}.` });
          else if (i.evidenceRequired && (i.answer === 'yes' || i.answer === 'partly') && !f.files.some((x) => x.ownerId === i.id))
            errors.push({
              field: `items.${n}.files`,
              code: 'evidence_required',
              sv: `Punkt ${i.code} kräver en bifogad fil som underlag.`,
              en: `Item ${i.code} needs an attached file as evidence.`,
            });
        });
        if (errors.length) throw new Problem('validation', undefined, errors);
        const { tenantId } = ctx.actor;
        await repo.updateFollowUp(tx, tenantId, id, { status: 'answered', answeredAt: new Date() });
        await notify(
          tx,
          {
            tenantId,
            userIds: f.row.reviewerId ? [f.row.reviewerId] : await repo.coordinators(tx, tenantId),
            kind: 'follow-up-answered',
            key: `follow-up-answered:${id}:${f.row.version}`,
            subjectType: 'follow-up',
            subjectId: id,
            title: `${f.row.supplierName}: ${f.row.title}`,
            secret: false,
            link: `/supplier-follow-ups/${id}`,
            mail: {
              subject: { sv: 'Leverantören har besvarat uppföljningen', en: 'The supplier has answered the follow-up' },
              intro: {
                sv: 'En leverantör har lämnat in sina svar. Bedöm svaren i Tillit.',
                en: 'A supplier has handed in its answers. Assess them in Tillit.',
              },
            },
          },
          opts,
        );
      });
    },

    // D1-17: closed when every item is assessed and every deficiency's measure is done or cancelled.
    close(ctx: RequestContext, id: string, expectedVersion: number, conclusion: string | null | undefined) {
      return change(ctx, id, expectedVersion, 'close', async (tx, f) => {
        municipalOnly(ctx, f);
        if (f.row.status !== 'assessed')
          throw wrongState(
            'Alla punkter måste vara bedömda innan uppföljningen avslutas.',
            'Every item must be assessed before the follow-up is closed.',
          );
        const open = counts(f.items, f.measures).openDeficiencies;
        if (open > 0)
          throw wrongState(`${open} brist(er) har en åtgärd som inte är klar.`, `${open} deficiency(ies) have a measure that is not done.`);
        await repo.updateFollowUp(tx, ctx.actor.tenantId, id, {
          status: 'closed',
          closedAt: new Date(),
          ...(conclusion !== undefined ? { conclusion } : {}),
        });
      });
    },
  };
}

export type SupplierFollowUpsService = ReturnType<typeof createSupplierFollowUpsService>;
