import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { can, type Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage, type Page } from '../../platform/keyset.js';
import { fieldProblem, notFound, Problem } from '../../platform/problems.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { notify } from '../../platform/notify/notify.js';
import { normaliseOrganisationNumber } from './organisation-number.js';
import {
  assertMayChangeIdentity,
  assertMayRegister,
  assertSupplierAction,
  mayRegisterSuppliers,
  supplierScope,
} from './suppliers.policy.js';
import { presentSupplier } from './suppliers.presenter.js';
import { mergeProfile } from './suppliers.profile.js';
import * as repo from './suppliers.repository.js';
import { supplierSorts, type SupplierCreate, type SupplierListQuery, type SupplierOut, type SupplierPatch } from './suppliers.schemas.js';

const mayRead = (actor: Actor, id: string) => can(actor, 'read', 'supplier', supplierScope(id));

// Loads a supplier as this actor may see it: null when out of reach (answered 404, like another
// tenant's), so a supplier learns nothing about the municipality's other suppliers.
async function load(tx: Tx, actor: Actor, id: string): Promise<SupplierOut | null> {
  const row = await repo.findSupplier(tx, actor.tenantId, id);
  if (!row || !mayRead(actor, row.id)) return null;
  const superUsers = await repo.activeSuperUsers(tx, actor.tenantId, [row.id]);
  return presentSupplier(actor, row, { activeSuperUsers: superUsers.get(row.id) ?? 0 });
}

export interface SuppliersOptions {
  // base of links in mails
  publicUrl: string;
}

// D3-08: a supplier's own change of its details is timestamped and the municipality's coordinators
// are told (the mail names the organisation and links to it, nothing more).
async function tellCoordinators(tx: Tx, ctx: RequestContext, s: SupplierOut, opts: SuppliersOptions): Promise<void> {
  const userIds = (await repo.tenantCoordinators(tx, ctx.actor.tenantId)).filter((id) => id !== ctx.actor.userId);
  await notify(
    tx,
    {
      tenantId: ctx.actor.tenantId,
      userIds,
      kind: 'supplier-profile-changed',
      subjectType: 'supplier',
      subjectId: s.id,
      title: `${s.name} har ändrat sina uppgifter`,
      secret: false,
      link: `/suppliers/${s.id}`,
      mail: {
        subject: { sv: 'En leverantör har ändrat sina uppgifter', en: 'A supplier has changed its details' },
        intro: {
          sv: 'En leverantör har själv ändrat sina uppgifter i Tillit. Öppna länken för att se ändringen.',
          en: 'A supplier has changed its own details in Tillit. Open the link to see the change.',
        },
      },
    },
    { publicUrl: opts.publicUrl },
  );
}

const duplicateText = (n: string, other: string) => ({
  sv: `Det finns redan en leverantör med organisationsnumret ${n}: ${other}.`,
  en: `There is already a supplier with the organisation number ${n}: ${other}.`,
});

// One organisation, one active entry: the municipality's follow-ups and its suppliers' users hang
// on it. Archived entries keep their number, so an organisation can be registered again.
async function assertUniqueNumber(tx: Tx, tenantId: string, n: string, exceptId?: string): Promise<void> {
  await repo.lockOrganisationNumber(tx, tenantId, n);
  const other = await repo.activeWithOrganisationNumber(tx, tenantId, n, exceptId);
  if (!other) return;
  const text = duplicateText(n, other.name);
  throw fieldProblem('organisationNumber', 'duplicate', text.sv, text.en);
}

export function createSuppliersService(db: Db, opts: SuppliersOptions = { publicUrl: 'http://localhost:3000' }) {
  const tracked = (
    ctx: RequestContext,
    id: string,
    expectedVersion: number,
    action: string,
    change: (tx: Tx, before: SupplierOut) => Promise<void>,
  ) =>
    trackedChange(db, ctx, {
      entityType: 'supplier',
      action,
      id,
      expectedVersion,
      // Out of reach counts as absent before the version is compared: a 412 would tell a supplier
      // that another supplier's id exists.
      lock: async (tx) => {
        const locked = await repo.lockSupplier(tx, ctx.actor.tenantId, id);
        return locked && mayRead(ctx.actor, id) ? locked : null;
      },
      load: (tx) => load(tx, ctx.actor, id),
      change,
    });

  return {
    async create(ctx: RequestContext, input: SupplierCreate): Promise<SupplierOut> {
      assertMayRegister(ctx.actor);
      const organisationNumber = normaliseOrganisationNumber(input.organisationNumber);
      const t = ctx.actor.tenantId;
      return withTenant(db, t, async (tx) => {
        if (organisationNumber) await assertUniqueNumber(tx, t, organisationNumber);
        const id = await repo.insertSupplier(tx, t, { name: input.name, organisationNumber, type: input.type ?? 'it_supplier' });
        const out = (await load(tx, ctx.actor, id))!;
        await recordAudit(tx, ctx, { action: 'supplier.create', entityType: 'supplier', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get({ actor }: RequestContext, id: string): Promise<SupplierOut> {
      assertSupplierAction(actor, 'read');
      const out = await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id));
      if (!out) throw notFound();
      return out;
    },

    async list({ actor }: RequestContext, query: SupplierListQuery): Promise<Page<SupplierOut>> {
      assertSupplierAction(actor, 'read');
      const spec = pageSpec(query, supplierSorts, 'name');
      const { rows, superUsers } = await withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listSuppliers(tx, actor, query, spec.sort, spec.cursor, query.limit);
        const superUsers = await repo.activeSuperUsers(
          tx,
          actor.tenantId,
          rows.map((r) => r.id),
        );
        return { rows, superUsers };
      });
      return toPage(rows, query.limit, spec.name, (r) => presentSupplier(actor, r, { activeSuperUsers: superUsers.get(r.id) ?? 0 }));
    },

    iterate(ctx: RequestContext, query: SupplierListQuery): AsyncGenerator<SupplierOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: SupplierPatch): Promise<SupplierOut> {
      const { actor } = ctx;
      assertSupplierAction(actor, 'update');
      const t = actor.tenantId;
      return tracked(ctx, id, expectedVersion, 'supplier.update', async (tx, before) => {
        assertSupplierAction(actor, 'update', supplierScope(id));
        if (before.archived) throw archivedConflict();
        const values: Partial<repo.SupplierRow> = {};
        if (patch.name !== undefined) values.name = patch.name;
        if (patch.organisationNumber !== undefined) {
          const n = normaliseOrganisationNumber(patch.organisationNumber);
          if (n !== before.organisationNumber) {
            assertMayChangeIdentity(actor);
            if (n) await assertUniqueNumber(tx, t, n, id);
            values.organisationNumber = n;
          }
        }
        if (patch.type !== undefined && patch.type !== before.type) {
          assertMayChangeIdentity(actor);
          values.type = patch.type;
        }
        if (patch.profile !== undefined) {
          const row = (await repo.findSupplier(tx, t, id))!;
          // D1-16: a subcontractor's organisation number is checked and written like the supplier's own
          const profile = patch.profile.subcontractors
            ? {
                ...patch.profile,
                subcontractors: patch.profile.subcontractors.map((sc, i) => ({
                  ...sc,
                  organisationNumber: normaliseOrganisationNumber(sc.organisationNumber, `profile.subcontractors.${i}.organisationNumber`),
                })),
              }
            : patch.profile;
          const merged = mergeProfile(row.profile, profile);
          if (JSON.stringify(merged) !== JSON.stringify(row.profile)) {
            values.profile = merged;
            // D3-08: the supplier's own change (a municipal writer's is not the supplier reporting one)
            if (!mayRegisterSuppliers(actor)) {
              values.profileChangedAt = new Date();
              await tellCoordinators(tx, ctx, before, opts);
            }
          }
        }
        if (Object.keys(values).length > 0) await repo.updateSupplier(tx, t, id, values);
      });
    },

    // D0-11: the supplier (or the coordinator for it) confirms that its list of authorised orderers is
    // still correct; the next confirmation falls due half a year later.
    async confirmOrderers(ctx: RequestContext, id: string, expectedVersion: number): Promise<SupplierOut> {
      const { actor } = ctx;
      assertSupplierAction(actor, 'update');
      return tracked(ctx, id, expectedVersion, 'supplier.orderers-confirm', async (tx, before) => {
        assertSupplierAction(actor, 'update', supplierScope(id));
        if (before.archived) throw archivedConflict();
        await repo.updateSupplier(tx, actor.tenantId, id, { orderersConfirmedAt: new Date(), orderersConfirmedBy: actor.userId });
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<SupplierOut> {
      const { actor } = ctx;
      const action = archived ? 'archive' : 'restore';
      assertSupplierAction(actor, action);
      const t = actor.tenantId;
      return tracked(ctx, id, expectedVersion, `supplier.${action}`, async (tx, before) => {
        assertSupplierAction(actor, action, supplierScope(id));
        if (before.archived === archived) return;
        if (!archived && before.organisationNumber) {
          await repo.lockOrganisationNumber(tx, t, before.organisationNumber);
          const other = await repo.activeWithOrganisationNumber(tx, t, before.organisationNumber, id);
          if (other) throw new Problem('conflict', duplicateText(before.organisationNumber, other.name));
        }
        await repo.updateSupplier(tx, t, id, { archivedAt: archived ? new Date() : null });
      });
    },
  };
}

export type SuppliersService = ReturnType<typeof createSuppliersService>;
