import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { measureTitle } from './gap-analysis.service.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Levels = { k: number; r: number; t: number; s: number };

const aspect = (level: number) => ({ level, reason: `Bedömt till nivå ${level}` });

async function classify(c: Client, assetId: string, l: Levels) {
  const res = await c.put(`/api/v1/information-assets/${assetId}/classification`, {
    confidentiality: aspect(l.k),
    integrity: aspect(l.r),
    availability: aspect(l.t),
    traceability: aspect(l.s),
  });
  if (res.statusCode !== 200) throw new Error(`classify: ${res.statusCode} ${res.body}`);
}

// A system with one classified information asset, and a small catalogue: one requirement per level.
async function setup(t: TestTenant, l: Levels = { k: 2, r: 1, t: 1, s: 1 }, unitId = t.unitId, extra: Json = {}) {
  const system = (await t.admin.post('/api/v1/systems', { name: 'Procapita', responsibleUnitId: unitId, ...extra })).json<Json>();
  const asset = (await t.admin.post('/api/v1/information-assets', { name: 'Journaler', unitId, systemIds: [system.id] })).json<Json>();
  await classify(t.admin, asset.id, l);
  const req = async (code: string, aspectName: string, minLevel: number, area = 'technical') => {
    const res = await t.admin.post('/api/v1/requirements', {
      code,
      text: `Krav ${code} med flera ord i texten här`,
      aspect: aspectName,
      minLevel,
      area,
    });
    if (res.statusCode !== 201 && res.statusCode !== 422) throw new Error(res.body);
    return (await t.admin.get(`/api/v1/requirements?q=${code}`)).json<Json>().items[0].id as string;
  };
  const ids = {
    k1: await req('K1', 'confidentiality', 1, 'physical'),
    k2: await req('K2', 'confidentiality', 2),
    k3: await req('K3', 'confidentiality', 3),
    t1: await req('T1', 'availability', 1, 'administrative'),
  };
  return { system: system.id as string, asset: asset.id as string, ids };
}

async function measuresFor(tenantId: string, systemId: string) {
  const { database } = await testApp();
  const res = (await database.db.execute(
    sql`select id, title, origin, origin_id as "originId", priority, unit_id as "unitId", secret from measures where tenant_id = ${tenantId} and system_id = ${systemId}`,
  )) as unknown as { rows: Json[] };
  return res.rows;
}

const gap = (c: Client, systemId: string, query = '') => c.get(`/api/v1/systems/${systemId}/gap-analysis${query}`);
const assess = (c: Client, systemId: string, reqId: string, body: Json, headers?: Record<string, string>) =>
  c.put(`/api/v1/systems/${systemId}/gap-analysis/${reqId}`, body, headers);

describe('gap analysis per system (D2-24, D1-23)', () => {
  it('D1-23: the applicable requirements follow the system’s levels; raising an asset’s classification adds requirements', async () => {
    const t = await newTenant();
    const s = await setup(t, { k: 2, r: 0, t: 0, s: 0 });
    const before = (await gap(t.reader, s.system)).json<Json>();
    expect(before.protectionLevel).toEqual({ confidentiality: 2, integrity: 0, availability: 0, traceability: 0 });
    expect(before.classified).toBe(true);
    expect(before.items.map((i: Json) => i.requirement.code)).toEqual(['K1', 'K2']);
    expect(before.summary).toEqual({ applicable: 2, exists: 0, partly: 0, missing: 0, notApplicable: 0, notAssessed: 2 });
    await classify(t.admin, s.asset, { k: 3, r: 0, t: 1, s: 0 });
    const after = (await gap(t.reader, s.system)).json<Json>();
    expect(after.items.map((i: Json) => i.requirement.code)).toEqual(['K1', 'K2', 'K3', 'T1']);
    // an assessed requirement that stops applying is listed apart, not lost
    await assess(t.admin, s.system, s.ids.k3, { status: 'exists', howMet: 'Separata adminkonton' });
    await classify(t.admin, s.asset, { k: 2, r: 0, t: 1, s: 0 });
    const lowered = (await gap(t.reader, s.system)).json<Json>();
    expect(lowered.items.map((i: Json) => i.requirement.code)).toEqual(['K1', 'K2', 'T1']);
    expect(lowered.noLongerApplicable.map((i: Json) => [i.requirement.code, i.applicable])).toEqual([['K3', false]]);
    const refused = await assess(t.admin, s.system, s.ids.k3, { status: 'exists', howMet: 'x' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'requirementId', code: 'not_applicable' });
  });

  it('D2-24: a system that is not classified has no applicable requirements and says so', async () => {
    const t = await newTenant();
    const system = (await t.admin.post('/api/v1/systems', { name: 'Oklassat', responsibleUnitId: t.unitId })).json<Json>();
    await t.admin.post('/api/v1/requirements', { code: 'A', text: 'Krav', aspect: 'integrity', minLevel: 1 });
    const res = (await gap(t.admin, system.id)).json<Json>();
    expect(res).toMatchObject({ classified: false, items: [], summary: { applicable: 0 }, canAssess: true });
  });

  it('D2-24: compliance status per system; a missing requirement creates a measure in the same transaction, and a later PUT does not create a second one', async () => {
    const t = await newTenant();
    const s = await setup(t);
    const ok = await assess(t.editor, s.system, s.ids.k1, {
      status: 'exists',
      howMet: 'Lås och passerkort',
      evidenceUrl: 'https://intra.example/rutin',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"v1"');
    expect(ok.json().assessment).toMatchObject({
      status: 'exists',
      howMet: 'Lås och passerkort',
      deficiency: null,
      measure: null,
      version: 1,
    });
    expect(await measuresFor(t.tenantId, s.system)).toEqual([]);

    const missing = await assess(t.editor, s.system, s.ids.k2, { status: 'missing', deficiency: 'significant' });
    expect(missing.statusCode).toBe(200);
    const m = missing.json().assessment.measure;
    expect(m).toMatchObject({ title: measureTitle('K2', 'Krav K2 med flera ord i texten här'), status: 'proposed' });
    const stored = await measuresFor(t.tenantId, s.system);
    expect(stored).toEqual([
      { id: m.id, title: m.title, origin: 'gap', originId: s.ids.k2, priority: 'high', unitId: t.unitId, secret: false },
    ]);

    const again = await assess(
      t.editor,
      s.system,
      s.ids.k2,
      { status: 'partly', deficiency: 'moderate', howMet: 'Delvis' },
      { 'if-match': '"v1"' },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().assessment).toMatchObject({ status: 'partly', version: 2, measure: { id: m.id } });
    expect(await measuresFor(t.tenantId, s.system)).toHaveLength(1);
    const stale = await assess(t.editor, s.system, s.ids.k2, { status: 'exists', howMet: 'Klart' }, { 'if-match': '"v1"' });
    expect(stale.statusCode).toBe(412);

    // createMeasure: false leaves it to the person, and given measure details are used
    const none = await assess(t.editor, s.system, s.ids.t1, { status: 'missing', deficiency: 'negligible', createMeasure: false });
    expect(none.json().assessment.measure).toBeNull();
    const own = await assess(t.editor, s.system, s.ids.t1, {
      status: 'missing',
      deficiency: 'negligible',
      measure: { title: 'Skriv reservrutin', dueOn: '2027-03-31', priority: 'critical' },
    });
    expect(own.json().assessment.measure.title).toBe('Skriv reservrutin');
    expect((await measuresFor(t.tenantId, s.system)).find((x) => x.title === 'Skriv reservrutin')?.priority).toBe('critical');

    const g = (await gap(t.reader, s.system)).json<Json>();
    expect(g.summary).toEqual({ applicable: 3, exists: 1, partly: 1, missing: 1, notApplicable: 0, notAssessed: 0 });
    expect((await gap(t.reader, s.system, '?status=missing')).json().items.map((i: Json) => i.requirement.code)).toEqual(['T1']);
    expect((await gap(t.reader, s.system, '?area=physical')).json().items.map((i: Json) => i.requirement.code)).toEqual(['K1']);
    const { database } = await testApp();
    const audit = (await database.db.execute(
      sql`select count(*)::int as n from audit_events where tenant_id = ${t.tenantId} and action = 'system.gap-assess' and entity_id = ${s.system}`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBe(5);

    const xlsx = await t.reader.get(`/api/v1/systems/${s.system}/gap-analysis/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('Kod');
    expect(sheet.getRow(3).getCell(7).text).toBe('Delvis');
  });

  it('D2-24: a first assessment sent with If-Match "v0" by two people at once: one is saved, the other gets 412 instead of overwriting it', async () => {
    const t = await newTenant();
    const s = await setup(t);
    const v0 = { 'if-match': '"v0"' };
    const results = await Promise.all([
      assess(t.admin, s.system, s.ids.k1, { status: 'exists', howMet: 'Första' }, v0),
      assess(t.editor, s.system, s.ids.k1, { status: 'exists', howMet: 'Andra' }, v0),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const saved = results.find((r) => r.statusCode === 200)!.json<Json>().assessment;
    expect(saved.version).toBe(1);
    // later, "v0" means "there is none yet" and is refused too
    const late = await assess(t.editor, s.system, s.ids.k1, { status: 'exists', howMet: 'Sen' }, v0);
    expect(late.statusCode).toBe(412);
    const row = (await gap(t.reader, s.system)).json<Json>().items.find((i: Json) => i.requirement.id === s.ids.k1);
    expect(row.assessment.howMet).toBe(saved.howMet);
  });

  it('D2-24: validation: each status asks for its own fields, and evidence must be a web link', async () => {
    const t = await newTenant();
    const s = await setup(t);
    const errs = async (body: Json) => (await assess(t.admin, s.system, s.ids.k1, body)).json().errors?.map((e: Json) => e.field);
    expect(await errs({ status: 'not_applicable' })).toEqual(['notApplicableReason']);
    expect(await errs({ status: 'missing' })).toEqual(['deficiency']);
    expect(await errs({ status: 'partly' })).toEqual(['deficiency', 'howMet']);
    expect(await errs({ status: 'exists' })).toEqual(['howMet']);
    expect(await errs({ status: 'exists', howMet: 'x', evidenceUrl: 'javascript:alert(1)' })).toEqual(['evidenceUrl']);
    expect(await errs({ status: 'maybe' })).toEqual(['status']);
    const msg = (await assess(t.admin, s.system, s.ids.k1, { status: 'not_applicable' })).json().errors[0].message;
    expect(msg).toBe('Skriv varför kravet inte är tillämpligt för systemet.');
    const na = await assess(t.admin, s.system, s.ids.k1, {
      status: 'not_applicable',
      notApplicableReason: 'Ingen fysisk utrustning',
      howMet: 'ignoreras',
    });
    expect(na.json().assessment).toMatchObject({ status: 'not_applicable', notApplicableReason: 'Ingen fysisk utrustning', howMet: null });
    // archived requirements are refused
    const r = (await t.admin.get(`/api/v1/requirements/${s.ids.k2}`)).json<Json>();
    await t.admin.post(`/api/v1/requirements/${r.id}/archive`, undefined, { 'if-match': `"v${r.version}"` });
    expect((await assess(t.admin, s.system, s.ids.k2, { status: 'exists', howMet: 'x' })).statusCode).toBe(409);
    expect((await gap(t.admin, s.system)).json().items.map((i: Json) => i.requirement.code)).toEqual(['K1', 'T1']);
    const badOwner = await assess(t.admin, s.system, s.ids.t1, {
      status: 'missing',
      deficiency: 'serious',
      measure: { ownerUserId: crypto.randomUUID() },
    });
    expect(badOwner.json().errors[0]).toMatchObject({ field: 'measure.ownerUserId' });
    expect(await measuresFor(t.tenantId, s.system)).toEqual([]);
  });

  it('D2-24: a unit-scoped system owner assesses systems in its unit but not outside it (404); another tenant’s system is 404', async () => {
    const t = await newTenant();
    const outUnit = (await t.admin.post('/api/v1/org-units', { name: 'Annan förvaltning', type: 'department' })).json<Json>().id as string;
    const inside = await setup(t);
    const outside = await setup(t, undefined, outUnit);
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await assess(owner, inside.system, inside.ids.k1, { status: 'exists', howMet: 'Ja' })).statusCode).toBe(200);
    expect((await assess(owner, outside.system, outside.ids.k1, { status: 'exists', howMet: 'Ja' })).statusCode).toBe(404);
    expect((await assess(owner, outside.system, outside.ids.k1, {})).statusCode).toBe(404);
    expect((await gap(owner, outside.system)).statusCode).toBe(404);
    expect((await assess(t.reader, inside.system, inside.ids.k1, { status: 'exists', howMet: 'Ja' })).statusCode).toBe(403);
    const other = await newTenant();
    expect((await gap(other.admin, inside.system)).statusCode).toBe(404);
    expect((await assess(other.admin, inside.system, inside.ids.k1, { status: 'exists', howMet: 'Ja' })).statusCode).toBe(404);
  });

  it('D2-24: a secret system: the measure is secret too, the trail hashes the text, and a masked viewer sees no how-met or evidence', async () => {
    const t = await newTenant();
    const s = await setup(t, undefined, t.unitId, { secret: true, secrecyProvision: '21 kap. 7 § OSL' });
    await assess(t.admin, s.system, s.ids.k1, { status: 'exists', howMet: 'Hemlig rutin', evidenceUrl: 'https://intra.example/x' });
    await assess(t.admin, s.system, s.ids.k2, { status: 'missing', deficiency: 'serious' });
    expect((await measuresFor(t.tenantId, s.system))[0]).toMatchObject({ secret: true, priority: 'critical' });
    const { database } = await testApp();
    const trail = (await database.db.execute(
      sql`select after from audit_events where tenant_id = ${t.tenantId} and action = 'system.gap-assess' order by tenant_seq limit 1`,
    )) as unknown as { rows: { after: Json }[] };
    expect(JSON.stringify(trail.rows[0]!.after)).not.toContain('Hemlig rutin');
    const management = await memberWith(t, [{ role: 'management' }], 'ledning');
    const seen = (await gap(management, s.system)).json<Json>();
    expect(seen.system).toMatchObject({ masked: true, name: null });
    const k1 = seen.items.find((i: Json) => i.requirement.code === 'K1');
    expect(k1.assessment).toMatchObject({ status: 'exists', howMet: null, evidenceUrl: null });
    expect(seen.canAssess).toBe(false);
    const full = (await gap(t.admin, s.system)).json<Json>();
    expect(full.items.find((i: Json) => i.requirement.code === 'K1').assessment.howMet).toBe('Hemlig rutin');
  });
});

describe('gap analysis: linked measures follow their own access (review fixes)', () => {
  async function missingWithMeasure(t: TestTenant) {
    const s = await setup(t);
    const res = await assess(t.admin, s.system, s.ids.k1, { status: 'missing', deficiency: 'serious' });
    expect(res.statusCode).toBe(200);
    return { ...s, measureId: res.json<Json>().assessment.measure.id as string };
  }

  async function patchMeasure(t: TestTenant, id: string, body: Json) {
    const etag = (await t.admin.get(`/api/v1/measures/${id}`)).headers.etag as string;
    const res = await t.admin.patch(`/api/v1/measures/${id}`, body, { 'if-match': etag });
    expect(res.statusCode).toBe(200);
  }

  it('D2-24 D1-68: a measure marked secret after it was created shows no title to a masked viewer, in the JSON and the XLSX; a viewer who may not read it sees only that one exists', async () => {
    const t = await newTenant();
    const s = await missingWithMeasure(t);
    await patchMeasure(t, s.measureId, { title: 'HEMLIG åtgärd om larmcentralen', secret: true, secrecyProvision: '18 kap. 8 § OSL' });
    const item = (await gap(t.reader, s.system)).json<Json>().items.find((i: Json) => i.requirement.id === s.ids.k1);
    expect(item.assessment.measure).toEqual({ id: s.measureId, title: null, status: 'proposed', access: 'masked' });
    const xlsx = await t.reader.get(`/api/v1/systems/${s.system}/gap-analysis/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(c.text)));
    expect(cells.join(' ')).not.toContain('HEMLIG');
    // an employee reads the system but no measures at all
    const employee = await memberWith(t, [{ role: 'employee', scopeType: 'tenant' }], 'anstalld');
    const seen = (await gap(employee, s.system)).json<Json>().items.find((i: Json) => i.requirement.id === s.ids.k1);
    expect(seen.assessment.measure).toEqual({ id: null, title: null, status: 'proposed', access: 'none' });
    // the coordinator sees it in full, and that read of secret content is audited
    const full = (await gap(t.admin, s.system)).json<Json>().items.find((i: Json) => i.requirement.id === s.ids.k1);
    expect(full.assessment.measure).toMatchObject({ title: 'HEMLIG åtgärd om larmcentralen', access: 'full' });
    const { database } = await testApp();
    const audited = (await database.db.execute(
      sql`select count(*)::int as n from audit_events where tenant_id = ${t.tenantId} and action = 'measure.read-secret' and entity_id = ${s.measureId}`,
    )) as unknown as { rows: { n: number }[] };
    expect(audited.rows[0]!.n).toBeGreaterThan(0);
  });

  it('D2-24: re-assessing a requirement still missing whose measure was cancelled creates a new measure', async () => {
    const t = await newTenant();
    const s = await missingWithMeasure(t);
    await patchMeasure(t, s.measureId, { status: 'cancelled' });
    const again = await assess(t.admin, s.system, s.ids.k1, { status: 'partly', deficiency: 'moderate', howMet: 'Delvis' });
    expect(again.statusCode).toBe(200);
    const linked = again.json<Json>().assessment.measure;
    expect(linked.id).not.toBe(s.measureId);
    expect(linked.status).toBe('proposed');
    expect(await measuresFor(t.tenantId, s.system)).toHaveLength(2);
    // a live measure is kept on the next re-assessment
    const third = await assess(t.admin, s.system, s.ids.k1, { status: 'missing', deficiency: 'serious' });
    expect(third.json<Json>().assessment.measure.id).toBe(linked.id);
  });

  it('D2-24: the evidence-link message follows the request language', async () => {
    const t = await newTenant();
    const s = await setup(t);
    const body = { status: 'exists', howMet: 'x', evidenceUrl: 'file:///etc/passwd' };
    const sv = await assess(t.admin, s.system, s.ids.k1, body);
    expect(sv.json().errors[0]).toMatchObject({
      field: 'evidenceUrl',
      message: 'Ange en webbadress som börjar med http:// eller https://.',
    });
    const en = await assess(t.admin, s.system, s.ids.k1, body, { 'accept-language': 'en' });
    expect(en.json().errors[0]).toMatchObject({
      field: 'evidenceUrl',
      message: 'Enter a web address that starts with http:// or https://.',
    });
  });
});
