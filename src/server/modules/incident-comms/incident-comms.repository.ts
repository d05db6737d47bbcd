import { and, asc, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  incidentCommunications,
  incidents,
  mailOutbox,
  orgUnits,
  suppliers,
  systems,
  systemStakeholders,
  tenants,
  users,
} from '../../db/schema/index.js';

export type StakeholderRow = typeof systemStakeholders.$inferSelect;

// --- systems and stakeholders

export async function findSystem(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ id: systems.id, name: systems.name, responsibleUnitId: systems.responsibleUnitId, secret: systems.secret })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), eq(systems.id, id)));
  return row ?? null;
}

export async function systemsByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: systems.id, name: systems.name, responsibleUnitId: systems.responsibleUnitId, secret: systems.secret })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), inArray(systems.id, [...ids])));
}

export async function stakeholdersOf(tx: Tx, tenantId: string, systemIds: readonly string[]): Promise<StakeholderRow[]> {
  if (systemIds.length === 0) return [];
  return tx
    .select()
    .from(systemStakeholders)
    .where(and(eq(systemStakeholders.tenantId, tenantId), inArray(systemStakeholders.systemId, [...systemIds])))
    .orderBy(asc(systemStakeholders.kind), sql`lower(${systemStakeholders.name})`, asc(systemStakeholders.id));
}

export async function findStakeholder(tx: Tx, tenantId: string, systemId: string, id: string): Promise<StakeholderRow | null> {
  const [row] = await tx
    .select()
    .from(systemStakeholders)
    .where(and(eq(systemStakeholders.tenantId, tenantId), eq(systemStakeholders.systemId, systemId), eq(systemStakeholders.id, id)));
  return row ?? null;
}

export async function insertStakeholder(
  tx: Tx,
  tenantId: string,
  v: { systemId: string; kind: string; unitId: string | null; supplierId: string | null; name: string; email: string | null },
): Promise<StakeholderRow> {
  const [row] = await tx
    .insert(systemStakeholders)
    .values({ ...v, tenantId })
    .returning();
  return row!;
}

export async function deleteStakeholder(tx: Tx, tenantId: string, id: string) {
  await tx.delete(systemStakeholders).where(and(eq(systemStakeholders.tenantId, tenantId), eq(systemStakeholders.id, id)));
}

export async function unitName(tx: Tx, tenantId: string, id: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id), isNull(orgUnits.archivedAt)));
  return row?.name ?? null;
}

export async function supplierName(tx: Tx, tenantId: string, id: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: suppliers.name })
    .from(suppliers)
    .where(and(eq(suppliers.tenantId, tenantId), eq(suppliers.id, id), isNull(suppliers.archivedAt)));
  return row?.name ?? null;
}

// --- incidents

const incidentColumns = {
  id: incidents.id,
  version: incidents.version,
  type: incidents.type,
  status: incidents.status,
  handlingUnitId: incidents.handlingUnitId,
  systemIds: incidents.systemIds,
  reporterSupplierId: incidents.reporterSupplierId,
  secret: incidents.secret,
  publicStatus: incidents.publicStatus,
  onStatusPage: incidents.onStatusPage,
  outageStartedAt: incidents.outageStartedAt,
  createdAt: incidents.createdAt,
  updatedAt: incidents.updatedAt,
};
export type IncidentRef = Awaited<ReturnType<typeof findIncident>> & {};

export async function findIncident(tx: Tx, tenantId: string, id: string, lock = false) {
  const q = tx
    .select(incidentColumns)
    .from(incidents)
    .where(and(eq(incidents.tenantId, tenantId), eq(incidents.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function setStatusPage(tx: Tx, tenantId: string, id: string, v: { onStatusPage: boolean; publicStatus: string | null }) {
  await tx
    .update(incidents)
    .set({ ...v, version: sql`${incidents.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(incidents.tenantId, tenantId), eq(incidents.id, id)));
}

// Ongoing: on the status page, not resolved or closed, and the outage (if one was recorded) not over.
export async function ongoingOnStatusPage(tx: Tx, tenantId: string) {
  return tx
    .select(incidentColumns)
    .from(incidents)
    .where(
      and(
        eq(incidents.tenantId, tenantId),
        eq(incidents.onStatusPage, true),
        notInArray(incidents.status, ['resolved', 'closed']),
        isNull(incidents.outageEndedAt),
      ),
    )
    .orderBy(desc(sql`coalesce(${incidents.outageStartedAt}, ${incidents.createdAt})`), asc(incidents.id))
    .limit(200);
}

// --- communications

export type Recipient = { stakeholderId: string | null; name: string; email: string; kind: string | null };

export async function insertCommunication(
  tx: Tx,
  v: { tenantId: string; incidentId: string; kind: string; message: string; recipients: Recipient[]; sentBy: string | null },
) {
  const [row] = await tx.insert(incidentCommunications).values(v).returning();
  return row!;
}

export async function communicationsOf(tx: Tx, tenantId: string, incidentId: string) {
  return tx
    .select({
      id: incidentCommunications.id,
      kind: incidentCommunications.kind,
      message: incidentCommunications.message,
      recipients: incidentCommunications.recipients,
      sentAt: incidentCommunications.sentAt,
      sentById: incidentCommunications.sentBy,
      sentByName: users.displayName,
    })
    .from(incidentCommunications)
    .leftJoin(users, eq(users.id, incidentCommunications.sentBy))
    .where(and(eq(incidentCommunications.tenantId, tenantId), eq(incidentCommunications.incidentId, incidentId)))
    .orderBy(desc(incidentCommunications.sentAt), desc(incidentCommunications.id));
}

export async function queueMail(tx: Tx, rows: { tenantId: string; toAddress: string; subject: string; body: string }[]) {
  if (rows.length) await tx.insert(mailOutbox).values(rows);
}

export async function tenantName(tx: Tx, tenantId: string): Promise<string> {
  const [row] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.name ?? '';
}
