import type { Db } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { inSnapshot, verifyChain } from './audit.chain.js';
import * as repo from './audit.repository.js';
import type { AuditFilter, AuditListQuery, CheckpointOut, HistoryEventOut, HistoryQuery, VerifyReport } from './audit.schemas.js';

const EXPORT_BATCH = 2_000;
const nextCursorOf = (rows: repo.EventRow[], limit: number) => (rows.length > limit ? String(rows[limit - 1]!.seq) : null);

export function createAuditService(db: Db) {
  const read = <T>(ctx: RequestContext, work: Parameters<typeof withTenant<T>>[2]) => {
    assertCan(ctx.actor, 'read', 'audit-trail');
    return withTenant(db, ctx.actor.tenantId, work);
  };

  return {
    async list(ctx: RequestContext, query: AuditListQuery) {
      const { cursor, limit, ...filter } = query;
      const rows = await read(ctx, (tx) =>
        repo.listEvents(tx, ctx.actor.tenantId, { ...filter, beforeSeq: cursor ? Number(cursor) : undefined }, limit + 1),
      );
      return { items: rows.slice(0, limit).map(repo.presentEvent), nextCursor: nextCursorOf(rows, limit) };
    },

    actions: (ctx: RequestContext) => read(ctx, (tx) => repo.distinctActions(tx, ctx.actor.tenantId)),

    // An export is itself an event: who took which part of the trail, and when.
    async export(ctx: RequestContext, filter: AuditFilter, format: 'csv' | 'jsonl') {
      await read(ctx, (tx) =>
        recordAudit(tx, ctx, { action: 'audit.export', entityType: 'audit-trail', entityId: null, after: { format, filter } }),
      );
      const tenantId = ctx.actor.tenantId;
      return (async function* () {
        let beforeSeq: number | undefined;
        for (;;) {
          const rows = await withTenant(db, tenantId, (tx) => repo.listEvents(tx, tenantId, { ...filter, beforeSeq }, EXPORT_BATCH));
          for (const r of rows) yield repo.presentEvent(r);
          if (rows.length < EXPORT_BATCH) return;
          beforeSeq = Number(rows[rows.length - 1]!.seq);
        }
      })();
    },

    async verify(ctx: RequestContext): Promise<VerifyReport> {
      assertCan(ctx.actor, 'read', 'audit-trail');
      const report = await inSnapshot(db, ctx.actor.tenantId, (tx) => verifyChain(tx, ctx.actor.tenantId));
      await withTenant(db, ctx.actor.tenantId, (tx) =>
        recordAudit(tx, ctx, {
          action: 'audit.verify',
          entityType: 'audit-trail',
          entityId: null,
          after: { status: report.status, checked: report.checked, firstBroken: report.firstBroken?.tenantSeq ?? null },
        }),
      );
      return report;
    },

    checkpoints: (ctx: RequestContext, limit = 100) => read(ctx, (tx) => repo.listCheckpoints(tx, ctx.actor.tenantId, limit)),

    async takeCheckpoint(ctx: RequestContext): Promise<CheckpointOut> {
      assertCan(ctx.actor, 'create', 'audit-trail');
      return withTenant(db, ctx.actor.tenantId, async (tx) => {
        // the event first, so the checkpoint covers its own taking
        await recordAudit(tx, ctx, { action: 'audit.checkpoint', entityType: 'audit-trail', entityId: null });
        return (await repo.insertCheckpoint(tx, ctx.actor.tenantId, 'manual'))!;
      });
    },

    async exportCheckpoints(ctx: RequestContext): Promise<CheckpointOut[]> {
      return read(ctx, async (tx) => {
        await recordAudit(tx, ctx, { action: 'audit.export-checkpoints', entityType: 'audit-trail', entityId: null });
        return repo.listCheckpoints(tx, ctx.actor.tenantId, 100_000);
      });
    },

    // The history of one object; the caller has already checked that the actor may read the object.
    // A viewer who sees the object masked sees who did what and when, not the values.
    async history(ctx: RequestContext, entityType: string, entityId: string, masked: boolean, query: HistoryQuery) {
      const rows = await withTenant(db, ctx.actor.tenantId, (tx) =>
        repo.listEvents(
          tx,
          ctx.actor.tenantId,
          { entityType, entityId, beforeSeq: query.cursor ? Number(query.cursor) : undefined },
          query.limit + 1,
        ),
      );
      const items: HistoryEventOut[] = rows.slice(0, query.limit).map((r) => {
        const e = repo.presentEvent(r);
        return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, before: masked ? null : e.before, after: masked ? null : e.after };
      });
      return { items, nextCursor: nextCursorOf(rows, query.limit) };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
