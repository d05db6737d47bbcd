import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { HOUR, startPeriodic, type Periodic } from '../../platform/periodic.js';
import { archiveExpired, dailyCheckpoints } from './audit.retention.js';

// The trail's own upkeep: a checkpoint of every chain head once a day, and retention (archive, then
// remove). Hourly, so a restart never delays them by much; both are idempotent.
export function startAuditJobs(db: Db, opts: { archiveDir: string; log: FastifyBaseLogger; everyMs?: number }): Periodic {
  return startPeriodic(
    async () => {
      const taken = await dailyCheckpoints(db);
      if (taken) opts.log.info({ checkpoints: taken }, 'audit checkpoints taken');
      const out = await archiveExpired(db, opts.archiveDir);
      for (const a of out.archived)
        opts.log.info({ tenantId: a.tenantId, from: a.fromSeq, to: a.toSeq, file: a.file }, 'audit events archived');
      for (const r of out.refused) opts.log.error({ tenantId: r.tenantId, brokenAt: r.brokenAt }, 'audit chain broken: retention refused');
    },
    { firstAfterMs: 10_000, everyMs: opts.everyMs ?? HOUR, onError: (err) => opts.log.error({ err }, 'audit upkeep failed') },
  );
}
