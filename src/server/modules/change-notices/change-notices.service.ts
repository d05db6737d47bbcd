import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, viewOf, type Action, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { notify } from '../../platform/notify/notify.js';
import { fieldProblem, forbidden, notFound, Problem } from '../../platform/problems.js';
import { supplierLinkedSystems, unreachableSuppliers, unreachableSystems } from '../../platform/references.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { systemsByIds, type SystemRef } from '../continuity/continuity.repository.js';
import * as repo from './change-notices.repository.js';
import { checkDates, isOverdue, publishErrors, validationProblem } from './change-notices.rules.js';
import {
  changeNoticeSorts,
  type AcknowledgeIn,
  type ChangeNoticeCreate,
  type ChangeNoticeListQuery,
  type ChangeNoticeOut,
  type ChangeNoticePatch,
} from './change-notices.schemas.js';

// Raw queries answer timestamps as Date (pg) or text (PGlite)
const iso = (v: Date | string | null) => (v ? new Date(v).toISOString() : null);

interface Loaded {
  row: repo.NoticeRow;
  systems: SystemRef[];
  recipients: repo.RecipientRow[];
}

// Municipal writers reach a notice tenant-wide, or through a unit or systems grant covering one of
// its systems. Supplier grants never change a notice: their 'update' is the acknowledgement.
function reachesWrite(actor: Actor, action: Action, systems: readonly SystemRef[]): boolean {
  if (can(actor, action, 'change-notice', { unitId: null, systemIds: [] })) return true;
  return systems.some((s) => can(actor, action, 'change-notice', { unitId: s.unitId, systemIds: [s.id] }));
}

// Municipal readers read every notice; a supplier's users the published ones their organisation received.
const municipalReader = (actor: Actor, row: repo.NoticeRow) =>
  can(actor, 'read', 'change-notice', { unitId: null, systemIds: row.systemIds, supplierId: null });

const readable = (actor: Actor, l: Loaded) =>
  municipalReader(actor, l.row) ||
  (l.row.publishedAt !== null && l.recipients.some((r) => can(actor, 'read', 'change-notice', { supplierId: r.supplierId })));

// The organisations this actor acknowledges for through a supplier grant.
const ownSuppliers = (actor: Actor) =>
  actor.grants.flatMap((g) =>
    g.scope.type === 'supplier' && can(actor, 'update', 'change-notice', { supplierId: g.scope.supplierId }) ? [g.scope.supplierId] : [],
  );

function present(actor: Actor, l: Loaded, ctx: { names: Map<string, string>; linked: Set<string>; today: string }): ChangeNoticeOut {
  const { row, systems } = l;
  const municipal = municipalReader(actor, row);
  const archived = row.archivedAt !== null;
  const published = row.publishedAt !== null;
  // a supplier never learns which other organisations received the notice
  const recipients = municipal
    ? l.recipients
    : l.recipients.filter((r) => can(actor, 'read', 'change-notice', { supplierId: r.supplierId }));
  const visibleSupplier = (id: string) => municipal || recipients.some((r) => r.supplierId === id);
  const byId = new Map(systems.map((s) => [s.id, s]));
  const systemName = (s: SystemRef) =>
    viewOf(actor, 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full' || (!s.secret && ctx.linked.has(s.id))
      ? s.name
      : null;
  const writes = (['update', 'archive', 'restore'] as const).filter(
    (a) => (a === 'restore' ? archived : !archived) && reachesWrite(actor, a, systems),
  );
  const recipientsOut = recipients.map((r) => ({
    supplierId: r.supplierId,
    supplierName: r.supplierName,
    acknowledgedAt: iso(r.acknowledgedAt),
    acknowledgedByName: r.acknowledgedByName,
    comment: r.comment,
    remindedAt: iso(r.remindedAt),
    overdue: !archived && isOverdue(row.acknowledgeBy, r.acknowledgedAt, ctx.today),
  }));
  const mine = ownSuppliers(actor);
  return {
    id: row.id,
    version: row.version,
    archived,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedActions: ['read', ...writes],
    kind: row.kind as ChangeNoticeOut['kind'],
    title: row.title,
    body: row.body,
    systemIds: row.systemIds.filter((id) => byId.has(id) && (municipal || systemName(byId.get(id)!) !== null)),
    systems: row.systemIds
      .map((id) => byId.get(id))
      .filter((s): s is SystemRef => !!s)
      .map((s) => ({ id: s.id, name: systemName(s) }))
      .filter((s) => municipal || s.name !== null),
    supplierIds: row.supplierIds.filter(visibleSupplier),
    suppliers: row.supplierIds.filter(visibleSupplier).map((id) => ({ id, name: ctx.names.get(`s:${id}`) ?? '' })),
    effectiveOn: row.effectiveOn,
    acknowledgeBy: row.acknowledgeBy,
    costImpact: row.costImpact,
    status: published ? 'published' : 'draft',
    publishedAt: row.publishedAt?.toISOString() ?? null,
    publishedByName: row.publishedBy ? (ctx.names.get(`u:${row.publishedBy}`) ?? null) : null,
    recipients: recipientsOut,
    counts: {
      recipients: recipientsOut.length,
      acknowledged: recipientsOut.filter((r) => r.acknowledgedAt).length,
      overdue: recipientsOut.filter((r) => r.overdue).length,
    },
    canPublish: !published && !archived && reachesWrite(actor, 'update', systems),
    canAcknowledgeFor:
      published && !archived ? recipients.filter((r) => !r.acknowledgedAt && mine.includes(r.supplierId)).map((r) => r.supplierId) : [],
  };
}

async function presentAll(tx: Tx, actor: Actor, loaded: Loaded[]): Promise<ChangeNoticeOut[]> {
  const users = await repo.userNames(
    tx,
    loaded.flatMap((l) => (l.row.publishedBy ? [l.row.publishedBy] : [])),
  );
  const suppliers = await repo.suppliersNamed(tx, actor.tenantId, [...new Set(loaded.flatMap((l) => l.row.supplierIds))]);
  const names = new Map<string, string>([
    ...[...users].map(([k, v]) => [`u:${k}`, v] as const),
    ...suppliers.map((s) => [`s:${s.id}`, s.name] as const),
  ]);
  const linked = await supplierLinkedSystems(tx, actor);
  const today = stockholmToday();
  return loaded.map((l) => present(actor, l, { names, linked, today }));
}

async function loadRaw(tx: Tx, actor: Actor, id: string): Promise<Loaded | null> {
  const row = await repo.findNotice(tx, actor.tenantId, id);
  if (!row) return null;
  const l = {
    row,
    systems: await systemsByIds(tx, actor.tenantId, row.systemIds),
    recipients: await repo.recipientsOf(tx, actor.tenantId, [id]),
  };
  return readable(actor, l) ? l : null;
}

async function load(tx: Tx, actor: Actor, id: string): Promise<{ l: Loaded; out: ChangeNoticeOut } | null> {
  const l = await loadRaw(tx, actor, id);
  return l ? { l, out: (await presentAll(tx, actor, [l]))[0]! } : null;
}

// Every system and supplier named must be one the actor may read; one out of reach reads as unknown.
async function checkRefs(tx: Tx, actor: Actor, input: { systemIds?: string[]; supplierIds?: string[] }, had?: repo.NoticeRow) {
  const newOnes = (ids: string[] | undefined, old: readonly string[] = []) => (ids ?? []).filter((id) => !old.includes(id));
  if ((await unreachableSystems(tx, actor, newOnes(input.systemIds, had?.systemIds))).length)
    throw fieldProblem('systemIds', 'unknown_reference', 'Ett av systemen finns inte.', 'One of the systems does not exist.');
  if ((await unreachableSuppliers(tx, actor, newOnes(input.supplierIds, had?.supplierIds))).length)
    throw fieldProblem('supplierIds', 'unknown_reference', 'En av leverantörerna finns inte.', 'One of the suppliers does not exist.');
}

const uniq = (ids: readonly string[] | undefined) => [...new Set(ids ?? [])];

// Published notices went out as they were: only their dates may still move.
const changeableAfterPublish = new Set(['effectiveOn', 'acknowledgeBy']);

export function createChangeNoticesService(db: Db, opts: { publicUrl: string }) {
  async function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: 'update' | 'archive' | 'restore' | 'publish',
    work: (tx: Tx, before: Loaded) => Promise<void>,
  ): Promise<ChangeNoticeOut> {
    const { actor } = ctx;
    const policyAction: Action = action === 'publish' ? 'update' : action;
    assertCan(actor, policyAction, 'change-notice');
    let current: Loaded | null = null;
    return trackedChange(db, ctx, {
      entityType: 'change-notice',
      action: `change-notice.${action}`,
      id,
      expectedVersion,
      lock: (tx) => repo.lockNotice(tx, actor.tenantId, id),
      load: async (tx) => {
        const found = await load(tx, actor, id);
        current = found?.l ?? null;
        return found?.out ?? null;
      },
      change: async (tx) => {
        const before = current!;
        if (!reachesWrite(actor, policyAction, before.systems)) throw forbidden();
        await work(tx, before);
      },
    });
  }

  return {
    // The route's reach before its body is validated: a notice out of reach is 404 whatever was sent.
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => loadRaw(tx, actor, id)))) throw notFound();
    },

    async create(ctx: RequestContext, input: ChangeNoticeCreate): Promise<ChangeNoticeOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'change-notice');
      checkDates(input);
      return withTenant(db, actor.tenantId, async (tx) => {
        await checkRefs(tx, actor, input);
        const systems = await systemsByIds(tx, actor.tenantId, uniq(input.systemIds));
        if (!reachesWrite(actor, 'create', systems)) throw forbidden();
        const id = await repo.insertNotice(tx, {
          tenantId: actor.tenantId,
          kind: input.kind,
          title: input.title,
          body: input.body,
          systemIds: uniq(input.systemIds),
          supplierIds: uniq(input.supplierIds),
          effectiveOn: input.effectiveOn ?? null,
          acknowledgeBy: input.acknowledgeBy ?? null,
          costImpact: input.costImpact ?? false,
        });
        const out = (await load(tx, actor, id))!.out;
        await recordAudit(tx, ctx, { action: 'change-notice.create', entityType: 'change-notice', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<ChangeNoticeOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'change-notice');
      const found = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!found) throw notFound();
      return found.out;
    },

    // The audit trail holds every recipient: only the municipality reads a notice's history.
    async assertHistoryReader(ctx: RequestContext, id: string): Promise<void> {
      const { actor } = ctx;
      const found = await withTenant(db, actor.tenantId, (tx) => loadRaw(tx, actor, id));
      if (!found || !municipalReader(actor, found.row)) throw notFound();
    },

    async list(ctx: RequestContext, query: ChangeNoticeListQuery) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'change-notice');
      const spec = pageSpec({ ...query, sort: query.sort ?? '-publishedAt' }, changeNoticeSorts, 'publishedAt');
      return withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listNotices(tx, actor, query, spec.sort, spec.cursor, query.limit);
        const page = rows.slice(0, query.limit);
        const systems = await systemsByIds(tx, actor.tenantId, [...new Set(page.flatMap((r) => r.systemIds))]);
        const recipients = await repo.recipientsOf(
          tx,
          actor.tenantId,
          page.map((r) => r.id),
        );
        const outs = await presentAll(
          tx,
          actor,
          page.map((row) => ({
            row,
            systems: systems.filter((s) => row.systemIds.includes(s.id)),
            recipients: recipients.filter((r) => r.noticeId === row.id),
          })),
        );
        const byId = new Map(outs.map((o) => [o.id, o]));
        return toPage(rows, query.limit, spec.name, (r) => byId.get(r.id)!);
      });
    },

    iterate(ctx: RequestContext, query: ChangeNoticeListQuery): AsyncGenerator<ChangeNoticeOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: ChangeNoticePatch): Promise<ChangeNoticeOut> {
      return change(ctx, id, expectedVersion, 'update', async (tx, before) => {
        const { row } = before;
        if (row.archivedAt) throw archivedConflict();
        if (row.publishedAt && Object.keys(patch).some((k) => !changeableAfterPublish.has(k)))
          throw new Problem('conflict', {
            sv: 'Meddelandet är redan skickat. Bara datumen kan ändras; skicka ett nytt meddelande om innehållet ändras.',
            en: 'The notice has already been sent. Only its dates can change; send a new notice if the content changes.',
          });
        checkDates({
          effectiveOn: patch.effectiveOn !== undefined ? patch.effectiveOn : row.effectiveOn,
          acknowledgeBy: patch.acknowledgeBy !== undefined ? patch.acknowledgeBy : row.acknowledgeBy,
        });
        await checkRefs(tx, ctx.actor, patch, row);
        const systems = patch.systemIds ? await systemsByIds(tx, ctx.actor.tenantId, uniq(patch.systemIds)) : before.systems;
        // what the change leaves must still be within the actor's reach
        if (!reachesWrite(ctx.actor, 'update', systems)) throw forbidden();
        await repo.updateNotice(tx, ctx.actor.tenantId, id, {
          ...patch,
          ...(patch.systemIds ? { systemIds: uniq(patch.systemIds) } : {}),
          ...(patch.supplierIds ? { supplierIds: uniq(patch.supplierIds) } : {}),
        });
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<ChangeNoticeOut> {
      return change(ctx, id, expectedVersion, archived ? 'archive' : 'restore', async (tx, before) => {
        if ((before.row.archivedAt !== null) === archived) return;
        await repo.updateNotice(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },

    // D0-06: publishing sends the notice to every supplier linked to its systems and to those named;
    // each one's supplier admins are told and asked to acknowledge.
    async publish(ctx: RequestContext, id: string, expectedVersion: number): Promise<ChangeNoticeOut> {
      return change(ctx, id, expectedVersion, 'publish', async (tx, { row }) => {
        if (row.archivedAt) throw archivedConflict();
        if (row.publishedAt)
          throw new Problem('conflict', { sv: 'Meddelandet är redan skickat.', en: 'The notice has already been sent.' });
        const errs = publishErrors({ ...row, kind: row.kind as ChangeNoticeOut['kind'] }, stockholmToday());
        if (errs.length) throw validationProblem(errs);
        const suppliers = await repo.resolveRecipients(tx, ctx.actor.tenantId, row.systemIds, row.supplierIds);
        if (!suppliers.length)
          throw fieldProblem(
            'systemIds',
            'no_linked_suppliers',
            'Inga aktiva leverantörer är kopplade till systemen. Koppla leverantörerna till systemen eller välj dem här.',
            'No active suppliers are linked to the systems. Link the suppliers to the systems or choose them here.',
          );
        const supplierIds = suppliers.map((s) => s.id);
        await repo.insertRecipients(tx, ctx.actor.tenantId, id, supplierIds);
        await repo.updateNotice(tx, ctx.actor.tenantId, id, { publishedAt: new Date(), publishedBy: ctx.actor.userId || null });
        const admins = await repo.supplierAdmins(tx, ctx.actor.tenantId, supplierIds);
        await notify(
          tx,
          {
            tenantId: ctx.actor.tenantId,
            userIds: admins.map((a) => a.userId),
            kind: 'change-notice-published',
            key: `change-notice:${id}`,
            subjectType: 'change-notice',
            subjectId: id,
            title: row.title,
            secret: false,
            link: `/change-notices/${id}`,
            dueAt: row.acknowledgeBy ? new Date(`${row.acknowledgeBy}T22:00:00Z`) : null,
            mail: {
              subject: { sv: 'Förändringsmeddelande från kommunen', en: 'Change notice from the municipality' },
              intro: {
                sv: 'Kommunen har skickat ett förändringsmeddelande till er organisation. Läs det och bekräfta att ni tagit del av det.',
                en: 'The municipality has sent a change notice to your organisation. Read it and acknowledge that you have received it.',
              },
            },
          },
          opts,
        );
      });
    },

    // The supplier's acknowledgement (D0-06, D3-10 commitment, D3-33): for its own organisation, or
    // recorded by the municipality for a supplier that acknowledged another way.
    async acknowledge(ctx: RequestContext, id: string, input: AcknowledgeIn): Promise<ChangeNoticeOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'change-notice');
      return withTenant(db, actor.tenantId, async (tx) => {
        const l = await loadRaw(tx, actor, id);
        if (!l) throw notFound();
        if (!l.row.publishedAt || l.row.archivedAt)
          throw new Problem('conflict', { sv: 'Meddelandet är inte skickat.', en: 'The notice has not been sent.' });
        const own = ownSuppliers(actor).filter((s) => l.recipients.some((r) => r.supplierId === s));
        const supplierId = input.supplierId ?? (own.length === 1 ? own[0] : undefined);
        if (!supplierId)
          throw fieldProblem('supplierId', 'required', 'Ange vilken leverantör som bekräftar.', 'Choose the supplier that acknowledges.');
        const mayAct = own.includes(supplierId) || reachesWrite(actor, 'update', l.systems);
        if (!mayAct) throw forbidden();
        const recipient = l.recipients.find((r) => r.supplierId === supplierId);
        if (!recipient)
          throw fieldProblem(
            'supplierId',
            'not_recipient',
            'Leverantören har inte fått meddelandet.',
            'The supplier has not received the notice.',
          );
        if (!recipient.acknowledgedAt) {
          await repo.acknowledge(tx, actor.tenantId, id, supplierId, actor.userId, input.comment ?? null);
          await recordAudit(tx, ctx, {
            action: 'change-notice.acknowledge',
            entityType: 'change-notice',
            entityId: id,
            after: { supplierId, comment: input.comment ?? null },
          });
        }
        return (await load(tx, actor, id))!.out;
      });
    },
  };
}

export type ChangeNoticesService = ReturnType<typeof createChangeNoticesService>;
