import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { HOUR, startPeriodic, type Periodic } from '../../platform/periodic.js';
import { takeYearlySnapshots } from './risk-snapshots.service.js';

// Hourly like the audit upkeep, so a restart in January never skips the yearly snapshot; the work
// itself is idempotent and does nothing outside January.
export function startRiskJobs(db: Db, opts: { log: FastifyBaseLogger; everyMs?: number }): Periodic {
  return startPeriodic(
    async () => {
      const taken = await takeYearlySnapshots(db, new Date(), {
        onError: (tenantId, err) => opts.log.error({ err, tenantId }, 'yearly risk snapshot failed for a tenant'),
      });
      if (taken) opts.log.info({ snapshots: taken }, 'yearly risk snapshots taken');
    },
    { firstAfterMs: 15_000, everyMs: opts.everyMs ?? HOUR, onError: (err) => opts.log.error({ err }, 'yearly risk snapshots failed') },
  );
}
