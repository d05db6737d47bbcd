import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Action } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { findStoredFile, insertStoredFile } from '../../platform/files/repository.js';
import { readStored, withStagedFile } from '../../platform/files/store.js';
import type { Upload } from '../../platform/files/upload.js';
import { fieldProblem, forbidden, notFound, Problem } from '../../platform/problems.js';
import { insertMeasure } from '../measures/measures.create.js';
import { measureScope } from '../measures/measures.presenter.js';
import { municipalCan, reaches } from './supplier-follow-ups.access.js';
import { ITEM_FILES, loadItem } from './supplier-follow-ups.load.js';
import * as repo from './supplier-follow-ups.repository.js';
import type { AnswerIn, AssessmentIn, ItemOut } from './supplier-follow-ups.schemas.js';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadItem>>>;
const wrongState = (sv: string, en: string) => new Problem('conflict', { sv, en });

export function createFollowUpItemsService(db: Db) {
  // One item change: lock, version check, change, audit, in one transaction.
  async function changeItem(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    work: (tx: Tx, found: Loaded) => Promise<void>,
  ): Promise<ItemOut> {
    const { actor } = ctx;
    assertCan(actor, 'update', 'follow-up');
    return withTenant(db, actor.tenantId, async (tx) => {
      const locked = await repo.lockItem(tx, actor.tenantId, id);
      const before = locked ? await loadItem(tx, actor, id) : null;
      if (!locked || !before) throw notFound();
      if (locked.version !== expectedVersion) throw new Problem('precondition-failed');
      if (!reaches(actor, 'update', before.followUp.row)) throw forbidden();
      await work(tx, before);
      const after = (await loadItem(tx, actor, id))!;
      const { actions: _a, ...beforeOut } = before.out;
      const { actions: _b, ...afterOut } = after.out;
      await recordAudit(tx, ctx, {
        action: `follow-up-item.${action}`,
        entityType: 'follow-up-item',
        entityId: id,
        before: beforeOut,
        after: afterOut,
      });
      return after.out;
    });
  }

  return {
    async assertReach({ actor }: RequestContext, id: string, action: Action) {
      await withTenant(db, actor.tenantId, async (tx) => {
        if (!(await loadItem(tx, actor, id))) throw notFound();
        if (action !== 'read' && !(await loadItem(tx, actor, id, 'update'))) throw forbidden();
      });
    },

    // The supplier's attestation for one item (the municipality may record it on the supplier's behalf).
    answer(ctx: RequestContext, id: string, expectedVersion: number, input: AnswerIn) {
      return changeItem(ctx, id, expectedVersion, 'answer', async (tx, { followUp }) => {
        if (followUp.row.status !== 'sent') throw wrongState('Svaren är redan inlämnade.', 'The answers have already been handed in.');
        await repo.updateItem(tx, ctx.actor.tenantId, id, {
          answer: input.answer,
          answerComment: input.comment ?? null,
          answeredAt: new Date(),
          answeredBy: ctx.actor.userId,
        });
      });
    },

    // D1-17: the reviewer's assessment; a deficiency gets a due date and becomes a measure (origin
    // 'supplier_deficiency') followed in the measures register until done.
    assess(ctx: RequestContext, id: string, expectedVersion: number, input: AssessmentIn) {
      return changeItem(ctx, id, expectedVersion, 'assess', async (tx, { item, followUp }) => {
        const { actor } = ctx;
        if (!municipalCan(actor, 'update', followUp.row.supplierId)) throw forbidden();
        if (followUp.row.status !== 'answered' && followUp.row.status !== 'assessed')
          throw wrongState('Leverantören har inte lämnat in sina svar.', 'The supplier has not handed in its answers.');
        if (item.measureId)
          throw wrongState('Bristen följs redan upp som en åtgärd.', 'The deficiency is already followed up as a measure.');
        let measureId: string | null = null;
        if (input.assessment === 'deficient') {
          if (!input.dueOn)
            throw fieldProblem(
              'dueOn',
              'required',
              'Ange när bristen ska vara åtgärdad.',
              'Give the date the deficiency must be remedied by.',
            );
          if (!can(actor, 'create', 'measure', measureScope({ unitId: null, systemId: null, secret: false }))) throw forbidden();
          measureId = await insertMeasure(tx, ctx, {
            title: input.measureTitle ?? `${followUp.row.supplierName}: ${item.code} ${item.text}`.slice(0, 300),
            description: input.note ?? null,
            origin: 'supplier_deficiency',
            originId: followUp.row.id,
            basis: `${followUp.row.title} (${item.sources.join(', ')})`,
            ownerUserId: followUp.row.reviewerId ?? actor.userId,
            dueOn: input.dueOn,
            status: 'planned',
          });
        }
        await repo.updateItem(tx, actor.tenantId, id, {
          assessment: input.assessment,
          assessmentNote: input.note ?? null,
          deficiencyDueOn: input.assessment === 'deficient' ? input.dueOn! : null,
          measureId,
          assessedAt: new Date(),
          assessedBy: actor.userId,
        });
        // every item assessed: the follow-up moves on to closing
        const items = await repo.itemsOf(tx, actor.tenantId, [followUp.row.id]);
        if (followUp.row.status === 'answered' && items.every((i) => i.assessment !== null))
          await repo.updateFollowUp(tx, actor.tenantId, followUp.row.id, { status: 'assessed', assessedAt: new Date() });
      });
    },

    // Evidence for one item. The bytes are checked and stored first; the row and its audit entry follow
    // in one transaction, and if that fails the bytes are removed again.
    async upload(ctx: RequestContext, id: string, upload: Upload): Promise<ItemOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'follow-up');
      return withStagedFile(upload.name, upload.content, (staged) =>
        withTenant(db, actor.tenantId, async (tx) => {
          const found = await loadItem(tx, actor, id, 'update');
          if (!found) throw notFound();
          const { status, supplierId } = found.followUp.row;
          const open = status === 'sent' || (status === 'answered' && municipalCan(actor, 'update', supplierId));
          if (!open)
            throw wrongState('Det går inte att bifoga filer till uppföljningen nu.', 'Files cannot be attached to the follow-up now.');
          const row = await insertStoredFile(tx, actor.tenantId, { ownerKind: ITEM_FILES, ownerId: id, supplierId }, staged, actor.userId);
          const { storageKey: _k, ...meta } = staged;
          await recordAudit(tx, ctx, {
            action: 'file.upload',
            entityType: 'file',
            entityId: row.id,
            after: { ...meta, ownerKind: ITEM_FILES, ownerId: id },
          });
          return (await loadItem(tx, actor, id))!.out;
        }),
      );
    },

    // A file is served only to those who may read what it belongs to; every download is audited.
    async download(ctx: RequestContext, fileId: string) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'follow-up');
      return withTenant(db, actor.tenantId, async (tx) => {
        const f = await findStoredFile(tx, actor.tenantId, fileId);
        if (!f || f.ownerKind !== ITEM_FILES || !(await loadItem(tx, actor, f.ownerId))) throw notFound();
        // bytes lost from the store (a restore without the file directory) are a 404, not a 500, and
        // no download is recorded for them
        const content = await readStored(f.storageKey).catch((err: unknown) => {
          if ((err as { code?: string }).code === 'ENOENT') throw notFound();
          throw err;
        });
        await recordAudit(tx, ctx, {
          action: 'file.download',
          entityType: 'file',
          entityId: f.id,
          after: { name: f.name, sha256: f.sha256 },
        });
        return { file: f, content };
      });
    },

    async assertFileReach({ actor }: RequestContext, fileId: string) {
      await withTenant(db, actor.tenantId, async (tx) => {
        const f = await findStoredFile(tx, actor.tenantId, fileId);
        if (!f || f.ownerKind !== ITEM_FILES || !(await loadItem(tx, actor, f.ownerId))) throw notFound();
      });
    },
  };
}

export type FollowUpItemsService = ReturnType<typeof createFollowUpItemsService>;
