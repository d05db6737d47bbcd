import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { requirementAssessments, requirements } from '../../db/schema/index.js';

export type RequirementRow = typeof requirements.$inferSelect;

export interface AssessmentRow {
  requirementId: string;
  version: number;
  status: string;
  notApplicableReason: string | null;
  deficiency: string | null;
  howMet: string | null;
  evidenceUrl: string | null;
  measureId: string | null;
  measureTitle: string | null;
  measureStatus: string | null;
  // what the measure's own access needs: it can be secret when the system is not (D1-68)
  measureSecret: boolean | null;
  measureUnitId: string | null;
  measureSystemId: string | null;
  measureArchived: boolean | null;
  assessedBy: string | null;
  assessedByName: string | null;
  assessedAt: string;
}

export const activeRequirements = (tx: Tx, tenantId: string): Promise<RequirementRow[]> =>
  tx
    .select()
    .from(requirements)
    .where(and(eq(requirements.tenantId, tenantId), isNull(requirements.archivedAt)))
    .orderBy(sql`lower(${requirements.code})`);

export async function findRequirement(tx: Tx, tenantId: string, id: string): Promise<RequirementRow | null> {
  const rows = await tx
    .select()
    .from(requirements)
    .where(and(eq(requirements.tenantId, tenantId), eq(requirements.id, id)));
  return rows[0] ?? null;
}

// `requirementId` narrows to one row and locks it for the change that follows.
export async function assessmentsOf(tx: Tx, tenantId: string, systemId: string, requirementId?: string): Promise<AssessmentRow[]> {
  return queryRows<AssessmentRow>(
    tx,
    sql`select a.requirement_id as "requirementId", a.version, a.status, a.not_applicable_reason as "notApplicableReason",
          a.deficiency, a.how_met as "howMet", a.evidence_url as "evidenceUrl", a.measure_id as "measureId",
          m.title as "measureTitle", m.status as "measureStatus", m.secret as "measureSecret",
          m.unit_id as "measureUnitId", m.system_id as "measureSystemId", m.archived_at is not null as "measureArchived", a.assessed_by as "assessedBy",
          u.display_name as "assessedByName", to_json(a.assessed_at) #>> '{}' as "assessedAt"
        from requirement_assessments a
        left join measures m on m.tenant_id = a.tenant_id and m.id = a.measure_id
        left join users u on u.id = a.assessed_by
        where a.tenant_id = ${tenantId} and a.system_id = ${systemId}
          ${requirementId ? sql`and a.requirement_id = ${requirementId} for update of a` : sql``}`,
  );
}

export interface AssessmentValues {
  status: string;
  notApplicableReason: string | null;
  deficiency: string | null;
  howMet: string | null;
  evidenceUrl: string | null;
  measureId: string | null;
  assessedBy: string;
}

export async function upsertAssessment(tx: Tx, tenantId: string, systemId: string, requirementId: string, v: AssessmentValues) {
  await tx
    .insert(requirementAssessments)
    .values({ tenantId, systemId, requirementId, ...v })
    .onConflictDoUpdate({
      target: [requirementAssessments.tenantId, requirementAssessments.systemId, requirementAssessments.requirementId],
      set: { ...v, version: sql`${requirementAssessments.version} + 1`, assessedAt: sql`now()` },
    });
}
