import type { Tx } from '../../db/client.js';
import { can, viewOf, type Action, type Actor, type ObjectScope } from '../../platform/access.js';
import { stockholmToday } from '../../platform/calendar.js';
import { suppliersByIds, systemsByIds, type SystemRef } from '../continuity/continuity.repository.js';
import { userNames } from '../credentials/credentials.repository.js';
import * as repo from './recertifications.repository.js';
import type { CampaignOut, ItemOut } from './recertifications.schemas.js';

export const campaignScope = (c: repo.CampaignRow, system: SystemRef | undefined): ObjectScope => ({
  systemIds: [c.systemId],
  unitId: system?.unitId ?? null,
});

// An item sits in the campaign's system, with the person's unit (else the system's) and supplier.
export const itemScope = (c: repo.CampaignRow, system: SystemRef | undefined, i: repo.ItemRow): ObjectScope => ({
  systemIds: [c.systemId],
  unitId: i.unitId ?? system?.unitId ?? null,
  supplierId: i.supplierId,
});

// The actor's municipal grants alone: a supplier grant never reaches past its own staff's items.
const municipal = (actor: Actor): Actor => ({ ...actor, grants: actor.grants.filter((g) => g.scope.type !== 'supplier') });

export const reachesCampaign = (actor: Actor, action: Action, c: repo.CampaignRow, system: SystemRef | undefined) =>
  can(municipal(actor), action, 'recertification', campaignScope(c, system));

// D0-15, D3-36: who may confirm or remove this account now. A supplier decides only its own staff's
// items assigned to the supplier; the municipality's reviewers decide any item in their scope.
export function canDecide(actor: Actor, c: repo.CampaignRow, system: SystemRef | undefined, i: repo.ItemRow): boolean {
  if (c.status !== 'open' || i.decision === 'remove') return false;
  const scope = itemScope(c, system, i);
  if (can(municipal(actor), 'update', 'recertification', scope)) return true;
  return i.reviewer === 'supplier' && can(actor, 'update', 'recertification', scope);
}

export interface CampaignContext {
  systems: Map<string, SystemRef>;
  items: repo.ItemRow[];
}

export async function contextFor(tx: Tx, tenantId: string, campaigns: readonly repo.CampaignRow[]): Promise<CampaignContext> {
  const systems = await systemsByIds(tx, tenantId, [...new Set(campaigns.map((c) => c.systemId))]);
  return {
    systems: new Map(systems.map((s) => [s.id, s])),
    items: await repo.itemsOf(
      tx,
      tenantId,
      campaigns.map((c) => c.id),
    ),
  };
}

// The items of a campaign this actor may see: all of them through the system, else those it reaches.
export function visibleItems(actor: Actor, c: repo.CampaignRow, ctx: CampaignContext): repo.ItemRow[] {
  const system = ctx.systems.get(c.systemId);
  const own = ctx.items.filter((i) => i.campaignId === c.id);
  if (reachesCampaign(actor, 'read', c, system)) return own;
  return own.filter((i) => can(actor, 'read', 'recertification', itemScope(c, system, i)));
}

export function presentCampaign(actor: Actor, c: repo.CampaignRow, ctx: CampaignContext): CampaignOut {
  const system = ctx.systems.get(c.systemId);
  const items = visibleItems(actor, c, ctx);
  const decided = items.filter((i) => i.decision !== null);
  // the name of a system that is not secret-marked goes with the record (a supplier reviewing its own
  // staff may not read the system register); a secret one's only to those who see it in full
  const systemName =
    system && (!system.secret || viewOf(actor, 'system', { unitId: system.unitId, systemIds: [system.id], secret: true }) === 'full')
      ? system.name
      : null;
  return {
    id: c.id,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    archived: false,
    allowedActions: reachesCampaign(actor, 'update', c, system) ? ['read', 'update'] : ['read'],
    systemId: c.systemId,
    systemName,
    title: c.title,
    dueOn: c.dueOn,
    status: c.status as CampaignOut['status'],
    closedAt: c.closedAt?.toISOString() ?? null,
    overdue: c.status === 'open' && c.dueOn < stockholmToday(),
    progress: {
      total: items.length,
      decided: decided.length,
      kept: decided.filter((i) => i.decision === 'keep').length,
      removed: decided.filter((i) => i.decision === 'remove').length,
      open: items.length - decided.length,
    },
  };
}

export async function presentItems(
  tx: Tx,
  actor: Actor,
  c: repo.CampaignRow,
  system: SystemRef | undefined,
  items: readonly repo.ItemRow[],
): Promise<ItemOut[]> {
  const ids = (f: (i: repo.ItemRow) => string | null) => [...new Set(items.map(f).filter((x): x is string => !!x))];
  const suppliers = new Map(
    (
      await suppliersByIds(
        tx,
        actor.tenantId,
        ids((i) => i.supplierId),
      )
    ).map((s) => [s.id, s.name]),
  );
  const users = await userNames(
    tx,
    ids((i) => i.decidedBy),
  );
  const orders = await repo.ordersByIds(
    tx,
    actor.tenantId,
    ids((i) => i.terminationOrderId),
  );
  return items.map((i) => ({
    id: i.id,
    version: i.version,
    campaignId: i.campaignId,
    accountName: i.accountName,
    personName: i.personName,
    permissions: i.permissions,
    supplier: i.supplierId ? { id: i.supplierId, name: suppliers.get(i.supplierId) ?? null } : null,
    unitId: i.unitId,
    reviewer: i.reviewer as ItemOut['reviewer'],
    decision: i.decision as ItemOut['decision'],
    decisionNote: i.decisionNote,
    decidedBy: i.decidedBy ? { id: i.decidedBy, name: users.get(i.decidedBy) ?? null } : null,
    decidedAt: i.decidedAt?.toISOString() ?? null,
    terminationOrder: i.terminationOrderId ? { id: i.terminationOrderId, number: orders.get(i.terminationOrderId) ?? '' } : null,
    canDecide: canDecide(actor, c, system, i),
  }));
}
