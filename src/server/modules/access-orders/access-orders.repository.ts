import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { accessOrders } from '../../db/schema/index.js';
import { readClauses, type Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, type SortColumn } from '../../platform/keyset.js';
import { uuidArray } from '../continuity/continuity.repository.js';
import type { AccessOrderListQuery, accessOrderSorts } from './access-orders.schemas.js';

type AccessOrderSort = (typeof accessOrderSorts)[number];

export interface AccessOrderRow {
  id: string;
  version: number;
  number: string;
  type: string;
  status: string;
  priority: string;
  systemId: string;
  systemName: string;
  systemUnitId: string;
  systemSecret: boolean;
  supplierId: string | null;
  supplierName: string | null;
  unitId: string | null;
  personName: string;
  personEmail: string | null;
  personnummerMasked: string | null;
  hasPersonnummer: boolean;
  permissions: string | null;
  justification: string | null;
  startDate: string;
  submittedAt: Date;
  submittedBy: string | null;
  submittedByName: string | null;
  ordererId: string | null;
  ordererName: string | null;
  late: boolean;
  lateReason: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
  executedAt: Date | null;
  executedBy: string | null;
  executedByName: string | null;
  escalatedAt: Date | null;
  trainingDoneOn: string | null;
  secrecyReminderSignedOn: string | null;
  informedOfRegistrationOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  sortKey?: string;
}

// The columns every view of an order needs, with the names of the system, supplier and people.
const select = sql`select o.id, o.version, o.number, o.type, o.status, o.priority, o.system_id as "systemId", s.name as "systemName",
    s.responsible_unit_id as "systemUnitId", s.secret as "systemSecret", o.supplier_id as "supplierId", sup.name as "supplierName",
    o.unit_id as "unitId", o.person_name as "personName", o.person_email as "personEmail",
    o.personnummer_masked as "personnummerMasked", o.personnummer_sealed is not null as "hasPersonnummer",
    o.permissions, o.justification, o.start_date::text as "startDate", o.submitted_at as "submittedAt",
    o.submitted_by as "submittedBy", ub.display_name as "submittedByName", o.orderer_id as "ordererId", sp.name as "ordererName",
    o.late, o.late_reason as "lateReason", o.decided_at as "decidedAt", o.decided_by as "decidedBy", ud.display_name as "decidedByName",
    o.decision_note as "decisionNote", o.executed_at as "executedAt", o.executed_by as "executedBy", ue.display_name as "executedByName",
    o.escalated_at as "escalatedAt", o.training_done_on::text as "trainingDoneOn",
    o.secrecy_reminder_signed_on::text as "secrecyReminderSignedOn", o.informed_of_registration_on::text as "informedOfRegistrationOn",
    o.created_at as "createdAt", o.updated_at as "updatedAt"`;
const from = sql`from access_orders o
    join systems s on s.tenant_id = o.tenant_id and s.id = o.system_id
    left join suppliers sup on sup.tenant_id = o.tenant_id and sup.id = o.supplier_id
    left join supplier_people sp on sp.tenant_id = o.tenant_id and sp.id = o.orderer_id
    left join users ub on ub.id = o.submitted_by
    left join users ud on ud.id = o.decided_by
    left join users ue on ue.id = o.executed_by`;

// pg returns timestamps as Date through drizzle's typed queries but as strings through raw SQL on
// some drivers: normalise once here.
const toDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
function normalise(r: AccessOrderRow): AccessOrderRow {
  return {
    ...r,
    submittedAt: toDate(r.submittedAt)!,
    decidedAt: toDate(r.decidedAt),
    executedAt: toDate(r.executedAt),
    escalatedAt: toDate(r.escalatedAt),
    createdAt: toDate(r.createdAt)!,
    updatedAt: toDate(r.updatedAt)!,
  };
}

export async function findOrder(tx: Tx, tenantId: string, id: string): Promise<AccessOrderRow | null> {
  const rows = await queryRows<AccessOrderRow>(tx, sql`${select} ${from} where o.tenant_id = ${tenantId} and o.id = ${id}`);
  return rows[0] ? normalise(rows[0]) : null;
}

export async function lockOrder(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: accessOrders.version })
    .from(accessOrders)
    .where(and(eq(accessOrders.tenantId, tenantId), eq(accessOrders.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateOrder(tx: Tx, tenantId: string, id: string, values: Partial<typeof accessOrders.$inferInsert>) {
  await tx
    .update(accessOrders)
    .set({ ...values, version: sql`${accessOrders.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(accessOrders.tenantId, tenantId), eq(accessOrders.id, id)));
}

export async function sealedPersonnummer(tx: Tx, tenantId: string, id: string): Promise<string | null> {
  const rows = await tx
    .select({ sealed: accessOrders.personnummerSealed })
    .from(accessOrders)
    .where(and(eq(accessOrders.tenantId, tenantId), eq(accessOrders.id, id)));
  return rows[0]?.sealed ?? null;
}

// The order's place for scope checks: the unit stored on it (the system's unit by default).
const unitExpr = sql`coalesce(o.unit_id, s.responsible_unit_id)`;

// The list filter matching the service's reach (unit, systems or supplier scope).
export function reachWhere(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const c of readClauses(actor, 'access-order')) {
    if (c.all) parts.push(sql`true`);
    if (c.unitIds.length) parts.push(sql`${unitExpr} = any(${uuidArray(c.unitIds)})`);
    if (c.systemIds.length) parts.push(sql`o.system_id = any(${uuidArray(c.systemIds)})`);
    if (c.supplierIds.length) parts.push(sql`o.supplier_id = any(${uuidArray(c.supplierIds)})`);
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

const sortColumns: Record<AccessOrderSort, SortColumn> = {
  submittedAt: { expr: sql`o.submitted_at`, cast: 'timestamptz' },
  startDate: { expr: sql`o.start_date::text`, cast: 'text' },
  number: { expr: sql`o.number`, cast: 'text' },
};

export async function listOrders(
  tx: Tx,
  actor: Actor,
  q: AccessOrderListQuery,
  sort: SortSpec<AccessOrderSort>,
  cursor: Cursor | null,
  limit: number,
): Promise<(AccessOrderRow & { sortKey: string })[]> {
  const where: SQL[] = [sql`o.tenant_id = ${actor.tenantId}`, reachWhere(actor)];
  if (q.status) where.push(sql`o.status = ${q.status}`);
  if (q.type) where.push(sql`o.type = ${q.type}`);
  if (q.supplierId) where.push(sql`o.supplier_id = ${q.supplierId}`);
  if (q.systemId) where.push(sql`o.system_id = ${q.systemId}`);
  if (q.open === true) where.push(sql`o.status in ('submitted', 'approved')`);
  if (q.open === false) where.push(sql`o.status not in ('submitted', 'approved')`);
  const col = sortColumns[sort.key];
  const after = keysetWhere(col, sql`o.id`, sort.desc, cursor);
  if (after) where.push(after);
  const rows = await queryRows<AccessOrderRow & { sortKey: string }>(
    tx,
    sql`${select}, ${cursorValue(col)} as "sortKey" ${from} where ${sql.join(where, sql` and `)}
      order by ${keysetOrder(col, sql`o.id`, sort.desc)} limit ${limit + 1}`,
  );
  return rows.map((r) => ({ ...normalise(r), sortKey: r.sortKey }));
}

// D0-11: the actor's entries on the supplier's list of authorised orderers.
export async function ordererEntries(tx: Tx, tenantId: string, supplierId: string, userId: string) {
  return queryRows<{ id: string; validFrom: string | null; validTo: string | null; archived: boolean }>(
    tx,
    sql`select id, valid_from::text as "validFrom", valid_to::text as "validTo", archived_at is not null as archived
      from supplier_people where tenant_id = ${tenantId} and supplier_id = ${supplierId} and user_id = ${userId}
      and kind = 'authorised_orderer' order by created_at`,
  );
}

// D3-26: whether the supplier administers its own users in the system.
export async function administersOwnUsers(tx: Tx, tenantId: string, supplierId: string, systemId: string): Promise<boolean> {
  const rows = await queryRows<{ own: boolean }>(
    tx,
    sql`select administers_own_users as own from supplier_systems
      where tenant_id = ${tenantId} and supplier_id = ${supplierId} and system_id = ${systemId}`,
  );
  return rows[0]?.own ?? false;
}
