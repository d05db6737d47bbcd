import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import type { SecretBox } from '../../platform/crypto/secret-box.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { fieldProblem, forbidden, notFound, Problem } from '../../platform/problems.js';
import { unreachableSuppliers, unreachableSystems } from '../../platform/references.js';
import { cancelJobs, scheduleJob } from '../../platform/scheduler/jobs.js';
import { trackedChange } from '../../platform/tracked-change.js';
import {
  lateOutcome,
  leadTime,
  listEntryCurrent,
  nextStatus,
  ordererGate,
  parsePersonnummer,
  stockholmDay,
  supplierAdministersItself,
  type AccessOrderStatus,
  type AccessOrderStep,
  type AccessOrderType,
} from '../../../shared/access-orders.js';
import { loadAccessOrderSettings } from '../access-order-settings/access-order-settings.service.js';
import { systemsByIds } from '../continuity/continuity.repository.js';
import { insertAccessOrder } from './access-orders.create.js';
import { escalationJob, escalationKey } from './access-orders.jobs.js';
import { tellNextInLine } from './access-orders.notify.js';
import { gateMessages, leadTimeProblem, personnummerMessages, stepConflict } from './access-orders.messages.js';
import { gatesOf, isOpen, mayExecute, mayTake, orderScope, presentOrder } from './access-orders.presenter.js';
import * as repo from './access-orders.repository.js';
import {
  accessOrderSorts,
  type AccessOrderCreate,
  type AccessOrderListQuery,
  type AccessOrderOut,
  type AccessOrderPatch,
  type AccessOrderStepIn,
} from './access-orders.schemas.js';

type FieldErr = { field: string; code: string; sv: string; en: string };

async function load(tx: Tx, actor: Actor, id: string): Promise<{ row: repo.AccessOrderRow; out: AccessOrderOut } | null> {
  const row = await repo.findOrder(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'access-order', orderScope(row))) return null;
  return { row, out: presentOrder(actor, row, await loadAccessOrderSettings(tx, actor.tenantId)) };
}

// A municipal grant that may create orders (its scope is checked on the order itself).
const municipalCreator = (actor: Actor) =>
  actor.grants.some((g) => g.scope.type !== 'supplier' && can({ ...actor, grants: [g] }, 'create', 'access-order'));
const ordererSupplierIds = (actor: Actor) =>
  actor.grants.flatMap((g) => (g.role === 'authorised_orderer' && g.scope.type === 'supplier' ? [g.scope.supplierId] : []));

export function createAccessOrdersService(db: Db, deps: { secretBox: SecretBox; publicUrl: string }) {
  const { secretBox, publicUrl } = deps;
  return {
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    async create(ctx: RequestContext, input: AccessOrderCreate): Promise<AccessOrderOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'access-order');
      return withTenant(db, actor.tenantId, async (tx) => {
        const now = new Date();
        const today = stockholmDay(now);
        const settings = await loadAccessOrderSettings(tx, actor.tenantId);
        const errs: FieldErr[] = [];
        const system = (await unreachableSystems(tx, actor, [input.systemId])).length
          ? undefined
          : (await systemsByIds(tx, actor.tenantId, [input.systemId]))[0];
        if (!system || system.archived)
          errs.push({ field: 'systemId', code: 'unknown_reference', sv: 'Systemet finns inte.', en: 'The system does not exist.' });

        // D0-11: who orders for whom
        const municipal = municipalCreator(actor);
        const mine = ordererSupplierIds(actor);
        const supplierId = input.supplierId ?? (!municipal && mine.length === 1 ? mine[0]! : null);
        if (supplierId && (await unreachableSuppliers(tx, actor, [supplierId])).length)
          errs.push({ field: 'supplierId', code: 'unknown_reference', sv: 'Leverantören finns inte.', en: 'The supplier does not exist.' });
        const entries = !municipal && supplierId ? await repo.ordererEntries(tx, actor.tenantId, supplierId, actor.userId) : [];
        const current = entries.find((e) => listEntryCurrent(e, today));
        const verdict = ordererGate({ municipal, ordererSupplierIds: mine, supplierId, onCurrentList: !!current });
        if (verdict === 'supplier_required' || verdict === 'not_orderer_of_supplier')
          errs.push({
            field: 'supplierId',
            code: verdict,
            sv: 'Du kan bara beställa för personal hos den leverantör du är behörig beställare för.',
            en: 'You can only order for staff of the supplier you are an authorised orderer for.',
          });

        // D3-26: in a system the supplier administers itself, it adds and changes its own users
        if (
          system &&
          supplierId &&
          supplierAdministersItself(input.type, await repo.administersOwnUsers(tx, actor.tenantId, supplierId, system.id))
        )
          errs.push({
            field: 'systemId',
            code: 'supplier_administers',
            sv: 'Leverantören administrerar själv sina användare i det här systemet och lägger in eller ändrar behörigheter där direkt.',
            en: 'The supplier administers its own users in this system and adds or changes permissions there itself.',
          });

        let personnummer: { sealed: string; masked: string } | null = null;
        if (input.personnummer) {
          const p = parsePersonnummer(input.personnummer, today);
          if (p.ok) personnummer = { sealed: secretBox.seal(p.normalized), masked: p.masked };
          else errs.push({ field: 'personnummer', code: `personnummer_${p.reason}`, ...personnummerMessages[p.reason] });
        }
        if (
          input.unitId &&
          !(await queryRows(tx, sql`select 1 from org_units where tenant_id = ${actor.tenantId} and id = ${input.unitId}`)).length
        )
          errs.push({ field: 'unitId', code: 'unknown_reference', sv: 'Enheten finns inte.', en: 'The unit does not exist.' });
        if (errs.length) throw new Problem('validation', undefined, errs);
        if (verdict === 'not_on_list')
          throw new Problem('forbidden', {
            sv: 'Du står inte på leverantörens aktuella lista över behöriga beställare. Be leverantörens administratör lägga till dig.',
            en: 'You are not on the supplier’s current list of authorised orderers. Ask the supplier’s administrator to add you.',
          });

        // D0-12, D0-13, D0-14: the lead time in Stockholm calendar days
        const lt = leadTime(input.type, input.startDate, now, settings);
        const outcome = lateOutcome(lt, settings.latePolicy, input.lateReason);
        if ((outcome === 'refuse' || outcome === 'needs_reason') && input.type !== 'terminate')
          throw leadTimeProblem(input.type, lt, input.startDate, settings.latePolicy);

        const unitId = input.unitId ?? system!.unitId;
        assertCan(actor, 'create', 'access-order', { systemIds: [system!.id], unitId, supplierId });
        const { id, number } = await insertAccessOrder(tx, ctx, {
          type: input.type,
          systemId: system!.id,
          supplierId,
          unitId,
          personName: input.personName,
          personEmail: input.personEmail ?? null,
          permissions: input.permissions ?? null,
          justification: input.justification ?? null,
          startDate: input.startDate,
          late: outcome === 'accept_late',
          lateReason: outcome === 'accept_late' ? input.lateReason! : null,
          ordererId: current?.id ?? null,
          personnummerSealed: personnummer?.sealed ?? null,
          personnummerMasked: personnummer?.masked ?? null,
          trainingDoneOn: input.trainingDoneOn ?? null,
          secrecyReminderSignedOn: input.secrecyReminderSignedOn ?? null,
          informedOfRegistrationOn: input.informedOfRegistrationOn ?? null,
        });
        await tellNextInLine(
          tx,
          actor.tenantId,
          { id, number, type: input.type, systemId: system!.id, unitId, systemName: system!.name, systemSecret: system!.secret },
          'submitted',
          publicUrl,
        );
        // D0-14: an open termination escalates after the tenant-set hours
        if (input.type === 'terminate')
          await scheduleJob(tx, {
            tenantId: actor.tenantId,
            kind: escalationJob,
            key: escalationKey(id),
            dueAt: new Date(now.getTime() + settings.terminateEscalateHours * 3_600_000),
            payload: { orderId: id },
          });
        return (await load(tx, actor, id))!.out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<AccessOrderOut> {
      assertCan(actor, 'read', 'access-order');
      const found = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!found) throw notFound();
      return found.out;
    },

    async list({ actor }: RequestContext, query: AccessOrderListQuery) {
      assertCan(actor, 'read', 'access-order');
      // terminations (high priority) are not sorted first: the list shows them flagged, newest first
      const spec = pageSpec({ ...query, sort: query.sort ?? '-submittedAt' }, accessOrderSorts, 'submittedAt');
      const { rows, settings } = await withTenant(db, actor.tenantId, async (tx) => ({
        rows: await repo.listOrders(tx, actor, query, spec.sort, spec.cursor, query.limit),
        settings: await loadAccessOrderSettings(tx, actor.tenantId),
      }));
      return toPage(rows, query.limit, spec.name, (r) => presentOrder(actor, r, settings));
    },

    // D3-03: the full personnummer, for the coordinator and IT who execute the order; each look is audited
    // (that it was shown, never the number).
    async personnummer(ctx: RequestContext, id: string): Promise<{ personnummer: string }> {
      const { actor } = ctx;
      return withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (!found || !found.row.hasPersonnummer || !mayExecute(actor, found.row)) throw notFound();
        const sealed = await repo.sealedPersonnummer(tx, actor.tenantId, id);
        await recordAudit(tx, ctx, { action: 'access-order.personnummer-view', entityType: 'access-order', entityId: id, after: {} });
        return { personnummer: secretBox.open(sealed!) };
      });
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: AccessOrderPatch): Promise<AccessOrderOut> {
      return change(ctx, id, expectedVersion, 'access-order.update', async (tx, row) => {
        if (!can(ctx.actor, 'update', 'access-order', orderScope(row))) throw forbidden();
        if (!isOpen(row)) throw stepConflict(row.status);
        await repo.updateOrder(tx, ctx.actor.tenantId, id, patch);
      });
    },

    async step(ctx: RequestContext, id: string, expectedVersion: number, step: AccessOrderStep, input: AccessOrderStepIn) {
      const { actor } = ctx;
      return change(ctx, id, expectedVersion, `access-order.${step}`, async (tx, row) => {
        const to = nextStatus(row.status as AccessOrderStatus, step, row.type as AccessOrderType);
        if (!to) throw stepConflict(row.status);
        // approving is the system owner's or administrator's, executing IT's (see the presenter)
        if (!mayTake(actor, row, step)) throw forbidden();
        const now = new Date();
        if (step === 'reject' && !input.note)
          throw fieldProblem('note', 'required', 'Skriv varför beställningen avslås.', 'Say why the order is rejected.');
        if (step === 'execute') {
          const missing = gatesOf(row);
          if (missing.length)
            throw new Problem(
              'validation',
              {
                sv: 'Beställningen kan inte utföras förrän personen har gått utbildningen, skrivit under sekretesserinran och informerats om registreringen.',
                en: 'The order cannot be executed until the person has done the training, signed the secrecy reminder and been informed of the registration.',
              },
              missing.map((g) => ({ field: gateMessages[g].field, code: 'gate_missing', sv: gateMessages[g].sv, en: gateMessages[g].en })),
            );
          await repo.updateOrder(tx, actor.tenantId, id, { status: to, executedAt: now, executedBy: actor.userId });
        } else if (step === 'approve' || step === 'reject') {
          await repo.updateOrder(tx, actor.tenantId, id, {
            status: to,
            decidedAt: now,
            decidedBy: actor.userId,
            decisionNote: input.note ?? null,
          });
          if (to === 'approved')
            await tellNextInLine(tx, actor.tenantId, { ...row, unitId: row.unitId ?? row.systemUnitId }, 'approved', publicUrl);
        } else {
          await repo.updateOrder(tx, actor.tenantId, id, { status: to, decisionNote: input.note ?? row.decisionNote });
        }
        if (to === 'executed' || to === 'cancelled' || to === 'rejected') await cancelJobs(tx, actor.tenantId, escalationKey(id));
      });
    },
  };

  function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    work: (tx: Tx, row: repo.AccessOrderRow) => Promise<void>,
  ): Promise<AccessOrderOut> {
    const { actor } = ctx;
    assertCan(actor, 'update', 'access-order');
    let current: repo.AccessOrderRow | null = null;
    return trackedChange(db, ctx, {
      entityType: 'access-order',
      action,
      id,
      expectedVersion,
      lock: (tx) => repo.lockOrder(tx, actor.tenantId, id),
      load: async (tx) => {
        const found = await load(tx, actor, id);
        current = found?.row ?? null;
        return found ? { ...found.out, archived: false } : null;
      },
      change: async (tx) => work(tx, current!),
    }).then(({ archived: _a, ...out }) => out);
  }
}

export type AccessOrdersService = ReturnType<typeof createAccessOrdersService>;
