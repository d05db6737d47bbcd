import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, recordBase, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage, type Page } from '../../platform/keyset.js';
import { fieldProblem, forbidden, notFound } from '../../platform/problems.js';
import { unreachableSuppliers, unreachableSystems } from '../../platform/references.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { suppliersByIds, systemsByIds, type SystemRef } from '../continuity/continuity.repository.js';
import * as repo from './contracts.repository.js';
import { assessClauses, checkContract, normaliseClauses, normaliseResponsibilities } from './contracts.rules.js';
import { contractSorts, type ContractCreate, type ContractListQuery, type ContractOut, type ContractPatch } from './contracts.schemas.js';

const scopeOf = (r: { supplierId: string; systemIds: readonly string[] }): ObjectScope => ({
  supplierId: r.supplierId,
  systemIds: r.systemIds,
});

interface Refs {
  systems: SystemRef[];
  suppliers: { id: string; name: string }[];
}

function present(actor: Actor, r: repo.ContractRow, refs: Refs): ContractOut {
  const systems = r.systemIds.map((id) => refs.systems.find((s) => s.id === id)).filter((s): s is SystemRef => !!s);
  const critical = systems.some((s) => s.critical);
  const clauses = normaliseClauses(r.clauses);
  return {
    ...recordBase(actor, 'contract', r, scopeOf(r)),
    supplierId: r.supplierId,
    supplier: { id: r.supplierId, name: refs.suppliers.find((s) => s.id === r.supplierId)?.name ?? '' },
    title: r.title,
    reference: r.reference,
    parties: r.parties,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    jointProcurement: r.jointProcurement,
    dataProcessingAgreement: r.dataProcessingAgreement,
    dataProcessingAgreementOn: r.dataProcessingAgreementOn,
    systemIds: r.systemIds,
    systems: systems.map((s) => ({
      id: s.id,
      name: viewOf(actor, 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full' ? s.name : null,
      critical: s.critical,
    })),
    critical,
    clauses,
    ...assessClauses(clauses, critical, r.dataProcessingAgreement),
    responsibilities: normaliseResponsibilities(r.responsibilities),
    note: r.note,
  };
}

async function refsFor(tx: Tx, tenantId: string, rows: repo.ContractRow[]): Promise<Refs> {
  return {
    systems: await systemsByIds(tx, tenantId, [...new Set(rows.flatMap((r) => r.systemIds))]),
    suppliers: await suppliersByIds(tx, tenantId, [...new Set(rows.map((r) => r.supplierId))]),
  };
}

async function load(tx: Tx, actor: Actor, id: string): Promise<ContractOut | null> {
  const row = await repo.findContract(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'contract', scopeOf(row))) return null;
  return present(actor, row, await refsFor(tx, actor.tenantId, [row]));
}

async function checkSystems(tx: Tx, actor: Actor, ids: readonly string[], had: readonly string[] = []) {
  const unreachable = await unreachableSystems(
    tx,
    actor,
    ids.filter((id) => !had.includes(id)),
  );
  if (unreachable.length)
    throw fieldProblem('systemIds', 'unknown_reference', 'Ett av systemen finns inte.', 'One of the systems does not exist.');
}

export function createContractsService(db: Db) {
  const change = (
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    fn: (tx: Tx, before: ContractOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'contract',
      action: `contract.${action}`,
      id,
      expectedVersion,
      lock: async (tx) => {
        const locked = await repo.lockContract(tx, ctx.actor.tenantId, id);
        return locked && (await load(tx, ctx.actor, id)) ? locked : null;
      },
      load: (tx) => load(tx, ctx.actor, id),
      change: async (tx, before) => {
        if (!can(ctx.actor, action === 'update' ? 'update' : (action as 'archive' | 'restore'), 'contract', scopeOf(before)))
          throw forbidden();
        await fn(tx, before);
      },
    });

  return {
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    async create(ctx: RequestContext, input: ContractCreate): Promise<ContractOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'contract');
      return withTenant(db, actor.tenantId, async (tx) => {
        if ((await unreachableSuppliers(tx, actor, [input.supplierId])).length)
          throw fieldProblem('supplierId', 'unknown_reference', 'Leverantören finns inte.', 'The supplier does not exist.');
        const systemIds = [...new Set(input.systemIds ?? [])];
        await checkSystems(tx, actor, systemIds);
        if (!can(actor, 'create', 'contract', { supplierId: input.supplierId, systemIds })) throw forbidden();
        const clauses = normaliseClauses(input.clauses);
        const values = {
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
          dataProcessingAgreement: input.dataProcessingAgreement ?? false,
          dataProcessingAgreementOn: input.dataProcessingAgreementOn ?? null,
        };
        checkContract({ clauses, ...values });
        const id = await repo.insertContract(tx, {
          tenantId: actor.tenantId,
          supplierId: input.supplierId,
          title: input.title,
          reference: input.reference ?? null,
          parties: input.parties ?? null,
          ...values,
          jointProcurement: input.jointProcurement ?? [],
          systemIds,
          clauses,
          responsibilities: normaliseResponsibilities(input.responsibilities),
          note: input.note ?? null,
        });
        const out = (await load(tx, actor, id))!;
        await recordAudit(tx, ctx, { action: 'contract.create', entityType: 'contract', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<ContractOut> {
      assertCan(actor, 'read', 'contract');
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list({ actor }: RequestContext, query: ContractListQuery): Promise<Page<ContractOut>> {
      assertCan(actor, 'read', 'contract');
      const spec = pageSpec(query, contractSorts, 'title');
      const { rows, refs } = await withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listContracts(tx, actor, query, spec.sort, spec.cursor, query.limit);
        return { rows, refs: await refsFor(tx, actor.tenantId, rows) };
      });
      return toPage(rows, query.limit, spec.name, (r) => present(actor, r, refs));
    },

    iterate(ctx: RequestContext, query: ContractListQuery): AsyncGenerator<ContractOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    update(ctx: RequestContext, id: string, expectedVersion: number, patch: ContractPatch): Promise<ContractOut> {
      return change(ctx, id, expectedVersion, 'update', async (tx, before) => {
        if (before.archived) throw archivedConflict();
        const systemIds = patch.systemIds ? [...new Set(patch.systemIds)] : before.systemIds;
        if (patch.systemIds) await checkSystems(tx, ctx.actor, systemIds, before.systemIds);
        if (!can(ctx.actor, 'update', 'contract', { supplierId: before.supplierId, systemIds })) throw forbidden();
        // a clause named replaces that clause; the others stay as they were
        const clauses = patch.clauses ? normaliseClauses({ ...before.clauses, ...patch.clauses }) : before.clauses;
        const merged = {
          startsOn: patch.startsOn !== undefined ? patch.startsOn : before.startsOn,
          endsOn: patch.endsOn !== undefined ? patch.endsOn : before.endsOn,
          dataProcessingAgreement: patch.dataProcessingAgreement ?? before.dataProcessingAgreement,
          dataProcessingAgreementOn:
            patch.dataProcessingAgreementOn !== undefined ? patch.dataProcessingAgreementOn : before.dataProcessingAgreementOn,
        };
        checkContract({ clauses, ...merged });
        const { clauses: _c, responsibilities, systemIds: _s, ...rest } = patch;
        await repo.updateContract(tx, ctx.actor.tenantId, id, {
          ...rest,
          ...merged,
          systemIds,
          clauses,
          ...(responsibilities ? { responsibilities: normaliseResponsibilities({ ...before.responsibilities, ...responsibilities }) } : {}),
        });
      });
    },

    setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<ContractOut> {
      return change(ctx, id, expectedVersion, archived ? 'archive' : 'restore', async (tx, before) => {
        if (before.archived === archived) return;
        await repo.updateContract(tx, ctx.actor.tenantId, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type ContractsService = ReturnType<typeof createContractsService>;
