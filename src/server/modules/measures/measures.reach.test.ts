import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OSL = '18 kap. 8 § OSL';
const meId = async (c: Client) => (await c.get('/api/v1/auth/me')).json<Json>().user.id as string;
const unit = async (t: TestTenant, name: string) =>
  (await t.admin.post('/api/v1/org-units', { name, type: 'department' })).json<Json>().id as string;
const analysis = async (t: TestTenant, extra: Json = {}) => {
  const res = await t.admin.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '2026-03-10', unitId: t.unitId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Json>().id as string;
};
const risk = async (t: TestTenant, analysisId: string, extra: Json = {}) => {
  const res = await t.admin.post('/api/v1/risks', {
    analysisId,
    title: 'Hemlig risktitel',
    threat: 'Y',
    likelihood: 2,
    consequence: 2,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Json>().id as string;
};
const measure = async (c: Client, t: TestTenant, extra: Json = {}) => {
  const res = await c.post('/api/v1/measures', { title: 'Inför MFA', origin: 'other', basis: 'Behov', unitId: t.unitId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Json>();
};

describe('measures: linked risks, reach on linked ids and plans (review of issue 5)', () => {
  it('security: a risk of a secret analysis shows its title through a measure only to those who see the risk in full', async () => {
    const t = await newTenant();
    const a = await analysis(t, { secret: true, secrecyProvision: OSL });
    const r = await risk(t, a);
    const m = await measure(t.admin, t, { riskIds: [r] });
    const mgmt = await memberWith(t, [{ role: 'management' }], 'ledning');
    for (const c of [mgmt, t.reader]) {
      expect((await c.get(`/api/v1/risks/${r}`)).json<Json>().title).toBeNull();
      expect((await c.get(`/api/v1/measures/${m.id}`)).json<Json>().risks).toEqual([{ id: r, title: null }]);
      const csv = await c.get('/api/v1/measures', { accept: 'text/csv' });
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body).toContain('Risker');
      expect(csv.body).not.toContain('Hemlig risktitel');
    }
    expect((await t.admin.get(`/api/v1/measures/${m.id}`)).json<Json>().risks).toEqual([{ id: r, title: 'Hemlig risktitel' }]);
  });

  it('security: a risk is scoped by its analysis’s unit, not by its unitIds: a manager of another unit does not get its title', async () => {
    const t = await newTenant();
    const other = await unit(t, 'Socialförvaltningen');
    const a = await analysis(t, { unitId: other });
    const r = await risk(t, a, { unitIds: [t.unitId] });
    const m = await measure(t.admin, t, { riskIds: [r] });
    const manager = await memberWith(t, [{ role: 'manager', scopeType: 'unit', scopeUnitId: t.unitId }], 'chef');
    expect((await manager.get(`/api/v1/risks/${r}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/v1/measures/${m.id}`)).json<Json>().risks).toEqual([{ id: r, title: null }]);
  });

  it('security: a system or risk id the actor may not read is refused like an unknown id (422 unknown_reference)', async () => {
    const t = await newTenant();
    const other = await unit(t, 'Socialförvaltningen');
    const foreign = (await t.admin.post('/api/v1/systems', { name: 'Annans', responsibleUnitId: other })).json<Json>().id as string;
    const foreignRisk = await risk(t, await analysis(t, { unitId: other }));
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    for (const [field, extra] of [
      ['systemId', { systemId: foreign }],
      ['systemId', { systemId: crypto.randomUUID() }],
      ['riskIds', { riskIds: [foreignRisk] }],
      ['riskIds', { riskIds: [crypto.randomUUID()] }],
    ] as const) {
      const res = await unitOwner.post('/api/v1/measures', { title: 'X', origin: 'other', basis: 'B', unitId: t.unitId, ...extra });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<Json>().errors[0]).toMatchObject({ field, code: 'unknown_reference' });
    }
    const mine = await measure(unitOwner, t);
    const patched = await unitOwner.patch(`/api/v1/measures/${mine.id}`, { riskIds: [foreignRisk] }, { 'if-match': `"v${mine.version}"` });
    expect(patched.json<Json>().errors[0]).toMatchObject({ field: 'riskIds', code: 'unknown_reference' });
  });

  it('security: filtering by risk or goal does not find a secret measure the viewer sees masked', async () => {
    const t = await newTenant();
    const r = await risk(t, await analysis(t), { title: 'Öppen risk' });
    await measure(t.admin, t, { riskIds: [r], secret: true, secrecyProvision: OSL });
    expect((await t.reader.get(`/api/v1/measures?riskId=${r}`)).json<Json>().items).toHaveLength(0);
    expect((await t.admin.get(`/api/v1/measures?riskId=${r}`)).json<Json>().items).toHaveLength(1);
    expect((await t.reader.get('/api/v1/measures')).json<Json>().items).toHaveLength(1);
  });

  it('D1-09: repeated risk and goal ids are linked once (no 409)', async () => {
    const t = await newTenant();
    const r = await risk(t, await analysis(t));
    const g = (await t.admin.post('/api/v1/policy-goals', { code: 'M1', text: 'Mål' })).json<Json>().id as string;
    const m = await measure(t.admin, t, { riskIds: [r, r], goalIds: [g, g] });
    expect(m.risks).toHaveLength(1);
    expect(m.goals).toHaveLength(1);
    const p = await t.admin.patch(`/api/v1/measures/${m.id}`, { riskIds: [r, r], goalIds: [g, g] }, { 'if-match': `"v${m.version}"` });
    expect(p.statusCode, p.body).toBe(200);
  });

  it('a disabled account cannot be named responsible for a measure', async () => {
    const t = await newTenant();
    const gone = await memberWith(t, [{ role: 'system_owner' }], 'borta');
    const id = await meId(gone);
    const { database } = await testApp();
    await database.db.execute(sql`update users set disabled_at = now() where id = ${id}`);
    const res = await t.admin.post('/api/v1/measures', { title: 'X', origin: 'other', basis: 'B', unitId: t.unitId, ownerUserId: id });
    expect(res.json<Json>().errors[0]).toMatchObject({ field: 'ownerUserId' });
  });

  it('D1-10: a measure names the action plans and activities that hold it', async () => {
    const t = await newTenant();
    const m = await measure(t.admin, t, { dueOn: '2027-05-01' });
    expect((await t.admin.get(`/api/v1/measures/${m.id}`)).json<Json>().plans).toEqual([]);
    const plan = (await t.admin.post('/api/v1/action-plans', { year: 2027, title: 'Plan 2027' })).json<Json>();
    const withAct = (await t.admin.post(`/api/v1/action-plans/${plan.id}/activities`, { title: 'Skydd', measureIds: [m.id] })).json<Json>();
    const got = (await t.admin.get(`/api/v1/measures/${m.id}`)).json<Json>();
    expect(got.plans).toEqual([
      { id: plan.id, year: 2027, title: 'Plan 2027', activityId: withAct.activities[0].id, activityTitle: 'Skydd' },
    ]);
    // lists do not carry it
    expect((await t.admin.get('/api/v1/measures')).json<Json>().items[0].plans).toBeUndefined();
  });
});
