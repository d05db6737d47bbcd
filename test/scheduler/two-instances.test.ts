import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openPostgres, type Database } from '../../src/server/db/client.js';
import { rowsOf } from '../../src/server/db/rows.js';
import { withTenant } from '../../src/server/db/tenant.js';
import { dailyJobKinds, jobHandlers } from '../../src/server/job-handlers.js';
import { createMailer } from '../../src/server/platform/mail/mailer.js';
import { sendPendingMail } from '../../src/server/platform/notify/mail-sender.js';
import { notify } from '../../src/server/platform/notify/notify.js';
import { scheduleJob, type JobHandlers } from '../../src/server/platform/scheduler/jobs.js';
import { ensureDailyJobs, runDueJobs } from '../../src/server/platform/scheduler/runner.js';
import { memberWith, newTenant } from '../helpers/app.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { inDays, noonToday, PUBLIC_URL } from './helpers.js';

// Two Tillit instances on one PostgreSQL server (two connection pools, two mailers), ticking at the
// same time again and again over the same due reminders: the SMTP server must receive each reminder
// exactly once. Needs a real server (TEST_DATABASE_URL, `npm run test:pg`): PGlite has one connection.
const url = inject('databaseUrl');

describe.skipIf(!url)('exactly-once reminders with two instances on one PostgreSQL', () => {
  let smtp: TestSmtp;
  const instances: Database[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    instances.push(await openPostgres(url!, 6), await openPostgres(url!, 6));
  });
  afterAll(async () => {
    for (const i of instances) await i.close();
    await smtp.close();
  });

  it('every reminder reaches the SMTP server once, however the two instances interleave', async () => {
    const t = await newTenant();
    const owners = await Promise.all([1, 2, 3, 4].map((i) => memberWith(t, [{ role: 'system_owner' }], `agare${i}`)));
    // daily-check reminders: 4 owners × 6 measures due within the week
    for (const [i, o] of owners.entries())
      for (let m = 0; m < 6; m++) {
        const res = await t.admin.post('/api/v1/measures', {
          title: `Åtgärd ${i}-${m}`,
          origin: 'other',
          basis: 'Uppföljning',
          unitId: t.unitId,
          ownerUserId: o.userId,
          dueOn: inDays(2),
        });
        expect(res.statusCode).toBe(201);
      }
    // one-off reminders, scheduled like a legal clock's stages: 4 owners × 10 stages
    const handlers: JobHandlers = {
      ...jobHandlers,
      'test-stage-reminder': async (tx, job, ctx) => {
        await notify(
          tx,
          {
            tenantId: job.tenantId,
            userIds: [job.payload.userId as string],
            kind: 'obligation-reminder',
            key: job.key,
            title: `Steg ${job.key}`,
            secret: true,
            link: '/incidents',
            mail: {
              subject: { sv: `Påminnelse ${job.key}`, en: 'Reminder' },
              intro: { sv: 'En tidsfrist närmar sig.', en: 'A deadline is near.' },
            },
          },
          { publicUrl: ctx.publicUrl },
        );
      },
    };
    const now = noonToday();
    await withTenant(instances[0]!.db, t.tenantId, async (tx) => {
      for (const [i, o] of owners.entries())
        for (let s = 0; s < 10; s++)
          await scheduleJob(tx, {
            tenantId: t.tenantId,
            kind: 'test-stage-reminder',
            key: `stage:${i}:${s}`,
            dueAt: new Date(now.getTime() - 60_000),
            payload: { userId: o.userId },
          });
    });
    const expected = owners.length * 6 + owners.length * 10;

    const log = pino({ level: 'silent' });
    const tick = async (db: Database, name: string) => {
      const mailer = createMailer({ smtpUrl: smtp.url, publicUrl: PUBLIC_URL }, log);
      await ensureDailyJobs(db.db, dailyJobKinds, now, { tenantIds: [t.tenantId] });
      // small batches, so the two instances' claims interleave row by row
      await runDueJobs(db.db, handlers, { publicUrl: PUBLIC_URL, instanceId: name, now, limit: 3, tenantIds: [t.tenantId] });
      await sendPendingMail(db.db, mailer, { now, limit: 4, tenantIds: [t.tenantId] });
    };
    for (let round = 0; round < 25; round++) {
      // each instance runs two ticks at once as well (two processes per instance, or a slow tick)
      await Promise.all([tick(instances[0]!, 'a1'), tick(instances[1]!, 'b1'), tick(instances[0]!, 'a2'), tick(instances[1]!, 'b2')]);
      const pending = rowsOf<{ n: number }>(
        await instances[0]!.db.execute(sql`select (select count(*) from scheduled_jobs where tenant_id = ${t.tenantId}
            and status not in ('done', 'cancelled'))::int + (select count(*) from mail_outbox where tenant_id = ${t.tenantId}
            and status <> 'sent')::int as n`),
      );
      if (pending[0]!.n === 0 && round > 3) break;
    }

    const addresses = new Set(owners.map((o) => o.email.toLowerCase()));
    const ours = smtp.messages.filter((m) => m.to.some((a) => addresses.has(a.toLowerCase())));
    expect(ours).toHaveLength(expected);
    const distinct = new Set(ours.map((m) => `${m.to.join(',')}|${m.subject}|${/https?:\/\/\S+/.exec(m.text)?.[0] ?? ''}`));
    // the measure mails share a subject per owner but link to different measures; stages differ by subject
    expect(distinct.size).toBe(expected);
    const outbox = rowsOf<{ status: string; n: number }>(
      await instances[1]!.db.execute(
        sql`select status, count(*)::int as n from mail_outbox where tenant_id = ${t.tenantId} group by status`,
      ),
    );
    expect(outbox).toEqual([{ status: 'sent', n: expected }]);
    const notified = rowsOf<{ n: number }>(
      await instances[1]!.db.execute(sql`select count(*)::int as n from notifications where tenant_id = ${t.tenantId}`),
    );
    expect(notified[0]!.n).toBe(expected);
    // the secret stage titles never went out
    expect(ours.some((m) => m.text.includes('Steg '))).toBe(false);
  }, 120_000);
});
