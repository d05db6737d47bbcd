import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/server/db/rows.js';
import { dailyJobKinds, jobHandlers } from '../../src/server/job-handlers.js';
import { createMailer, type Mailer } from '../../src/server/platform/mail/mailer.js';
import { sendPendingMail } from '../../src/server/platform/notify/mail-sender.js';
import { ensureDailyJobs, runDueJobs, startScheduler } from '../../src/server/platform/scheduler/runner.js';
import { scheduleJob } from '../../src/server/platform/scheduler/jobs.js';
import { notify } from '../../src/server/platform/notify/notify.js';
import { withTenant } from '../../src/server/db/tenant.js';
import { memberWith, newTenant, testApp, type TestTenant } from '../helpers/app.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { inDays, noonToday, PUBLIC_URL } from './helpers.js';

// Daily reminders end to end: the daily job finds what is due, notify() writes the notification and
// the outbox row, the mail sender hands it to a real SMTP server on loopback.

let smtp: TestSmtp;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startSmtp();
  mailer = createMailer({ smtpUrl: smtp.url, publicUrl: PUBLIC_URL }, pino({ level: 'silent' }));
});
afterAll(async () => {
  await smtp.close();
});

async function tick(t: TestTenant, now = noonToday()) {
  const { database } = await testApp();
  await ensureDailyJobs(database.db, dailyJobKinds, now, { tenantIds: [t.tenantId] });
  await runDueJobs(database.db, jobHandlers, { publicUrl: PUBLIC_URL, instanceId: 'test', now, tenantIds: [t.tenantId] });
  return sendPendingMail(database.db, mailer, { now, tenantIds: [t.tenantId] });
}

async function measure(t: TestTenant, extra: Record<string, unknown>) {
  const res = await t.admin.post('/api/v1/measures', { origin: 'other', basis: 'Uppföljning', unitId: t.unitId, ...extra });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ id: string }>().id;
}

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.some((a) => a.toLowerCase() === address.toLowerCase()));

describe('daily reminders by e-mail through SMTP and in the app', () => {
  it('D1-09: a measure due within a week reminds its owner once: a mail with a link and no secret title, and a notification', async () => {
    const t = await newTenant();
    const owner = await memberWith(t, [{ role: 'system_owner' }], 'agare');
    const secretId = await measure(t, {
      title: 'Hemlig brandväggsändring',
      ownerUserId: owner.userId,
      dueOn: inDays(3),
      secret: true,
      secrecyProvision: '18 kap. 8 § OSL',
    });
    await measure(t, { title: 'Långt fram', ownerUserId: owner.userId, dueOn: inDays(30) });
    expect(await tick(t)).toBe(1);
    const mail = await smtp.waitFor(owner.email);
    expect(mail.subject).toBe('Tillit: En åtgärd ska vara klar inom en vecka');
    expect(mail.text).toContain(`${PUBLIC_URL}/measures/${secretId}`);
    expect(mail.raw).not.toContain('Hemlig');
    expect(mail.text).not.toContain('Hemlig');
    const list = (await owner.get('/api/v1/notifications')).json<{ items: { title: string; kind: string; link: string }[] }>().items;
    expect(list).toEqual([
      expect.objectContaining({ kind: 'measure-due', title: 'Hemlig brandväggsändring', link: `/measures/${secretId}` }),
    ]);
    // the next tick (same day) and the next day add nothing: once per item and stage
    expect(await tick(t)).toBe(0);
    const tomorrow = new Date(noonToday().getTime() + 86_400_000);
    expect(await tick(t, tomorrow)).toBe(0);
    expect(mailsTo(owner.email)).toHaveLength(1);
    // once it is overdue, one more reminder (the overdue stage)
    const overdueDay = new Date(noonToday().getTime() + 4 * 86_400_000);
    expect(await tick(t, overdueDay)).toBe(1);
    expect(mailsTo(owner.email).map((m) => m.subject)).toEqual([
      'Tillit: En åtgärd ska vara klar inom en vecka',
      'Tillit: En åtgärd är försenad',
    ]);
  });

  it('the mail of a non-secret record names it; preferences are respected (e-mail off → no outbox row)', async () => {
    const t = await newTenant();
    const owner = await memberWith(t, [{ role: 'system_owner' }], 'agare');
    const quiet = await memberWith(t, [{ role: 'system_owner' }], 'tyst');
    await quiet.put('/api/v1/notifications/preferences', { items: [{ kind: 'measure-due', inApp: true, email: false }] });
    await measure(t, { title: 'Uppdatera lösenordsregler', ownerUserId: owner.userId, dueOn: inDays(-2) });
    await measure(t, { title: 'Tyst åtgärd', ownerUserId: quiet.userId, dueOn: inDays(-2) });
    expect(await tick(t)).toBe(1);
    const mail = await smtp.waitFor(owner.email);
    expect(mail.subject).toBe('Tillit: En åtgärd är försenad');
    expect(mail.text).toContain('Uppdatera lösenordsregler');
    expect(mailsTo(quiet.email)).toEqual([]);
    const { database } = await testApp();
    const rows = rowsOf<{ to_address: string; status: string }>(
      await database.db.execute(sql`select to_address, status from mail_outbox where tenant_id = ${t.tenantId}`),
    );
    expect(rows).toEqual([{ to_address: owner.email, status: 'sent' }]);
    expect((await quiet.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 1 });
  });

  it('D2-23 D1-11: classification reviews and risk analysis updates remind those responsible for the unit, not the coordinator', async () => {
    const t = await newTenant();
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhetsagare');
    const asset = (await t.admin.post('/api/v1/information-assets', { name: 'Elevregister', unitId: t.unitId })).json<{ id: string }>().id;
    const { database } = await testApp();
    await database.db.execute(sql`insert into asset_classifications (tenant_id, asset_id, confidentiality, integrity, availability,
      traceability, reasons, next_review_on) values (${t.tenantId}, ${asset}, 2, 2, 1, 1, '{}'::jsonb, ${inDays(10)})`);
    await database.db.execute(sql`insert into risk_analyses (tenant_id, title, analysed_on, unit_id, next_update_on)
      values (${t.tenantId}, 'RSA Skola', '2026-01-10', ${t.unitId}, ${inDays(-1)})`);
    expect(await tick(t)).toBe(2);
    const kinds = (await unitOwner.get('/api/v1/notifications')).json<{ items: { kind: string; title: string }[] }>().items;
    expect(kinds.map((k) => k.kind).sort()).toEqual(['classification-review-due', 'risk-analysis-update-due']);
    expect((await t.admin.get('/api/v1/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect(
      mailsTo(unitOwner.email)
        .map((m) => m.subject)
        .sort(),
    ).toEqual(['Tillit: En klassning ska ses över', 'Tillit: En risk- och sårbarhetsanalys skulle ha uppdaterats']);
  });

  it('a mail the server refuses is retried later, then sent once', async () => {
    const t = await newTenant();
    const owner = await memberWith(t, [{ role: 'system_owner' }], 'agare');
    await measure(t, { title: 'Försök igen', ownerUserId: owner.userId, dueOn: inDays(1) });
    const { database } = await testApp();
    const now = noonToday();
    await ensureDailyJobs(database.db, dailyJobKinds, now, { tenantIds: [t.tenantId] });
    await runDueJobs(database.db, jobHandlers, { publicUrl: PUBLIC_URL, instanceId: 'test', now, tenantIds: [t.tenantId] });
    let attempts = 0;
    const broken: Mailer = {
      kind: 'smtp',
      send: async () => {
        attempts++;
        throw Object.assign(new Error('Connection refused to "smtp.example"'), { code: 'ECONNREFUSED' });
      },
    };
    expect(await sendPendingMail(database.db, broken, { now, tenantIds: [t.tenantId] })).toBe(0);
    expect(attempts).toBe(1);
    const [row] = rowsOf<{ status: string; attempts: number; last_error: string }>(
      await database.db.execute(sql`select status, attempts, last_error from mail_outbox where tenant_id = ${t.tenantId}`),
    );
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error ECONNREFUSED: Connection refused to "…"' });
    // not again before the pause is over
    expect(await sendPendingMail(database.db, mailer, { now, tenantIds: [t.tenantId] })).toBe(0);
    expect(await sendPendingMail(database.db, mailer, { now: new Date(now.getTime() + 5 * 60_000), tenantIds: [t.tenantId] })).toBe(1);
    expect(mailsTo(owner.email)).toHaveLength(1);
  });
});

describe('startScheduler (the loop main.ts starts)', () => {
  it('ticks on its own: runs a due job and sends its mail, and stops cleanly', async () => {
    const t = await newTenant();
    const owner = await memberWith(t, [{ role: 'system_owner' }], 'agare');
    const { database } = await testApp();
    await withTenant(database.db, t.tenantId, (tx) =>
      scheduleJob(tx, { tenantId: t.tenantId, kind: 'test-tick', key: 'tick:1', dueAt: new Date(Date.now() - 1000) }),
    );
    const scheduler = startScheduler(database.db, {
      handlers: {
        'test-tick': (tx, job, ctx) =>
          notify(
            tx,
            {
              tenantId: job.tenantId,
              userIds: [owner.userId],
              kind: 'measure-due',
              key: job.key,
              title: 'Från schemaläggaren',
              secret: false,
              mail: { subject: { sv: 'Schemalagt', en: 'Scheduled' }, intro: { sv: 'Hej.', en: 'Hello.' } },
            },
            { publicUrl: ctx.publicUrl },
          ).then(() => undefined),
      },
      dailyKinds: [],
      mailer,
      publicUrl: PUBLIC_URL,
      log: pino({ level: 'silent' }),
      everyMs: 100,
      firstAfterMs: 0,
      tenantIds: [t.tenantId],
    });
    try {
      const mail = await smtp.waitFor(owner.email);
      expect(mail.subject).toBe('Tillit: Schemalagt');
    } finally {
      await scheduler.stop();
    }
  });
});
