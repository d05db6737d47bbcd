import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, viewOf, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { pageSpec, toPage } from '../../platform/keyset.js';
import { forbidden, notFound, Problem } from '../../platform/problems.js';
import { unreachableSuppliers, unreachableSystems } from '../../platform/references.js';
import { snapshot, trackedChange } from '../../platform/tracked-change.js';
import { suppliersByIds, systemsByIds, type SystemRef } from '../continuity/continuity.repository.js';
import * as repo from './credentials.repository.js';
import {
  credentialSorts,
  type CredentialCreate,
  type CredentialListQuery,
  type CredentialOut,
  type CredentialPatch,
  type EndIn,
  type HandOverIn,
} from './credentials.schemas.js';

type FieldError = { field: string; code: string; sv: string; en: string };

// A credential sits with its supplier, its system and the system's unit.
export const credentialScope = (r: { supplierId: string | null; systemId: string | null }, system?: SystemRef): ObjectScope => ({
  supplierId: r.supplierId,
  systemIds: r.systemId ? [r.systemId] : [],
  unitId: system?.unitId ?? null,
});

interface Refs {
  systems: Map<string, SystemRef>;
  suppliers: Map<string, string>;
  users: Map<string, string>;
}

async function refsFor(tx: Tx, tenantId: string, rows: readonly repo.CredentialRow[]): Promise<Refs> {
  const ids = (f: (r: repo.CredentialRow) => string | null) => [...new Set(rows.map(f).filter((x): x is string => !!x))];
  const systems = await systemsByIds(
    tx,
    tenantId,
    ids((r) => r.systemId),
  );
  const suppliers = await suppliersByIds(
    tx,
    tenantId,
    ids((r) => r.supplierId),
  );
  return {
    systems: new Map(systems.map((s) => [s.id, s])),
    suppliers: new Map(suppliers.map((s) => [s.id, s.name])),
    users: await repo.userNames(
      tx,
      ids((r) => r.handedOverBy),
    ),
  };
}

function present(actor: Actor, r: repo.CredentialRow, refs: Refs, today: string): CredentialOut {
  const system = r.systemId ? refs.systems.get(r.systemId) : undefined;
  const scope = credentialScope(r, system);
  // the name of a system that is not secret-marked goes with the record (a supplier reviewing its own
  // staff may not read the system register); a secret one's only to those who see it in full
  const systemName =
    system && (!system.secret || viewOf(actor, 'system', { unitId: system.unitId, systemIds: [system.id], secret: true }) === 'full')
      ? system.name
      : null;
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    archived: false,
    allowedActions: can(actor, 'update', 'credential', scope) ? ['read', 'update'] : ['read'],
    kind: r.kind as CredentialOut['kind'],
    holderName: r.holderName,
    supplier: r.supplierId ? { id: r.supplierId, name: refs.suppliers.get(r.supplierId) ?? null } : null,
    system: r.systemId ? { id: r.systemId, name: systemName } : null,
    accessOrderId: r.accessOrderId,
    serial: r.serial,
    validFrom: r.validFrom,
    validTo: r.validTo,
    status: r.status as CredentialOut['status'],
    expired: r.status === 'expired' || (r.status === 'active' && !!r.validTo && r.validTo < today),
    issuedOn: r.issuedOn,
    handedOverAt: r.handedOverAt?.toISOString() ?? null,
    handedOverBy: r.handedOverBy ? { id: r.handedOverBy, name: refs.users.get(r.handedOverBy) ?? null } : null,
    identityMethod: r.identityMethod as CredentialOut['identityMethod'],
    identityNote: r.identityNote,
    revokedOn: r.revokedOn,
    chargeable: r.chargeable,
    note: r.note,
  };
}

interface Loaded {
  row: repo.CredentialRow;
  out: CredentialOut;
  scope: ObjectScope;
}

async function load(tx: Tx, actor: Actor, id: string): Promise<Loaded | null> {
  const row = await repo.findCredential(tx, actor.tenantId, id);
  if (!row) return null;
  const refs = await refsFor(tx, actor.tenantId, [row]);
  const scope = credentialScope(row, row.systemId ? refs.systems.get(row.systemId) : undefined);
  if (!can(actor, 'read', 'credential', scope)) return null;
  return { row, out: present(actor, row, refs, stockholmToday()), scope };
}

// The references a credential names must be the actor's to name; the dates must be in order.
async function checkInput(tx: Tx, actor: Actor, input: CredentialPatch, before?: repo.CredentialRow): Promise<void> {
  const errs: FieldError[] = [];
  if (input.supplierId && input.supplierId !== before?.supplierId && (await unreachableSuppliers(tx, actor, [input.supplierId])).length)
    errs.push({ field: 'supplierId', code: 'unknown_reference', sv: 'Leverantören finns inte.', en: 'The supplier does not exist.' });
  if (input.systemId && input.systemId !== before?.systemId && (await unreachableSystems(tx, actor, [input.systemId])).length)
    errs.push({ field: 'systemId', code: 'unknown_reference', sv: 'Systemet finns inte.', en: 'The system does not exist.' });
  if (
    input.accessOrderId &&
    input.accessOrderId !== before?.accessOrderId &&
    !(await repo.accessOrderExists(tx, actor.tenantId, input.accessOrderId))
  )
    errs.push({
      field: 'accessOrderId',
      code: 'unknown_reference',
      sv: 'Beställningen finns inte.',
      en: 'The access order does not exist.',
    });
  const from = input.validFrom !== undefined ? input.validFrom : before?.validFrom;
  const to = input.validTo !== undefined ? input.validTo : before?.validTo;
  if (from && to && to < from)
    errs.push({
      field: 'validTo',
      code: 'before_start',
      sv: 'Giltig till kan inte vara före giltig från.',
      en: 'Valid to cannot be before valid from.',
    });
  if (errs.length) throw new Problem('validation', undefined, errs);
}

const conflict = (sv: string, en: string) => new Problem('conflict', { sv, en });

export function createCredentialsService(db: Db) {
  return {
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    async create(ctx: RequestContext, input: CredentialCreate): Promise<CredentialOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'credential');
      return withTenant(db, actor.tenantId, async (tx) => {
        await checkInput(tx, actor, input);
        const [system] = input.systemId ? await systemsByIds(tx, actor.tenantId, [input.systemId]) : [];
        const seed = { supplierId: input.supplierId ?? null, systemId: input.systemId ?? null };
        if (!can(actor, 'create', 'credential', credentialScope(seed, system))) throw forbidden();
        const id = await repo.insertCredential(tx, {
          tenantId: actor.tenantId,
          kind: input.kind,
          holderName: input.holderName,
          ...seed,
          accessOrderId: input.accessOrderId ?? null,
          serial: input.serial ?? null,
          validFrom: input.validFrom ?? null,
          validTo: input.validTo ?? null,
          issuedOn: input.issuedOn ?? null,
          chargeable: input.chargeable ?? true,
          note: input.note ?? null,
        });
        const out = (await load(tx, actor, id))!.out;
        await recordAudit(tx, ctx, { action: 'credential.create', entityType: 'credential', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<CredentialOut> {
      assertCan(ctx.actor, 'read', 'credential');
      const found = await withTenant(db, ctx.actor.tenantId, (tx) => load(tx, ctx.actor, id));
      if (!found) throw notFound();
      return found.out;
    },

    async list(ctx: RequestContext, query: CredentialListQuery) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'credential');
      const spec = pageSpec(query, credentialSorts, 'holderName');
      const { rows, refs } = await withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listCredentials(tx, actor, query, spec.sort, spec.cursor, query.limit);
        return { rows, refs: await refsFor(tx, actor.tenantId, rows) };
      });
      const today = stockholmToday();
      return toPage(rows, query.limit, spec.name, (r) => present(actor, r, refs, today));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: CredentialPatch): Promise<CredentialOut> {
      return change(ctx, id, expectedVersion, 'update', async (tx, before) => {
        await checkInput(tx, ctx.actor, patch, before.row);
        const next = {
          supplierId: patch.supplierId !== undefined ? patch.supplierId : before.row.supplierId,
          systemId: patch.systemId !== undefined ? patch.systemId : before.row.systemId,
        };
        const [system] = next.systemId ? await systemsByIds(tx, ctx.actor.tenantId, [next.systemId]) : [];
        // what the change leaves must still be within the actor's reach
        if (!can(ctx.actor, 'update', 'credential', credentialScope(next, system))) throw forbidden();
        await repo.updateCredential(tx, ctx.actor.tenantId, id, patch);
      });
    },

    // D0-18: handed over only with a record of how the holder's identity was verified, and by whom.
    async handOver(ctx: RequestContext, id: string, expectedVersion: number, input: HandOverIn): Promise<CredentialOut> {
      return change(ctx, id, expectedVersion, 'hand-over', async (tx, before) => {
        if (before.row.status !== 'ordered')
          throw conflict('Bara beställda behörighetsbevis kan lämnas ut.', 'Only an ordered credential can be handed over.');
        const at = input.handedOverAt ? new Date(input.handedOverAt) : new Date();
        if (at.getTime() > Date.now() + 5 * 60_000)
          throw new Problem('validation', undefined, [
            {
              field: 'handedOverAt',
              code: 'in_future',
              sv: 'Tidpunkten kan inte vara i framtiden.',
              en: 'The time cannot be in the future.',
            },
          ]);
        await repo.updateCredential(tx, ctx.actor.tenantId, id, {
          status: 'active',
          handedOverAt: at,
          handedOverBy: ctx.actor.userId,
          identityMethod: input.identityMethod,
          identityNote: input.identityNote ?? null,
          issuedOn: before.row.issuedOn ?? stockholmToday(at),
        });
      });
    },

    // Revoked (blocked) or returned: either way it stops being charged from that day (D0-17, D0-35, D0-40).
    async end(
      ctx: RequestContext,
      id: string,
      expectedVersion: number,
      status: 'revoked' | 'returned',
      input: EndIn,
    ): Promise<CredentialOut> {
      return change(ctx, id, expectedVersion, status === 'revoked' ? 'revoke' : 'return', async (tx, before) => {
        const open = status === 'revoked' ? ['ordered', 'active', 'expired'] : ['active', 'expired'];
        if (!open.includes(before.row.status))
          throw conflict(
            'Behörighetsbeviset kan inte ändras så i sin nuvarande status.',
            'The credential cannot be changed that way in its current status.',
          );
        const on = input.on ?? stockholmToday();
        if (before.row.issuedOn && on < before.row.issuedOn)
          throw new Problem('validation', undefined, [
            {
              field: 'on',
              code: 'before_issue',
              sv: 'Datumet kan inte vara före utfärdandet.',
              en: 'The date cannot be before the issue date.',
            },
          ]);
        const note = input.note ? [before.row.note, input.note].filter(Boolean).join('\n') : before.row.note;
        await repo.updateCredential(tx, ctx.actor.tenantId, id, { status, revokedOn: on, note });
      });
    },
  };

  async function change(
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    verb: string,
    work: (tx: Tx, before: Loaded) => Promise<void>,
  ): Promise<CredentialOut> {
    const { actor } = ctx;
    const action: Action = 'update';
    assertCan(actor, action, 'credential');
    let current: Loaded | null = null;
    return trackedChange(db, ctx, {
      entityType: 'credential',
      action: `credential.${verb}`,
      id,
      expectedVersion,
      lock: (tx) => repo.lockCredential(tx, actor.tenantId, id),
      load: async (tx) => (current = await load(tx, actor, id))?.out ?? null,
      change: async (tx) => {
        const before = current!;
        if (!can(actor, action, 'credential', before.scope)) throw forbidden();
        await work(tx, before);
      },
    });
  }
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;
