import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { addMonths } from '../../platform/calendar.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const meId = async (c: Client) => (await c.get('/api/v1/auth/me')).json<Json>().user.id as string;
const system = async (t: TestTenant, name = 'Procapita', unitId = t.unitId) =>
  (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: unitId })).json<Json>().id as string;
const analysis = async (t: TestTenant, extra: Json = {}) => {
  const res = await t.admin.post('/api/v1/risk-analyses', { title: 'RSA 2026', analysedOn: '2026-03-10', unitId: t.unitId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Json>();
};
const riskOf = async (c: Client, analysisId: string, extra: Json = {}) => {
  const res = await c.post('/api/v1/risks', { analysisId, title: 'Intrång', threat: 'Nätfiske', likelihood: 3, consequence: 4, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res;
};

describe('risk and vulnerability analysis (D1-02, D1-11, D4-05)', () => {
  it('D1-11: an RSA record keeps its analysed date, the next update defaults to a year later, and dueForUpdate finds the late ones', async () => {
    const t = await newTenant();
    const a = await analysis(t, { participants: ['Anna', 'Bo'], methodNotes: 'MCF:s metod' });
    expect(a).toMatchObject({
      analysedOn: '2026-03-10',
      nextUpdateOn: '2027-03-10',
      matrixSize: 4,
      status: 'draft',
      participants: ['Anna', 'Bo'],
    });
    const old = await analysis(t, { title: 'Gammal RSA', analysedOn: '2020-01-01' });
    expect(old.dueForUpdate).toBe(true);
    const due = (await t.admin.get('/api/v1/risk-analyses?dueForUpdate=true')).json<Json>().items.map((x: Json) => x.id);
    expect(due).toEqual([old.id]);
    const notDue = (await t.admin.get('/api/v1/risk-analyses?dueForUpdate=false')).json<Json>().items.map((x: Json) => x.id);
    expect(notDue).toEqual([a.id]);
    expect(addMonths('2026-03-10', 12)).toBe('2027-03-10');
  });

  it('D1-02: a risk names its threat, affected system and assessment, and a measure is linked to it', async () => {
    const t = await newTenant();
    const sys = await system(t);
    const a = await analysis(t);
    const r = (await riskOf(t.admin, a.id, { systemIds: [sys], vulnerability: 'Ingen MFA' })).json<Json>();
    expect(r).toMatchObject({
      threat: 'Nätfiske',
      systems: [{ id: sys, name: 'Procapita' }],
      inherent: { likelihood: 3, consequence: 4, level: 12, band: 'very_high' },
      residual: null,
      analysis: { id: a.id, title: 'RSA 2026', matrixSize: 4 },
    });
    const m = await t.admin.post(`/api/v1/risks/${r.id}/measures`, { title: 'Inför MFA', dueOn: '2026-12-31', priority: 'high' });
    expect(m.statusCode, m.body).toBe(201);
    const after = (await t.admin.get(`/api/v1/risks/${r.id}`)).json<Json>();
    expect(after.measures).toEqual([{ id: m.json<Json>().id, title: 'Inför MFA', status: 'proposed' }]);
    // an id of another tenant's system is refused
    const other = await newTenant();
    const theirs = await system(other);
    const bad = await t.admin.post('/api/v1/risks', {
      analysisId: a.id,
      title: 'X',
      threat: 'Y',
      likelihood: 1,
      consequence: 1,
      systemIds: [theirs],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<Json>().errors[0].field).toBe('systemIds');
  });

  it('D4-05: the risks of one IT system, with their preventive measures, are found by systemId', async () => {
    const t = await newTenant();
    const a = await analysis(t);
    const s1 = await system(t, 'Ekonomisystem');
    const s2 = await system(t, 'Skolplattform');
    const r1 = (await riskOf(t.admin, a.id, { systemIds: [s1] })).json<Json>();
    await riskOf(t.admin, a.id, { systemIds: [s2], title: 'Annat' });
    await t.admin.post(`/api/v1/risks/${r1.id}/measures`, { title: 'Säkerhetskopiering' });
    const list = (await t.admin.get(`/api/v1/risks?systemId=${s1}`)).json<Json>().items;
    expect(list.map((x: Json) => x.id)).toEqual([r1.id]);
    const detail = (await t.admin.get(`/api/v1/risks/${r1.id}`)).json<Json>();
    expect(detail.measures.map((m: Json) => m.title)).toEqual(['Säkerhetskopiering']);
    const csv = await t.admin.get(`/api/v1/risks?systemId=${s1}`, { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Ekonomisystem');
  });

  it('matrix size: 5 on a 4×4 analysis is refused (422), a 5×5 analysis takes 5, and a matrix cannot shrink below its scores', async () => {
    const t = await newTenant();
    const a4 = await analysis(t);
    const bad = await t.admin.post('/api/v1/risks', { analysisId: a4.id, title: 'X', threat: 'Y', likelihood: 5, consequence: 2 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<Json>().errors.map((e: Json) => e.field)).toEqual(['likelihood']);
    const put = await t.admin.put('/api/v1/risk-settings', { matrixSize: 5 });
    expect(put.json<Json>()).toEqual({ matrixSize: 5 });
    expect((await t.reader.get('/api/v1/risk-settings')).json<Json>()).toEqual({ matrixSize: 5 });
    expect((await t.editor.put('/api/v1/risk-settings', { matrixSize: 4 })).statusCode).toBe(403);
    const a5 = await analysis(t, { title: 'Stor' });
    expect(a5.matrixSize).toBe(5);
    const r = (await riskOf(t.admin, a5.id, { likelihood: 5, consequence: 5 })).json<Json>();
    expect(r.inherent).toMatchObject({ level: 25, band: 'very_high' });
    const shrink = await t.admin.patch(`/api/v1/risk-analyses/${a5.id}`, { matrixSize: 4 }, { 'if-match': '"v1"' });
    expect(shrink.statusCode).toBe(422);
    expect(shrink.json<Json>().errors[0].field).toBe('matrixSize');
    const summary = (await t.admin.get(`/api/v1/risk-analyses/${a5.id}`)).json<Json>().summary;
    expect(summary.inherent.very_high).toBe(1);
    expect(summary.residual.unassessed).toBe(1);
  });

  it('treatment needs a residual risk, accepting needs a reason; only the owner approves (403 for others, the coordinator too), and a change of treatment clears the approval', async () => {
    const t = await newTenant();
    const a = await analysis(t);
    const ownerId = await meId(t.editor);
    const r = (await riskOf(t.admin, a.id, { ownerUserId: ownerId })).json<Json>();
    const noResidual = await t.admin.patch(`/api/v1/risks/${r.id}`, { treatment: 'reduce' }, { 'if-match': '"v1"' });
    expect(noResidual.statusCode).toBe(422);
    expect(noResidual.json<Json>().errors[0].field).toBe('treatment');
    const noNote = await t.admin.patch(
      `/api/v1/risks/${r.id}`,
      { treatment: 'accept', residualLikelihood: 1, residualConsequence: 2 },
      { 'if-match': '"v1"' },
    );
    expect(noNote.json<Json>().errors.map((e: Json) => e.field)).toEqual(['treatmentNote']);
    const ok = await t.admin.patch(
      `/api/v1/risks/${r.id}`,
      { treatment: 'accept', treatmentNote: 'Låg kvarvarande risk', residualLikelihood: 1, residualConsequence: 2 },
      { 'if-match': '"v1"' },
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Json>().residual).toMatchObject({ level: 2, band: 'low' });
    const byCoordinator = await t.admin.post(`/api/v1/risks/${r.id}/approve`, undefined, { 'if-match': '"v2"' });
    expect(byCoordinator.statusCode).toBe(403);
    expect(byCoordinator.json<Json>().detail).toContain('riskägaren');
    const approved = await t.editor.post(`/api/v1/risks/${r.id}/approve`, undefined, { 'if-match': '"v2"' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<Json>()).toMatchObject({ approved: true, approvedBy: { id: ownerId } });
    expect((await t.admin.get(`/api/v1/risks?approved=true`)).json<Json>().items).toHaveLength(1);
    const changed = await t.admin.patch(`/api/v1/risks/${r.id}`, { treatment: 'reduce' }, { 'if-match': '"v3"' });
    expect(changed.json<Json>()).toMatchObject({ approved: false, approvedBy: null, treatment: 'reduce' });
    const history = (await t.admin.get(`/api/v1/risks/${r.id}/history`)).json<Json>().items.map((e: Json) => e.action);
    expect(history).toContain('risk.approval-cleared');
    expect(history).toContain('risk.approve');
  });

  it('heat map: counts per cell before and after treatment, only of the chosen matrix size', async () => {
    const t = await newTenant();
    const a = await analysis(t);
    await riskOf(t.admin, a.id, { likelihood: 3, consequence: 4, residualLikelihood: 1, residualConsequence: 2, treatment: 'reduce' });
    await riskOf(t.admin, a.id, { likelihood: 3, consequence: 4 });
    const a5 = await analysis(t, { matrixSize: 5 });
    await riskOf(t.admin, a5.id, { likelihood: 5, consequence: 5 });
    const map = (await t.reader.get('/api/v1/risks/heat-map')).json<Json>();
    expect(map.matrixSize).toBe(4);
    expect(map.total).toBe(2);
    expect(map.excludedOtherSize).toBe(1);
    // rows: consequence 4 → 1; columns: likelihood 1 → 4
    expect(map.inherent[0][2]).toBe(2);
    expect(map.residual[2][0]).toBe(1);
    expect(map.residualUnassessed).toBe(1);
    const five = (await t.reader.get(`/api/v1/risks/heat-map?matrixSize=5&analysisId=${a5.id}`)).json<Json>();
    expect(five.inherent[0][4]).toBe(1);
    const cell = (await t.reader.get(`/api/v1/risks?likelihood=3&consequence=4&analysisId=${a.id}`)).json<Json>().items;
    expect(cell).toHaveLength(2);
    expect((await t.reader.get(`/api/v1/risks?band=low&bandOf=residual`)).json<Json>().items).toHaveLength(1);
  });

  it('access: a manager reads but cannot create (403); a unit-scoped system owner reaches its unit’s and systems’ risks only (404 otherwise); another tenant gets 404', async () => {
    const t = await newTenant();
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Socialförvaltningen', type: 'department' })).json<Json>()
      .id as string;
    const mine = await analysis(t);
    const theirs = await analysis(t, { unitId: otherUnit, title: 'Annan' });
    const sysInMine = await system(t);
    const r1 = (await riskOf(t.admin, mine.id)).json<Json>();
    const r2 = (await riskOf(t.admin, theirs.id)).json<Json>();
    const r3 = (await riskOf(t.admin, theirs.id, { systemIds: [sysInMine] })).json<Json>();
    expect((await t.reader.get(`/api/v1/risks/${r1.id}`)).statusCode).toBe(200);
    expect(
      (await t.reader.post('/api/v1/risks', { analysisId: mine.id, title: 'X', threat: 'Y', likelihood: 1, consequence: 1 })).statusCode,
    ).toBe(403);
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    expect((await unitOwner.get(`/api/v1/risks/${r1.id}`)).statusCode).toBe(200);
    expect((await unitOwner.get(`/api/v1/risks/${r2.id}`)).statusCode).toBe(404);
    expect((await unitOwner.post(`/api/v1/risks/${r2.id}/measures`, {})).statusCode).toBe(404);
    expect((await unitOwner.get(`/api/v1/risk-analyses/${theirs.id}`)).statusCode).toBe(404);
    const sysOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'systems', scopeSystemIds: [sysInMine] }], 'system');
    const seen = (await sysOwner.get('/api/v1/risks')).json<Json>().items.map((x: Json) => x.id);
    expect(seen).toEqual([r3.id]);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/risks/${r1.id}`)).statusCode).toBe(404);
    expect((await other.admin.get(`/api/v1/risk-analyses/${mine.id}`)).statusCode).toBe(404);
  });

  it('secrecy: a secret risk is masked for a manager, its read is audited for the coordinator, and marking needs a provision', async () => {
    const t = await newTenant();
    const a = await analysis(t);
    const noProvision = await t.admin.post('/api/v1/risks', {
      analysisId: a.id,
      title: 'X',
      threat: 'Y',
      likelihood: 1,
      consequence: 1,
      secret: true,
    });
    expect(noProvision.json<Json>().errors[0].field).toBe('secrecyProvision');
    const r = (
      await riskOf(t.admin, a.id, {
        title: 'Brandvägg saknas',
        vulnerability: 'Öppen port 3389',
        secret: true,
        secrecyProvision: '18 kap. 8 § OSL',
      })
    ).json<Json>();
    const masked = (await t.reader.get(`/api/v1/risks/${r.id}`)).json<Json>();
    expect(masked).toMatchObject({ masked: true, title: null, vulnerability: null, inherent: { level: 12 } });
    const full = (await t.admin.get(`/api/v1/risks/${r.id}`)).json<Json>();
    expect(full.vulnerability).toBe('Öppen port 3389');
    const history = (await t.admin.get(`/api/v1/risks/${r.id}/history`)).json<Json>().items.map((e: Json) => e.action);
    expect(history).toContain('risk.read-secret');
    // the free-text filter does not find it for someone who sees it masked
    expect((await t.reader.get('/api/v1/risks?q=Brandv%C3%A4gg')).json<Json>().items).toHaveLength(0);
    expect((await t.admin.get('/api/v1/risks?q=Brandv%C3%A4gg')).json<Json>().items).toHaveLength(1);
    // the heat map counts a secret risk only for those who may see it
    expect((await t.reader.get('/api/v1/risks/heat-map')).json<Json>().total).toBe(0);
    expect((await t.admin.get('/api/v1/risks/heat-map')).json<Json>().total).toBe(1);
  });
});
