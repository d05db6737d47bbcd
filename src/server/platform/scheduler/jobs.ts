import { and, eq, like, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { scheduledJobs } from '../../db/schema/index.js';

// Due work kept in a table (architecture.md, "Jobs and reminders"). A module schedules in the same
// transaction as the write that makes the work due, so a rolled-back write leaves no job behind. The
// runner (scheduler/runner.ts) claims due rows across instances and calls the handler of the kind.

export interface JobSeed {
  tenantId: string;
  // the handler that runs it, e.g. 'incident-obligation-reminder'
  kind: string;
  // unique within the tenant: scheduling the same key again moves a pending job, never adds a second
  key: string;
  dueAt: Date;
  // ids only: the handler reads the current state when it runs
  payload?: Record<string, unknown>;
}

export async function scheduleJob(tx: Tx, job: JobSeed): Promise<void> {
  await tx
    .insert(scheduledJobs)
    .values({ tenantId: job.tenantId, kind: job.kind, key: job.key, dueAt: job.dueAt, payload: job.payload ?? {} })
    .onConflictDoUpdate({
      target: [scheduledJobs.tenantId, scheduledJobs.key],
      // a fresh start: no retry pause left over from an earlier failure
      set: {
        dueAt: job.dueAt,
        payload: job.payload ?? {},
        kind: job.kind,
        status: 'pending',
        attempts: 0,
        lastError: null,
        lockedBy: null,
        lockedUntil: null,
      },
      // a job that already ran stays done: a reminder is sent once
      setWhere: sql`${scheduledJobs.status} in ('pending', 'cancelled', 'failed')`,
    });
}

// Cancels the pending jobs whose key starts with the prefix (e.g. every reminder of one obligation
// before its clock is recomputed).
export async function cancelJobs(tx: Tx, tenantId: string, keyPrefix: string): Promise<void> {
  const escaped = keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  await tx
    .update(scheduledJobs)
    .set({ status: 'cancelled' })
    .where(and(eq(scheduledJobs.tenantId, tenantId), eq(scheduledJobs.status, 'pending'), like(scheduledJobs.key, `${escaped}%`)));
}

// What a handler gets: the job row as claimed. It runs inside a transaction scoped to the job's tenant
// (withTenant), and the job is marked done in that same transaction, so its notifications and the
// done mark commit together. Throwing rolls both back and the runner retries later.
export interface ClaimedJob {
  id: string;
  tenantId: string;
  kind: string;
  key: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

export interface JobContext {
  // base of links in mails
  publicUrl: string;
  now: Date;
}

export type JobHandler = (tx: Tx, job: ClaimedJob, ctx: JobContext) => Promise<void>;

// Each module exports its handlers as a record of kind → handler; app.ts hands them all to the runner.
export type JobHandlers = Record<string, JobHandler>;
