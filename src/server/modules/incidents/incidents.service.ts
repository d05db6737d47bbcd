import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { assertCan } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { allPages, pageSpec, toPage } from '../../platform/keyset.js';
import type { Lang } from '../../platform/language.js';
import { notify } from '../../platform/notify/notify.js';
import { notFound } from '../../platform/problems.js';
import { assertMayMark, auditSecretReads, requireProvision } from '../../platform/secrecy.js';
import { createObligations, recomputeObligations } from '../incident-obligations/obligations.lifecycle.js';
import { incidentResponsibles, incidentSettingsOf, routeIncident } from '../incident-settings/routing.js';
import { auditView, detailOf, lockedForChange, readable } from './incidents.load.js';
import { incidentScope, presentListItem, presentMine, referenceOf } from './incidents.presenter.js';
import * as repo from './incidents.repository.js';
import { closingErrors, referenceErrors, throwIf, timeErrors } from './incidents.rules.js';
import {
  incidentSorts,
  type IncidentCreate,
  type IncidentListItem,
  type IncidentListQuery,
  type IncidentOut,
  type IncidentPatch,
  type MineItem,
} from './incidents.schemas.js';

export interface IncidentsOptions {
  // base of links in mails
  publicUrl: string;
}

const dedupe = (ids?: readonly string[]) => [...new Set(ids ?? [])];
const date = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : new Date(v));
const same = (a: unknown, b: unknown) => {
  if (a instanceof Date || b instanceof Date) return (a as Date | null)?.getTime?.() === (b as Date | null)?.getTime?.();
  return JSON.stringify(a) === JSON.stringify(b);
};

// Tells people about an incident without putting its content in the mail (notify() keeps secret
// titles out of mail bodies).
export function tell(
  tx: Tx,
  opts: IncidentsOptions,
  r: { id: string; tenantId: string; number: number; createdAt: Date; title: string; secret: boolean },
  userIds: string[],
  kind: 'incident-reported' | 'incident-crisis' | 'incident-assigned',
  key: string,
  mail: { subject: { sv: string; en: string }; intro: { sv: string; en: string } },
) {
  return notify(
    tx,
    {
      tenantId: r.tenantId,
      userIds,
      kind,
      key,
      subjectType: 'incident',
      subjectId: r.id,
      title: `${referenceOf(r)} ${r.title}`,
      secret: r.secret,
      link: `/incidents/${r.id}`,
      mail,
    },
    opts,
  );
}

export function createIncidentsService(db: Db, opts: IncidentsOptions) {
  return {
    // Object-level reach before the body is validated: an incident out of reach is 404 whatever was sent.
    async assertReach({ actor }: RequestContext, id: string): Promise<void> {
      await withTenant(db, actor.tenantId, (tx) => readable(tx, actor, id));
    },

    // Only the reporter reaches their own report through /mine.
    async assertReporter({ actor }: RequestContext, id: string): Promise<void> {
      const row = await withTenant(db, actor.tenantId, (tx) => repo.findIncident(tx, actor.tenantId, id));
      if (!row || !actor.userId || row.reportedBy !== actor.userId) throw notFound();
    },

    // D1-52: anyone may report. The report is routed (D1-35), its clocks start (H3), and the people
    // who handle it are told.
    async create(ctx: RequestContext, input: IncidentCreate): Promise<MineItem> {
      const { actor } = ctx;
      assertCan(actor, 'create', 'incident');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const systemIds = dedupe(input.systemIds);
        const awareAt = new Date(input.awareAt);
        const occurredAt = date(input.occurredAt) ?? null;
        throwIf([
          ...(await referenceErrors(tx, actor, { systemIds })),
          ...timeErrors({ occurredAt, awareAt, outageStartedAt: null, outageEndedAt: null }),
        ]);
        const settings = await incidentSettingsOf(tx, t);
        const route = await routeIncident(tx, t, { categoryId: null, systemIds, severity: null });
        const supplierGrant = actor.grants.find((g) => g.scope.type === 'supplier');
        const number = await repo.nextNumber(tx, t);
        const id = await repo.insertIncident(tx, {
          tenantId: t,
          number,
          title: input.title,
          reportText: input.reportText ?? null,
          type: input.type ?? 'incident',
          occurredAt,
          awareAt,
          systemIds,
          reportedBy: actor.userId || null,
          reporterSupplierId: supplierGrant?.scope.type === 'supplier' ? supplierGrant.scope.supplierId : null,
          routeId: route.routeId,
          handlingUnitId: route.handlingUnitId,
          secret: settings.secretByDefault,
          secrecyProvision: settings.secretByDefault ? settings.defaultSecrecyProvision : null,
        });
        const name = route.routeId ? await repo.routeName(tx, t, route.routeId) : null;
        await repo.insertEntry(tx, {
          tenantId: t,
          incidentId: id,
          kind: 'system',
          authorId: null,
          text: name
            ? `Rapporteringsvägen "${name}" matchade rapporten.`
            : 'Ingen rapporteringsväg matchade rapporten; informationssäkerhetssamordnaren underrättades.',
        });
        await createObligations(tx, ctx, { id, awareAt });
        const row = (await repo.findIncident(tx, t, id))!;
        await recordAudit(tx, ctx, { action: 'incident.create', entityType: 'incident', entityId: id, after: auditView(row) });
        const people = dedupe([
          ...route.notifyUserIds,
          ...(await incidentResponsibles(tx, t, { handlerUserId: null, routeId: route.routeId })),
        ]);
        await tell(
          tx,
          opts,
          row,
          people.filter((u) => u !== actor.userId),
          'incident-reported',
          `incident-reported:${id}`,
          {
            subject: { sv: `Ny incident ${referenceOf(row)}`, en: `New incident ${referenceOf(row)}` },
            intro: {
              sv: 'En incident har rapporterats i Tillit och behöver hanteras.',
              en: 'An incident has been reported in Tillit and needs handling.',
            },
          },
        );
        return presentMine(row, []);
      });
    },

    async get(ctx: RequestContext, id: string, lang: Lang): Promise<IncidentOut> {
      const { actor } = ctx;
      assertCan(actor, 'read', 'incident');
      return withTenant(db, actor.tenantId, async (tx) => {
        const row = await readable(tx, actor, id);
        await auditSecretReads(tx, ctx, 'incident', [{ id, ...incidentScope(row) }]);
        return detailOf(tx, actor, row, lang);
      });
    },

    async list(ctx: RequestContext, query: IncidentListQuery) {
      const { actor } = ctx;
      assertCan(actor, 'read', 'incident');
      const spec = pageSpec({ ...query, sort: query.sort ?? '-awareAt' }, incidentSorts, 'awareAt');
      const rows = await withTenant(db, actor.tenantId, async (tx) => {
        const found = await repo.listIncidents(tx, actor, query, spec.sort, spec.cursor, query.limit);
        await auditSecretReads(
          tx,
          ctx,
          'incident',
          found.slice(0, query.limit).map((r) => ({ id: r.id, ...incidentScope(r) })),
        );
        return found;
      });
      return toPage(rows, query.limit, spec.name, (r) => presentListItem(actor, r));
    },

    iterate(ctx: RequestContext, query: IncidentListQuery): AsyncGenerator<IncidentListItem> {
      return allPages((cursor) => this.list(ctx, { ...query, cursor, limit: 200 }));
    },

    // The reporter's own reports: what they wrote and how far it has come, nothing of the triage.
    async mine({ actor }: RequestContext): Promise<{ items: MineItem[] }> {
      assertCan(actor, 'create', 'incident');
      return withTenant(db, actor.tenantId, async (tx) => {
        if (!actor.userId) return { items: [] };
        const rows = await repo.reportsBy(tx, actor.tenantId, actor.userId);
        const entries = await repo.entriesByAuthor(tx, actor.tenantId, actor.userId);
        return {
          items: rows.map((r) =>
            presentMine(
              r,
              entries.filter((e) => e.incidentId === r.id),
            ),
          ),
        };
      });
    },

    // Triage (If-Match). Side effects: the clocks move with the awareness time (H3), an extensive
    // impact opens a crisis (D1-36), a new handler is told, and closing needs the documentation (D1-53).
    async update(ctx: RequestContext, id: string, expectedVersion: number, patch: IncidentPatch, lang: Lang): Promise<IncidentOut> {
      const { actor } = ctx;
      assertCan(actor, 'update', 'incident');
      const t = actor.tenantId;
      return withTenant(db, t, async (tx) => {
        const row = await lockedForChange(tx, actor, id, expectedVersion);
        const scope = incidentScope(row);
        assertCan(actor, 'update', 'incident', scope);
        const nextScope = incidentScope({
          handlingUnitId: patch.handlingUnitId !== undefined ? patch.handlingUnitId : row.handlingUnitId,
          systemIds: patch.systemIds ? dedupe(patch.systemIds) : row.systemIds,
          reporterSupplierId: row.reporterSupplierId,
          secret: patch.secret ?? row.secret,
        });
        // moving the incident (unit, systems) needs the reach on both sides
        assertCan(actor, 'update', 'incident', { ...nextScope, secret: row.secret });
        const secretChanged = patch.secret !== undefined && patch.secret !== row.secret;
        const provisionChanged = patch.secrecyProvision !== undefined && patch.secrecyProvision !== row.secrecyProvision;
        if (secretChanged || provisionChanged) {
          assertMayMark(actor, 'incident', scope);
          requireProvision(nextScope.secret === true, patch.secrecyProvision !== undefined ? patch.secrecyProvision : row.secrecyProvision);
        }
        const { handlingCostSek, handlingHours, systemIds, assetIds, unitIds, supplierIds, ...plain } = patch;
        const values: repo.IncidentValues = {
          ...plain,
          occurredAt: date(patch.occurredAt),
          awareAt: date(patch.awareAt) ?? undefined,
          containedAt: date(patch.containedAt),
          resolvedAt: date(patch.resolvedAt),
          outageStartedAt: date(patch.outageStartedAt),
          outageEndedAt: date(patch.outageEndedAt),
          ...(systemIds ? { systemIds: dedupe(systemIds) } : {}),
          ...(assetIds ? { assetIds: dedupe(assetIds) } : {}),
          ...(unitIds ? { unitIds: dedupe(unitIds) } : {}),
          ...(supplierIds ? { supplierIds: dedupe(supplierIds) } : {}),
          ...(handlingHours !== undefined ? { handlingHours: handlingHours === null ? null : handlingHours.toFixed(2) } : {}),
          ...(handlingCostSek !== undefined
            ? { handlingCostOre: handlingCostSek === null ? null : Math.round(handlingCostSek * 100) }
            : {}),
        };
        const merged = { ...row, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) } as typeof row;
        // the status carries its own times: closing stamps closedAt, reopening clears it
        const now = new Date();
        if (merged.status === 'closed' && !row.closedAt) values.closedAt = now;
        if (merged.status !== 'closed' && row.closedAt) values.closedAt = null;
        if (['contained', 'resolved', 'closed'].includes(merged.status) && !merged.containedAt && patch.status) values.containedAt = now;
        if (['resolved', 'closed'].includes(merged.status) && !merged.resolvedAt && patch.status) values.resolvedAt = now;
        const crisisOpens = merged.severity === 'extensive' && !row.crisisAt;
        if (crisisOpens) values.crisisAt = now;
        throwIf([
          ...(await referenceErrors(tx, actor, patch, row)),
          ...timeErrors(merged),
          ...(merged.status === 'closed' ? closingErrors(merged) : []),
        ]);
        const rerouted = (['categoryId', 'severity', 'systemIds'] as const).some((k) => !same(merged[k], row[k]))
          ? await triageRoute(tx, t, merged, row.routeId)
          : null;
        if (rerouted) {
          values.routeId = rerouted.routeId;
          if (!merged.handlingUnitId && rerouted.handlingUnitId) values.handlingUnitId = rerouted.handlingUnitId;
        }
        const changed = Object.fromEntries(
          Object.entries(values).filter(([k, v]) => v !== undefined && !same(v, (row as Record<string, unknown>)[k])),
        ) as repo.IncidentValues;
        if (Object.keys(changed).length === 0) return detailOf(tx, actor, row, lang);
        await repo.updateIncident(tx, t, id, changed);
        if (changed.awareAt) await recomputeObligations(tx, ctx, { id, awareAt: changed.awareAt }, row.awareAt);
        const after = (await repo.findIncident(tx, t, id))!;
        await recordAudit(tx, ctx, {
          action: 'incident.update',
          entityType: 'incident',
          entityId: id,
          before: auditView(row),
          after: auditView(after),
        });
        if (crisisOpens) await openCrisis(tx, ctx, opts, after);
        if (rerouted) await announceRoute(tx, ctx, opts, after, rerouted.notifyUserIds);
        if (changed.handlerUserId && changed.handlerUserId !== actor.userId)
          await tell(tx, opts, after, [changed.handlerUserId], 'incident-assigned', `incident-assigned:${id}:${after.version}`, {
            subject: { sv: `Incident ${referenceOf(after)} att hantera`, en: `Incident ${referenceOf(after)} to handle` },
            intro: { sv: 'Du har fått en incident att hantera i Tillit.', en: 'You have been given an incident to handle in Tillit.' },
          });
        return detailOf(tx, actor, after, lang);
      });
    },
  };
}

// D1-35: a route may ask for a category or a severity, which the short report form does not hold: the
// triage that brings them (or changes the systems) routes the incident again. A route that now
// matches, other than the one it has, takes it on (its handling unit when the incident has none yet);
// no match leaves the route it has.
async function triageRoute(
  tx: Tx,
  tenantId: string,
  facts: { categoryId: string | null; severity: string | null; systemIds: string[] },
  currentRouteId: string | null,
) {
  const route = await routeIncident(tx, tenantId, facts);
  return route.routeId && route.routeId !== currentRouteId ? { ...route, routeId: route.routeId } : null;
}

async function announceRoute(tx: Tx, ctx: RequestContext, opts: IncidentsOptions, r: repo.IncidentDetailRow, notifyUserIds: string[]) {
  await repo.insertEntry(tx, {
    tenantId: r.tenantId,
    incidentId: r.id,
    kind: 'system',
    authorId: null,
    text: `Rapporteringsvägen "${r.routeName ?? ''}" matchade efter bedömningen.`,
  });
  const people = dedupe(notifyUserIds).filter((u) => u !== ctx.actor.userId);
  await tell(tx, opts, r, people, 'incident-reported', `incident-routed:${r.id}:${r.routeId}`, {
    subject: { sv: `Incident ${referenceOf(r)} till er rapporteringsväg`, en: `Incident ${referenceOf(r)} for your reporting route` },
    intro: {
      sv: 'En incident har efter bedömningen hamnat i en rapporteringsväg där du ska underrättas, och behöver hanteras.',
      en: 'After triage an incident falls under a reporting route that names you, and needs handling.',
    },
  });
}

// D1-36: an extensive impact makes the incident an extraordinary event: the crisis log opens with an
// entry and the crisis group is told (the coordinators when the tenant has named no group).
async function openCrisis(tx: Tx, ctx: RequestContext, opts: IncidentsOptions, r: repo.IncidentDetailRow) {
  const t = ctx.actor.tenantId;
  await repo.insertEntry(tx, {
    tenantId: t,
    incidentId: r.id,
    kind: 'crisis',
    authorId: ctx.actor.userId || null,
    text: 'Allvarlighetsgraden bedömdes som omfattande påverkan: incidenten hanteras som en extraordinär händelse (fredstida kris). Krisledningen underrättades.',
  });
  await recordAudit(tx, ctx, {
    action: 'incident.crisis',
    entityType: 'incident',
    entityId: r.id,
    after: { crisisAt: r.crisisAt?.toISOString() ?? null, severity: r.severity },
  });
  const { crisisUserIds } = await incidentSettingsOf(tx, t);
  const people = crisisUserIds.length
    ? crisisUserIds
    : await incidentResponsibles(tx, t, { handlerUserId: r.handlerUserId, routeId: r.routeId });
  await tell(tx, opts, r, people, 'incident-crisis', `incident-crisis:${r.id}`, {
    subject: { sv: `Extraordinär händelse ${referenceOf(r)}`, en: `Extraordinary event ${referenceOf(r)}` },
    intro: {
      sv: 'En incident med omfattande påverkan hanteras nu som en extraordinär händelse. Krisledningen behöver samlas.',
      en: 'An incident with extensive impact is now handled as an extraordinary event. Crisis management needs to convene.',
    },
  });
}

export type IncidentsService = ReturnType<typeof createIncidentsService>;
