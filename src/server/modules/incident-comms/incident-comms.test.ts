import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { startSmtp, type TestSmtp } from '../../../../test/helpers/smtp.js';
import { rowsOf } from '../../db/rows.js';
import { createMailer } from '../../platform/mail/mailer.js';
import { sendPendingMail } from '../../platform/notify/mail-sender.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function system(t: TestTenant, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.admin.post('/api/v1/systems', { name, responsibleUnitId: t.unitId, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function incident(t: TestTenant, systemIds: string[], title = 'Intrång i journalsystemet hos leverantören'): Promise<string> {
  const res = await t.admin.post('/api/v1/incidents', { title, awareAt: new Date().toISOString(), systemIds, type: 'outage' });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function outbox(tenantId: string) {
  const { database } = await testApp();
  return rowsOf<{ to_address: string; subject: string; body: string; status: string }>(
    await database.db.execute(
      sql`select to_address, subject, body, status from mail_outbox where tenant_id = ${tenantId} order by to_address`,
    ),
  );
}

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

describe('incident communication (D1-40)', () => {
  it('D1-40: stakeholders per system: units, suppliers and external parties, validated; removal', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const sys = await system(t, 'Procapita');
    const supplier = rowsOf<{ id: string }>(
      await database.db.execute(sql`insert into suppliers (tenant_id, name) values (${t.tenantId}, 'Tieto Omsorg AB') returning id`),
    )[0]!.id;
    const unit = await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'unit', unitId: t.unitId, email: 'klf@kommun.example' });
    expect(unit.statusCode).toBe(201);
    expect(unit.json()).toMatchObject({ kind: 'unit', name: 'Kommunledningsförvaltningen', email: 'klf@kommun.example' });
    const sup = await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, {
      kind: 'supplier',
      supplierId: supplier,
      email: 'drift@tieto.example',
    });
    expect(sup.json()).toMatchObject({ kind: 'supplier', name: 'Tieto Omsorg AB' });
    const ext = await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, {
      kind: 'external',
      name: 'Region Väst',
      email: 'it@region.example',
    });
    expect(ext.statusCode).toBe(201);
    // an external party needs name and address; addresses are checked; the same address once per system
    const missing = await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'external' });
    expect(missing.statusCode).toBe(422);
    expect(
      missing
        .json()
        .errors.map((e: J) => e.field)
        .sort(),
    ).toEqual(['email', 'name']);
    expect(
      (await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'external', name: 'X', email: 'inte-en-adress' })).statusCode,
    ).toBe(422);
    expect(
      (await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'external', name: 'X', email: 'IT@region.example' })).statusCode,
    ).toBe(422);
    // units and suppliers must be the tenant's
    const other = await newTenant();
    const foreignUnit = await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'unit', unitId: other.unitId });
    expect(foreignUnit.statusCode).toBe(422);
    expect(foreignUnit.json().errors[0]).toMatchObject({ field: 'unitId', code: 'unknown_reference' });
    const list = await t.reader.get(`/api/v1/systems/${sys}/stakeholders`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(3);
    expect(list.json().canUpdate).toBe(false);
    // a reader may not change the list; another tenant sees no such system
    expect((await t.reader.del(`/api/v1/systems/${sys}/stakeholders/${ext.json().id}`)).statusCode).toBe(403);
    expect((await other.admin.get(`/api/v1/systems/${sys}/stakeholders`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/v1/systems/${sys}/stakeholders`, {})).statusCode).toBe(404);
    // a unit-scoped system owner elsewhere does not reach the system: 404 before the body is read
    const outUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan', type: 'department' })).json().id as string;
    const elsewhere = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: outUnit }], 'annan');
    expect((await elsewhere.post(`/api/v1/systems/${sys}/stakeholders`, {})).statusCode).toBe(404);
    expect((await t.admin.del(`/api/v1/systems/${sys}/stakeholders/${ext.json().id}`)).statusCode).toBe(204);
    expect((await t.admin.del(`/api/v1/systems/${sys}/stakeholders/${ext.json().id}`)).statusCode).toBe(404);
    expect((await t.admin.get(`/api/v1/systems/${sys}/stakeholders`)).json().items).toHaveLength(2);
  });

  it('D1-40: a notice goes to the stakeholders of the incident’s systems through SMTP and is logged with its time', async () => {
    const t = await newTenant();
    const { app, database } = await testApp();
    const journal = await system(t, 'Procapita');
    const email = await system(t, 'E-post');
    const unrelated = await system(t, 'Ekonomisystem');
    const add = async (sys: string, body: J) => (await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, body)).json().id as string;
    const a = await add(journal, { kind: 'external', name: 'Region Väst', email: 'it@region.example' });
    const b = await add(journal, { kind: 'unit', unitId: t.unitId, email: 'klf@kommun.example' });
    await add(email, { kind: 'external', name: 'Region Väst (e-post)', email: 'IT@region.example' });
    const noAddress = await add(email, { kind: 'unit', unitId: t.unitId });
    await add(unrelated, { kind: 'external', name: 'Ekonomi', email: 'ekonomi@example.org' });
    const id = await incident(t, [journal, email]);

    const before = await t.admin.get(`/api/v1/incidents/${id}/communications`);
    expect(before.statusCode).toBe(200);
    expect(before.json().items).toEqual([]);
    expect(
      before
        .json()
        .stakeholders.map((s: J) => s.id)
        .sort(),
    ).toEqual(expect.arrayContaining([a, b, noAddress]));
    expect(before.json().stakeholders).toHaveLength(4);

    const t0 = Date.now();
    const message = 'Journalsystemet och e-posten är nere sedan 08.10. Vi räknar med att de fungerar igen före lunch.';
    const sent = await t.admin.post(`/api/v1/incidents/${id}/communications`, {
      kind: 'outage',
      message,
      showOnStatusPage: true,
      publicStatus: 'Journalsystemet och e-posten ligger nere. Felsökning pågår.',
    });
    expect(sent.statusCode).toBe(201);
    const log = sent.json().items as J[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ kind: 'outage', message });
    expect(Date.parse(log[0]!.sentAt)).toBeGreaterThanOrEqual(t0 - 1000);
    // one address once, whatever number of systems it follows; the unit without an address is not mailed
    expect(log[0]!.recipients.map((r: J) => r.email.toLowerCase()).sort()).toEqual(['it@region.example', 'klf@kommun.example']);
    expect(sent.json().statusPage).toEqual({
      onStatusPage: true,
      publicStatus: 'Journalsystemet och e-posten ligger nere. Felsökning pågår.',
    });

    const queued = await outbox(t.tenantId);
    expect(queued.map((m) => m.to_address.toLowerCase())).toEqual(['it@region.example', 'klf@kommun.example']);
    const region = queued.find((m) => m.to_address === 'it@region.example')!;
    expect(region.subject).toBe('Driftinformation: Procapita, E-post');
    expect(queued.find((m) => m.to_address === 'klf@kommun.example')!.subject).toBe('Driftinformation: Procapita');
    // the mail holds what the sender wrote for outside readers, never the incident's own title
    for (const m of queued) {
      expect(m.body).toContain(message);
      expect(m.body).not.toContain('Intrång');
    }

    // delivered through a real SMTP server on loopback
    const mailer = createMailer({ smtpUrl: smtp.url, publicUrl: 'https://tillit.kommun.example' }, app.log);
    expect(await sendPendingMail(database.db, mailer, { tenantIds: [t.tenantId] })).toBe(2);
    const got = await smtp.waitFor('klf@kommun.example');
    expect(got.subject).toBe('Driftinformation: Procapita');
    expect(got.text).toContain('Avbrott: Procapita');
    expect(got.text).toContain('Vi räknar med att de fungerar igen före lunch.');
    expect(got.text).not.toContain('Intrång');
    expect((await smtp.waitFor('it@region.example')).subject).toBe('Driftinformation: Procapita, E-post');

    // a chosen subset; the log keeps both notices, newest first, and the audit trail has them
    const subset = await t.admin.post(`/api/v1/incidents/${id}/communications`, {
      kind: 'restored',
      message: 'Allt fungerar igen.',
      stakeholderIds: [b],
    });
    expect(subset.statusCode).toBe(201);
    expect(subset.json().items.map((c: J) => c.kind)).toEqual(['restored', 'outage']);
    expect(subset.json().items[0].recipients).toEqual([expect.objectContaining({ stakeholderId: b, email: 'klf@kommun.example' })]);
    // "restored" takes the incident off the status page unless told otherwise
    expect(subset.json().statusPage.onStatusPage).toBe(false);
    const audit = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from audit_events where tenant_id = ${t.tenantId} and action = 'incident.communication-send' and entity_id = ${id}`,
      ),
    );
    expect(audit[0]!.n).toBe(2);

    // recipients outside the incident's systems, or none with an address, are refused
    const foreign = await t.admin.post(`/api/v1/incidents/${id}/communications`, {
      kind: 'other',
      message: 'x',
      stakeholderIds: [crypto.randomUUID()],
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'stakeholderIds', code: 'unknown_reference' });
    const mute = await t.admin.post(`/api/v1/incidents/${id}/communications`, { kind: 'other', message: 'x', stakeholderIds: [noAddress] });
    expect(mute.statusCode).toBe(422);
    expect(mute.json().errors[0].code).toBe('no_recipients');
    expect((await t.admin.post(`/api/v1/incidents/${id}/communications`, { kind: 'broken', message: '' })).statusCode).toBe(422);
    expect((await t.admin.post(`/api/v1/incidents/${id}/communications`, { kind: 'other', message: 'x'.repeat(4001) })).statusCode).toBe(
      422,
    );
  });

  it('D1-40: access: sending needs update on the incident; another tenant gets 404', async () => {
    const t = await newTenant();
    const sys = await system(t, 'Procapita');
    await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'external', name: 'Region', email: 'it@region.example' });
    const id = await incident(t, [sys]);
    const notice = { kind: 'disruption', message: 'Störning i Procapita.' };
    // a manager may read the incident (masked when secret) but not send
    expect((await t.reader.post(`/api/v1/incidents/${id}/communications`, notice)).statusCode).toBe(403);
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.post(`/api/v1/incidents/${id}/communications`, notice)).statusCode).toBe(403);
    expect((await employee.get(`/api/v1/incidents/${id}/communications`)).statusCode).toBe(403);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/incidents/${id}/communications`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/v1/incidents/${id}/communications`, {})).statusCode).toBe(404);
    expect((await t.admin.post(`/api/v1/incidents/${id}/communications`, notice)).statusCode).toBe(201);
    expect(await outbox(other.tenantId)).toEqual([]);
    // the manager sees the (secret) incident masked: which systems it affects is its content, so the
    // stakeholder list, which names them, is withheld; the notices sent stay visible
    const masked = (await t.reader.get(`/api/v1/incidents/${id}/communications`)).json();
    expect(masked.stakeholders).toEqual([]);
    expect(masked.items).toHaveLength(1);
    expect((await t.admin.get(`/api/v1/incidents/${id}/communications`)).json().stakeholders).toHaveLength(1);
  });

  it('D1-40: the status page lists ongoing disruptions for everyone signed in, never a secret incident’s title', async () => {
    const t = await newTenant();
    const sys = await system(t, 'Procapita');
    const secretSys = await system(t, 'Skyddat larmsystem', { secret: true, secrecyProvision: '18 kap. 8 § OSL' });
    await t.admin.post(`/api/v1/systems/${sys}/stakeholders`, { kind: 'external', name: 'Region', email: 'it@region.example' });
    const id = await incident(t, [sys, secretSys], 'Hemlig rubrik: angrepp mot larmcentralen');
    const detail = (await t.admin.get(`/api/v1/incidents/${id}`)).json();
    expect(detail.secret).toBe(true);
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.get('/api/v1/status/disruptions')).json().items).toEqual([]);
    await t.admin.post(`/api/v1/incidents/${id}/communications`, {
      kind: 'outage',
      message: 'Procapita ligger nere.',
      showOnStatusPage: true,
      publicStatus: 'Procapita ligger nere. Felsökning pågår.',
    });
    const page = await employee.get('/api/v1/status/disruptions');
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toEqual([
      expect.objectContaining({
        incidentId: null,
        kind: 'outage',
        systems: [{ id: sys, name: 'Procapita' }],
        otherSystems: 1,
        publicStatus: 'Procapita ligger nere. Felsökning pågår.',
      }),
    ]);
    expect(page.body).not.toContain('Hemlig rubrik');
    expect(page.body).not.toContain('larmsystem');
    // the coordinator may open the incident from the page and sees both systems
    const own = (await t.admin.get('/api/v1/status/disruptions')).json().items[0];
    expect(own.incidentId).toBe(id);
    expect(own.systems).toHaveLength(2);
    // other tenants see nothing of it
    const other = await newTenant();
    expect((await other.admin.get('/api/v1/status/disruptions')).json().items).toEqual([]);
    // resolved incidents leave the page
    const version = Number(((await t.admin.get(`/api/v1/incidents/${id}`)).headers.etag as string).replace(/\D/g, ''));
    const resolved = await t.admin.patch(
      `/api/v1/incidents/${id}`,
      { status: 'resolved', resolvedAt: new Date().toISOString() },
      { 'if-match': `"v${version}"` },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await employee.get('/api/v1/status/disruptions')).json().items).toEqual([]);
  });
});
