import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp } from '../../../../test/helpers/app.js';
import { accessOrderWorld, day } from '../../../../test/fixtures/access-orders.js';
import { rowsOf } from '../../db/rows.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const v = (n: number) => ({ 'if-match': `"v${n}"` });
const order = (extra: Record<string, unknown>) => ({ type: 'new', personName: 'Anna Andersson', ...extra });

describe('access orders (D0-12, D0-13, D0-14, D0-11, D3-03)', () => {
  // the shared app (one PGlite per worker) starts in the hook, not inside the first test's time limit
  beforeAll(async () => {
    await testApp();
  });

  it('D0-12: the contract – a new order with only the required fields is 201; fewer than 14 days is 422 lead-time', async () => {
    const t = await newTenant();
    const { system, supplier } = await accessOrderWorld(t);
    const ok = await t.admin.post('/api/v1/access-orders', {
      type: 'new',
      systemId: system,
      personName: 'Anna',
      startDate: day(14),
      supplierId: supplier,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers.location).toBe(`/api/v1/access-orders/${ok.json().id}`);
    expect(ok.json()).toMatchObject({
      type: 'new',
      status: 'submitted',
      late: false,
      priority: 'normal',
      number: expect.stringMatching(/^BO-\d{4}-1$/),
    });
    const late = await t.admin.post('/api/v1/access-orders', { type: 'new', systemId: system, personName: 'Anna', startDate: day(13) });
    expect(late.statusCode).toBe(422);
    expect(late.headers['content-type']).toContain('application/problem+json');
    const p = late.json();
    expect(p.type).toMatch(/lead-time$/);
    expect(p.detail).toContain('minst 14 dagar');
    expect(p.detail).toContain('13 dagar');
    expect(p.detail).toContain(`Tidigaste tillåtna startdatum är ${day(14)}`);
    expect(p.errors).toEqual([expect.objectContaining({ field: 'startDate', code: 'lead_time' })]);
    const en = await t.admin.post(
      '/api/v1/access-orders',
      { type: 'new', systemId: system, personName: 'A', startDate: day(0) },
      { 'accept-language': 'en' },
    );
    expect(en.json().detail).toContain('at least 14 days');
  });

  it('D0-13: a change needs 7 days; D0-14: a termination is never refused for its date and has top priority', async () => {
    const t = await newTenant();
    const { system } = await accessOrderWorld(t);
    const post = (body: Record<string, unknown>) => t.admin.post('/api/v1/access-orders', { systemId: system, personName: 'Bo', ...body });
    const change = await post({ type: 'change', startDate: day(6) });
    expect(change.statusCode).toBe(422);
    expect(change.json().type).toMatch(/lead-time$/);
    expect(change.json().detail).toContain('minst 7 dagar');
    expect((await post({ type: 'change', startDate: day(7) })).statusCode).toBe(201);
    for (const startDate of [day(0), day(-3)]) {
      const term = await post({ type: 'terminate', startDate });
      expect(term.statusCode).toBe(201);
      expect(term.json()).toMatchObject({ priority: 'high', late: false });
    }
  });

  it('D0-12: with the setting "accept", a late order needs a reason and is kept as late', async () => {
    const t = await newTenant();
    const { system } = await accessOrderWorld(t);
    const s = await t.admin.get('/api/v1/access-order-settings');
    expect(s.json()).toMatchObject({ newLeadDays: 14, changeLeadDays: 7, latePolicy: 'reject', terminateEscalateHours: 4 });
    const body = {
      newLeadDays: 14,
      changeLeadDays: 7,
      latePolicy: 'accept',
      terminateEscalateHours: 2,
      requiredTraining: 'Lifecare grund',
    };
    expect((await t.reader.put('/api/v1/access-order-settings', body, { 'if-match': s.headers.etag as string })).statusCode).toBe(403);
    const put = await t.admin.put('/api/v1/access-order-settings', body, { 'if-match': s.headers.etag as string });
    expect(put.statusCode).toBe(200);
    expect((await t.admin.put('/api/v1/access-order-settings', body, { 'if-match': s.headers.etag as string })).statusCode).toBe(412);
    const noReason = await t.admin.post('/api/v1/access-orders', order({ systemId: system, startDate: day(3) }));
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors.map((e: J) => e.field)).toEqual(['startDate', 'lateReason']);
    const withReason = await t.admin.post(
      '/api/v1/access-orders',
      order({ systemId: system, startDate: day(3), lateReason: 'Akut vikarie' }),
    );
    expect(withReason.statusCode).toBe(201);
    expect(withReason.json()).toMatchObject({ late: true, lateReason: 'Akut vikarie', leadTime: { requiredDays: 14, daysAhead: 3 } });
    expect((await t.reader.get('/api/v1/access-orders/lead-times')).json()).toMatchObject({
      latePolicy: 'accept',
      requiredTraining: 'Lifecare grund',
    });
  });

  it('D0-11: only an orderer on the supplier’s current list orders, and only for its own supplier', async () => {
    const t = await newTenant();
    const { system, supplier, orderer, ordererEntry, q } = await accessOrderWorld(t);
    const { supplier: sibling } = await accessOrderWorld(t, 'Konkurrent AB');
    const mine = await orderer.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20) }));
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({
      supplier: { id: supplier },
      orderer: { id: ordererEntry, name: 'Beata Beställare' },
      system: { name: 'Lifecare' },
    });
    const other = await orderer.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20), supplierId: sibling }));
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0]).toMatchObject({ field: 'supplierId' });
    // taken off the list (valid to yesterday): refused with a reason
    await q(sql`update supplier_people set valid_to = ${day(-1)} where id = ${ordererEntry}`);
    const off = await orderer.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20) }));
    expect(off.statusCode).toBe(403);
    expect(off.json().detail).toContain('behöriga beställare');
    // the supplier's administrator reads the orders but does not order
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: supplier }], 'levadmin');
    expect((await admin.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20) }))).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/access-orders/${mine.json().id}`)).statusCode).toBe(200);
    // another supplier's users never see it
    const siblingAdmin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: sibling }], 'annan');
    expect((await siblingAdmin.get(`/api/v1/access-orders/${mine.json().id}`)).statusCode).toBe(404);
    expect((await siblingAdmin.get('/api/v1/access-orders')).json().items).toEqual([]);
    // a manager orders for internal staff
    expect((await t.reader.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20) }))).json()).toMatchObject({
      supplier: null,
    });
  });

  it('D3-03: the personnummer is validated, stored sealed, masked for most, shown to IT, never in the audit trail', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const { system, orderer } = await accessOrderWorld(t);
    const bad = await orderer.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20), personnummer: '19811218-9875' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'personnummer', code: 'personnummer_checksum' });
    const res = await orderer.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20), personnummer: '811218-9876' }));
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect(res.json()).toMatchObject({ personnummerMasked: '19811218-****', canRevealPersonnummer: false });
    expect(res.body).not.toContain('9876');
    expect((await orderer.get(`/api/v1/access-orders/${id}/personnummer`)).statusCode).toBe(404);
    expect((await t.reader.get(`/api/v1/access-orders/${id}/personnummer`)).statusCode).toBe(404);
    expect((await t.admin.get(`/api/v1/access-orders/${id}`)).json().canRevealPersonnummer).toBe(true);
    const shown = await t.admin.get(`/api/v1/access-orders/${id}/personnummer`);
    expect(shown.json()).toEqual({ personnummer: '19811218-9876' });
    const stored = rowsOf<{ sealed: string }>(
      await database.db.execute(sql`select personnummer_sealed as sealed from access_orders where id = ${id}`),
    );
    expect(stored[0]!.sealed).not.toContain('9876');
    const trail = rowsOf<{ action: string; body: string }>(
      await database.db.execute(
        sql`select action, row_to_json(a)::text as body from audit_events a where tenant_id = ${t.tenantId} and entity_id = ${id}`,
      ),
    );
    expect(trail.map((r) => r.action)).toEqual(expect.arrayContaining(['access-order.create', 'access-order.personnummer-view']));
    expect(trail.map((r) => r.body).join()).not.toMatch(/9876/);
  });

  it('D3-22: an orderer orders administrative permissions; the system owner approves, IT executes once the gates are met', async () => {
    const t = await newTenant();
    const { system, orderer } = await accessOrderWorld(t);
    const it = await memberWith(t, [{ role: 'it_manager' }], 'itchef');
    const o = (
      await orderer.post('/api/v1/access-orders', order({ systemId: system, startDate: day(15), permissions: 'Administrativ behörighet' }))
    ).json();
    expect(o.steps).toEqual([]);
    expect((await t.admin.get(`/api/v1/access-orders/${o.id}`)).json().steps).toEqual(['cancel']);
    // IT does not approve; executing before approval is a conflict
    expect((await it.post(`/api/v1/access-orders/${o.id}/approve`, {}, v(o.version))).statusCode).toBe(403);
    expect((await it.post(`/api/v1/access-orders/${o.id}/execute`, {}, v(o.version))).statusCode).toBe(409);
    expect((await t.editor.post(`/api/v1/access-orders/${o.id}/reject`, {}, v(o.version))).json().errors[0].field).toBe('note');
    const approved = await t.editor.post(`/api/v1/access-orders/${o.id}/approve`, { note: 'OK' }, v(o.version));
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decisionNote: 'OK',
      gates: { missing: ['training', 'secrecy_reminder', 'informed'] },
    });
    const blocked = await it.post(`/api/v1/access-orders/${o.id}/execute`, {}, v(approved.json().version));
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json().errors.map((e: J) => e.field)).toEqual(['trainingDoneOn', 'secrecyReminderSignedOn', 'informedOfRegistrationOn']);
    const gates = { trainingDoneOn: day(-2), secrecyReminderSignedOn: day(-1), informedOfRegistrationOn: day(-1) };
    const patched = await it.patch(`/api/v1/access-orders/${o.id}`, gates, v(approved.json().version));
    expect(patched.json().gates.missing).toEqual([]);
    const done = await it.post(`/api/v1/access-orders/${o.id}/execute`, {}, v(patched.json().version));
    expect(done.json()).toMatchObject({ status: 'executed', executedBy: { id: it.userId }, permissions: 'Administrativ behörighet' });
    expect(done.json().executedAt).toBeTruthy();
    expect((await it.post(`/api/v1/access-orders/${o.id}/cancel`, {}, v(done.json().version))).statusCode).toBe(409);
  });

  it('D3-06: a leaver’s termination from the supplier is executed at once, timestamped, without gates', async () => {
    const t = await newTenant();
    const { system, orderer } = await accessOrderWorld(t);
    const o = (await orderer.post('/api/v1/access-orders', order({ type: 'terminate', systemId: system, startDate: day(0) }))).json();
    expect(o.gates.missing).toEqual([]);
    const done = await t.admin.post(`/api/v1/access-orders/${o.id}/execute`, {}, v(o.version));
    expect(done.json()).toMatchObject({ status: 'executed' });
    expect(new Date(done.json().executedAt).getTime()).toBeGreaterThanOrEqual(new Date(o.submittedAt).getTime());
  });

  it('D3-26: where the supplier administers its own users, it orders no accounts there, but terminations still come in', async () => {
    const t = await newTenant();
    const { system, supplier, orderer, q } = await accessOrderWorld(t);
    await q(sql`update supplier_systems set administers_own_users = true where supplier_id = ${supplier} and system_id = ${system}`);
    const res = await orderer.post('/api/v1/access-orders', order({ systemId: system, startDate: day(20) }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'systemId', code: 'supplier_administers' });
    expect(
      (await orderer.post('/api/v1/access-orders', order({ type: 'terminate', systemId: system, startDate: day(0) }))).statusCode,
    ).toBe(201);
  });

  it('D0-14: a date the calendar cannot hold (year 0000) is a field error, not a database fault, even for a termination', async () => {
    const t = await newTenant();
    const { system } = await accessOrderWorld(t);
    for (const [type, startDate] of [
      ['terminate', '0000-01-01'],
      ['new', '9999-12-31'],
    ]) {
      const res = await t.admin.post('/api/v1/access-orders', { type, systemId: system, personName: 'Bo', startDate });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        expect.objectContaining({ field: 'startDate', message: 'Ange ett datum mellan år 1900 och 2200.' }),
      ]);
    }
    // a timestamp names its day: the lead time is counted from its date part
    const stamped = await t.admin.post('/api/v1/access-orders', {
      type: 'new',
      systemId: system,
      personName: 'Bo',
      startDate: `${day(20)}T08:00:00.000Z`,
    });
    expect(stamped.statusCode, stamped.body).toBe(201);
    expect(stamped.json().startDate).toBe(day(20));
    const stampedLate = await t.admin.post('/api/v1/access-orders', {
      type: 'new',
      systemId: system,
      personName: 'Bo',
      startDate: `${day(3)}T08:00:00Z`,
    });
    expect(stampedLate.json().type).toMatch(/lead-time$/);
    const report = await t.admin.get('/api/v1/access-orders/reports/lead-time?from=0000-01-01');
    expect(report.statusCode).toBe(422);
    expect(report.json().errors).toEqual([expect.objectContaining({ field: 'query.from' })]);
  });
});
