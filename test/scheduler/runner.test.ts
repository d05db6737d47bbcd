import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/rows.js';
import { withTenant } from '../../src/server/db/tenant.js';
import { cancelJobs, scheduleJob, type JobHandlers } from '../../src/server/platform/scheduler/jobs.js';
import { ensureDailyJobs, MAX_JOB_ATTEMPTS, pruneFinished, runDueJobs } from '../../src/server/platform/scheduler/runner.js';
import { newTenant, testApp } from '../helpers/app.js';
import { PUBLIC_URL } from './helpers.js';

type JobState = { key: string; status: string; attempts: number; last_error: string | null; locked_by: string | null };

async function jobs(tenantId: string): Promise<JobState[]> {
  const { database } = await testApp();
  return rowsOf<JobState>(
    await database.db.execute(
      sql`select key, status, attempts, last_error, locked_by from scheduled_jobs where tenant_id = ${tenantId} order by key`,
    ),
  );
}

async function schedule(tenantId: string, kind: string, key: string, dueAt: Date, payload: Record<string, unknown> = {}) {
  const { database } = await testApp();
  await withTenant(database.db, tenantId, (tx) => scheduleJob(tx, { tenantId, kind, key, dueAt, payload }));
}

const later = (ms: number) => new Date(Date.now() + ms);

describe('scheduler runner (jobs kept in a table)', () => {
  it('runs due jobs only, in the job’s tenant, and marks them done in the same transaction', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const seen: { key: string; tenant: string; payload: unknown }[] = [];
    const handlers: JobHandlers = {
      'test-echo': async (tx, job) => {
        const rows = rowsOf<{ t: string }>(await tx.execute(sql`select current_setting('app.tenant_id', true) as t`));
        seen.push({ key: job.key, tenant: rows[0]!.t, payload: job.payload });
      },
    };
    await schedule(t.tenantId, 'test-echo', 'a', later(-60_000), { id: 1 });
    await schedule(t.tenantId, 'test-echo', 'b', later(3_600_000));
    const opts = { publicUrl: PUBLIC_URL, instanceId: 'test', tenantIds: [t.tenantId] };
    expect(await runDueJobs(database.db, handlers, opts)).toBe(1);
    expect(seen).toEqual([{ key: 'a', tenant: t.tenantId, payload: { id: 1 } }]);
    expect((await jobs(t.tenantId)).map((j) => [j.key, j.status])).toEqual([
      ['a', 'done'],
      ['b', 'pending'],
    ]);
    // done stays done: running again does nothing; a later clock reaches b
    expect(await runDueJobs(database.db, handlers, opts)).toBe(0);
    expect(await runDueJobs(database.db, handlers, { ...opts, now: later(2 * 3_600_000) })).toBe(1);
    // scheduling a done key again leaves it done (a reminder is sent once)
    await schedule(t.tenantId, 'test-echo', 'a', later(-1000));
    expect((await jobs(t.tenantId)).find((j) => j.key === 'a')!.status).toBe('done');
  });

  it('a failing handler rolls back its work, retries with a pause, and fails for good after the last attempt', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    let calls = 0;
    const handlers: JobHandlers = {
      'test-fail': async (tx) => {
        calls++;
        await tx.execute(sql`insert into notification_preferences (tenant_id, user_id, kind)
          select ${t.tenantId}, user_id, 'rolled-back' from role_assignments where tenant_id = ${t.tenantId} limit 1`);
        // the message of a failed query may quote a secret title: it must not reach last_error
        throw new Error('Failed query: insert into x values ($1)\nparams: Hemlig titel', {
          cause: new Error('value "Hemlig titel" is wrong'),
        });
      },
    };
    await schedule(t.tenantId, 'test-fail', 'f', later(-1000));
    const opts = { publicUrl: PUBLIC_URL, instanceId: 'test', tenantIds: [t.tenantId] };
    expect(await runDueJobs(database.db, handlers, opts)).toBe(0);
    let [job] = await jobs(t.tenantId);
    expect(job).toMatchObject({ status: 'pending', attempts: 1, locked_by: null });
    expect(job!.last_error).toMatch(/^Error: value "…" is wrong/);
    expect(job!.last_error).not.toContain('Hemlig');
    // the retry waits (a minute after the first failure)
    expect(await runDueJobs(database.db, handlers, opts)).toBe(0);
    expect(calls).toBe(1);
    for (let i = 2; i <= MAX_JOB_ATTEMPTS + 1; i++) await runDueJobs(database.db, handlers, { ...opts, now: later(i * 3_600_000) });
    [job] = await jobs(t.tenantId);
    expect(job).toMatchObject({ status: 'failed', attempts: MAX_JOB_ATTEMPTS });
    expect(calls).toBe(MAX_JOB_ATTEMPTS);
    const kept = rowsOf(await database.db.execute(sql`select 1 from notification_preferences where tenant_id = ${t.tenantId}`));
    expect(kept).toEqual([]);
  });

  it('an unknown kind fails at once with a clear reason', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    await schedule(t.tenantId, 'no-such-kind', 'u', later(-1000));
    await runDueJobs(database.db, {}, { publicUrl: PUBLIC_URL, instanceId: 'test', tenantIds: [t.tenantId] });
    expect((await jobs(t.tenantId))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'no handler is registered for the job kind "no-such-kind"',
    });
  });

  it('a job left running by an instance that died is taken over after its lease; the late run cannot commit twice', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    let runs = 0;
    const handlers: JobHandlers = {
      'test-count': async () => {
        runs++;
      },
    };
    await schedule(t.tenantId, 'test-count', 's', later(-1000));
    // an instance claimed it and died: running, lease not yet over
    await database.db
      .execute(sql`update scheduled_jobs set status = 'running', locked_by = 'dead#1', locked_until = now() + interval '4 minutes'
      where tenant_id = ${t.tenantId}`);
    const opts = { publicUrl: PUBLIC_URL, instanceId: 'alive', tenantIds: [t.tenantId] };
    expect(await runDueJobs(database.db, handlers, opts)).toBe(0);
    expect(await runDueJobs(database.db, handlers, { ...opts, now: later(5 * 60_000) })).toBe(1);
    expect(runs).toBe(1);
    expect((await jobs(t.tenantId))[0]).toMatchObject({ status: 'done' });
  });

  it('a run whose claim was taken over meanwhile rolls its work back instead of committing', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const handlers: JobHandlers = {
      'test-slow': async (tx, job) => {
        await tx.execute(sql`insert into notification_preferences (tenant_id, user_id, kind)
          select ${t.tenantId}, user_id, 'late-run' from role_assignments where tenant_id = ${t.tenantId} limit 1`);
        // as if another instance had reclaimed the job meanwhile (its lease ran out): the claim token
        // is no longer ours when the run tries to mark the job done
        await tx.execute(sql`update scheduled_jobs set locked_by = 'other#2' where id = ${job.id}`);
      },
    };
    await schedule(t.tenantId, 'test-slow', 'l', later(-1000));
    expect(await runDueJobs(database.db, handlers, { publicUrl: PUBLIC_URL, instanceId: 'late', tenantIds: [t.tenantId] })).toBe(0);
    const [job] = await jobs(t.tenantId);
    expect(job).toMatchObject({ status: 'running' });
    expect(job!.locked_by).toMatch(/^late#/);
    expect(rowsOf(await database.db.execute(sql`select 1 from notification_preferences where tenant_id = ${t.tenantId}`))).toEqual([]);
  });

  it('cancelled jobs never run; daily jobs are made once per tenant, kind and Swedish day', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    await schedule(t.tenantId, 'test-count', 'obligation:1:50', later(-1000));
    await withTenant(database.db, t.tenantId, (tx) => cancelJobs(tx, t.tenantId, 'obligation:1:'));
    expect(
      await runDueJobs(database.db, { 'test-count': async () => {} }, { publicUrl: PUBLIC_URL, instanceId: 'x', tenantIds: [t.tenantId] }),
    ).toBe(0);

    const day = new Date('2031-03-30T10:00:00Z'); // the day summer time starts
    expect(await ensureDailyJobs(database.db, ['test-daily'], day, { tenantIds: [t.tenantId] })).toBe(1);
    expect(await ensureDailyJobs(database.db, ['test-daily'], new Date('2031-03-30T21:59:00Z'), { tenantIds: [t.tenantId] })).toBe(0);
    // 23:00 UTC is already the next day in Stockholm
    expect(await ensureDailyJobs(database.db, ['test-daily'], new Date('2031-03-30T23:00:00Z'), { tenantIds: [t.tenantId] })).toBe(1);
    const due = rowsOf<{ key: string; due_at: Date | string }>(
      await database.db.execute(
        sql`select key, due_at from scheduled_jobs where tenant_id = ${t.tenantId} and kind = 'test-daily' order by key`,
      ),
    );
    expect(due.map((d) => [d.key, new Date(d.due_at).toISOString()])).toEqual([
      ['test-daily:2031-03-30', '2031-03-30T04:00:00.000Z'],
      ['test-daily:2031-03-31', '2031-03-31T04:00:00.000Z'],
    ]);
  });

  it('old finished rows are pruned (done jobs after 90 days, sent mail after 30); failed and recent rows stay', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    for (const [key, status, age] of [
      ['old-done', 'done', 100],
      ['new-done', 'done', 10],
      ['old-failed', 'failed', 100],
    ] as const)
      await database.db.execute(sql`insert into scheduled_jobs (tenant_id, kind, key, due_at, status, done_at, created_at)
        values (${t.tenantId}, 'x', ${key}, now(), ${status}, now() - make_interval(days => ${age}), now() - make_interval(days => ${age}))`);
    for (const [to, age] of [
      ['old@test.example', 40],
      ['new@test.example', 5],
    ] as const)
      await database.db.execute(sql`insert into mail_outbox (tenant_id, to_address, subject, body, status, sent_at)
        values (${t.tenantId}, ${to}, 's', 'b', 'sent', now() - make_interval(days => ${age}))`);
    await pruneFinished(database.db);
    expect((await jobs(t.tenantId)).map((j) => j.key)).toEqual(['new-done', 'old-failed']);
    const mail = rowsOf<{ to_address: string }>(
      await database.db.execute(sql`select to_address from mail_outbox where tenant_id = ${t.tenantId}`),
    );
    expect(mail.map((m) => m.to_address)).toEqual(['new@test.example']);
  });
});
