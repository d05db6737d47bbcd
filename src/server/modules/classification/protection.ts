import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import type { Aspect } from '../../../shared/enums.js';
import { countingRaises, effectiveLevels, type Levels } from './classification.rules.js';

export type { Levels };

export interface SystemProtection {
  // max over the current classifications of the system's active information assets (0 when none)
  derived: Levels;
  // what the system classification raised, with the reason: only aspects raised above `derived` count
  raised: Partial<Record<Aspect, { level: number; reason: string }>>;
  // the protection level: never below `derived` (D1-23, domain.md "at least the maximum")
  effective: Levels;
  assetCount: number;
  classifiedAssetCount: number;
}

interface Row {
  system_id: string;
  k: number | null;
  r: number | null;
  t: number | null;
  s: number | null;
  raised: Partial<Record<Aspect, { level: number; reason: string }>> | null;
  asset_count: number;
  classified_count: number;
}

// The protection level of each system, computed from the data every time: a reclassified information
// asset moves its systems at once, and nothing stored can fall below the maximum.
export async function systemProtection(tx: Tx, tenantId: string, systemIds: readonly string[]): Promise<Map<string, SystemProtection>> {
  const out = new Map<string, SystemProtection>();
  if (systemIds.length === 0) return out;
  const ids = sql`array[${sql.join(
    systemIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const rows = await queryRows<Row>(
    tx,
    sql`select s.id as system_id,
          max(c.confidentiality)::int as k, max(c.integrity)::int as r, max(c.availability)::int as t, max(c.traceability)::int as s,
          (select sc.raised from system_classifications sc
            where sc.tenant_id = s.tenant_id and sc.system_id = s.id and sc.superseded_at is null) as raised,
          count(a.id)::int as asset_count, count(c.id)::int as classified_count
        from systems s
        left join information_asset_systems l on l.tenant_id = s.tenant_id and l.system_id = s.id
        left join information_assets a on a.tenant_id = l.tenant_id and a.id = l.asset_id and a.archived_at is null
        -- lateral with limit 1 (there is at most one current row) keeps the lookup an index probe per
        -- asset; as a plain join, without planner statistics (PGlite has no autovacuum) it scanned every
        -- current classification of the tenant for each asset: 12 ms instead of 1 ms at 10,000 assets
        left join lateral (select c.id, c.confidentiality, c.integrity, c.availability, c.traceability from asset_classifications c
          where c.tenant_id = a.tenant_id and c.asset_id = a.id and c.superseded_at is null limit 1) c on true
        where s.tenant_id = ${tenantId} and s.id = any(${ids})
        group by s.tenant_id, s.id`,
  );
  for (const row of rows) {
    const derived: Levels = { confidentiality: row.k ?? 0, integrity: row.r ?? 0, availability: row.t ?? 0, traceability: row.s ?? 0 };
    out.set(row.system_id, {
      derived,
      raised: countingRaises(derived, row.raised),
      effective: effectiveLevels(derived, row.raised),
      assetCount: row.asset_count,
      classifiedAssetCount: row.classified_count,
    });
  }
  return out;
}
