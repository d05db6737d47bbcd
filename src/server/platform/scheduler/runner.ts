import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { stockholmToday } from '../calendar.js';
import type { Mailer } from '../mail/mailer.js';
import { sendPendingMail } from '../notify/mail-sender.js';
import { startPeriodic, type Periodic } from '../periodic.js';
import type { ClaimedJob, JobHandlers } from './jobs.js';
import { retryDelayMs, safeError, stockholmMoment } from './runner-util.js';

// The runner behind scheduleJob: every instance ticks, and the table decides who runs what.
//
// A job is claimed by one short UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) that marks it
// `running` with a claim token and a lease (locked_until); a second instance skips rows the first has
// locked and no longer sees them as pending once the claim commits. The handler then runs in the job's
// tenant (withTenant) and the same transaction marks the job done, but only while the claim token is
// still ours: a run that outlived its lease and was reclaimed rolls back instead of committing twice.
// docs/decisions/0007-scheduler-and-notifications.md has the whole argument.

export const MAX_JOB_ATTEMPTS = 5;
// Far longer than any handler should take; a job still `running` after it belonged to an instance
// that died and is taken over.
export const JOB_LEASE_MS = 5 * 60_000;

export interface RunOptions {
  // base of links in mails
  publicUrl: string;
  // names this process in locked_by (host and pid by default, see instanceName)
  instanceId: string;
  // the clock the due check uses; tests pass a moment in the future. Default: the database's clock.
  now?: Date;
  // jobs per call
  limit?: number;
  // tests only: keep to these tenants, so one test file does not run another's jobs
  tenantIds?: readonly string[];
}

export const instanceName = () => `${hostname()}:${process.pid}`;

const at = (now: Date | undefined): SQL => (now ? sql`${now.toISOString()}::timestamptz` : sql`now()`);
const uuids = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
const inTenants = (ids: readonly string[] | undefined): SQL => (ids ? sql`and tenant_id = any(${uuids(ids)})` : sql``);

interface JobRow {
  id: string;
  tenant_id: string;
  kind: string;
  key: string;
  due_at: string | Date;
  payload: Record<string, unknown> | string | null;
  attempts: number;
}

function toJob(r: JobRow): ClaimedJob {
  const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : (r.payload ?? {});
  return { id: r.id, tenantId: r.tenant_id, kind: r.kind, key: r.key, dueAt: new Date(r.due_at), payload };
}

// One claim: due pending jobs whose retry pause is over, and running jobs whose lease ran out.
async function claim(db: Db, token: string, opts: RunOptions, limit: number): Promise<(ClaimedJob & { attempts: number })[]> {
  const now = at(opts.now);
  const rows = await queryRows<JobRow>(
    db,
    sql`update scheduled_jobs set status = 'running', locked_by = ${token},
          locked_until = ${now} + make_interval(secs => ${JOB_LEASE_MS / 1000})
        where id in (
          select id from scheduled_jobs
          where ((status = 'pending' and due_at <= ${now} and (locked_until is null or locked_until <= ${now}))
              or (status = 'running' and locked_until < ${now}))
            ${inTenants(opts.tenantIds)}
          order by due_at
          limit ${limit}
          for update skip locked)
        returning id, tenant_id, kind, key, due_at, payload, attempts`,
  );
  return rows.map((r) => ({ ...toJob(r), attempts: r.attempts }));
}

class LeaseLost extends Error {
  constructor() {
    super('the job was taken over by another instance after its lease ran out');
  }
}

// A failed run counts an attempt and waits before the next; after MAX_JOB_ATTEMPTS it stays `failed`
// with the reason for an operator to read. The claim token guards against touching a reclaimed job.
async function recordFailure(
  db: Db,
  job: ClaimedJob & { attempts: number },
  token: string,
  error: string,
  opts: RunOptions,
  final: boolean,
) {
  const attempts = job.attempts + 1;
  const failed = final || attempts >= MAX_JOB_ATTEMPTS;
  const wait = retryDelayMs(attempts);
  await db.execute(
    sql`update scheduled_jobs set attempts = ${attempts}, last_error = ${error},
          status = ${failed ? 'failed' : 'pending'}, locked_by = null,
          locked_until = ${failed ? sql`null` : sql`${at(opts.now)} + make_interval(secs => ${wait / 1000})`}
        where id = ${job.id} and locked_by = ${token}`,
  );
}

export async function runDueJobs(db: Db, handlers: JobHandlers, opts: RunOptions & { log?: FastifyBaseLogger }): Promise<number> {
  const limit = opts.limit ?? 50;
  // A fresh token per claim: a job this same process claimed before and lost must not look like ours.
  const token = `${opts.instanceId}#${randomBytes(4).toString('hex')}`;
  const jobs = await claim(db, token, opts, limit);
  let ran = 0;
  for (const job of jobs) {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    if (!handler) {
      await recordFailure(db, job, token, `no handler is registered for the job kind "${job.kind}"`, opts, true);
      opts.log?.error({ jobId: job.id, kind: job.kind }, 'scheduled job has an unknown kind');
      continue;
    }
    try {
      await withTenant(db, job.tenantId, async (tx) => {
        await handler(tx, job, { publicUrl: opts.publicUrl, now: opts.now ?? new Date() });
        const done = await queryRows<{ id: string }>(
          tx,
          sql`update scheduled_jobs set status = 'done', done_at = now(), locked_until = null, last_error = null
              where id = ${job.id} and status = 'running' and locked_by = ${token} returning id`,
        );
        if (done.length === 0) throw new LeaseLost();
      });
      ran++;
    } catch (err) {
      if (err instanceof LeaseLost) {
        opts.log?.warn({ jobId: job.id, kind: job.kind }, 'scheduled job lease lost; its work was rolled back');
        continue;
      }
      const error = safeError(err);
      await recordFailure(db, job, token, error, opts, false).catch(() => {});
      // the reason only: an error's full text may quote the values of a failed query
      opts.log?.error({ jobId: job.id, kind: job.kind, attempts: job.attempts + 1, error }, 'scheduled job failed');
    }
  }
  return ran;
}

// A daily check (e.g. "which measures fall due in a week") is one job per tenant, kind and Swedish
// calendar day, due at 06:00 in Stockholm so reminders are there before the working day. The key
// makes a second instance's (or a second tick's) insert a no-op.
export async function ensureDailyJobs(
  db: Db,
  kinds: readonly string[],
  now: Date = new Date(),
  opts: { tenantIds?: readonly string[] } = {},
): Promise<number> {
  if (kinds.length === 0) return 0;
  const day = stockholmToday(now);
  const dueAt = stockholmMoment(day, 6);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into scheduled_jobs (tenant_id, kind, key, due_at)
        select t.id, k.kind, k.kind || ':' || ${day}, ${dueAt.toISOString()}::timestamptz
        from tenants t cross join unnest(${sql`array[${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[]`}) as k(kind)
        where true ${opts.tenantIds ? sql`and t.id = any(${uuids(opts.tenantIds)})` : sql``}
        on conflict (tenant_id, key) do nothing
        returning id`,
  );
  return rows.length;
}

// Finished work is kept a while for operators to look at, then removed: done and cancelled jobs after
// 90 days, sent mail (addresses and links) after 30. Failed rows stay until someone deals with them.
export async function pruneFinished(db: Db): Promise<void> {
  await db.execute(sql`delete from scheduled_jobs where status in ('done', 'cancelled')
    and coalesce(done_at, created_at) < now() - interval '90 days'`);
  await db.execute(sql`delete from mail_outbox where status = 'sent' and sent_at < now() - interval '30 days'`);
}

export interface SchedulerOptions {
  handlers: JobHandlers;
  dailyKinds: readonly string[];
  mailer: Mailer;
  publicUrl: string;
  log: FastifyBaseLogger;
  // a minute by default (TILLIT_SCHEDULER_TICK_SECONDS)
  everyMs?: number;
  // the first tick, a few seconds after start so start-up is not slowed
  firstAfterMs?: number;
  instanceId?: string;
  // tests only: keep to these tenants
  tenantIds?: readonly string[];
}

// One tick: today's daily checks exist, due jobs run (in batches until none is left), the mail they
// queued goes out. Each step is safe with any number of instances ticking at the same time.
export async function schedulerTick(db: Db, opts: SchedulerOptions): Promise<void> {
  const instanceId = opts.instanceId ?? instanceName();
  // the first tick of a Swedish day (on any instance) also clears out old finished rows
  const only = opts.tenantIds ? { tenantIds: opts.tenantIds } : {};
  if ((await ensureDailyJobs(db, opts.dailyKinds, new Date(), only)) > 0 && !opts.tenantIds) await pruneFinished(db);
  for (let batch = 0; batch < 20; batch++) {
    const ran = await runDueJobs(db, opts.handlers, { publicUrl: opts.publicUrl, instanceId, log: opts.log, ...only });
    if (ran === 0) break;
  }
  await sendPendingMail(db, opts.mailer, { log: opts.log, ...only });
}

export function startScheduler(db: Db, opts: SchedulerOptions): Periodic {
  return startPeriodic(() => schedulerTick(db, opts), {
    firstAfterMs: opts.firstAfterMs ?? 5_000,
    everyMs: opts.everyMs ?? 60_000,
    onError: (err) => opts.log.error({ error: safeError(err) }, 'scheduler tick failed'),
  });
}
