import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { withTenant } from '../../db/tenant.js';
import { systemContext } from '../../platform/audit.js';
import { stockholmToday } from '../../platform/calendar.js';
import { insertSnapshot, takeYearlySnapshots } from './risk-snapshots.service.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// A manual snapshot may only be of last year; an earlier one is the January job's, taken here for one tenant.
const lastYear = Number(stockholmToday().slice(0, 4)) - 1;
async function jobSnapshot(t: TestTenant, year: number): Promise<string> {
  const { database } = await testApp();
  const id = await withTenant(database.db, t.tenantId, (tx) => insertSnapshot(tx, systemContext(t.tenantId, randomUUID()), year));
  return id!;
}

async function setup(t: TestTenant) {
  const a = (await t.admin.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '2025-02-01', unitId: t.unitId })).json<Json>();
  const risk = (body: Json) =>
    t.admin.post('/api/v1/risks', { analysisId: a.id, threat: 'Hot', likelihood: 2, consequence: 2, ...body }).then((r) => r.json<Json>());
  return { a, risk };
}

describe('yearly snapshot of the risk picture (D1-02, D1-11)', () => {
  it('a snapshot is frozen: a second one for the year is 409 and later changes of risks do not change it; compare shows the change', async () => {
    const t = await newTenant();
    const { risk } = await setup(t);
    const open = await risk({ title: 'Öppen risk' });
    const secret = await risk({
      title: 'Hemlig sårbarhet',
      secret: true,
      secrecyProvision: '18 kap. 8 § OSL',
      likelihood: 4,
      consequence: 4,
    });
    const first = await t.admin.get(`/api/v1/risk-snapshots/${await jobSnapshot(t, lastYear - 1)}`);
    expect(first.statusCode, first.body).toBe(200);
    const snap = first.json<Json>();
    expect(snap.data).toMatchObject({ total: 2, open: 2, inherent: { medium: 1, very_high: 1 }, treatments: { none: 2 } });
    expect(snap.data.risks.find((r: Json) => r.id === secret.id)).toMatchObject({ title: null, secret: true });
    expect(snap.data.risks.find((r: Json) => r.id === open.id).title).toBe('Öppen risk');
    expect(JSON.stringify(snap.data)).not.toContain('Hemlig sårbarhet');
    // later changes: one risk closed with a treatment, one new
    await t.admin.patch(
      `/api/v1/risks/${open.id}`,
      { status: 'closed', treatment: 'reduce', residualLikelihood: 1, residualConsequence: 1 },
      { 'if-match': '"v1"' },
    );
    const added = await risk({ title: 'Ny risk' });
    const again = (await t.admin.get(`/api/v1/risk-snapshots/${snap.id}`)).json<Json>();
    expect(again.data).toEqual(snap.data);
    // the database refuses a change too (the app role may only insert and read)
    const { database } = await testApp();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.tenant_id', ${t.tenantId}, true), set_config('role', 'tillit_app', true)`);
        await tx.execute(sql`update risk_snapshots set data = '{}'::jsonb where id = ${snap.id}`);
      }),
    ).rejects.toThrow();
    expect((await t.admin.post('/api/v1/risk-snapshots', { year: lastYear })).statusCode).toBe(201);
    expect((await t.admin.post('/api/v1/risk-snapshots', { year: lastYear })).statusCode).toBe(409);
    const cmp = await t.reader.get(`/api/v1/risk-snapshots/compare?from=${lastYear - 1}&to=${lastYear}`);
    expect(cmp.statusCode, cmp.body).toBe(200);
    const c = cmp.json<Json>();
    expect(c.status).toEqual({ open: { from: 2, to: 2, change: 0 }, closed: { from: 0, to: 1, change: 1 } });
    expect(c.treatments.reduce).toEqual({ from: 0, to: 1, change: 1 });
    expect(c.residual.low.change).toBe(1);
    expect(c.newRisks).toEqual([{ id: added.id, title: 'Ny risk' }]);
    expect(c.closedRisks).toEqual([{ id: open.id, title: 'Öppen risk' }]);
    const list = (await t.reader.get('/api/v1/risk-snapshots')).json<Json>().items;
    expect(list.map((s: Json) => s.year)).toEqual([lastYear, lastYear - 1]);
    expect(list[0].takenBy).not.toBeNull();
    expect(list[1].takenBy).toBeNull();
  });

  it('access: a manager reads snapshots but cannot take one (403); a unit-scoped role sees none; another tenant gets 404', async () => {
    const t = await newTenant();
    await setup(t);
    const snap = (await t.admin.post('/api/v1/risk-snapshots', { year: lastYear })).json<Json>();
    expect((await t.reader.post('/api/v1/risk-snapshots', { year: lastYear })).statusCode).toBe(403);
    expect((await t.reader.get(`/api/v1/risk-snapshots/${snap.id}`)).statusCode).toBe(200);
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    expect((await unitOwner.get('/api/v1/risk-snapshots')).json<Json>().items).toEqual([]);
    expect((await unitOwner.get(`/api/v1/risk-snapshots/${snap.id}`)).statusCode).toBe(404);
    expect((await unitOwner.post('/api/v1/risk-snapshots', { year: lastYear })).statusCode).toBe(403);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/risk-snapshots/${snap.id}`)).statusCode).toBe(404);
  });

  it('the January job takes last year’s snapshot once (taken by Tillit), and nothing outside January', async () => {
    const t = await newTenant();
    await (await setup(t)).risk({ title: 'Risk' });
    const { database } = await testApp();
    expect(await takeYearlySnapshots(database.db, new Date('2031-03-05T10:00:00Z'))).toBe(0);
    await takeYearlySnapshots(database.db, new Date('2031-01-05T10:00:00Z'));
    const list = (await t.admin.get('/api/v1/risk-snapshots')).json<Json>().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ year: 2030, takenBy: null, total: 1 });
    await takeYearlySnapshots(database.db, new Date('2031-01-06T10:00:00Z'));
    expect((await t.admin.get('/api/v1/risk-snapshots')).json<Json>().items).toHaveLength(1);
  });
});
