import type { Tx } from '../../db/client.js';
import { measureGoals, measureRisks, measures } from '../../db/schema/index.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import type { MeasureOrigin, MeasureStatus, Priority } from '../../../shared/enums.js';

// What another module knows when it turns a finding into a measure (a gap, a risk, later an incident
// or a supplier deficiency). The caller has checked access to its own record and runs this in the
// same transaction, so the finding and its measure are written together or not at all.
export interface MeasureSeed {
  title: string;
  description?: string | null;
  origin: MeasureOrigin;
  originId?: string | null;
  basis?: string | null;
  systemId?: string | null;
  unitId?: string | null;
  ownerUserId?: string | null;
  dueOn?: string | null;
  priority?: Priority;
  plannedCostOre?: number | null;
  actualCostOre?: number | null;
  status?: MeasureStatus;
  completedOn?: string | null;
  secret?: boolean;
  secrecyProvision?: string | null;
  riskIds?: readonly string[];
  goalIds?: readonly string[];
}

export async function insertMeasure(tx: Tx, ctx: RequestContext, seed: MeasureSeed): Promise<string> {
  const tenantId = ctx.actor.tenantId;
  const { riskIds: givenRisks = [], goalIds: givenGoals = [], ...values } = seed;
  // a repeated id would break the link table's key: each link once
  const riskIds = [...new Set(givenRisks)];
  const goalIds = [...new Set(givenGoals)];
  const [row] = await tx
    .insert(measures)
    .values({ ...values, tenantId })
    .returning({ id: measures.id });
  const id = row!.id;
  if (riskIds.length) await tx.insert(measureRisks).values(riskIds.map((riskId) => ({ tenantId, measureId: id, riskId })));
  if (goalIds.length) await tx.insert(measureGoals).values(goalIds.map((goalId) => ({ tenantId, measureId: id, goalId })));
  await recordAudit(tx, ctx, {
    action: 'measure.create',
    entityType: 'measure',
    entityId: id,
    // a secret-marked measure's content is hashed in the trail (the `secret` field marks it)
    after: { ...values, riskIds: [...riskIds], goalIds: [...goalIds] },
  });
  return id;
}
