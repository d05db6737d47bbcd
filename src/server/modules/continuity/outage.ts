import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { continuityDocuments, systemContinuity, systems } from '../../db/schema/index.js';

export type AcceptedOutage = {
  systemName: string;
  critical: boolean;
  acceptedOutageMinutes: number | null;
  // the documents to follow during an outage: continuity plans and reserve routines (not archived)
  continuityPlanIds: string[];
};

// For an open incident: how long each affected system may be down (D1-26) and which plans apply.
// No access check here; the caller has already decided the actor may see the incident's systems.
export async function acceptedOutages(tx: Tx, tenantId: string, systemIds: readonly string[]): Promise<Map<string, AcceptedOutage>> {
  const result = new Map<string, AcceptedOutage>();
  if (systemIds.length === 0) return result;
  const ids = [...new Set(systemIds)];
  const rows = await tx
    .select({
      id: systems.id,
      name: systems.name,
      critical: systems.critical,
      minutes: systemContinuity.acceptedOutageMinutes,
    })
    .from(systems)
    .leftJoin(systemContinuity, and(eq(systemContinuity.tenantId, systems.tenantId), eq(systemContinuity.systemId, systems.id)))
    .where(and(eq(systems.tenantId, tenantId), inArray(systems.id, ids)));
  for (const r of rows) {
    result.set(r.id, { systemName: r.name, critical: r.critical, acceptedOutageMinutes: r.minutes ?? null, continuityPlanIds: [] });
  }
  if (result.size === 0) return result;
  const docs = await tx
    .select({ id: continuityDocuments.id, systemId: continuityDocuments.systemId })
    .from(continuityDocuments)
    .where(
      and(
        eq(continuityDocuments.tenantId, tenantId),
        inArray(continuityDocuments.systemId, [...result.keys()]),
        inArray(continuityDocuments.kind, ['continuity_plan', 'reserve_routine']),
        isNull(continuityDocuments.archivedAt),
      ),
    )
    .orderBy(sql`${continuityDocuments.kind}`, continuityDocuments.title);
  for (const d of docs) if (d.systemId) result.get(d.systemId)?.continuityPlanIds.push(d.id);
  return result;
}
