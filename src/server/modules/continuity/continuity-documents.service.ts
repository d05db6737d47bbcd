import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan, can, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import type { RequestContext } from '../../platform/audit.js';
import { recordAudit } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import { notFound, Problem } from '../../platform/problems.js';
import { unreachableSuppliers } from '../../platform/references.js';
import { assertMayMark, auditSecretReads, requireProvision } from '../../platform/secrecy.js';
import { archivedConflict, snapshot, trackedChange } from '../../platform/tracked-change.js';
import { reserveScenarios } from '../../../shared/enums.js';
import { documentScope, presentDocument } from './continuity-documents.presenter.js';
import * as repo from './continuity-documents.repository.js';
import { systemsByIds } from './continuity.repository.js';
import { documentSorts, type DocumentCreate, type DocumentListQuery, type DocumentOut, type DocumentPatch } from './continuity.schemas.js';

type FieldErr = { field: string; code: string; sv: string; en: string };

// Restore plans show how a system is brought back, and so where it is weak: secret-marked unless the
// author says otherwise, under the OSL provision on security and protective measures.
export const restorePlanProvision = '18 kap. 8 § OSL';

function throwIf(errs: FieldErr[]) {
  if (errs.length) throw new Problem('validation', undefined, errs);
}

// D0-26: a supplier's reserve routine answers every scenario, yes or no; a "no" is a gap to follow up.
function scenarioErrors(scenarios: Record<string, unknown>): FieldErr[] {
  return reserveScenarios
    .filter((s) => typeof scenarios[s] !== 'boolean')
    .map((s) => ({
      field: `scenarios.${s}`,
      code: 'required',
      sv: 'Svara ja eller nej för varje scenario i checklistan.',
      en: 'Answer yes or no for every scenario in the checklist.',
    }));
}

function dateErrors(documentedOn: string | null | undefined, implementedOn: string | null | undefined): FieldErr[] {
  if (documentedOn && implementedOn && implementedOn < documentedOn)
    return [
      {
        field: 'implementedOn',
        code: 'before_documented',
        sv: 'Datum för införande kan inte vara före datum för dokumentation.',
        en: 'The implementation date cannot be before the documentation date.',
      },
    ];
  return [];
}

async function supplierErrors(tx: Tx, actor: Actor, ids: readonly string[] | undefined, had: readonly string[] = []) {
  const added = (ids ?? []).filter((id) => !had.includes(id));
  if ((await unreachableSuppliers(tx, actor, added)).length === 0) return [];
  return [
    {
      field: 'involvedSupplierIds',
      code: 'unknown_reference',
      sv: 'En av leverantörerna finns inte.',
      en: 'One of the suppliers does not exist.',
    },
  ];
}

async function load(tx: Tx, actor: Actor, id: string): Promise<DocumentOut | null> {
  const row = await repo.findDocument(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'continuity', documentScope(row))) return null;
  return presentDocument(actor, row);
}

const scopeOfOut = (d: DocumentOut, unitId: string | null): ObjectScope =>
  documentScope({ systemId: d.systemId, systemUnitId: unitId, supplierId: d.supplierId, secret: d.secret });

export function createContinuityDocumentsService(db: Db) {
  // The owner's scope for a new document: the system (reachable by the actor) or the supplier.
  async function ownerScope(tx: Tx, actor: Actor, input: DocumentCreate): Promise<ObjectScope> {
    const errs: FieldErr[] = [
      ...dateErrors(input.documentedOn, input.implementedOn),
      ...(await supplierErrors(tx, actor, input.involvedSupplierIds)),
    ];
    let scope: ObjectScope = {};
    if (input.kind === 'supplier_reserve_routine') {
      if (input.systemId)
        errs.push({
          field: 'systemId',
          code: 'not_allowed',
          sv: 'En leverantörs reservrutin hör till leverantören, inte till ett system.',
          en: 'A supplier’s reserve routine belongs to the supplier, not to a system.',
        });
      if (!input.supplierId) errs.push({ field: 'supplierId', code: 'required', sv: 'Välj leverantör.', en: 'Choose a supplier.' });
      else if ((await unreachableSuppliers(tx, actor, [input.supplierId])).length)
        errs.push({ field: 'supplierId', code: 'unknown_reference', sv: 'Leverantören finns inte.', en: 'The supplier does not exist.' });
      else scope = { supplierId: input.supplierId };
      errs.push(...scenarioErrors(input.scenarios ?? {}));
    } else {
      if (input.supplierId)
        errs.push({
          field: 'supplierId',
          code: 'not_allowed',
          sv: 'Dokumentet hör till ett system. Ange inblandade leverantörer i stället.',
          en: 'The document belongs to a system. Name the involved suppliers instead.',
        });
      const [s] = input.systemId ? await systemsByIds(tx, actor.tenantId, [input.systemId]) : [];
      if (!input.systemId) errs.push({ field: 'systemId', code: 'required', sv: 'Välj IT-system.', en: 'Choose an IT system.' });
      else if (!s || !can(actor, 'read', 'continuity', { unitId: s.unitId, systemIds: [s.id] }))
        errs.push({ field: 'systemId', code: 'unknown_reference', sv: 'IT-systemet finns inte.', en: 'The IT system does not exist.' });
      else scope = { unitId: s.unitId, systemIds: [s.id] };
    }
    throwIf(errs);
    return scope;
  }

  function assertChange(actor: Actor, action: Action, before: DocumentOut, scope: ObjectScope, patch: DocumentPatch = {}) {
    assertCan(actor, action, 'continuity', scope);
    const secretChanged = patch.secret !== undefined && patch.secret !== before.secret;
    const provisionChanged = patch.secrecyProvision !== undefined && patch.secrecyProvision !== before.secrecyProvision;
    if (secretChanged || provisionChanged) assertMayMark(actor, 'continuity', scope);
    requireProvision(
      patch.secret ?? before.secret,
      patch.secrecyProvision !== undefined ? patch.secrecyProvision : before.secrecyProvision,
    );
  }

  // The system's unit is not in the API object; the lock reads it with the row.
  const unitOf = async (tx: Tx, tenantId: string, id: string) => (await repo.findDocument(tx, tenantId, id))?.systemUnitId ?? null;

  return {
    // The route's reach before its body is validated: a document out of reach is 404 whatever was sent.
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      if (!(await withTenant(db, actor.tenantId, (tx) => load(tx, actor, id)))) throw notFound();
    },

    async create(ctx: RequestContext, input: DocumentCreate): Promise<DocumentOut> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'continuity');
      return withTenant(db, actor.tenantId, async (tx) => {
        const owner = await ownerScope(tx, actor, input);
        const restorePlan = input.kind === 'restore_plan';
        const secret = input.secret ?? restorePlan;
        const provision = input.secrecyProvision ?? (restorePlan && secret && input.secret === undefined ? restorePlanProvision : null);
        const scope = { ...owner, secret };
        assertCan(actor, 'create', 'continuity', scope);
        if (secret) assertMayMark(actor, 'continuity', scope);
        requireProvision(secret, provision);
        const values = {
          tenantId: actor.tenantId,
          kind: input.kind,
          systemId: input.systemId ?? null,
          supplierId: input.supplierId ?? null,
          title: input.title,
          content: input.content ?? null,
          link: input.link ?? null,
          documentedOn: input.documentedOn ?? null,
          implementedOn: input.implementedOn ?? null,
          reviewOn: input.reviewOn ?? null,
          scenarios: input.scenarios ?? {},
          involvedSupplierIds: [...new Set(input.involvedSupplierIds ?? [])],
          secret,
          secrecyProvision: provision,
        };
        const id = await repo.insertDocument(tx, values);
        const out = (await load(tx, actor, id))!;
        await recordAudit(tx, ctx, { action: 'continuity.create', entityType: 'continuity', entityId: id, after: snapshot(out) });
        return out;
      });
    },

    async get(ctx: RequestContext, id: string): Promise<DocumentOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'continuity');
      const out = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await load(tx, actor, id);
        if (found) await auditSecretReads(tx, ctx, 'continuity', [{ id, ...scopeOfOut(found, await unitOf(tx, actor.tenantId, id)) }]);
        return found;
      });
      if (!out) throw notFound();
      return out;
    },

    async list(ctx: RequestContext, query: DocumentListQuery) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'continuity');
      const spec = pageSpec(query, documentSorts, 'title');
      const rows = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await repo.listDocuments(tx, actor, query, spec.sort, spec.cursor, query.limit);
        await auditSecretReads(
          tx,
          ctx,
          'continuity',
          found.slice(0, query.limit).map((r) => ({ id: r.id, ...documentScope(r) })),
        );
        return found;
      });
      return toPage(rows, query.limit, spec.name, (r) => presentDocument(actor, r));
    },

    iterate(ctx: RequestContext, query: DocumentListQuery): AsyncGenerator<DocumentOut> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: DocumentPatch): Promise<DocumentOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'continuity');
      const t = actor.tenantId;
      return trackedChange(db, ctx, {
        entityType: 'continuity',
        action: 'continuity.update',
        id,
        expectedVersion,
        lock: (tx) => repo.lockDocument(tx, t, id),
        load: (tx) => load(tx, actor, id),
        change: async (tx, before) => {
          assertChange(actor, 'update', before, scopeOfOut(before, await unitOf(tx, t, id)), patch);
          if (before.archived) throw archivedConflict();
          const errs = [
            ...dateErrors(
              patch.documentedOn !== undefined ? patch.documentedOn : before.documentedOn,
              patch.implementedOn !== undefined ? patch.implementedOn : before.implementedOn,
            ),
            ...(await supplierErrors(
              tx,
              actor,
              patch.involvedSupplierIds,
              before.involvedSuppliers.map((s) => s.id),
            )),
          ];
          // the checklist is answered as a whole: a change sends all five answers
          if (patch.scenarios && before.kind === 'supplier_reserve_routine') errs.push(...scenarioErrors(patch.scenarios));
          throwIf(errs);
          const { involvedSupplierIds, ...rest } = patch;
          await repo.updateDocument(tx, t, id, {
            ...rest,
            ...(involvedSupplierIds ? { involvedSupplierIds: [...new Set(involvedSupplierIds)] } : {}),
          });
        },
      });
    },

    async setArchived(ctx: RequestContext, id: string, expectedVersion: number, archived: boolean): Promise<DocumentOut> {
      const { actor } = ctx;
      const action = archived ? 'archive' : 'restore';
      assertCan(actor, action, 'continuity');
      const t = actor.tenantId;
      return trackedChange(db, ctx, {
        entityType: 'continuity',
        action: `continuity.${action}`,
        id,
        expectedVersion,
        lock: (tx) => repo.lockDocument(tx, t, id),
        load: (tx) => load(tx, actor, id),
        change: async (tx, before) => {
          assertChange(actor, action, before, scopeOfOut(before, await unitOf(tx, t, id)));
          if (before.archived === archived) return;
          await repo.updateDocument(tx, t, id, { archivedAt: archived ? new Date() : null });
        },
      });
    },
  };
}

export type ContinuityDocumentsService = ReturnType<typeof createContinuityDocumentsService>;
