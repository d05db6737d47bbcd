import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { takeYearlySnapshots } from './risk-snapshots.service.js';

const HOUR = 3_600_000;

// Hourly like the audit upkeep, so a restart in January never skips the yearly snapshot; the work
// itself is idempotent and does nothing outside January.
export function startRiskJobs(db: Db, opts: { log: FastifyBaseLogger; everyMs?: number }) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= (async () => {
      try {
        const taken = await takeYearlySnapshots(db, new Date(), {
          onError: (tenantId, err) => opts.log.error({ err, tenantId }, 'yearly risk snapshot failed for a tenant'),
        });
        if (taken) opts.log.info({ snapshots: taken }, 'yearly risk snapshots taken');
      } catch (err) {
        opts.log.error({ err }, 'yearly risk snapshots failed');
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(run, 15_000);
  const timer = setInterval(run, opts.everyMs ?? HOUR);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
