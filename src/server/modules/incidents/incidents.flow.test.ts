import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';
import { detail, documented, patch, report, sqlIn, type J } from '../../../../test/fixtures/incidents.js';
const MIN = 60_000;

const system = async (t: TestTenant, name = 'Ekonomisystemet', unitId = t.unitId) =>
  (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: unitId, critical: true })).json<J>().id as string;

async function notificationsOf(t: TestTenant, incidentId: string) {
  return sqlIn<{ userId: string; kind: string; secret: boolean; title: string }>(
    t,
    sql`select user_id as "userId", kind, secret, title from notifications where subject_id = ${incidentId} order by created_at`,
  );
}

describe('incident handling (D1-35, D1-36, D1-26, D1-33, D0-30, D0-31, D1-34)', () => {
  it('D1-35: a matching reporting route names the handling unit, notifies its people and is noted on the timeline', async () => {
    const t = await newTenant();
    const sys = await system(t);
    const handler = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'forvaltare');
    await sqlIn(
      t,
      sql`insert into incident_routes (tenant_id, name, system_id, handling_unit_id, notify_user_ids, instructions)
        values (${t.tenantId}, 'Ekonomi', ${sys}, ${t.unitId}, array[${handler.userId}]::uuid[], 'Ring IT-jouren på 010-123 45 67.')`,
    );
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    const created = await report(t, { systemIds: [sys], reportText: 'Fakturor saknas' }, employee);
    expect(created.route).toEqual({ name: 'Ekonomi', instructions: 'Ring IT-jouren på 010-123 45 67.' });
    const { body } = await detail(t, created.id);
    expect(body.handlingUnit).toEqual({ id: t.unitId, name: 'Kommunledningsförvaltningen' });
    expect(body.route.name).toBe('Ekonomi');
    expect(body.reporter.id).toBe(employee.userId);
    expect(body.secret).toBe(true);
    expect(body.entries[0]).toMatchObject({ kind: 'system', text: expect.stringContaining('"Ekonomi"') });
    const told = await notificationsOf(t, created.id);
    expect(told.map((n) => n.userId)).toContain(handler.userId);
    expect(told.every((n) => n.kind === 'incident-reported' && n.secret)).toBe(true);
    // the mail carries no secret content, only a link
    const mails = await sqlIn<{ body: string; subject: string }>(
      t,
      sql`select m.body, m.subject from mail_outbox m join notifications n on n.id = m.notification_id where n.subject_id = ${created.id}`,
    );
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.body).not.toContain('Obehörig åtkomst');
      expect(m.subject).not.toContain('Obehörig åtkomst');
      expect(m.body).toContain(`/incidents/${created.id}`);
    }
  });

  it('D1-35: a route on category or severity matches at triage, when the facts it asks for are set', async () => {
    const t = await newTenant();
    const category = (await t.admin.post('/api/v1/incident-categories', { name: 'Dataintrång' })).json<J>().id as string;
    const handler = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'forvaltare');
    await sqlIn(
      t,
      sql`insert into incident_routes (tenant_id, name, category_id, handling_unit_id, notify_user_ids)
        values (${t.tenantId}, 'Intrång', ${category}, ${t.unitId}, array[${handler.userId}]::uuid[])`,
    );
    const { id } = await report(t);
    expect((await detail(t, id)).body.route).toBeNull();
    expect(await notificationsOf(t, id)).not.toContainEqual(expect.objectContaining({ userId: handler.userId }));
    const triaged = (await patch(t, id, { categoryId: category, severity: 'low' })).json<J>();
    expect(triaged.route.name).toBe('Intrång');
    expect(triaged.handlingUnit.id).toBe(t.unitId);
    expect((triaged.entries as J[]).at(-1)).toMatchObject({ kind: 'system', text: expect.stringContaining('"Intrång"') });
    const told = (await notificationsOf(t, id)).filter((n) => n.userId === handler.userId);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'incident-reported', secret: true });
    // a later change that keeps the route tells nobody again
    await patch(t, id, { severity: 'high' });
    expect((await notificationsOf(t, id)).filter((n) => n.userId === handler.userId)).toHaveLength(1);
  });

  it('D1-36: extensive impact opens a crisis: crisis time, a crisis-log entry and notifications to the crisis group', async () => {
    const t = await newTenant();
    const crisisLead = await memberWith(t, [{ role: 'management' }], 'kommundirektor');
    await sqlIn(
      t,
      sql`insert into incident_settings (tenant_id, crisis_user_ids) values (${t.tenantId}, array[${crisisLead.userId}]::uuid[])`,
    );
    const { id } = await report(t);
    // no crisis log before a crisis
    const early = await t.admin.post(`/api/v1/incidents/${id}/entries`, { kind: 'crisis', text: 'För tidigt' });
    expect(early.statusCode).toBe(422);
    const res = await patch(t, id, { severity: 'extensive' });
    expect(res.statusCode).toBe(200);
    const body = res.json<J>();
    expect(body.crisis).toBe(true);
    expect(body.crisisAt).not.toBeNull();
    expect((body.entries as J[]).filter((e) => e.kind === 'crisis')).toHaveLength(1);
    const told = (await notificationsOf(t, id)).filter((n) => n.kind === 'incident-crisis');
    expect(told.map((n) => n.userId)).toEqual([crisisLead.userId]);
    // the crisis log is appendable; lowering the severity keeps the crisis on record
    const logged = await t.admin.post(`/api/v1/incidents/${id}/entries`, { kind: 'crisis', text: 'Krisledningen samlad 03:10' });
    expect(logged.statusCode).toBe(201);
    const lowered = await patch(t, id, { severity: 'high', crisisDecision: 'Beslut om stabsläge, Dnr KS 2026/12' });
    expect(lowered.json<J>().crisisAt).toBe(body.crisisAt);
    expect((lowered.json<J>().entries as J[]).filter((e) => e.kind === 'crisis')).toHaveLength(2);
    // raising it again does not open a second crisis or notify again
    await patch(t, id, { severity: 'extensive' });
    expect((await notificationsOf(t, id)).filter((n) => n.kind === 'incident-crisis')).toHaveLength(1);
    const audits = await sqlIn<{ action: string }>(
      t,
      sql`select action from audit_events where entity_id = ${id} and action = 'incident.crisis'`,
    );
    expect(audits).toHaveLength(1);
  });

  it('D1-26: the outage so far is compared with the accepted outage time; activation is recorded once', async () => {
    const t = await newTenant();
    const sys = await system(t, 'Verksamhetssystem Vård');
    await sqlIn(t, sql`insert into system_continuity (tenant_id, system_id, accepted_outage_minutes) values (${t.tenantId}, ${sys}, 240)`);
    const started = new Date(Date.now() - 5 * 60 * MIN);
    const { id } = await report(t, { systemIds: [sys], awareAt: new Date(Date.now() - 60 * MIN).toISOString() });
    let { body } = await detail(t, id);
    // from the awareness time: one hour of the accepted four
    expect(body.outage.minutes).toBeGreaterThanOrEqual(59);
    expect(body.outage.exceeded).toBe(false);
    expect(body.outage.systems[0]).toMatchObject({ systemId: sys, critical: true, acceptedOutageMinutes: 240, exceeded: false });
    const res = await patch(t, id, { outageStartedAt: started.toISOString() });
    body = res.json<J>();
    expect(body.outage.minutes).toBeGreaterThanOrEqual(300);
    expect(body.outage.exceeded).toBe(true);
    expect(body.outage.systems[0].exceeded).toBe(true);
    const stale = await t.admin.post(`/api/v1/incidents/${id}/continuity-activation`, {}, { 'if-match': '"v1"' });
    expect(stale.statusCode).toBe(412);
    const activated = await t.admin.post(
      `/api/v1/incidents/${id}/continuity-activation`,
      { note: 'Pappersrutin startad' },
      { 'if-match': res.headers.etag as string },
    );
    expect(activated.statusCode).toBe(200);
    expect(activated.json<J>().outage.continuityActivatedAt).not.toBeNull();
    expect((activated.json<J>().entries as J[]).at(-1)?.text).toContain('Pappersrutin startad');
    const twice = await t.admin.post(`/api/v1/incidents/${id}/continuity-activation`, {}, { 'if-match': activated.headers.etag as string });
    expect(twice.statusCode).toBe(409);
    // ended outages stop the count
    const ended = await patch(t, id, { outageEndedAt: new Date(started.getTime() + 30 * MIN).toISOString() });
    expect(ended.json<J>().outage).toMatchObject({ minutes: 30, exceeded: false });
  });

  it('D1-26: a secret system’s accepted outage time and plans show only to those who see its continuity', async () => {
    const t = await newTenant();
    const sys = (
      await t.admin.post('/api/v1/systems', {
        name: 'Skyddat system',
        responsibleUnitId: t.unitId,
        critical: true,
        secret: true,
        secrecyProvision: '18 kap. 8 § OSL',
      })
    ).json<J>().id as string;
    await sqlIn(t, sql`insert into system_continuity (tenant_id, system_id, accepted_outage_minutes) values (${t.tenantId}, ${sys}, 240)`);
    await t.admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', systemId: sys, title: 'Plan' });
    const { id } = await report(t, { systemIds: [sys] });
    await patch(t, id, { secret: false, secrecyProvision: null });
    // the manager sees the incident in full but the secret system (and its continuity) masked
    const seen = (await detail(t, id, t.reader)).body;
    expect(seen.masked).toBe(false);
    expect(seen.outage.systems[0]).toMatchObject({ systemId: sys, name: null, acceptedOutageMinutes: null, continuityPlanIds: [] });
    const full = (await detail(t, id)).body.outage.systems[0];
    expect(full).toMatchObject({ name: 'Skyddat system', acceptedOutageMinutes: 240 });
    expect(full.continuityPlanIds).toHaveLength(1);
  });

  it('D1-33: measures are created from the incident and linked back (origin incident)', async () => {
    const t = await newTenant();
    const { id } = await report(t);
    await patch(t, id, { handlingUnitId: t.unitId });
    const res = await t.admin.post(`/api/v1/incidents/${id}/measures`, {
      title: 'Inför MFA för e-post',
      dueOn: '2026-06-30',
      priority: 'high',
    });
    expect(res.statusCode).toBe(201);
    const measure = (await t.admin.get(`/api/v1/measures/${res.json<J>().id}`)).json<J>();
    expect(measure).toMatchObject({ origin: 'incident', originId: id, unitId: t.unitId, secret: true });
    const { body } = await detail(t, id);
    expect(body.measures).toEqual([expect.objectContaining({ id: measure.id, title: 'Inför MFA för e-post', status: 'proposed' })]);
    expect(body.can.createMeasure).toBe(true);
  });

  it('D0-30 / D0-31: both parties log actions; the reporter adds to their own report; escalation is recorded', async () => {
    const t = await newTenant();
    const supplierId = (
      await sqlIn<{ id: string }>(t, sql`insert into suppliers (tenant_id, name) values (${t.tenantId}, 'Driftbolaget AB') returning id`)
    )[0]!.id;
    const supplierUser = await memberWith(t, [{ role: 'super_user', scopeType: 'supplier', scopeSupplierId: supplierId }], 'leverantor');
    const { id } = await report(t, { title: 'Servern svarar inte', type: 'fault' }, supplierUser);
    const { body } = await detail(t, id);
    expect(body.reporterSupplier).toEqual({ id: supplierId, name: 'Driftbolaget AB' });
    await patch(t, id, { faultLocationUnclear: true });
    const theirs = await supplierUser.post(`/api/v1/incidents/mine/${id}/entries`, { text: 'Vi har startat om lastbalanseraren.' });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<J>().party).toBe('supplier');
    const ours = await t.admin.post(`/api/v1/incidents/${id}/entries`, { text: 'Nätet kontrollerat, inga fel.' });
    expect(ours.json<J>().party).toBe('municipality');
    const esc = await t.admin.post(
      `/api/v1/incidents/${id}/escalation`,
      { escalatedTo: 'Unikom', note: 'Ärende 4711' },
      { 'if-match': (await detail(t, id)).etag },
    );
    expect(esc.statusCode).toBe(200);
    expect(esc.json<J>()).toMatchObject({ escalatedTo: 'Unikom', faultLocationUnclear: true });
    expect(esc.json<J>().escalatedAt).not.toBeNull();
    const parties = (esc.json<J>().entries as J[]).filter((e) => e.kind === 'action').map((e) => e.party);
    expect(parties).toEqual(expect.arrayContaining(['supplier', 'municipality']));
    // the supplier user sees their own entry in "my reports", not the municipality's
    const mine = (await supplierUser.get('/api/v1/incidents/mine')).json<J>().items[0];
    expect(mine.faultLocationUnclear).toBe(true);
    expect(mine.entries.map((e: J) => e.text)).toEqual(['Vi har startat om lastbalanseraren.']);
    // a closed incident takes no more entries
    await patch(t, id, { ...documented, status: 'closed' });
    expect((await supplierUser.post(`/api/v1/incidents/mine/${id}/entries`, { text: 'Sent' })).statusCode).toBe(409);
  });

  it('D1-34 / D1-72: the follow-up counts incidents by type, severity, system and month, without content', async () => {
    const t = await newTenant();
    const sys = await system(t, 'Skolplattformen');
    await report(t, { awareAt: '2026-01-10T10:00:00+01:00', type: 'outage', systemIds: [sys] });
    const b = await report(t, { awareAt: '2026-02-01T00:30:00+01:00', type: 'attack' });
    await patch(t, b.id, { severity: 'high' });
    await report(t, { awareAt: '2025-12-31T23:30:00+01:00' });
    const res = await t.admin.get('/api/v1/incidents/summary?from=2026-01-01&to=2026-12-31');
    expect(res.statusCode).toBe(200);
    const s = res.json<J>();
    expect(s.total).toBe(2);
    expect(s.byType).toEqual(
      expect.arrayContaining([
        { key: 'outage', count: 1 },
        { key: 'attack', count: 1 },
      ]),
    );
    expect(s.bySeverity).toEqual(
      expect.arrayContaining([
        { key: 'high', count: 1 },
        { key: 'unassessed', count: 1 },
      ]),
    );
    // months in Stockholm time: 00:30 on 1 February is February
    expect(s.byMonth).toEqual([
      { key: '2026-01', count: 1 },
      { key: '2026-02', count: 1 },
    ]);
    expect(s.bySystem).toEqual([{ systemId: sys, name: 'Skolplattformen', count: 1 }]);
    expect(JSON.stringify(s)).not.toContain('Obehörig');
  });

  it('the register lists with filters, sealed cursors and a CSV export', async () => {
    const t = await newTenant();
    for (let i = 0; i < 3; i++) await report(t, { title: `Händelse ${i}`, awareAt: `2026-04-0${i + 1}T08:00:00+02:00` });
    const x = await report(t, { title: 'Angrepp mot webben', type: 'attack', awareAt: '2026-04-05T08:00:00+02:00' });
    const page = (await t.admin.get('/api/v1/incidents?limit=2')).json<J>();
    expect(page.items.map((i: J) => i.title)).toEqual(['Angrepp mot webben', 'Händelse 2']);
    expect(page.nextCursor).not.toContain('awareAt');
    const next = (await t.admin.get(`/api/v1/incidents?limit=2&cursor=${encodeURIComponent(page.nextCursor)}`)).json<J>();
    expect(next.items.map((i: J) => i.title)).toEqual(['Händelse 1', 'Händelse 0']);
    const attacks = (await t.admin.get('/api/v1/incidents?type=attack')).json<J>();
    expect(attacks.items.map((i: J) => i.id)).toEqual([x.id]);
    expect((await t.admin.get('/api/v1/incidents?from=2026-04-02&to=2026-04-03')).json<J>().items).toHaveLength(2);
    expect((await t.admin.get(`/api/v1/incidents?q=${encodeURIComponent(x.reference)}`)).json<J>().items).toHaveLength(1);
    const csv = await t.admin.get('/api/v1/incidents', { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Angrepp mot webben');
  });
});
