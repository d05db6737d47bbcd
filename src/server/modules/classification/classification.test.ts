import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { addMonths, stockholmToday as todayInStockholm } from '../../platform/calendar.js';

const aspect = (level: number, reason = `Motivering ${level}`) => ({ level, reason });
const profile = (k: number, r: number, t: number, s: number) => ({
  confidentiality: aspect(k),
  integrity: aspect(r),
  availability: aspect(t),
  traceability: aspect(s),
});

async function asset(t: TestTenant, extra: Record<string, unknown> = {}) {
  const res = await t.admin.post('/api/v1/information-assets', { name: `Tillgång ${Math.random()}`, unitId: t.unitId, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('information classification (D2-23)', () => {
  it('D2-23: classifies an asset with who, when, participants and a default review date 12 months ahead', async () => {
    const t = await newTenant();
    const id = await asset(t);
    const res = await t.editor.put(`/api/v1/information-assets/${id}/classification`, {
      ...profile(2, 1, 2, 1),
      participants: ['Anna', 'Bo'],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      assetId: id,
      confidentiality: { level: 2, label: { sv: 'Betydande', en: 'Significant' }, reason: 'Motivering 2' },
      integrity: { level: 1, label: { sv: 'Måttlig' } },
      profile: 'K2 R1 T2 S1',
      participants: ['Anna', 'Bo'],
      nextReviewOn: addMonths(todayInStockholm(), 12),
      current: true,
    });
    expect(body.classifiedBy.displayName).toBeTruthy();
    const detail = (await t.reader.get(`/api/v1/information-assets/${id}`)).json();
    expect(detail.classification).toMatchObject({ confidentiality: 2, integrity: 1, availability: 2, traceability: 1, reviewDue: false });
    expect(detail.version).toBe(2);
    const list = (await t.reader.get('/api/v1/information-assets')).json();
    expect(list.items[0].classification).toMatchObject({ confidentiality: 2, integrity: 1 });
    const audit = await t.admin.get(`/api/v1/information-assets/${id}/history`);
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('information-asset.classify');
  });

  it('D2-23: reclassifying keeps the old profile as history, superseded, newest first', async () => {
    const t = await newTenant();
    const id = await asset(t);
    await t.editor.put(`/api/v1/information-assets/${id}/classification`, profile(1, 1, 1, 1));
    const again = await t.editor.put(`/api/v1/information-assets/${id}/classification`, {
      ...profile(3, 2, 1, 0),
      nextReviewOn: '2099-01-31',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().nextReviewOn).toBe('2099-01-31');
    const history = (await t.reader.get(`/api/v1/information-assets/${id}/classifications`)).json().items;
    expect(history.map((h: { profile: string; current: boolean }) => [h.profile, h.current])).toEqual([
      ['K3 R2 T1 S0', true],
      ['K1 R1 T1 S1', false],
    ]);
    expect(history[1].supersededAt).not.toBeNull();
    expect((await t.reader.get(`/api/v1/information-assets/${id}/classification`)).json().profile).toBe('K3 R2 T1 S0');
  });

  it('D2-23: the review interval and level labels come from the tenant scheme', async () => {
    const t = await newTenant();
    const labels = [0, 1, 2, 3, 4].map((level) => ({ level, sv: `Nivå ${level} lokal`, en: `Level ${level} local` }));
    const put = await t.admin.put('/api/v1/classification/scheme', { reviewMonths: 6, reminderDays: 10, levels: labels });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ reviewMonths: 6, reminderDays: 10, levelsCustomised: true });
    const id = await asset(t);
    const res = await t.editor.put(`/api/v1/information-assets/${id}/classification`, profile(2, 0, 0, 0));
    expect(res.json().nextReviewOn).toBe(addMonths(todayInStockholm(), 6));
    expect(res.json().confidentiality.label.sv).toBe('Nivå 2 lokal');
    const scheme = (await t.reader.get('/api/v1/classification/scheme')).json();
    expect(scheme.guide).toHaveLength(4);
    expect(scheme.guide[0].questions).toHaveLength(5);
    const bad = await t.admin.put('/api/v1/classification/scheme', { reviewMonths: 40, levels: labels.slice(0, 4) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['reviewMonths', 'levels']));
    expect((await t.editor.put('/api/v1/classification/scheme', { reviewMonths: 6 })).statusCode).toBe(403);
  });

  it('D2-23: level 4 (national security) is refused with an explanation, also as an answer', async () => {
    const t = await newTenant();
    const id = await asset(t);
    const res = await t.editor.put(`/api/v1/information-assets/${id}/classification`, profile(4, 0, 0, 0));
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().detail).toMatch(/säkerhetsskydd/);
    expect(res.json().errors[0].field).toBe('confidentiality.level');
    const viaAnswer = await t.editor.put(`/api/v1/information-assets/${id}/classification`, {
      ...profile(3, 0, 0, 0),
      integrity: { level: 3, reason: 'x', answers: { individuals: 4 } },
    });
    expect(viaAnswer.statusCode).toBe(422);
    expect((await t.reader.get(`/api/v1/information-assets/${id}/classification`)).statusCode).toBe(404);
  });

  it('D2-23: an empty, whitespace or missing reason is 400 with a field error per aspect', async () => {
    const t = await newTenant();
    const id = await asset(t);
    const res = await t.editor.put(`/api/v1/information-assets/${id}/classification`, {
      ...profile(1, 1, 1, 1),
      confidentiality: { level: 1, reason: '' },
      integrity: { level: 1, reason: '   ' },
      availability: { level: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe('urn:tillit:problem:bad-request');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'confidentiality.reason',
      'integrity.reason',
      'availability.reason',
    ]);
  });

  it('D2-23: a level below the most serious guided answer is refused', async () => {
    const t = await newTenant();
    const id = await asset(t);
    const res = await t.editor.put(`/api/v1/information-assets/${id}/classification`, {
      ...profile(1, 1, 1, 1),
      availability: { level: 1, reason: 'x', answers: { operation: 3, finances: 1 } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'availability.level', code: 'below_answers' });
  });

  it('D2-23: personal data (personnummer) and OSL secrecy raise the minimum confidentiality to 2', async () => {
    const t = await newTenant();
    const pnr = await asset(t, { personalData: 'personnummer' });
    const low = await t.editor.put(`/api/v1/information-assets/${pnr}/classification`, profile(1, 0, 0, 0));
    expect(low.statusCode).toBe(422);
    expect(low.json().errors[0]).toMatchObject({ field: 'confidentiality.level', code: 'below_minimum' });
    expect(low.json().errors[0].message).toMatch(/personal-data-sensitive/);
    expect((await t.editor.put(`/api/v1/information-assets/${pnr}/classification`, profile(2, 0, 0, 0))).statusCode).toBe(200);
    const secret = await asset(t, { secret: true, secrecyProvision: '26 kap. 1 § OSL' });
    const s1 = await t.editor.put(`/api/v1/information-assets/${secret}/classification`, profile(1, 0, 0, 0));
    expect(s1.statusCode).toBe(422);
    expect(s1.json().errors[0].message).toMatch(/secrecy-osl/);
    expect((await t.editor.put(`/api/v1/information-assets/${secret}/classification`, profile(2, 0, 0, 0))).statusCode).toBe(200);
  });

  it('D2-23: access — a manager cannot classify, another tenant’s asset is 404, a unit-scoped owner cannot reach another unit', async () => {
    const t = await newTenant();
    const id = await asset(t);
    expect((await t.reader.put(`/api/v1/information-assets/${id}/classification`, profile(1, 1, 1, 1))).statusCode).toBe(403);
    const other = await newTenant();
    expect((await other.admin.put(`/api/v1/information-assets/${id}/classification`, profile(1, 1, 1, 1))).statusCode).toBe(404);
    expect((await other.admin.get(`/api/v1/information-assets/${id}/classifications`)).statusCode).toBe(404);
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Socialförvaltningen', type: 'department' })).json().id;
    const elsewhere = await asset(t, { unitId: otherUnit });
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await owner.put(`/api/v1/information-assets/${elsewhere}/classification`, profile(1, 1, 1, 1))).statusCode).toBe(404);
    expect((await owner.put(`/api/v1/information-assets/${id}/classification`, profile(1, 1, 1, 1))).statusCode).toBe(200);
    const archived = await asset(t);
    const etag = (await t.admin.get(`/api/v1/information-assets/${archived}`)).headers.etag as string;
    await t.admin.post(`/api/v1/information-assets/${archived}/archive`, {}, { 'if-match': etag });
    expect((await t.editor.put(`/api/v1/information-assets/${archived}/classification`, profile(1, 1, 1, 1))).statusCode).toBe(409);
  });

  it('D2-23: a masked viewer of a secret asset sees the levels but not the reasons; the audit trail hashes them', async () => {
    const t = await newTenant();
    const id = await asset(t, { secret: true, secrecyProvision: '26 kap. 1 § OSL' });
    await t.editor.put(`/api/v1/information-assets/${id}/classification`, {
      ...profile(2, 1, 1, 1),
      confidentiality: aspect(2, 'Uppgifter om placerade barn'),
    });
    const masked = (await t.reader.get(`/api/v1/information-assets/${id}/classification`)).json();
    expect(masked).toMatchObject({ masked: true, confidentiality: { level: 2, reason: null }, participants: [] });
    const { database } = await testApp();
    const rows = await database.db.execute(
      sql`select after::text as a from audit_events where tenant_id = ${t.tenantId} and action = 'information-asset.classify'`,
    );
    const text = (rows as unknown as { rows: { a: string }[] }).rows[0]!.a;
    expect(text).not.toContain('placerade barn');
  });

  it('D1-23 D4-31: coverage lists unclassified assets and systems without a classification; reviews due are listed', async () => {
    const t = await newTenant();
    const sys = (await t.admin.post('/api/v1/systems', { name: 'Oklassat system', responsibleUnitId: t.unitId })).json().id;
    const a = await asset(t, { systemIds: [sys] });
    const b = await asset(t);
    await t.editor.put(`/api/v1/information-assets/${b}/classification`, {
      ...profile(1, 1, 1, 1),
      nextReviewOn: todayInStockholm(),
    });
    const cov = (await t.reader.get('/api/v1/classification/coverage')).json();
    expect(cov.assets).toMatchObject({ total: 2, classified: 1, unclassified: 1, dueSoon: 1 });
    expect(cov.systems).toMatchObject({ total: 1, notClassified: 1, withUnclassifiedAssets: 1 });
    expect(cov.systemList[0]).toMatchObject({ id: sys, status: 'not_classified', unclassifiedAssetCount: 1 });
    expect(cov.assetList.map((x: { id: string; state: string }) => [x.id, x.state])).toEqual(
      expect.arrayContaining([
        [a, 'unclassified'],
        [b, 'due_soon'],
      ]),
    );
    const due = (await t.editor.get('/api/v1/classification/reviews-due')).json();
    expect(due.assets.map((x: { id: string }) => x.id)).toEqual([b]);
    expect((await t.reader.get('/api/v1/classification/reviews-due')).json().assets).toEqual([]);
  });
});

describe('information classification: review fixes', () => {
  const classifyAt = (t: TestTenant, id: string, body: Record<string, unknown>, headers?: Record<string, string>) =>
    t.editor.put(`/api/v1/information-assets/${id}/classification`, body, headers);

  async function patchAsset(t: TestTenant, id: string, body: Record<string, unknown>) {
    const etag = (await t.admin.get(`/api/v1/information-assets/${id}`)).headers.etag as string;
    const res = await t.admin.patch(`/api/v1/information-assets/${id}`, body, { 'if-match': etag });
    expect(res.statusCode).toBe(200);
  }

  it('D2-23: an asset changed to sensitive personal data after classification is flagged below the minimum and due for reclassification', async () => {
    const t = await newTenant();
    const id = await asset(t, { personalData: 'none' });
    expect((await classifyAt(t, id, profile(1, 0, 0, 0))).statusCode).toBe(200);
    expect((await t.editor.get(`/api/v1/information-assets/${id}/classification`)).json()).toMatchObject({
      belowMinimum: [],
      reviewDue: false,
    });
    await patchAsset(t, id, { personalData: 'sensitive' });
    const current = (await t.editor.get(`/api/v1/information-assets/${id}/classification`)).json();
    expect(current).toMatchObject({
      reviewState: 'ok',
      reviewDue: true,
      belowMinimum: [{ aspect: 'confidentiality', minLevel: 2, rule: 'personal-data-sensitive' }],
    });
    const cov = (await t.reader.get('/api/v1/classification/coverage')).json();
    expect(cov.assets.belowMinimum).toBe(1);
    expect(cov.assetList.find((x: { id: string }) => x.id === id)).toMatchObject({ state: 'ok', belowMinimum: [{ minLevel: 2 }] });
    const due = (await t.editor.get('/api/v1/classification/reviews-due')).json();
    expect(due.assets).toEqual([expect.objectContaining({ id, state: 'below_minimum' })]);
    // reclassifying at the minimum clears it
    expect((await classifyAt(t, id, profile(2, 0, 0, 0))).statusCode).toBe(200);
    expect((await t.editor.get(`/api/v1/information-assets/${id}/classification`)).json()).toMatchObject({
      belowMinimum: [],
      reviewDue: false,
    });
  });

  it('D2-23: an asset marked secret after classification is flagged by the OSL minimum', async () => {
    const t = await newTenant();
    const id = await asset(t);
    expect((await classifyAt(t, id, profile(0, 0, 0, 0))).statusCode).toBe(200);
    await patchAsset(t, id, { secret: true, secrecyProvision: '26 kap. 1 § OSL' });
    const current = (await t.editor.get(`/api/v1/information-assets/${id}/classification`)).json();
    expect(current.belowMinimum).toEqual([{ aspect: 'confidentiality', minLevel: 2, rule: 'secrecy-osl' }]);
    expect(current.reviewDue).toBe(true);
  });

  it('D2-23: reviews due masks the names of secret assets for masked viewers and audits the full read of secret ones', async () => {
    const t = await newTenant();
    const id = await asset(t, { name: 'Skyddade adresser', secret: true, secrecyProvision: '21 kap. 3 § OSL' });
    expect((await classifyAt(t, id, { ...profile(2, 1, 1, 1), nextReviewOn: todayInStockholm() })).statusCode).toBe(200);
    const masked = await memberWith(t, [{ role: 'manager', scopeType: 'unit', scopeUnitId: t.unitId }], 'chef');
    const { database } = await testApp();
    const reads = async () =>
      (
        (await database.db.execute(
          sql`select count(*)::int as n from audit_events where tenant_id = ${t.tenantId} and action = 'information-asset.read-secret' and entity_id = ${id}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n;
    const before = await reads();
    const full = (await t.editor.get('/api/v1/classification/reviews-due')).json();
    expect(full.assets).toEqual([expect.objectContaining({ id, name: 'Skyddade adresser', state: 'due_soon' })]);
    expect(await reads()).toBe(before + 1);
    // a masked viewer may not change a secret asset, so it is not asked to renew it (nor shown its name)
    const seen = (await masked.get('/api/v1/classification/reviews-due')).json();
    expect(JSON.stringify(seen)).not.toContain('Skyddade adresser');
    expect(await reads()).toBe(before + 1);
  });

  it('D2-23: If-Match is optional on classify; a stale asset ETag is refused with 412, and the answer carries the new ETag', async () => {
    const t = await newTenant();
    const id = await asset(t);
    const etag = (await t.editor.get(`/api/v1/information-assets/${id}`)).headers.etag as string;
    const first = await classifyAt(t, id, profile(1, 1, 1, 1), { 'if-match': etag });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe((await t.editor.get(`/api/v1/information-assets/${id}`)).headers.etag);
    expect((await classifyAt(t, id, profile(2, 1, 1, 1), { 'if-match': etag })).statusCode).toBe(412);
    expect((await classifyAt(t, id, profile(2, 1, 1, 1))).statusCode).toBe(200);
  });

  it('D2-23: a minimum rule without a condition, or with level 4, is refused with a field error', async () => {
    const t = await newTenant();
    const rule = { id: 'egen', aspect: 'confidentiality', minLevel: 2, reasonSv: 'Skäl', reasonEn: 'Reason' };
    const empty = await t.admin.put('/api/v1/classification/scheme', { minimumRules: [{ ...rule, when: {} }] });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0]).toMatchObject({ field: 'minimumRules.0.when', code: 'required' });
    const four = await t.admin.put('/api/v1/classification/scheme', { minimumRules: [{ ...rule, when: { secret: true }, minLevel: 4 }] });
    expect(four.statusCode).toBe(422);
    expect(four.json().errors[0]).toMatchObject({ field: 'minimumRules.0.minLevel', code: 'national_security' });
    expect(four.json().errors[0].message).toMatch(/säkerhetsskydd/);
    const ok = await t.admin.put('/api/v1/classification/scheme', { minimumRules: [{ ...rule, when: { secret: false } }] });
    expect(ok.statusCode).toBe(200);
  });
});
