import { can, recordBase, viewOf, type Actor, type ObjectScope } from '../../platform/access.js';
import { isMasked } from '../../platform/secrecy.js';
import type { AcceptedOutage } from '../continuity/outage.js';
import { maskObligation, type ObligationView } from '../incident-obligations/obligations.lifecycle.js';
import type { EntryRow, IncidentDetailRow, IncidentRow, LinkedMeasure, LinkedSystem } from './incidents.repository.js';
import type { EntryOut, IncidentListItem, IncidentOut, MineItem } from './incidents.schemas.js';

// An incident sits with its handling unit and the systems it affects; a supplier user's report also
// with the supplier's organisation.
export const incidentScope = (r: {
  handlingUnitId: string | null;
  systemIds: readonly string[];
  reporterSupplierId: string | null;
  secret: boolean;
}): ObjectScope => ({ unitId: r.handlingUnitId, systemIds: r.systemIds, supplierId: r.reporterSupplierId, secret: r.secret });

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());
const stockholmYear = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(d);
export const referenceOf = (r: { number: number; createdAt: Date }) => `INC-${stockholmYear(r.createdAt)}-${r.number}`;
export const oreToSek = (ore: number | null) => (ore === null ? null : Number(ore) / 100);

const systemVisible = (actor: Actor, s: LinkedSystem) =>
  viewOf(actor, 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full';

export function presentEntry(e: EntryRow): EntryOut {
  return {
    id: e.id,
    kind: e.kind,
    at: new Date(e.at).toISOString(),
    text: e.text,
    party: e.party,
    author: e.authorId ? { id: e.authorId, displayName: e.authorName ?? '' } : null,
  };
}

export function presentListItem(actor: Actor, r: IncidentRow): IncidentListItem {
  const scope = incidentScope(r);
  const masked = isMasked(actor, 'incident', scope);
  const base = recordBase(actor, 'incident', { ...r, archivedAt: null }, scope);
  return {
    ...base,
    // incidents are never archived or deleted (D1-53): reading and changing are all there is
    allowedActions: base.allowedActions.filter((a) => a === 'read' || a === 'update'),
    secret: r.secret,
    secrecyProvision: r.secrecyProvision,
    masked,
    number: r.number,
    reference: referenceOf(r),
    title: masked ? null : r.title,
    type: r.type as IncidentListItem['type'],
    severity: r.severity as IncidentListItem['severity'],
    status: r.status as IncidentListItem['status'],
    awareAt: r.awareAt.toISOString(),
    reportedAt: r.createdAt.toISOString(),
    crisis: r.crisisAt !== null,
    personalData: masked ? null : (r.personalData as IncidentListItem['personalData']),
    handlingUnit: r.handlingUnitId ? { id: r.handlingUnitId, name: r.unitName ?? '' } : null,
    systems: masked ? [] : r.systems.filter((s) => systemVisible(actor, s)).map((s) => ({ id: s.id, name: s.name })),
    nextDeadline: r.nextDeadline ? { code: r.nextDeadline.code, dueAt: iso(r.nextDeadline.dueAt)!, overdue: r.nextDeadline.overdue } : null,
  };
}

// D1-26: the outage so far, from the stated start (else when it occurred, else when it became known)
// to its end (else resolution, else now), against each affected system's accepted outage time.
export function outageOf(actor: Actor, r: IncidentRow, accepted: Map<string, AcceptedOutage>, now = new Date()): IncidentOut['outage'] {
  const start = r.outageStartedAt ?? (r.systemIds.length ? (r.occurredAt ?? r.awareAt) : null);
  const end = r.outageEndedAt ?? r.resolvedAt ?? r.closedAt ?? null;
  const minutes = start ? Math.max(0, Math.floor(((end ?? now).getTime() - start.getTime()) / 60_000)) : null;
  const shown = new Map(r.systems.map((s) => [s.id, systemVisible(actor, s)]));
  // the accepted outage time and the plans are the system's continuity, shown as the continuity is
  const planShown = new Map(
    r.systems.map((s) => [s.id, viewOf(actor, 'continuity', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }) === 'full']),
  );
  const systems = [...accepted.entries()].map(([systemId, a]) => ({
    systemId,
    name: shown.get(systemId) ? a.systemName : null,
    critical: a.critical,
    acceptedOutageMinutes: planShown.get(systemId) ? a.acceptedOutageMinutes : null,
    exceeded: minutes !== null && a.acceptedOutageMinutes !== null && minutes > a.acceptedOutageMinutes,
    continuityPlanIds: planShown.get(systemId) ? a.continuityPlanIds : [],
  }));
  return {
    startedAt: iso(start),
    endedAt: iso(end),
    minutes,
    exceeded: systems.some((s) => s.exceeded),
    continuityActivatedAt: iso(r.continuityActivatedAt),
    systems,
  };
}

interface DetailParts {
  obligations: ObligationView[];
  entries: EntryRow[];
  measures: LinkedMeasure[];
  assets: { id: string; name: string; unitId: string; secret: boolean; systemIds: string[] }[];
  units: { id: string; name: string }[];
  suppliers: { id: string; name: string }[];
  accepted: Map<string, AcceptedOutage>;
}

export function presentIncident(actor: Actor, r: IncidentDetailRow, p: DetailParts): IncidentOut {
  const item = presentListItem(actor, r);
  const masked = item.masked;
  const shown = <T>(v: T): T | null => (masked ? null : v);
  const scope = incidentScope(r);
  const measureScope = (m: { unitId: string | null; systemId: string | null; secret: boolean }) => ({
    unitId: m.unitId,
    systemIds: m.systemId ? [m.systemId] : [],
    secret: m.secret,
  });
  const mayUpdate = can(actor, 'update', 'incident', scope);
  return {
    ...item,
    reportText: shown(r.reportText),
    category: r.categoryId ? { id: r.categoryId, name: r.categoryName } : null,
    occurredAt: iso(r.occurredAt),
    containedAt: iso(r.containedAt),
    resolvedAt: iso(r.resolvedAt),
    closedAt: iso(r.closedAt),
    outageStartedAt: iso(r.outageStartedAt),
    outageEndedAt: iso(r.outageEndedAt),
    reporter: r.reportedBy ? { id: r.reportedBy, displayName: r.reporterName ?? '' } : null,
    reporterSupplier: r.reporterSupplierId ? { id: r.reporterSupplierId, name: r.reporterSupplierName } : null,
    route: r.routeId ? { id: r.routeId, name: r.routeName ?? '', instructions: r.routeInstructions } : null,
    handler: r.handlerUserId ? { id: r.handlerUserId, displayName: r.handlerName ?? '' } : null,
    // what an incident affects is its content, as for risks: a masked viewer learns none of it
    systemIds: masked ? [] : r.systemIds,
    assetIds: masked ? [] : r.assetIds,
    unitIds: masked ? [] : r.unitIds,
    supplierIds: masked ? [] : r.supplierIds,
    assets: masked
      ? []
      : p.assets
          .filter((a) => viewOf(actor, 'information-asset', { unitId: a.unitId, systemIds: a.systemIds, secret: a.secret }) === 'full')
          .map((a) => ({ id: a.id, name: a.name })),
    units: masked ? [] : p.units,
    suppliers: masked ? [] : p.suppliers,
    personalDataNote: shown(r.personalDataNote),
    description: shown(r.description),
    consequences: shown(r.consequences),
    conclusions: shown(r.conclusions),
    lessons: shown(r.lessons),
    prevention: shown(r.prevention),
    handlingHours: shown(r.handlingHours === null ? null : Number(r.handlingHours)),
    handlingCostSek: shown(oreToSek(r.handlingCostOre)),
    costPayer: r.costPayer as IncidentOut['costPayer'],
    crisisAt: iso(r.crisisAt),
    crisisDecision: shown(r.crisisDecision),
    // the status line is written for the internal status page and never holds secret content (D1-40)
    publicStatus: r.publicStatus,
    onStatusPage: r.onStatusPage,
    faultLocationUnclear: r.faultLocationUnclear,
    escalatedAt: iso(r.escalatedAt),
    escalatedTo: r.escalatedTo,
    outage: masked ? { ...outageOf(actor, r, p.accepted), systems: [] } : outageOf(actor, r, p.accepted),
    // the clocks are shown to every reader; what was decided about them and why is content
    obligations: masked ? p.obligations.map(maskObligation) : p.obligations,
    entries: masked ? [] : p.entries.map(presentEntry),
    measures: p.measures
      .filter((m) => viewOf(actor, 'measure', measureScope(m)) !== null)
      .map((m) => ({
        id: m.id,
        title: viewOf(actor, 'measure', measureScope(m)) === 'full' ? m.title : null,
        status: m.status,
        dueOn: m.dueOn,
      })),
    can: {
      update: mayUpdate,
      addEntry: mayUpdate,
      createMeasure:
        !masked && can(actor, 'create', 'measure', { unitId: r.handlingUnitId, systemIds: r.systemIds.slice(0, 1), secret: r.secret }),
    },
  };
}

export function presentMine(r: IncidentDetailRow, entries: EntryRow[]): MineItem {
  return {
    id: r.id,
    number: r.number,
    reference: referenceOf(r),
    title: r.title,
    reportText: r.reportText,
    type: r.type as MineItem['type'],
    status: r.status as MineItem['status'],
    awareAt: r.awareAt.toISOString(),
    reportedAt: r.createdAt.toISOString(),
    faultLocationUnclear: r.faultLocationUnclear,
    route: r.routeId ? { name: r.routeName ?? '', instructions: r.routeInstructions } : null,
    entries: entries.map(presentEntry),
  };
}
