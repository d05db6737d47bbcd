import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { startSmtp, type TestSmtp } from '../../../../test/helpers/smtp.js';
import { parseIcs, PUBLIC_URL } from '../../../../test/scheduler/helpers.js';
import { stockholmStamp } from '../../../shared/incident-clocks.js';
import { rowsOf } from '../../db/rows.js';
import { jobHandlers } from '../../job-handlers.js';
import { createMailer, type Mailer } from '../../platform/mail/mailer.js';
import { sendPendingMail } from '../../platform/notify/mail-sender.js';
import { runDueJobs } from '../../platform/scheduler/runner.js';
import { detail, patch, report, type J } from '../../../../test/fixtures/incidents.js';

const HOUR = 3_600_000;
const url = (id: string, code: string) => `/api/v1/incidents/${id}/obligations/${code}`;
const hoursAgo = (h: number) => new Date(Math.floor(Date.now() / HOUR) * HOUR - h * HOUR);

let smtp: TestSmtp;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startSmtp();
  mailer = createMailer({ smtpUrl: smtp.url, publicUrl: PUBLIC_URL }, pino({ level: 'silent' }));
});
afterAll(async () => {
  await smtp.close();
});

async function sqlRows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return rowsOf<T>(await database.db.execute(q));
}

async function obligationId(t: TestTenant, incidentId: string, code: string) {
  const [row] = await sqlRows<{ id: string }>(
    sql`select id from incident_obligations where tenant_id = ${t.tenantId} and incident_id = ${incidentId} and code = ${code}`,
  );
  return row!.id;
}

// The pending reminder stages of one clock: stage → hours after awareness.
async function pending(t: TestTenant, id: string, aware: Date) {
  const rows = await sqlRows<{ key: string; due_at: string; kind: string }>(
    sql`select key, due_at::text, kind from scheduled_jobs where tenant_id = ${t.tenantId} and key like ${`obligation:${id}:%`} and status = 'pending' order by due_at`,
  );
  expect(rows.every((r) => r.kind === 'incident-obligation-reminder')).toBe(true);
  return Object.fromEntries(rows.map((r) => [r.key.split(':')[2], (Date.parse(r.due_at) - aware.getTime()) / HOUR]));
}

async function tick(t: TestTenant, now: Date) {
  const { database } = await testApp();
  const ran = await runDueJobs(database.db, jobHandlers, { publicUrl: PUBLIC_URL, instanceId: 'test', now, tenantIds: [t.tenantId] });
  await sendPendingMail(database.db, mailer, { now, tenantIds: [t.tenantId] });
  return ran;
}

const emailOf = async (c: TestTenant['admin']) => (await c.get('/api/v1/auth/me')).json<{ user: { email: string } }>().user.email;
const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.some((a) => a.toLowerCase() === address.toLowerCase()));

describe('reminders of the reporting clocks (D1-37)', () => {
  it('D1-37: reminders are scheduled at 50/80/100 % of each clock and after it, and follow every change', async () => {
    const t = await newTenant();
    const aware = hoursAgo(1);
    const { id } = await report(t, { awareAt: aware.toISOString() });
    const art33 = await obligationId(t, id, 'gdpr-art33');
    expect(await pending(t, art33, aware)).toEqual({ p50: 36, p80: 57.6, p100: 72, overdue: 73 });
    // the early warning (24 h) the same way
    expect(await pending(t, await obligationId(t, id, 'nis2-early-warning'), aware)).toEqual({ p50: 12, p80: 19.2, p100: 24, overdue: 25 });

    // not applicable: no reminders; applicable again: back
    await t.admin.patch(url(id, 'gdpr-art33'), { applies: 'no', appliesReason: 'Inga personuppgifter' });
    expect(await pending(t, art33, aware)).toEqual({});
    await t.admin.patch(url(id, 'gdpr-art33'), { applies: 'yes' });
    expect(await pending(t, art33, aware)).toEqual({ p50: 36, p80: 57.6, p100: 72, overdue: 73 });

    // the tenant's own stages
    expect(
      (
        await t.admin.put(
          '/api/v1/incident-settings',
          { crisisUserIds: [], reminderPercents: [25, 90], secretByDefault: true, defaultSecrecyProvision: '18 kap. 8 § OSL' },
          { 'if-match': '"v0"' },
        )
      ).statusCode,
    ).toBe(200);
    // an earlier awareness time moves every stage; a stage already past is left out
    const earlier = new Date(aware.getTime() - 20 * HOUR);
    expect((await patch(t, id, { awareAt: earlier.toISOString() })).statusCode).toBe(200);
    expect(await pending(t, art33, earlier)).toEqual({ p90: 64.8, overdue: 73 });

    // submitted: nothing more to remind of
    await t.admin.patch(url(id, 'gdpr-art33'), { submittedAt: new Date().toISOString() });
    expect(await pending(t, art33, earlier)).toEqual({});
  });

  it('D1-37: a reminder reaches the responsible people by SMTP and in the app, once, naming the authority and time but no secret title', async () => {
    const t = await newTenant();
    const aware = hoursAgo(1);
    const { id } = await report(t, { awareAt: aware.toISOString(), title: 'Hemligt intrång i socialtjänstens journaler' });
    expect((await detail(t, id)).body.secret).toBe(true);
    for (const code of ['gdpr-art34', 'nis2-early-warning', 'nis2-notification', 'nis2-final-report', 'lex-maria'])
      expect((await t.admin.patch(url(id, code), { applies: 'no', appliesReason: 'Gäller inte' })).statusCode).toBe(200);
    const coordinator = await emailOf(t.admin);
    const due = new Date(aware.getTime() + 72 * HOUR);

    // nothing before the first stage
    expect(await tick(t, new Date(aware.getTime() + 30 * HOUR))).toBe(0);
    expect(await tick(t, new Date(aware.getTime() + 36 * HOUR + 60_000))).toBe(1);
    const mail = await smtp.waitFor(coordinator);
    expect(mail.subject).toBe(
      `Tillit: Påminnelse: anmälan av personuppgiftsincident till Integritetsskyddsmyndigheten (IMY) senast ${stockholmStamp(due)}`,
    );
    expect(mail.text).toContain(`${PUBLIC_URL}/incidents/${id}`);
    expect(mail.raw).not.toContain('Hemligt');
    expect(mail.text).not.toContain('Hemligt');
    expect(mail.text).not.toContain('socialtjänst');
    const inApp = (await t.admin.get('/api/v1/notifications')).json<{ items: J[] }>().items;
    expect(inApp).toEqual([
      expect.objectContaining({
        kind: 'obligation-reminder',
        link: `/incidents/${id}`,
        title: 'Anmälan av personuppgiftsincident: Hemligt intrång i socialtjänstens journaler',
      }),
    ]);
    // the manager (not responsible) is told nothing
    expect(mailsTo(await emailOf(t.reader))).toHaveLength(0);

    // the same moment again sends nothing more
    expect(await tick(t, new Date(aware.getTime() + 36 * HOUR + 120_000))).toBe(0);
    expect(mailsTo(coordinator)).toHaveLength(1);

    // submitted by a route that left the job in place: the handler looks again and stays quiet
    await sqlRows(sql`update incident_obligations set submitted_at = now() where id = ${await obligationId(t, id, 'gdpr-art33')}`);
    expect(await tick(t, new Date(aware.getTime() + 80 * HOUR))).toBe(3);
    expect(mailsTo(coordinator)).toHaveLength(1);
  });

  it('D1-37: an overdue clock sends an overdue reminder', async () => {
    const t = await newTenant();
    const aware = hoursAgo(1);
    const { id } = await report(t, { awareAt: aware.toISOString(), title: 'Öppen incident' });
    for (const code of ['gdpr-art33', 'gdpr-art34', 'nis2-notification', 'nis2-final-report', 'lex-maria'])
      await t.admin.patch(url(id, code), { applies: 'no', appliesReason: 'Gäller inte' });
    await patch(t, id, { secret: false });
    const coordinator = await emailOf(t.admin);
    expect(await tick(t, new Date(aware.getTime() + 26 * HOUR))).toBe(4);
    const subjects = mailsTo(coordinator).map((m) => m.subject);
    expect(subjects).toHaveLength(4);
    const overdue = mailsTo(coordinator).filter((m) => m.subject.startsWith('Tillit: Försenad:'));
    expect(overdue.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Tillit: Försenad: tidig varning \(cybersäkerhetslagen\) till CERT-SE senast /),
    ]);
    // not secret: the mail names the incident
    expect(overdue[0]!.text).toContain('Öppen incident');
  });

  it('D1-37: the calendar feed holds the open clocks; a secret incident’s title only for those who see its content', async () => {
    const t = await newTenant();
    const { id } = await report(t, { awareAt: hoursAgo(1).toISOString(), title: 'Hemlig läcka' });
    await t.admin.patch(url(id, 'lex-maria'), { applies: 'no', appliesReason: 'Ingen vård' });
    const anon = await anonymous();
    const feed = async (c: TestTenant['admin']) => {
      const path = new URL((await c.post('/api/v1/notifications/calendar-feed')).json<{ url: string }>().url).pathname;
      return parseIcs((await anon.get(path)).body).filter((e) => e.URL?.endsWith(`/incidents/${id}`));
    };
    const full = await feed(t.admin);
    expect(full.map((e) => e.SUMMARY).sort()).toEqual(
      [
        'Anmälan av personuppgiftsincident: Hemlig läcka',
        'Information till de registrerade: Hemlig läcka',
        'Incidentanmälan (cybersäkerhetslagen): Hemlig läcka',
        'Slutrapport (cybersäkerhetslagen): Hemlig läcka',
        'Tidig varning (cybersäkerhetslagen): Hemlig läcka',
      ].sort(),
    );
    const masked = await feed(t.reader);
    expect(masked).toHaveLength(5);
    expect(masked.every((e) => !e.SUMMARY!.includes('Hemlig läcka'))).toBe(true);
  });
});
