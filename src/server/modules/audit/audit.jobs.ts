import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { archiveExpired, dailyCheckpoints } from './audit.retention.js';

const HOUR = 3_600_000;

// The trail's own upkeep: a checkpoint of every chain head once a day, and retention (archive, then
// remove). Hourly, so a restart never delays them by much; both are idempotent.
export function startAuditJobs(db: Db, opts: { archiveDir: string; log: FastifyBaseLogger; everyMs?: number }) {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= (async () => {
      try {
        const taken = await dailyCheckpoints(db);
        if (taken) opts.log.info({ checkpoints: taken }, 'audit checkpoints taken');
        const out = await archiveExpired(db, opts.archiveDir);
        for (const a of out.archived)
          opts.log.info({ tenantId: a.tenantId, from: a.fromSeq, to: a.toSeq, file: a.file }, 'audit events archived');
        for (const r of out.refused)
          opts.log.error({ tenantId: r.tenantId, brokenAt: r.brokenAt }, 'audit chain broken: retention refused');
      } catch (err) {
        opts.log.error({ err }, 'audit upkeep failed');
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(run, 10_000);
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
