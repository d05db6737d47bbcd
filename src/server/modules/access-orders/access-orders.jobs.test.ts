import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp } from '../../../../test/helpers/app.js';
import { accessOrderWorld, day } from '../../../../test/fixtures/access-orders.js';
import { rowsOf } from '../../db/rows.js';
import { jobHandlers } from '../../job-handlers.js';
import { ensureDailyJobs, runDueJobs } from '../../platform/scheduler/runner.js';
import { escalationSweep } from './access-orders.jobs.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const v = (n: number) => ({ 'if-match': `"v${n}"` });

async function told(tenantId: string, kind = 'access-order-escalated') {
  const { database } = await testApp();
  return rowsOf<{ user_id: string; subject_id: string; title: string; link: string; key: string }>(
    await database.db.execute(
      sql`select user_id, subject_id, title, link, key from notifications where tenant_id = ${tenantId} and kind = ${kind}`,
    ),
  );
}

describe('access orders: escalation and reports (D0-14, D0-12, D3-06)', () => {
  // the shared app (one PGlite per worker) starts in the hook, not inside the first test's time limit
  beforeAll(async () => {
    await testApp();
  });

  it('D0-14: a termination still open after the tenant-set hours escalates once to IT; an executed one does not', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const { system, orderer } = await accessOrderWorld(t);
    const it = await memberWith(t, [{ role: 'it_manager' }], 'itchef');
    const post = () =>
      orderer.post('/api/v1/access-orders', { type: 'terminate', systemId: system, personName: 'Slutar', startDate: day(0) });
    const open = (await post()).json() as J;
    const done = (await post()).json() as J;
    await it.post(`/api/v1/access-orders/${done.id}/execute`, {}, v(done.version));
    const opts = { publicUrl: 'https://tillit.test', instanceId: 'test', tenantIds: [t.tenantId] };
    // three hours later nothing is due yet (threshold 4 h)
    expect(await runDueJobs(database.db, jobHandlers, { ...opts, now: new Date(Date.now() + 3 * 3_600_000) })).toBe(0);
    const later = new Date(Date.now() + 5 * 3_600_000);
    expect(await runDueJobs(database.db, jobHandlers, { ...opts, now: later })).toBeGreaterThanOrEqual(1);
    const n = await told(t.tenantId);
    expect(n.every((x) => x.subject_id === open.id && x.link === `/access-orders/${open.id}`)).toBe(true);
    expect(n.map((x) => x.user_id)).toEqual(expect.arrayContaining([it.userId]));
    expect(n[0]!.title).not.toContain('Slutar');
    const after = (await t.admin.get(`/api/v1/access-orders/${open.id}`)).json();
    expect(after.escalatedAt).toBeTruthy();
    // the daily sweep the next day tells nobody again
    const count = n.length;
    await ensureDailyJobs(database.db, [escalationSweep], new Date(later.getTime() + 24 * 3_600_000), { tenantIds: [t.tenantId] });
    await runDueJobs(database.db, jobHandlers, { ...opts, now: new Date(later.getTime() + 25 * 3_600_000) });
    expect(await told(t.tenantId)).toHaveLength(count);
    expect((await t.admin.get(`/api/v1/access-orders/${done.id}`)).json().escalatedAt).toBeNull();
  });

  it('D3-22: the system owner hears of a new order, IT of an approved one and at once of a termination (D0-14)', async () => {
    const t = await newTenant();
    const { system, orderer } = await accessOrderWorld(t);
    const it = await memberWith(t, [{ role: 'it_manager' }], 'itchef');
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan', type: 'department' })).json().id as string;
    const far = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: otherUnit }], 'annan');
    const editor = (await t.editor.get('/api/v1/auth/me')).json().user.id as string;
    const o = (
      await orderer.post('/api/v1/access-orders', { type: 'new', systemId: system, personName: 'Hemlig Person', startDate: day(20) })
    ).json() as J;
    let n = await told(t.tenantId, 'access-order-to-handle');
    expect(n.map((x) => x.user_id)).toEqual([editor]);
    expect(n[0]).toMatchObject({ subject_id: o.id, title: `${String(o.number)} – Lifecare`, link: `/access-orders/${String(o.id)}` });
    expect(n.map((x) => x.user_id)).not.toContain(far.userId);
    await t.editor.post(`/api/v1/access-orders/${String(o.id)}/approve`, {}, v(o.version as number));
    n = await told(t.tenantId, 'access-order-to-handle');
    expect(n.filter((x) => x.key === `access-order-approved:${String(o.id)}`).map((x) => x.user_id)).toEqual(
      expect.arrayContaining([it.userId]),
    );
    const term = (
      await orderer.post('/api/v1/access-orders', { type: 'terminate', systemId: system, personName: 'Slutar', startDate: day(0) })
    ).json() as J;
    n = await told(t.tenantId, 'access-order-to-handle');
    expect(n.filter((x) => x.subject_id === term.id).map((x) => x.user_id)).toEqual(expect.arrayContaining([it.userId]));
    expect(n.map((x) => x.title).join()).not.toContain('Person');
  });

  it('D0-12: the lead-time report counts on-time and late orders per supplier; D0-14: termination times per supplier', async () => {
    const t = await newTenant();
    const { system, supplier, orderer } = await accessOrderWorld(t);
    const s = await t.admin.get('/api/v1/access-order-settings');
    await t.admin.put(
      '/api/v1/access-order-settings',
      { newLeadDays: 14, changeLeadDays: 7, latePolicy: 'accept', terminateEscalateHours: 4, requiredTraining: null },
      { 'if-match': s.headers.etag as string },
    );
    const post = (body: Record<string, unknown>) => orderer.post('/api/v1/access-orders', { systemId: system, personName: 'P', ...body });
    expect((await post({ type: 'new', startDate: day(20) })).statusCode).toBe(201);
    expect((await post({ type: 'new', startDate: day(2), lateReason: 'Akut' })).statusCode).toBe(201);
    expect((await post({ type: 'change', startDate: day(8) })).statusCode).toBe(201);
    const term = (await post({ type: 'terminate', startDate: day(0) })).json() as J;
    await t.admin.post(`/api/v1/access-orders/${term.id}/execute`, {}, v(term.version));
    await t.reader.post('/api/v1/access-orders', { type: 'new', systemId: system, personName: 'Intern', startDate: day(30) });

    const lead = (await t.admin.get('/api/v1/access-orders/reports/lead-time')).json();
    expect(lead.rows).toEqual([
      expect.objectContaining({ supplierId: null, newTotal: 1, newLate: 0, onTimePercent: 100 }),
      expect.objectContaining({
        supplierId: supplier,
        supplierName: 'Omsorg AB',
        newTotal: 2,
        newLate: 1,
        changeTotal: 1,
        changeLate: 0,
        onTimePercent: 66.7,
      }),
    ]);
    const terms = (await t.admin.get('/api/v1/access-orders/reports/terminations')).json();
    expect(terms).toMatchObject({ thresholdHours: 4 });
    expect(terms.rows).toEqual([expect.objectContaining({ supplierId: supplier, total: 1, executed: 1, open: 0, overThreshold: 0 })]);
    expect(terms.rows[0].medianHours).toBeLessThan(1);
    // the supplier's own users see their organisation's row only
    expect((await orderer.get('/api/v1/access-orders/reports/lead-time')).json().rows.map((r: J) => r.supplierId)).toEqual([supplier]);
    expect((await t.admin.get('/api/v1/access-orders/reports/lead-time?from=2026-12-01&to=2026-01-01')).statusCode).toBe(422);
  });
});
