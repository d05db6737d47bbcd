import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Actor, type ObjectScope } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, forbidden, notFound } from '../../platform/problems.js';
import { unreachableSuppliers } from '../../platform/references.js';
import { trackedChange } from '../../platform/tracked-change.js';
import * as repo from './supplier-meetings.repository.js';
import type { MeetingCreate, MeetingListQuery, MeetingOut, MeetingPatch } from './supplier-meetings.schemas.js';

// Meetings sit with the supplier follow-up ('follow-up'): the municipality's follow-up staff keep the
// log; the supplier's administrator reads its own organisation's meetings.
const scopeOf = (supplierId: string): ObjectScope => ({ supplierId });
// Writing the log takes a grant that may also start one (the supplier reads, it does not minute).
const mayWrite = (actor: Actor, supplierId: string) =>
  can(actor, 'create', 'follow-up', scopeOf(supplierId)) && can(actor, 'update', 'follow-up', scopeOf(supplierId));

function present(actor: Actor, r: repo.MeetingRow, today = stockholmToday()): MeetingOut {
  const write = mayWrite(actor, r.supplierId);
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: write ? ['read', 'update'] : ['read'],
    supplierId: r.supplierId,
    supplierName: r.supplierName,
    heldOn: r.heldOn,
    participants: r.participants,
    topics: r.topics,
    decisions: r.decisions,
    nextOn: r.nextOn,
    nextOverdue: r.latest && !!r.nextOn && r.nextOn < today,
  };
}

async function load(tx: Tx, actor: Actor, id: string): Promise<MeetingOut | null> {
  const row = await repo.findMeeting(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'follow-up', scopeOf(row.supplierId))) return null;
  return present(actor, row);
}

function checkDates(heldOn: string, nextOn: string | null | undefined) {
  if (nextOn && nextOn < heldOn)
    throw fieldProblem('nextOn', 'before_meeting', 'Nästa möte ligger före mötet.', 'The next meeting is before this meeting.');
}

export function createSupplierMeetingsService(db: Db) {
  return {
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    async create(ctx: RequestContext, input: MeetingCreate): Promise<MeetingOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'follow-up');
      return withTenant(db, actor.tenantId, async (tx) => {
        if ((await unreachableSuppliers(tx, actor, [input.supplierId])).length)
          throw fieldProblem('supplierId', 'unknown_reference', 'Leverantören finns inte.', 'The supplier does not exist.');
        if (!mayWrite(actor, input.supplierId)) throw forbidden();
        checkDates(input.heldOn, input.nextOn);
        const id = await repo.insertMeeting(tx, {
          tenantId: actor.tenantId,
          supplierId: input.supplierId,
          heldOn: input.heldOn,
          participants: input.participants ?? null,
          topics: input.topics,
          decisions: input.decisions ?? null,
          nextOn: input.nextOn ?? null,
        });
        const out = (await load(tx, actor, id))!;
        await recordAudit(tx, ctx, { action: 'supplier-meeting.create', entityType: 'supplier-meeting', entityId: id, after: out });
        return out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<MeetingOut> {
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list({ actor }: RequestContext, q: MeetingListQuery) {
      assertCan(actor, 'read', 'follow-up');
      const spec = pageSpec({ sort: '-heldOn', cursor: q.cursor }, ['heldOn'], 'heldOn');
      const rows = await withTenant(db, actor.tenantId, (tx) => repo.listMeetings(tx, actor, q, spec.cursor));
      const today = stockholmToday();
      return toPage(rows, q.limit, spec.name, (r) => present(actor, r, today));
    },

    update(ctx: RequestContext, id: string, expectedVersion: number, patch: MeetingPatch): Promise<MeetingOut> {
      return trackedChange(db, ctx, {
        entityType: 'supplier-meeting',
        action: 'supplier-meeting.update',
        id,
        expectedVersion,
        lock: async (tx) => {
          const locked = await repo.lockMeeting(tx, ctx.actor.tenantId, id);
          return locked && (await load(tx, ctx.actor, id)) ? locked : null;
        },
        load: async (tx) => {
          const out = await load(tx, ctx.actor, id);
          return out ? { ...out, archived: false } : null;
        },
        change: async (tx, before) => {
          if (!mayWrite(ctx.actor, before.supplierId)) throw forbidden();
          checkDates(patch.heldOn ?? before.heldOn, patch.nextOn !== undefined ? patch.nextOn : before.nextOn);
          await repo.updateMeeting(tx, ctx.actor.tenantId, id, patch);
        },
      }).then(({ archived: _a, ...out }) => out);
    },
  };
}

export type SupplierMeetingsService = ReturnType<typeof createSupplierMeetingsService>;
