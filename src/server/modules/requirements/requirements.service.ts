import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, recordAuditMany, type AuditEntry, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage, type Page } from '../../platform/keyset.js';
import { fieldProblem, notFound } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { parseRequirementFile, type ImportFile } from './requirements.import.js';
import { presentRequirement } from './requirements.presenter.js';
import * as repo from './requirements.repository.js';
import {
  requirementSorts,
  type ImportPreviewRow,
  type RequirementCreate,
  type RequirementListQuery,
  type RequirementOut,
  type RequirementPatch,
} from './requirements.schemas.js';
import { starterCatalogue } from './requirements.starter.js';

// The catalogue is the tenant's: everyone who works with it reads all of it, and only a tenant-wide
// grant changes it (platform/access.ts, tenantWideWrites).
const assertRequirement = (actor: Actor, action: Action) => assertCan(actor, action, 'requirement', {});

const duplicateCode = () =>
  fieldProblem('code', 'duplicate', 'Det finns redan ett krav med den koden.', 'A requirement with that code already exists.');

async function load(tx: Tx, actor: Actor, id: string): Promise<RequirementOut | null> {
  const row = await repo.findRequirement(tx, actor.tenantId, id);
  return row ? presentRequirement(actor, row) : null;
}

async function assertCodeFree(tx: Tx, tenantId: string, code: string, exceptId?: string) {
  const found = (await repo.idsByCode(tx, tenantId, [code])).get(code.toLowerCase());
  if (found && found !== exceptId) throw duplicateCode();
}

export function createRequirementsService(db: Db) {
  const tracked = (
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    change: (tx: Tx, before: RequirementOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'requirement',
      action,
      id,
      expectedVersion: version,
      lock: (tx) => repo.lockRequirement(tx, ctx.actor.tenantId, id),
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  const created = (rows: repo.RequirementRow[], actor: Actor): AuditEntry[] =>
    rows.map((r) => ({
      action: 'requirement.create',
      entityType: 'requirement',
      entityId: r.id,
      after: snapshot(presentRequirement(actor, r)),
    }));

  return {
    async create(ctx: RequestContext, input: RequirementCreate): Promise<RequirementOut> {
      assertRequirement(ctx.actor, 'create');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        await assertCodeFree(tx, t, input.code);
        const [row] = await repo.insertRequirements(tx, t, [input]);
        await recordAuditMany(tx, ctx, created([row!], ctx.actor));
        return presentRequirement(ctx.actor, row!);
      });
    },

    async get(ctx: RequestContext, id: string): Promise<RequirementOut> {
      assertRequirement(ctx.actor, 'read');
      const out = await withTenant(db, ctx.actor.tenantId, (tx) => load(tx, ctx.actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: RequirementListQuery): Promise<Page<RequirementOut>> {
      assertRequirement(ctx.actor, 'read');
      const spec = pageSpec(query, requirementSorts, 'code');
      const rows = await withTenant(db, ctx.actor.tenantId, (tx) =>
        repo.listRequirements(tx, ctx.actor.tenantId, query, spec.sort, spec.cursor, query.limit),
      );
      return toPage(rows, query.limit, spec.name, (r) => presentRequirement(ctx.actor, r));
    },

    iterate(ctx: RequestContext, query: RequirementListQuery): AsyncGenerator<RequirementOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, version: number, patch: RequirementPatch): Promise<RequirementOut> {
      assertRequirement(ctx.actor, 'update');
      return tracked(ctx, id, version, 'requirement.update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        if (patch.code && patch.code.toLowerCase() !== before.code.toLowerCase())
          await assertCodeFree(tx, ctx.actor.tenantId, patch.code, id);
        await repo.updateRequirement(tx, ctx.actor.tenantId, id, patch);
      });
    },

    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<RequirementOut> {
      assertRequirement(ctx.actor, archived ? 'archive' : 'restore');
      return tracked(ctx, id, version, archived ? 'requirement.archive' : 'requirement.restore', async (tx, before) => {
        if (before.archived === archived) return;
        await repo.updateRequirement(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },

    // Adds the starter requirements whose codes the tenant does not use yet: running it again, or
    // after the tenant has edited some, adds nothing twice and overwrites nothing.
    async installStarter(ctx: RequestContext): Promise<{ added: number; skipped: number }> {
      assertRequirement(ctx.actor, 'create');
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const existing = await repo.idsByCode(
          tx,
          t,
          starterCatalogue.map((r) => r.code),
        );
        const fresh = starterCatalogue.filter((r) => !existing.has(r.code.toLowerCase()));
        const rows = await repo.insertRequirements(tx, t, fresh);
        await recordAuditMany(tx, ctx, created(rows, ctx.actor));
        return { added: rows.length, skipped: starterCatalogue.length - rows.length };
      });
    },

    // Every row is checked before anything is written; then one transaction upserts by code.
    async importFile(ctx: RequestContext, file: ImportFile, dryRun: boolean) {
      assertRequirement(ctx.actor, 'create');
      assertRequirement(ctx.actor, 'update');
      const parsed = await parseRequirementFile(file);
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const existing = await repo.idsByCode(
          tx,
          t,
          parsed.map((r) => r.code),
        );
        const rows: ImportPreviewRow[] = parsed.map((r) => ({ ...r, action: existing.has(r.code.toLowerCase()) ? 'update' : 'create' }));
        const createdCount = rows.filter((r) => r.action === 'create').length;
        const result = { dryRun, created: createdCount, updated: rows.length - createdCount, rows };
        if (dryRun) return result;
        const values = ({ row: _row, action: _action, ...v }: ImportPreviewRow) => v;
        const inserted = await repo.insertRequirements(tx, t, rows.filter((r) => r.action === 'create').map(values));
        const audits = created(inserted, ctx.actor);
        for (const r of rows.filter((x) => x.action === 'update')) {
          const id = existing.get(r.code.toLowerCase())!;
          const before = (await load(tx, ctx.actor, id))!;
          // an imported row brings an archived requirement back into use
          await repo.updateRequirement(tx, t, id, { ...values(r), archivedAt: null });
          const after = (await load(tx, ctx.actor, id))!;
          audits.push({
            action: 'requirement.update',
            entityType: 'requirement',
            entityId: id,
            before: snapshot(before),
            after: snapshot(after),
          });
        }
        await recordAuditMany(tx, ctx, audits);
        await recordAudit(tx, ctx, {
          action: 'requirement.import',
          entityType: 'requirement',
          entityId: null,
          after: { fileName: file.fileName, created: result.created, updated: result.updated },
        });
        return result;
      });
    },
  };
}

export type RequirementsService = ReturnType<typeof createRequirementsService>;
