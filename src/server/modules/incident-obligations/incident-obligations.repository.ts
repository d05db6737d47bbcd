import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { incidentEntries, incidentObligations, incidents, reportingRegimes } from '../../db/schema/index.js';
import type { RegimeDeadline } from '../../../shared/incident-clocks.js';

export type RegimeRow = typeof reportingRegimes.$inferSelect & { deadline: RegimeDeadline; fields: RegimeFieldRow[] };
export type RegimeFieldRow = { key: string; sv: string; en: string };
export type ObligationRow = typeof incidentObligations.$inferSelect & { draft: Record<string, string> };

// The incident as the obligations need it: its clock, its reach (scope, secrecy) and what a reminder names.
export async function incidentFacts(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({
      id: incidents.id,
      number: incidents.number,
      title: incidents.title,
      awareAt: incidents.awareAt,
      occurredAt: incidents.occurredAt,
      createdAt: incidents.createdAt,
      status: incidents.status,
      type: incidents.type,
      severity: incidents.severity,
      description: incidents.description,
      consequences: incidents.consequences,
      personalData: incidents.personalData,
      handlingUnitId: incidents.handlingUnitId,
      handlerUserId: incidents.handlerUserId,
      routeId: incidents.routeId,
      systemIds: incidents.systemIds,
      unitIds: incidents.unitIds,
      reporterSupplierId: incidents.reporterSupplierId,
      reportedBy: incidents.reportedBy,
      secret: incidents.secret,
    })
    .from(incidents)
    .where(and(eq(incidents.tenantId, tenantId), eq(incidents.id, id)));
  return row ?? null;
}
export type IncidentFacts = NonNullable<Awaited<ReturnType<typeof incidentFacts>>>;

// Shipped versions (no tenant) and the tenant's own, oldest first.
export async function regimeVersions(tx: Tx, tenantId: string): Promise<RegimeRow[]> {
  const rows = await tx
    .select()
    .from(reportingRegimes)
    .where(or(isNull(reportingRegimes.tenantId), eq(reportingRegimes.tenantId, tenantId)))
    .orderBy(asc(reportingRegimes.code), asc(reportingRegimes.validFrom), asc(reportingRegimes.version));
  return rows as RegimeRow[];
}

export async function regimesByIds(tx: Tx, ids: readonly string[]): Promise<Map<string, RegimeRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(reportingRegimes)
    .where(inArray(reportingRegimes.id, [...new Set(ids)]));
  return new Map((rows as RegimeRow[]).map((r) => [r.id, r]));
}

export async function nextRegimeVersion(tx: Tx, tenantId: string, code: string): Promise<number> {
  // shipped and own versions share one number line per code, so "version 3" names one thing
  const [row] = await tx
    .select({ max: sql<number | null>`max(${reportingRegimes.version})` })
    .from(reportingRegimes)
    .where(and(eq(reportingRegimes.code, code), or(isNull(reportingRegimes.tenantId), eq(reportingRegimes.tenantId, tenantId))));
  return Number(row?.max ?? 0) + 1;
}

export async function insertRegime(tx: Tx, values: typeof reportingRegimes.$inferInsert): Promise<RegimeRow> {
  const [row] = await tx.insert(reportingRegimes).values(values).returning();
  return row as RegimeRow;
}

export async function obligationsOfIncident(tx: Tx, tenantId: string, incidentId: string): Promise<ObligationRow[]> {
  const rows = await tx
    .select()
    .from(incidentObligations)
    .where(and(eq(incidentObligations.tenantId, tenantId), eq(incidentObligations.incidentId, incidentId)));
  return rows as ObligationRow[];
}

export async function obligationById(tx: Tx, tenantId: string, id: string): Promise<ObligationRow | null> {
  const [row] = await tx
    .select()
    .from(incidentObligations)
    .where(and(eq(incidentObligations.tenantId, tenantId), eq(incidentObligations.id, id)));
  return (row as ObligationRow | undefined) ?? null;
}

export async function lockObligation(tx: Tx, tenantId: string, incidentId: string, code: string): Promise<ObligationRow | null> {
  const [row] = await tx
    .select()
    .from(incidentObligations)
    .where(
      and(eq(incidentObligations.tenantId, tenantId), eq(incidentObligations.incidentId, incidentId), eq(incidentObligations.code, code)),
    )
    .for('update');
  return (row as ObligationRow | undefined) ?? null;
}

export async function insertObligations(tx: Tx, values: (typeof incidentObligations.$inferInsert)[]): Promise<ObligationRow[]> {
  if (values.length === 0) return [];
  // a second call for the same incident (a retried create) keeps what is there
  const rows = await tx.insert(incidentObligations).values(values).onConflictDoNothing().returning();
  return rows as ObligationRow[];
}

export async function updateObligation(
  tx: Tx,
  tenantId: string,
  id: string,
  set: Partial<typeof incidentObligations.$inferInsert>,
): Promise<ObligationRow> {
  const [row] = await tx
    .update(incidentObligations)
    .set({ ...set, version: sql`${incidentObligations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(incidentObligations.tenantId, tenantId), eq(incidentObligations.id, id)))
    .returning();
  return row as ObligationRow;
}

export async function addSystemEntry(tx: Tx, tenantId: string, incidentId: string, text: string, authorId: string | null) {
  await tx.insert(incidentEntries).values({ tenantId, incidentId, kind: 'system', text, party: 'municipality', authorId });
}

// Open clocks (to assess or to submit) of the tenant's incidents, for the calendar feed.
export async function openObligations(tx: Tx, tenantId: string) {
  return tx
    .select({
      id: incidentObligations.id,
      code: incidentObligations.code,
      dueAt: incidentObligations.dueAt,
      regimeId: incidentObligations.regimeId,
      incidentId: incidents.id,
      number: incidents.number,
      title: incidents.title,
      createdAt: incidents.createdAt,
      secret: incidents.secret,
      handlingUnitId: incidents.handlingUnitId,
      systemIds: incidents.systemIds,
      unitIds: incidents.unitIds,
      reporterSupplierId: incidents.reporterSupplierId,
      reportedBy: incidents.reportedBy,
      handlerUserId: incidents.handlerUserId,
    })
    .from(incidentObligations)
    .innerJoin(incidents, and(eq(incidents.tenantId, incidentObligations.tenantId), eq(incidents.id, incidentObligations.incidentId)))
    .where(
      and(
        eq(incidentObligations.tenantId, tenantId),
        isNull(incidentObligations.submittedAt),
        inArray(incidentObligations.applies, ['yes', 'unassessed']),
      ),
    );
}
