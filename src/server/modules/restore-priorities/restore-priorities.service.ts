import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, viewOf, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { notFound, Problem } from '../../platform/problems.js';
import * as repo from './restore-priorities.repository.js';
import type { DecisionIn, ItemsIn, PriorityCreate, PriorityOut } from './restore-priorities.schemas.js';

type FieldErr = { field: string; code: string; sv: string; en: string };

const locked = () =>
  new Problem('conflict', {
    sv: 'Prioriteringsordningen är beslutad och kan inte ändras. Skapa en ny version i stället.',
    en: 'The priority order has been decided and cannot be changed. Create a new version instead.',
  });

// Who does what (D1-27): the coordinator prepares the order ('create'), management decides it
// ('update'); the policy table gives each role only its own part. The order spans the whole tenant:
// it has no unit or system of its own, so only tenant-wide grants change it.
const tenantWide = {} as const;

function systemRef(actor: Actor, s: repo.SystemRow) {
  const scope = { unitId: s.unitId, systemIds: [s.id], secret: s.secret };
  const full = viewOf(actor, 'system', scope) === 'full';
  return {
    id: s.id,
    name: full ? s.name : null,
    unit: { id: s.unitId, name: s.unitName },
    acceptedOutageMinutes: full || !s.secret ? s.acceptedOutageMinutes : null,
  };
}

async function load(tx: Tx, actor: Actor, id: string): Promise<PriorityOut | null> {
  const p = await repo.findPriority(tx, actor.tenantId, id);
  if (!p) return null;
  const items = await repo.itemsOf(tx, actor.tenantId, id);
  const ranked = new Set(items.map((i) => i.id));
  const draft = p.status === 'draft';
  const unranked = draft || p.status === 'decided' ? (await repo.criticalSystems(tx, actor.tenantId)).filter((s) => !ranked.has(s.id)) : [];
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    status: p.status as PriorityOut['status'],
    decidedOn: p.decidedOn,
    dnr: p.dnr,
    decidedBy: p.decidedBy ? { id: p.decidedBy, displayName: p.decidedByName ?? '' } : null,
    decisionNote: p.decisionNote,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    canEdit: draft && can(actor, 'create', 'restore-priority', tenantWide),
    canDecide: draft && items.length > 0 && can(actor, 'update', 'restore-priority', tenantWide),
    // a note says something about its system: withheld with the system's name
    items: items.map((i) => {
      const system = systemRef(actor, i);
      return { rank: i.rank, note: system.name === null ? null : i.note, system };
    }),
    unranked: unranked.map((s) => systemRef(actor, s)),
  };
}

// The trail names systems by id: a secret system's name stays out of it.
const auditShape = (p: PriorityOut) => ({
  title: p.title,
  status: p.status,
  decidedOn: p.decidedOn,
  dnr: p.dnr,
  decisionNote: p.decisionNote,
  items: p.items.map((i) => ({ rank: i.rank, systemId: i.system.id, note: i.note })),
});

export function createRestorePrioritiesService(db: Db) {
  async function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    // returns the order's own changed columns, if any; its version moves on every change
    work: (tx: Tx, before: PriorityOut) => Promise<Parameters<typeof repo.updatePriority>[3] | void>,
  ): Promise<PriorityOut> {
    const { actor } = ctx;
    return withTenant(db, actor.tenantId, async (tx) => {
      const row = await repo.findPriority(tx, actor.tenantId, id, true);
      if (!row) throw notFound();
      if (row.version !== expectedVersion) throw new Problem('precondition-failed');
      const before = (await load(tx, actor, id))!;
      await repo.updatePriority(tx, actor.tenantId, id, (await work(tx, before)) ?? {});
      const after = (await load(tx, actor, id))!;
      await recordAudit(tx, ctx, {
        action,
        entityType: 'restore-priority',
        entityId: id,
        before: auditShape(before),
        after: auditShape(after),
      });
      return after;
    });
  }

  return {
    async list(ctx: RequestContext, limit: number) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'restore-priority');
      const rows = await withTenant(db, actor.tenantId, (tx) => repo.listPriorities(tx, actor.tenantId, limit));
      return {
        items: rows.map((r) => ({ ...r, status: r.status as PriorityOut['status'], createdAt: new Date(r.createdAt).toISOString() })),
        nextCursor: null,
      };
    },

    async get(ctx: RequestContext, id: string): Promise<PriorityOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'restore-priority', tenantWide);
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    async create(ctx: RequestContext, input: PriorityCreate): Promise<PriorityOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'restore-priority', tenantWide);
      return withTenant(db, actor.tenantId, async (tx) => {
        const id = await repo.insertPriority(tx, actor.tenantId, input.title);
        const [decided] = input.fromDecided === false ? [] : await repo.currentDecided(tx, actor.tenantId);
        if (decided) {
          // systems no longer critical (or archived) drop out of the new version
          const kept = (await repo.itemsOf(tx, actor.tenantId, decided.id)).filter((i) => i.critical && !i.archived);
          await repo.replaceItems(
            tx,
            actor.tenantId,
            id,
            kept.map((i) => ({ systemId: i.id, note: i.note })),
          );
        }
        const out = (await load(tx, actor, id))!;
        await recordAudit(tx, ctx, {
          action: 'restore-priority.create',
          entityType: 'restore-priority',
          entityId: id,
          after: auditShape(out),
        });
        return out;
      });
    },

    async setItems(ctx: RequestContext, id: string, expectedVersion: number, input: ItemsIn): Promise<PriorityOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'restore-priority', tenantWide);
      return change(ctx, id, expectedVersion, 'restore-priority.items', async (tx, before) => {
        if (before.status !== 'draft') throw locked();
        const ids = input.items.map((i) => i.systemId);
        const errs: FieldErr[] = [];
        if (new Set(ids).size !== ids.length)
          errs.push({
            field: 'items',
            code: 'duplicate',
            sv: 'Ett system finns med flera gånger.',
            en: 'A system is listed more than once.',
          });
        const found = await repo.systemsByIds(tx, actor.tenantId, ids);
        if (found.length !== new Set(ids).size)
          errs.push({
            field: 'items',
            code: 'unknown_reference',
            sv: 'Ett av systemen finns inte.',
            en: 'One of the systems does not exist.',
          });
        // D1-27 ranks the critical systems; a system without the flag is marked critical first
        else if (found.some((s) => !s.critical || s.archived))
          errs.push({
            field: 'items',
            code: 'not_critical',
            sv: 'Bara kritiska IT-system i bruk kan prioriteras. Markera systemet som kritiskt först.',
            en: 'Only critical IT systems in use can be ranked. Mark the system as critical first.',
          });
        if (errs.length) throw new Problem('validation', undefined, errs);
        await repo.replaceItems(tx, actor.tenantId, id, input.items);
      });
    },

    // D1-27: management decides; the order is locked and the one in force until now is replaced.
    async decide(ctx: RequestContext, id: string, expectedVersion: number, input: DecisionIn): Promise<PriorityOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'restore-priority', tenantWide);
      return change(ctx, id, expectedVersion, 'restore-priority.decide', async (tx, before) => {
        if (before.status !== 'draft') throw locked();
        if (before.items.length === 0)
          throw new Problem('conflict', {
            sv: 'Ordningen har inga system ännu. Lägg till de kritiska systemen innan den beslutas.',
            en: 'The order has no systems yet. Add the critical systems before it is decided.',
          });
        for (const old of await repo.currentDecided(tx, actor.tenantId)) {
          await repo.updatePriority(tx, actor.tenantId, old.id, { status: 'replaced' });
          await recordAudit(tx, ctx, {
            action: 'restore-priority.replace',
            entityType: 'restore-priority',
            entityId: old.id,
            before: { status: 'decided' },
            after: { status: 'replaced', replacedBy: id },
          });
        }
        return { status: 'decided', decidedOn: input.decidedOn, dnr: input.dnr, decisionNote: input.note ?? null, decidedBy: actor.userId };
      });
    },
  };
}

export type RestorePrioritiesService = ReturnType<typeof createRestorePrioritiesService>;
