import type { Resource } from '../../platform/access.js';
import type { SubjectAccess } from '../../platform/notify/subjects.js';
import { scopesOf } from './deadlines.repository.js';

const fromTable =
  (table: Parameters<typeof scopesOf>[2], resource: Resource): SubjectAccess =>
  async (tx, tenantId, ids) => {
    const rows = await scopesOf(tx, tenantId, table, ids);
    return new Map(
      rows.map((r) => [
        r.id,
        { resource, scope: { unitId: r.unit_id, systemIds: r.system_ids ?? [], supplierId: r.supplier_id ?? null, secret: r.secret } },
      ]),
    );
  };

// The subjects of the reminders this module sends, and incidents (secret-marked by default: without a
// resolver every incident notification would show masked). The registry is deadline-sources.ts.
export const builtInSubjects: Record<string, SubjectAccess> = {
  incident: fromTable('incidents', 'incident'),
  measure: fromTable('measures', 'measure'),
  'information-asset': fromTable('information_assets', 'information-asset'),
  'risk-analysis': fromTable('risk_analyses', 'risk'),
};
