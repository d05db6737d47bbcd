// In-process upkeep that runs every so often (audit checkpoints and retention, yearly risk snapshots).
// One run at a time per process: a run still going when the next tick comes is not started twice. The
// work itself must be idempotent and take its own advisory lock, since several instances may run it.
export interface Periodic {
  stop(): Promise<void>;
}

export const HOUR = 3_600_000;

export function startPeriodic(
  work: () => Promise<void>,
  opts: { firstAfterMs: number; everyMs: number; onError: (err: unknown) => void },
): Periodic {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= work()
      .catch(opts.onError)
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, opts.firstAfterMs);
  const timer = setInterval(run, opts.everyMs);
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
