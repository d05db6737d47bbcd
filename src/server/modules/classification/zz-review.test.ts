import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';

const profile = (k: number, r: number, t: number, s: number) => ({
  confidentiality: { level: k, reason: 'K' },
  integrity: { level: r, reason: 'R' },
  availability: { level: t, reason: 'T' },
  traceability: { level: s, reason: 'S' },
});
const log = (...a: unknown[]) => console.log('REVIEW', ...a);

async function sys(t: TestTenant, extra: Record<string, unknown> = {}) {
  const r = await t.admin.post('/api/v1/systems', { name: `Sys ${Math.random()}`, responsibleUnitId: t.unitId, ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
async function asset(t: TestTenant, systemIds: string[], extra: Record<string, unknown> = {}) {
  const r = await t.admin.post('/api/v1/information-assets', { name: `A ${Math.random()}`, unitId: t.unitId, systemIds, ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

describe('review: contract', () => {
  it('classification PUT contract', async () => {
    const t = await newTenant();
    const s = await sys(t);
    const a = await asset(t, [s]);
    const ok = await t.editor.put(`/api/v1/information-assets/${a}/classification`, profile(2, 1, 1, 0));
    log('classify 200', ok.statusCode);
    const four = await t.editor.put(`/api/v1/information-assets/${a}/classification`, profile(4, 1, 1, 0));
    log('level4', four.statusCode, four.headers['content-type']);
    const empty = await t.editor.put(`/api/v1/information-assets/${a}/classification`, {
      ...profile(1, 1, 1, 1),
      integrity: { level: 1, reason: '' },
    });
    log('empty reason', empty.statusCode, empty.headers['content-type'], empty.body.slice(0, 200));
    const noReason = await t.editor.put(`/api/v1/information-assets/${a}/classification`, {
      ...profile(1, 1, 1, 1),
      integrity: { level: 1 },
    });
    log('missing reason', noReason.statusCode);
    const four_empty = await t.editor.put(`/api/v1/information-assets/${a}/classification`, {
      ...profile(4, 1, 1, 1),
      integrity: { level: 1, reason: '' },
    });
    log('level4 + empty reason', four_empty.statusCode);
    const fourAnswers = await t.editor.put(`/api/v1/information-assets/${a}/classification`, {
      ...profile(1, 1, 1, 1),
      confidentiality: { level: 1, reason: 'x', answers: { law: 4 } },
    });
    log('answers level4', fourAnswers.statusCode);
    const nullReason = await t.editor.put(`/api/v1/information-assets/${a}/classification`, {
      ...profile(1, 1, 1, 1),
      integrity: { level: 1, reason: null },
    });
    log('null reason', nullReason.statusCode);
    const level5 = await t.editor.put(`/api/v1/information-assets/${a}/classification`, profile(5, 1, 1, 1));
    log('level5', level5.statusCode);
    const levelStr = await t.editor.put(`/api/v1/information-assets/${a}/classification`, { ...profile(1, 1, 1, 1), integrity: { level: '1', reason: 'x' } });
    log('level string', levelStr.statusCode);
    const badDate = await t.editor.put(`/api/v1/information-assets/${a}/classification`, { ...profile(1, 1, 1, 1), nextReviewOn: '0000-01-01' });
    log('review date 0000', badDate.statusCode);
    const farDate = await t.editor.put(`/api/v1/information-assets/${a}/classification`, { ...profile(1, 1, 1, 1), nextReviewOn: '9999-12-31' });
    log('review date 9999', farDate.statusCode);
    const huge = await t.editor.put(`/api/v1/information-assets/${a}/classification`, {
      ...profile(1, 1, 1, 1),
      participants: Array.from({ length: 50 }, () => 'ü'.repeat(200)),
    });
    log('unicode participants', huge.statusCode);
  });

  it('system protectionLevel after unlink/archive/reclassify lower; PUT protection-level', async () => {
    const t = await newTenant();
    const s = await sys(t);
    const a1 = await asset(t, [s]);
    const a2 = await asset(t, [s]);
    await t.editor.put(`/api/v1/information-assets/${a1}/classification`, profile(3, 1, 1, 1));
    await t.editor.put(`/api/v1/information-assets/${a2}/classification`, profile(1, 2, 1, 1));
    const pl = async () => (await t.reader.get(`/api/v1/systems/${s}`)).json().protectionLevel;
    log('initial', await pl());
    const below = await t.editor.put(`/api/v1/systems/${s}/protection-level`, { confidentiality: 2, reason: 'x' });
    log('below', below.statusCode, below.headers['content-type']);
    const above = await t.editor.put(`/api/v1/systems/${s}/protection-level`, { integrity: 3, reason: 'aggregering' });
    log('above', above.statusCode, (await pl()));
    const aboveObj = await t.editor.put(`/api/v1/systems/${s}/protection-level`, {
      confidentiality: { level: 3, reason: 'r' },
      integrity: { level: 3, reason: 'r' },
      availability: { level: 2, reason: 'r' },
      traceability: { level: 1, reason: 'r' },
    });
    log('above all four', aboveObj.statusCode, await pl());
    const four = await t.editor.put(`/api/v1/systems/${s}/protection-level`, { integrity: 4, reason: 'x' });
    log('system level 4', four.statusCode);
    // only critical: drops previous raises?
    const onlyCritical = await t.editor.put(`/api/v1/systems/${s}/protection-level`, { critical: true });
    log('only critical', onlyCritical.statusCode, await pl());
    // reclassify lower
    await t.editor.put(`/api/v1/information-assets/${a1}/classification`, profile(1, 1, 1, 1));
    log('a1 lowered', await pl());
    await t.editor.put(`/api/v1/information-assets/${a1}/classification`, profile(3, 1, 1, 1));
    // unlink a1
    const a1d = (await t.admin.get(`/api/v1/information-assets/${a1}`)).json();
    const unl = await t.admin.patch(`/api/v1/information-assets/${a1}`, { systemIds: [] }, { 'if-match': `"v${a1d.version}"` });
    log('unlink', unl.statusCode, await pl());
    // archive a2
    const a2d = (await t.admin.get(`/api/v1/information-assets/${a2}`)).json();
    const arc = await t.admin.post(`/api/v1/information-assets/${a2}/archive`, {}, { 'if-match': `"v${a2d.version}"` });
    log('archive', arc.statusCode, await pl());
  });
});

describe('review: secrecy', () => {
  it('measure shows title of a risk in a secret analysis to management', async () => {
    const t = await newTenant();
    const mgmt = await memberWith(t, [{ role: 'management', scopeType: 'tenant' }], 'ledning');
    const an = await t.admin.post('/api/v1/risk-analyses', {
      title: 'Hemlig RSA',
      analysedOn: '2026-01-10',
      secret: true,
      secrecyProvision: '18 kap. 8 § OSL',
    });
    expect(an.statusCode, an.body).toBe(201);
    const risk = await t.admin.post('/api/v1/risks', {
      analysisId: an.json().id,
      title: 'HEMLIG RISKTITEL sårbarhet i brandvägg',
      threat: 'Intrång',
      likelihood: 2,
      consequence: 3,
    });
    expect(risk.statusCode, risk.body).toBe(201);
    const m = await t.admin.post('/api/v1/measures', { title: 'Öppen åtgärd', origin: 'other', basis: 'x', riskIds: [risk.json().id] });
    expect(m.statusCode, m.body).toBe(201);
    const seen = (await mgmt.get(`/api/v1/measures/${m.json().id}`)).json();
    log('mgmt sees risk in measure', JSON.stringify(seen.risks), 'measure.masked', seen.masked);
    const riskSeen = (await mgmt.get(`/api/v1/risks/${risk.json().id}`)).json();
    log('mgmt risk view masked', riskSeen.masked, riskSeen.title);
    const csv = await mgmt.get('/api/v1/measures', { accept: 'text/csv' });
    log('csv has title', csv.statusCode, csv.body.includes('HEMLIG RISKTITEL'));
    // reader = tenant-wide manager
    const rd = (await t.reader.get(`/api/v1/measures/${m.json().id}`)).json();
    log('manager sees risk in measure', JSON.stringify(rd.risks));
  });

  it('action plan progress sums secret measure costs for masked viewers', async () => {
    const t = await newTenant();
    const mgmt = await memberWith(t, [{ role: 'management', scopeType: 'tenant' }], 'ledning');
    const m = await t.admin.post('/api/v1/measures', {
      title: 'Hemlig',
      origin: 'other',
      basis: 'x',
      plannedCostSek: 123456.78,
      actualCostSek: 1000,
      secret: true,
      secrecyProvision: '18 kap. 8 § OSL',
      unitId: t.unitId,
    });
    expect(m.statusCode, m.body).toBe(201);
    const p = await t.admin.post('/api/v1/action-plans', { year: 2027, title: 'Plan' });
    const act = await t.admin.post(`/api/v1/action-plans/${p.json().id}/activities`, { title: 'Akt', measureIds: [m.json().id] });
    expect(act.statusCode, act.body).toBe(201);
    const seen = (await mgmt.get(`/api/v1/action-plans/${p.json().id}`)).json();
    log('mgmt plan measure', JSON.stringify(seen.activities[0].measures[0]), 'progress', JSON.stringify(seen.activities[0].progress), JSON.stringify(seen.progress));
    const xm = (await mgmt.get(`/api/v1/measures/${m.json().id}`)).json();
    log('mgmt measure itself', xm.masked, xm.plannedCostSek);
  });

  it('gap analysis shows a secret measure title for a non-secret system', async () => {
    const t = await newTenant();
    const s = await sys(t);
    const a = await asset(t, [s]);
    await t.admin.put(`/api/v1/information-assets/${a}/classification`, profile(3, 3, 3, 3));
    await t.admin.post('/api/v1/requirements/starter-catalogue', {});
    const ga = (await t.admin.get(`/api/v1/systems/${s}/gap-analysis`)).json();
    const req = ga.items[0].requirement.id;
    const as = await t.admin.put(`/api/v1/systems/${s}/gap-analysis/${req}`, { status: 'missing', deficiency: 'serious' });
    expect(as.statusCode, as.body).toBe(200);
    const mid = as.json().assessment.measure.id;
    const md = (await t.admin.get(`/api/v1/measures/${mid}`)).json();
    const pm = await t.admin.patch(
      `/api/v1/measures/${mid}`,
      { title: 'HEMLIG ÅTGÄRDSTITEL', secret: true, secrecyProvision: '18 kap. 8 § OSL' },
      { 'if-match': `"v${md.version}"` },
    );
    expect(pm.statusCode, pm.body).toBe(200);
    const rd = (await t.reader.get(`/api/v1/systems/${s}/gap-analysis`)).json();
    const item = rd.items.find((i: { requirement: { id: string } }) => i.requirement.id === req);
    log('manager gap measure', JSON.stringify(item.assessment.measure));
    const rm = (await t.reader.get(`/api/v1/measures/${mid}`)).json();
    log('manager measure itself', rm.masked, rm.title);
  });

  it('protection view contributing lists hidden asset ids to employee', async () => {
    const t = await newTenant();
    const emp = await memberWith(t, [{ role: 'employee', scopeType: 'tenant' }], 'emp');
    const s = await sys(t);
    const a = await asset(t, [s], { secret: true, secrecyProvision: '21 kap. 7 § OSL' });
    await t.admin.put(`/api/v1/information-assets/${a}/classification`, profile(3, 1, 1, 1));
    const v = await emp.get(`/api/v1/systems/${s}/protection-level`);
    log('employee protection', v.statusCode, JSON.stringify(v.json().contributing?.confidentiality), v.json().assetCount);
  });
});

describe('review: scope', () => {
  it('unit-scoped owner links measure and risk to out-of-scope system', async () => {
    const t = await newTenant();
    const other = (await t.admin.post('/api/v1/org-units', { name: 'Annan', type: 'department' })).json().id;
    const foreign = await sys(t, { responsibleUnitId: other, name: 'Främmande' });
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'so');
    const m = await owner.post('/api/v1/measures', { title: 'x', origin: 'other', basis: 'b', unitId: t.unitId, systemId: foreign });
    log('measure w/ foreign system', m.statusCode, JSON.stringify(m.json().system));
    const an = await owner.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '2026-01-10', unitId: t.unitId });
    log('analysis', an.statusCode);
    const r = await owner.post('/api/v1/risks', {
      analysisId: an.json().id,
      title: 'r',
      threat: 't',
      likelihood: 1,
      consequence: 1,
      systemIds: [foreign],
    });
    log('risk w/ foreign system', r.statusCode);
    // what does the foreign system's owner (scoped to other unit) see?
    const otherOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'systems', scopeSystemIds: [foreign] }], 'so2');
    const seen = await otherOwner.get(`/api/v1/risks/${r.json().id}`);
    log('foreign-system owner reads the risk', seen.statusCode);
    const upd = await otherOwner.patch(`/api/v1/risks/${r.json().id}`, { title: 'taken over' }, { 'if-match': `"v${seen.json().version}"` });
    log('foreign-system owner updates the risk', upd.statusCode);
  });

  it('risk owner reassignment then approval', async () => {
    const t = await newTenant();
    const other = await memberWith(t, [{ role: 'system_owner', scopeType: 'tenant' }], 'owner');
    const an = await t.admin.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '2026-01-10' });
    const r = await t.admin.post('/api/v1/risks', {
      analysisId: an.json().id,
      title: 'r',
      threat: 't',
      likelihood: 2,
      consequence: 2,
      residualLikelihood: 1,
      residualConsequence: 1,
      treatment: 'reduce',
      ownerUserId: other.userId,
    });
    expect(r.statusCode, r.body).toBe(201);
    const notOwner = await t.editor.post(`/api/v1/risks/${r.json().id}/approve`, {}, { 'if-match': `"v${r.json().version}"` });
    log('non-owner approve', notOwner.statusCode);
    // editor makes himself the owner
    const me = (await t.editor.get('/api/v1/auth/me')).json();
    const patched = await t.editor.patch(`/api/v1/risks/${r.json().id}`, { ownerUserId: me.user?.id ?? me.id }, { 'if-match': `"v${r.json().version}"` });
    log('self-assign owner', patched.statusCode);
    if (patched.statusCode === 200) {
      const ap = await t.editor.post(`/api/v1/risks/${r.json().id}/approve`, {}, { 'if-match': `"v${patched.json().version}"` });
      log('self-approve after reassign', ap.statusCode);
    }
  });
});

describe('review: odd input', () => {
  it('duplicates, odd values', async () => {
    const t = await newTenant();
    const an = await t.admin.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '2026-01-10' });
    const r = await t.admin.post('/api/v1/risks', { analysisId: an.json().id, title: 'r', threat: 't', likelihood: 1, consequence: 1 });
    const g = await t.admin.post('/api/v1/policy-goals', { code: 'G1', text: 'Mål' });
    log('goal', g.statusCode, g.body.slice(0, 100));
    const dupR = await t.admin.post('/api/v1/measures', { title: 'x', origin: 'other', basis: 'b', riskIds: [r.json().id, r.json().id] });
    log('dup riskIds', dupR.statusCode, dupR.body.slice(0, 150));
    const dupG = await t.admin.post('/api/v1/measures', { title: 'x', origin: 'other', basis: 'b', goalIds: [g.json().id, g.json().id] });
    log('dup goalIds', dupG.statusCode);
    const neg = await t.admin.post('/api/v1/measures', { title: 'x', origin: 'other', basis: 'b', plannedCostSek: -1 });
    log('neg cost', neg.statusCode);
    const big = await t.admin.post('/api/v1/measures', { title: 'x', origin: 'other', basis: 'b', plannedCostSek: 1e300 });
    log('huge cost', big.statusCode);
    const frac = await t.admin.post('/api/v1/measures', { title: 'x', origin: 'other', basis: 'b', plannedCostSek: 0.001 });
    log('0.001 cost', frac.statusCode);
    const d0 = await t.admin.post('/api/v1/measures', { title: 'x', origin: 'other', basis: 'b', dueOn: '0000-01-01' });
    log('due 0000', d0.statusCode, d0.body.slice(0, 120));
    const an0 = await t.admin.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '9999-12-31' });
    log('analysis 9999', an0.statusCode, an0.body.slice(0, 120));
    const an00 = await t.admin.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '0000-06-01' });
    log('analysis 0000', an00.statusCode, an00.body.slice(0, 120));
    const p = await t.admin.post('/api/v1/action-plans', { year: 2030, title: 'Plan' });
    const dec = await t.admin.post(`/api/v1/action-plans/${p.json().id}/decision`, { decidedOn: '0000-01-01', decidedBy: 'KS', caseNumber: 'KS 1' }, { 'if-match': `"v${p.json().version}"` });
    log('decide 0000', dec.statusCode);
    const sek = await t.admin.post(`/api/v1/action-plans/${p.json().id}/activities`, { title: 'a', budgetSek: 999999999.99, startOn: '2030-02-01', endOn: '2030-01-01' });
    log('activity end<start', sek.statusCode);
    const hm = await t.admin.get('/api/v1/risks/heat-map?matrixSize=7');
    log('heat map size 7', hm.statusCode);
    const q = await t.admin.get(`/api/v1/risks?q=${encodeURIComponent("%_\\'; drop table risks; --")}`);
    log('risk q sql', q.statusCode);
    const mq = await t.admin.get(`/api/v1/measures?q=${encodeURIComponent('ü'.repeat(200))}&status=done&status=planned`);
    log('measure q unicode', mq.statusCode);
    const cursor = await t.admin.get('/api/v1/risks?cursor=garbage');
    log('risks bad cursor', cursor.statusCode);
    const sort = await t.admin.get('/api/v1/risks?sort=-nope');
    log('risks bad sort', sort.statusCode);
    const cmp = await t.admin.get('/api/v1/risk-snapshots/compare?from=2020&to=abc');
    log('compare bad', cmp.statusCode);
    const snap = await t.admin.post('/api/v1/risk-snapshots', { year: 2099 });
    log('snapshot 2099', snap.statusCode);
    const snap2 = await t.admin.post('/api/v1/risk-snapshots', { year: 2099 });
    log('snapshot 2099 again', snap2.statusCode);
    const rq = await t.admin.put(`/api/v1/systems/00000000-0000-0000-0000-000000000000/gap-analysis/00000000-0000-0000-0000-000000000000`, { status: 'exists', howMet: 'x' });
    log('gap unknown', rq.statusCode);
    const sch = await t.admin.put('/api/v1/classification/scheme', {
      minimumRules: [{ id: 'r', when: {}, aspect: 'confidentiality', minLevel: 4, reasonSv: 'x', reasonEn: 'x' }],
    });
    log('scheme minLevel 4', sch.statusCode);
    const sch2 = await t.admin.put('/api/v1/classification/scheme', {
      minimumRules: [{ id: 'r', when: {}, aspect: 'confidentiality', minLevel: 2, reasonSv: 'x', reasonEn: 'x' }],
    });
    log('scheme empty when', sch2.statusCode);
  });

  it('concurrent classifications of one asset', async () => {
    const t = await newTenant();
    const s = await sys(t);
    const a = await asset(t, [s]);
    const res = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.editor.put(`/api/v1/information-assets/${a}/classification`, profile(i % 4, 1, 1, 1))),
    );
    log('concurrent classify', res.map((r) => r.statusCode).join(','));
    const res2 = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.editor.put(`/api/v1/systems/${s}/protection-level`, { availability: 3, reason: `r${i}` })),
    );
    log('concurrent protection', res2.map((r) => r.statusCode).join(','));
    const req = await Promise.all(Array.from({ length: 4 }, () => t.admin.post('/api/v1/requirements/starter-catalogue', {})));
    log('concurrent starter', req.map((r) => r.statusCode).join(','));
    const plans = await Promise.all(Array.from({ length: 4 }, () => t.admin.post('/api/v1/action-plans', { year: 2031, title: 'P' })));
    log('concurrent plans', plans.map((r) => r.statusCode).join(','));
    const hist = (await t.reader.get(`/api/v1/information-assets/${a}/classifications`)).json().items;
    log('history current count', hist.filter((h: { current: boolean }) => h.current).length, 'of', hist.length);
  });
});
