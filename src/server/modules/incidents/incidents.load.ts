import type { Tx } from '../../db/client.js';
import { can, type Actor } from '../../platform/access.js';
import type { Lang } from '../../platform/language.js';
import { notFound, Problem } from '../../platform/problems.js';
import { acceptedOutages } from '../continuity/outage.js';
import { obligationsOf } from '../incident-obligations/obligations.lifecycle.js';
import { incidentScope, presentIncident } from './incidents.presenter.js';
import * as repo from './incidents.repository.js';
import type { IncidentDetailRow } from './incidents.repository.js';
import type { IncidentOut } from './incidents.schemas.js';

// The incident with everything its page shows: clocks, timeline, measures, affected records, outage.
export async function detailOf(tx: Tx, actor: Actor, r: IncidentDetailRow, lang: Lang): Promise<IncidentOut> {
  const t = actor.tenantId;
  return presentIncident(actor, r, {
    obligations: await obligationsOf(tx, t, r.id, lang),
    entries: await repo.entriesOf(tx, t, r.id),
    measures: await repo.measuresOf(tx, t, r.id),
    assets: await repo.assetsByIds(tx, t, r.assetIds),
    units: await repo.namesByIds(tx, t, 'org_units', r.unitIds),
    suppliers: await repo.namesByIds(tx, t, 'suppliers', r.supplierIds),
    accepted: await acceptedOutages(tx, t, r.systemIds),
  });
}

// An incident the actor may read, else 404 (another tenant's, out of scope, or hidden as secret).
export async function readable(tx: Tx, actor: Actor, id: string): Promise<IncidentDetailRow> {
  const row = await repo.findIncident(tx, actor.tenantId, id);
  if (!row || !can(actor, 'read', 'incident', incidentScope(row))) throw notFound();
  return row;
}

// Lock, reach, then the version the client saw (a 412 never tells that an unreachable record exists).
export async function lockedForChange(tx: Tx, actor: Actor, id: string, expectedVersion: number): Promise<IncidentDetailRow> {
  const locked = await repo.lockIncident(tx, actor.tenantId, id);
  if (!locked) throw notFound();
  const row = await readable(tx, actor, id);
  if (locked.version !== expectedVersion) throw new Problem('precondition-failed');
  return row;
}

// What the audit trail keeps of an incident: its own columns, not the names joined for display.
export function auditView(r: IncidentDetailRow) {
  const {
    unitName: _u,
    systems: _s,
    nextDeadline: _n,
    categoryName: _c,
    reporterName: _r,
    handlerName: _h,
    reporterSupplierName: _rs,
    routeName: _rn,
    routeInstructions: _ri,
    ...record
  } = r;
  return record;
}
