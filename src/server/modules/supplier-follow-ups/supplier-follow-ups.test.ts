import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { PDF, sentFollowUp, uploadEvidence } from '../../../../test/access/fixtures/follow-ups.js';
import { careProviderTemplate, itSupplierTemplate } from '../follow-up-templates/follow-up-templates.shipped.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function supplier(t: TestTenant, type: string, organisationNumber: string, name = 'Omsorgsbolaget AB') {
  const res = await t.admin.post('/api/v1/suppliers', { name, organisationNumber, type });
  if (res.statusCode !== 201) throw new Error(`supplier: ${res.body}`);
  return res.json<Json>().id as string;
}

const admin = (t: TestTenant, supplierId: string) =>
  memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: supplierId }], 'leverantorsadmin');

const item = (f: Json, code: string) => (f.items as Json[]).find((i) => i.code === code)!;
const get = async (c: Client, id: string) => (await c.get(`/api/v1/supplier-follow-ups/${id}`)).json<Json>();
const etag = async (c: Client, id: string) => (await c.get(`/api/v1/supplier-follow-ups/${id}`)).headers.etag as string;

async function answerAll(c: Client, f: Json, answer = 'yes') {
  for (const i of f.items as Json[]) {
    const res = await c.put(
      `/api/v1/follow-up-items/${i.id}/answer`,
      { answer, comment: `Svar på ${i.code}` },
      { 'if-match': `"v${i.version}"` },
    );
    expect(res.statusCode, res.body).toBe(200);
  }
}

async function attachRequired(c: Client, f: Json) {
  for (const i of (f.items as Json[]).filter((x) => x.evidenceRequired))
    expect((await uploadEvidence(c, i.id, `${i.code}.pdf`, PDF)).statusCode).toBe(200);
}

describe('supplier follow-ups (D1-17)', () => {
  it('D1-17: planned → sent with the checklist → answered in the portal → assessed, a deficiency becomes a measure, closed when it is done', async () => {
    const t = await newTenant();
    const s = await supplier(t, 'care_provider', '5566778899');
    const sa = await admin(t, s);
    const me = (await t.admin.get('/api/v1/auth/me')).json<Json>().user.id as string;
    const created = await t.admin.post('/api/v1/supplier-follow-ups', {
      supplierId: s,
      title: 'Uppföljning 2026',
      plannedOn: '2026-03-01',
      reviewerId: me,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json<Json>()).toMatchObject({ status: 'planned', items: [], actions: expect.arrayContaining(['send']) });
    // the supplier does not see a follow-up that is still being planned
    expect((await sa.get(`/api/v1/supplier-follow-ups/${created.json<Json>().id}`)).statusCode).toBe(404);

    const f = await sentFollowUp(t.admin, s, 'Uppföljning 2026');
    expect(f.status).toBe('sent');
    expect(f.items.map((i: Json) => i.code)).toEqual(careProviderTemplate.map((i) => i.code));
    // the supplier's admin is told
    const { database } = await testApp();
    const told = await database.db.execute(
      sql`select count(*)::int as n from notifications where user_id = ${sa.userId} and kind = 'follow-up-sent'`,
    );
    expect((told as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThan(0);

    // the supplier answers each item and attaches evidence where asked, then hands the answers in
    const seen = await get(sa, f.id);
    expect(seen.actions).toEqual(expect.arrayContaining(['answer', 'submit']));
    await answerAll(sa, seen);
    await attachRequired(sa, seen);
    const submitted = await sa.post(`/api/v1/supplier-follow-ups/${f.id}/submit`, {}, { 'if-match': await etag(sa, f.id) });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<Json>().status).toBe('answered');
    // the supplier cannot assess its own answers
    const d312 = item(await get(t.admin, f.id), 'D3-12');
    expect(
      (await sa.put(`/api/v1/follow-up-items/${d312.id}/assessment`, { assessment: 'approved' }, { 'if-match': `"v${d312.version}"` }))
        .statusCode,
    ).toBe(403);

    // a deficiency needs a due date, and then becomes a measure (origin supplier_deficiency)
    const noDue = await t.admin.put(
      `/api/v1/follow-up-items/${d312.id}/assessment`,
      { assessment: 'deficient' },
      { 'if-match': `"v${d312.version}"` },
    );
    expect(noDue.statusCode).toBe(422);
    expect(noDue.json<Json>().errors[0].field).toBe('dueOn');
    const deficient = await t.admin.put(
      `/api/v1/follow-up-items/${d312.id}/assessment`,
      { assessment: 'deficient', note: 'Brandväggen saknas på två datorer.', dueOn: '2026-06-30' },
      { 'if-match': `"v${d312.version}"` },
    );
    expect(deficient.statusCode, deficient.body).toBe(200);
    const measureId = deficient.json<Json>().measure.id as string;
    const measure = (await t.admin.get(`/api/v1/measures/${measureId}`)).json<Json>();
    expect(measure).toMatchObject({ origin: 'supplier_deficiency', originId: f.id, dueOn: '2026-06-30' });
    // the supplier sees that the deficiency is followed, not the municipality's measure text
    expect(item(await get(sa, f.id), 'D3-12').measure).toMatchObject({ id: measureId, title: null });

    for (const i of (await get(t.admin, f.id)).items as Json[])
      if (!i.assessment)
        expect(
          (await t.admin.put(`/api/v1/follow-up-items/${i.id}/assessment`, { assessment: 'approved' }, { 'if-match': `"v${i.version}"` }))
            .statusCode,
        ).toBe(200);
    const assessed = await get(t.admin, f.id);
    expect(assessed).toMatchObject({ status: 'assessed', counts: { deficient: 1, openDeficiencies: 1 } });

    // closing waits for the deficiency's measure
    const early = await t.admin.post(`/api/v1/supplier-follow-ups/${f.id}/close`, {}, { 'if-match': await etag(t.admin, f.id) });
    expect(early.statusCode).toBe(409);
    const m = await t.admin.get(`/api/v1/measures/${measureId}`);
    const done = await t.admin.patch(
      `/api/v1/measures/${measureId}`,
      { status: 'done', completedOn: '2026-05-01' },
      { 'if-match': m.headers.etag as string },
    );
    expect(done.statusCode, done.body).toBe(200);
    const closed = await t.admin.post(
      `/api/v1/supplier-follow-ups/${f.id}/close`,
      { conclusion: 'Bristen åtgärdad.' },
      { 'if-match': await etag(t.admin, f.id) },
    );
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<Json>()).toMatchObject({ status: 'closed', conclusion: 'Bristen åtgärdad.', counts: { openDeficiencies: 0 } });
  });

  it('D0-05: the IT supplier checklist asks for a competence attestation per area (eight areas)', async () => {
    const competence = itSupplierTemplate.filter((i) => i.sources.includes('D0-05'));
    expect(competence.map((i) => i.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => `D0-05-${n}`));
    expect(competence.every((i) => i.area === 'competence')).toBe(true);
    const t = await newTenant();
    const f = await sentFollowUp(t.admin, await supplier(t, 'it_supplier', '5561234567', 'Driftpartner AB'));
    expect((f.items as Json[]).filter((i) => i.sources.includes('D0-05'))).toHaveLength(8);
  });

  it('D0-19: the password policy must be attached before the answers can be handed in; D0-20 asks how it was made known', async () => {
    const t = await newTenant();
    const s = await supplier(t, 'it_supplier', '5561234567', 'Driftpartner AB');
    const sa = await admin(t, s);
    const f = await sentFollowUp(t.admin, s);
    expect(item(f, 'D0-19')).toMatchObject({ evidenceRequired: true, sources: ['D0-19'] });
    expect(item(f, 'D0-20').text).toMatch(/känd/);
    await answerAll(sa, f);
    const refused = await sa.post(`/api/v1/supplier-follow-ups/${f.id}/submit`, {}, { 'if-match': await etag(sa, f.id) });
    expect(refused.statusCode).toBe(422);
    const codes = refused.json<Json>().errors.map((e: Json) => e.code);
    expect(codes).toContain('evidence_required');
    expect(refused.json<Json>().errors.some((e: Json) => /D0-19/.test(e.message))).toBe(true);
    await attachRequired(sa, f);
    expect((await sa.post(`/api/v1/supplier-follow-ups/${f.id}/submit`, {}, { 'if-match': await etag(sa, f.id) })).statusCode).toBe(200);
  });

  it('D3-12: the care provider checklist asks for antivirus and firewall with evidence', () => {
    expect(careProviderTemplate.find((i) => i.code === 'D3-12')).toMatchObject({
      evidenceRequired: true,
      area: 'security',
      sources: ['D3-12'],
    });
  });

  it('D3-15 D3-16 D3-17 D3-18 D3-19 D3-20 D3-21: the duties in the business system are obligations on the care provider checklist', () => {
    const duties = careProviderTemplate.filter((i) => i.area === 'obligations').map((i) => i.code);
    expect(duties).toEqual(['D3-15', 'D3-16', 'D3-17', 'D3-18', 'D3-19', 'D3-20', 'D3-21']);
  });

  it('D3-01 D3-02 D3-03 D3-05 D3-06 D3-11 D3-13 D3-14 D3-26 D3-28 D3-29 D3-35 D3-36 D3-37: each has an item on the care provider checklist', () => {
    for (const code of [
      'D3-01',
      'D3-02',
      'D3-03',
      'D3-05',
      'D3-06',
      'D3-11',
      'D3-13',
      'D3-14',
      'D3-26',
      'D3-28',
      'D3-29',
      'D3-35',
      'D3-36',
      'D3-37',
    ])
      expect(
        careProviderTemplate.some((i) => i.sources.includes(code)),
        code,
      ).toBe(true);
  });

  it('D0-01 D0-02 D0-03 D0-04 D0-07 D0-08 D0-15 D0-18 D0-23 D0-26 D0-27 D0-29 D0-32 D0-36 D0-37 D0-43 D0-44: each has an item on the IT supplier checklist, with evidence where a document is the proof', () => {
    const ids = [
      'D0-01',
      'D0-02',
      'D0-03',
      'D0-04',
      'D0-07',
      'D0-08',
      'D0-15',
      'D0-18',
      'D0-23',
      'D0-26',
      'D0-27',
      'D0-29',
      'D0-32',
      'D0-36',
      'D0-37',
      'D0-43',
      'D0-44',
    ];
    for (const code of ids)
      expect(
        itSupplierTemplate.some((i) => i.sources.includes(code)),
        code,
      ).toBe(true);
    for (const code of ['D0-04', 'D0-19', 'D0-26', 'D0-43'])
      expect(itSupplierTemplate.find((i) => i.code === code)?.evidenceRequired, code).toBe(true);
    // every item names its requirement rows and has a unique code
    for (const list of [itSupplierTemplate, careProviderTemplate]) {
      expect(new Set(list.map((i) => i.code)).size).toBe(list.length);
      expect(list.every((i) => i.sources.every((s) => /^D\d-\d\d$/.test(s)))).toBe(true);
    }
  });

  it('D1-17: a tenant writes its own checklist wording; the next follow-up uses it; supplier users may not change it', async () => {
    const t = await newTenant();
    const shipped = await t.admin.get('/api/v1/follow-up-templates/it_supplier');
    expect(shipped.headers.etag).toBe('"v0"');
    expect(shipped.json<Json>()).toMatchObject({ custom: false });
    const items = [{ code: 'D0-19', area: 'security', text: 'Vår lösenordspolicy (bifoga).', evidenceRequired: true, sources: ['D0-19'] }];
    const dup = await t.admin.put('/api/v1/follow-up-templates/it_supplier', { items: [...items, ...items] }, { 'if-match': '"v0"' });
    expect(dup.statusCode).toBe(422);
    const saved = await t.admin.put('/api/v1/follow-up-templates/it_supplier', { items }, { 'if-match': '"v0"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Json>()).toMatchObject({ custom: true, version: 1 });
    expect((await t.admin.put('/api/v1/follow-up-templates/it_supplier', { items }, { 'if-match': '"v0"' })).statusCode).toBe(412);
    const s = await supplier(t, 'it_supplier', '5561234567', 'Driftpartner AB');
    const f = await sentFollowUp(t.admin, s);
    expect(f.items.map((i: Json) => i.text)).toEqual(['Vår lösenordspolicy (bifoga).']);
    const sa = await admin(t, s);
    expect((await sa.put('/api/v1/follow-up-templates/it_supplier', { items }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await t.admin.get('/api/v1/follow-up-templates')).json<Json>().items).toHaveLength(4);
  });

  it('D1-17: a supplier sees only its own organisation’s follow-ups, and may not plan, send or change them', async () => {
    const t = await newTenant();
    const a = await supplier(t, 'care_provider', '5566778899');
    const b = await supplier(t, 'it_supplier', '5561234567', 'Driftpartner AB');
    const sa = await admin(t, a);
    const fa = await sentFollowUp(t.admin, a, 'För A');
    const fb = await sentFollowUp(t.admin, b, 'För B');
    const list = (await sa.get('/api/v1/supplier-follow-ups')).json<Json>().items.map((x: Json) => x.id);
    expect(list).toEqual([fa.id]);
    expect((await sa.get(`/api/v1/supplier-follow-ups/${fb.id}`)).statusCode).toBe(404);
    expect((await sa.put(`/api/v1/follow-up-items/${fb.items[0].id}/answer`, { answer: 'yes' }, { 'if-match': '"v1"' })).statusCode).toBe(
      404,
    );
    expect((await sa.post('/api/v1/supplier-follow-ups', { supplierId: a, title: 'x', plannedOn: '2026-01-01' })).statusCode).toBe(403);
    expect(
      (await sa.patch(`/api/v1/supplier-follow-ups/${fa.id}`, { title: 'Ändrad' }, { 'if-match': await etag(sa, fa.id) })).statusCode,
    ).toBe(403);
    // reading roles outside follow-ups are refused, readers see all
    expect((await t.reader.get('/api/v1/supplier-follow-ups')).statusCode).toBe(403);
    expect((await t.editor.get('/api/v1/supplier-follow-ups')).json<Json>().items).toHaveLength(2);
  });
});
