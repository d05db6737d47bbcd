import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client } from '../../../../test/helpers/app.js';
import { starterCatalogue } from './requirements.starter.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// A multipart upload as a browser sends it (FormData), through the app's own HTTP handling.
async function upload(c: Client, content: Buffer | string, name: string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(Buffer.from(content))]), name);
  const encoded = new Response(form);
  return c.app.inject({
    method: 'POST',
    url: `/api/v1/requirements/import${query}`,
    headers: { cookie: c.cookie, 'x-csrf-token': c.csrfToken, 'content-type': encoded.headers.get('content-type')! },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}

async function count(tenantId: string): Promise<number> {
  const { database } = await testApp();
  const res = (await database.db.execute(sql`select count(*)::int as n from requirements where tenant_id = ${tenantId}`)) as unknown as {
    rows: { n: number }[];
  };
  return res.rows[0]!.n;
}

// A minimal zip (no CRCs: the size check runs before anything else reads the file); `claimed` lets an
// entry lie about its unpacked size.
function zipOf(entries: { name: string; data: Buffer; claimed?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const packed = deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.claimed ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const base = { code: 'EGET-01', text: 'Ett eget krav', aspect: 'confidentiality', minLevel: 2 };

describe('requirement catalogue (D2-24, D1-18)', () => {
  it('D2-24: the starter catalogue has physical and technical sets over every aspect, level and kind, in our own wording with seed sources', () => {
    const areas = new Set(starterCatalogue.map((r) => r.area));
    expect([...areas].sort()).toEqual(['administrative', 'physical', 'technical']);
    for (const aspect of ['confidentiality', 'integrity', 'availability', 'traceability'])
      expect(starterCatalogue.some((r) => r.aspect === aspect)).toBe(true);
    for (const level of [1, 2, 3]) expect(starterCatalogue.some((r) => r.minLevel === level)).toBe(true);
    expect(starterCatalogue.some((r) => r.kind === 'procurement')).toBe(true);
    expect(starterCatalogue.length).toBeGreaterThanOrEqual(40);
    expect(new Set(starterCatalogue.map((r) => r.code)).size).toBe(starterCatalogue.length);
    for (const r of starterCatalogue) expect(r.source).toMatch(/^D\d-\d{2}(, D\d-\d{2})*$/);
    // D1-18: the contract clauses for security, traceability, logging and continuity are in it
    const d118 = starterCatalogue.filter((r) => r.source.includes('D1-18') && r.kind === 'procurement');
    expect(d118.length).toBeGreaterThanOrEqual(3);
  });

  it('D2-24: the starter catalogue installs once; a second call adds nothing', async () => {
    const t = await newTenant();
    const first = await t.admin.post('/api/v1/requirements/starter-catalogue');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ added: starterCatalogue.length, skipped: 0 });
    const second = await t.admin.post('/api/v1/requirements/starter-catalogue');
    expect(second.json()).toEqual({ added: 0, skipped: starterCatalogue.length });
    expect(await count(t.tenantId)).toBe(starterCatalogue.length);
    const physical = await t.editor.get('/api/v1/requirements?area=physical&limit=200');
    expect(physical.json().items.length).toBeGreaterThan(0);
    expect(physical.json().items.every((r: Json) => r.area === 'physical')).toBe(true);
    const l1 = (await t.editor.get('/api/v1/requirements?minLevel=1&aspect=availability&limit=200')).json().items as Json[];
    expect(l1.length).toBeGreaterThan(0);
    expect(l1.every((r) => r.minLevel === 1 && r.aspect === 'availability')).toBe(true);
  });

  it('D2-24: create, read, change with If-Match, archive and restore a requirement, with history', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/requirements', { ...base, guidance: 'Vägledning', source: 'Eget' });
    expect(res.statusCode).toBe(201);
    const r = res.json<Json>();
    expect(res.headers.location).toBe(`/api/v1/requirements/${r.id}`);
    expect(r).toMatchObject({ ...base, kind: 'organisation', area: 'administrative', guidance: 'Vägledning', version: 1 });
    const dup = await t.admin.post('/api/v1/requirements', { ...base, code: 'eget-01' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0]).toMatchObject({ field: 'code', code: 'duplicate', message: 'Det finns redan ett krav med den koden.' });
    const noMatch = await t.admin.patch(`/api/v1/requirements/${r.id}`, { minLevel: 3 });
    expect(noMatch.statusCode).toBe(428);
    const changed = await t.admin.patch(`/api/v1/requirements/${r.id}`, { minLevel: 3, area: 'technical' }, { 'if-match': '"v1"' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ minLevel: 3, area: 'technical', version: 2 });
    const stale = await t.admin.patch(`/api/v1/requirements/${r.id}`, { minLevel: 1 }, { 'if-match': '"v1"' });
    expect(stale.statusCode).toBe(412);
    const archived = await t.admin.post(`/api/v1/requirements/${r.id}/archive`, undefined, { 'if-match': '"v2"' });
    expect(archived.json()).toMatchObject({ archived: true, allowedActions: ['read', 'restore'] });
    expect((await t.admin.get('/api/v1/requirements')).json().items).toEqual([]);
    expect((await t.admin.get('/api/v1/requirements?includeArchived=true')).json().items).toHaveLength(1);
    const restored = await t.admin.post(`/api/v1/requirements/${r.id}/restore`, undefined, { 'if-match': '"v3"' });
    expect(restored.json().archived).toBe(false);
    const history = await t.admin.get(`/api/v1/requirements/${r.id}/history`);
    expect(history.json().items.map((e: Json) => e.action)).toEqual(
      expect.arrayContaining(['requirement.create', 'requirement.update', 'requirement.archive', 'requirement.restore']),
    );
  });

  it('D2-24: validation names each wrong field in Swedish', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/requirements', { code: '', text: '', aspect: 'secrecy', minLevel: 4 });
    expect(res.statusCode).toBe(422);
    const fields = res.json().errors.map((e: Json) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'text', 'aspect', 'minLevel']));
    const badCode = await t.admin.post('/api/v1/requirements', { ...base, code: '-<script>' });
    expect(badCode.json().errors[0]).toMatchObject({ field: 'code' });
    const sort = await t.admin.get('/api/v1/requirements?sort=text');
    expect(sort.statusCode).toBe(422);
  });

  it('D2-24: a CSV with Swedish headers and ; imports; a second import updates by code', async () => {
    const t = await newTenant();
    const csv = [
      'Kod;Krav;Aspekt;Nivå;Typ;Område;Vägledning;Källa',
      'IMP-1;"Servrar står i låst rum; bara IT har nyckel";T;2;ÄR;Fysiskt;Kontrollera nyckellistan;Egen',
      'IMP-2;Leverantören ska logga sin åtkomst;S;1;SKA;tekniskt;;',
    ].join('\r\n');
    const res = await upload(t.admin, csv, 'krav.csv');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, created: 2, updated: 0 });
    const list = (await t.admin.get('/api/v1/requirements')).json().items as Json[];
    expect(list.map((r) => [r.code, r.aspect, r.minLevel, r.kind, r.area])).toEqual([
      ['IMP-1', 'availability', 2, 'organisation', 'physical'],
      ['IMP-2', 'traceability', 1, 'procurement', 'technical'],
    ]);
    expect(list[0]!.text).toBe('Servrar står i låst rum; bara IT har nyckel');
    const english =
      'code,text,aspect,level,kind,area\nimp-1,Server room locked,availability,3,organisation,physical\nIMP-3,New,K,1,procurement,administrative\n';
    const again = await upload(t.admin, english, 'catalogue.csv');
    expect(again.json()).toMatchObject({ created: 1, updated: 1 });
    expect((await t.admin.get('/api/v1/requirements?q=IMP-1')).json().items[0]).toMatchObject({
      text: 'Server room locked',
      minLevel: 3,
      version: 2,
    });
  });

  it('D2-24: an XLSX imports, with a dry run first that writes nothing', async () => {
    const t = await newTenant();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Krav');
    ws.addRow(['Kod', 'Krav', 'Aspekt', 'Nivå (1–3)', 'Typ', 'Område', 'Källa']);
    ws.addRow(['X-1', 'Säkerhetskopior provas', 'Tillgänglighet', 2, 'ÄR', 'Tekniskt', 'D4-28']);
    ws.addRow(['X-2', 'Avtal om kontinuitet', 'T', 3, 'SKA', 'Administrativt', 'D1-18']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await upload(t.admin, file, 'krav.xlsx', '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, created: 2, updated: 0 });
    expect(dry.json().rows[1]).toMatchObject({
      row: 3,
      code: 'X-2',
      aspect: 'availability',
      minLevel: 3,
      kind: 'procurement',
      action: 'create',
    });
    expect(await count(t.tenantId)).toBe(0);
    const real = await upload(t.admin, file, 'krav.xlsx');
    expect(real.json()).toMatchObject({ dryRun: false, created: 2 });
    expect(await count(t.tenantId)).toBe(2);
  });

  it('D2-24: one bad row refuses the whole file with the row and field named, and nothing is written', async () => {
    const t = await newTenant();
    const csv = 'kod;krav;aspekt;nivå\nOK-1;Bra krav;K;1\nBAD-1;Dåligt krav;X;1\nBAD-2;;R;5\nOK-1;Dubblett;K;1\n';
    const res = await upload(t.admin, csv, 'krav.csv');
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const errors = res.json().errors as Json[];
    expect(errors.map((e) => e.field)).toEqual(['rows[3].aspect', 'rows[4].text', 'rows[4].minLevel', 'rows[5].code']);
    expect(errors[0]!.message).toMatch(/^Rad 3: Aspekten ska vara K, R, T eller S/);
    expect(await count(t.tenantId)).toBe(0);
    const noColumns = await upload(t.admin, 'namn;beskrivning\na;b\n', 'krav.csv');
    expect(noColumns.json().errors[0]).toMatchObject({ field: 'file', code: 'missing_columns' });
    const wrongType = await upload(t.admin, 'x', 'krav.pdf');
    expect(wrongType.statusCode).toBe(415);
    const fakeXlsx = await upload(t.admin, 'kod;krav', 'krav.xlsx');
    expect(fakeXlsx.json().errors[0]).toMatchObject({ field: 'file', code: 'unreadable' });
    const none = await t.admin.post('/api/v1/requirements/import', {});
    expect(none.json().errors[0]).toMatchObject({ field: 'file', code: 'required' });
  });

  it('D2-24: management reads the catalogue but may not change it (403); a unit-scoped system owner reads it but may not import or edit it (403)', async () => {
    const t = await newTenant();
    const r = (await t.admin.post('/api/v1/requirements', base)).json<Json>();
    const management = await memberWith(t, [{ role: 'management' }], 'ledning');
    expect((await management.get('/api/v1/requirements')).json().items).toHaveLength(1);
    expect((await management.get(`/api/v1/requirements/${r.id}`)).json().allowedActions).toEqual(['read']);
    expect((await management.post('/api/v1/requirements', { ...base, code: 'L-1' })).statusCode).toBe(403);
    // chef (manager) reads the catalogue; an employee has no requirement row in the policy table
    expect((await t.reader.get('/api/v1/requirements')).statusCode).toBe(200);
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.get('/api/v1/requirements')).statusCode).toBe(403);
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await owner.get('/api/v1/requirements')).json().items).toHaveLength(1);
    expect((await owner.get(`/api/v1/requirements/${r.id}`)).json().allowedActions).toEqual(['read']);
    expect((await upload(owner, 'kod;krav;aspekt;nivå\nA;B;K;1\n', 'k.csv')).statusCode).toBe(403);
    expect((await owner.patch(`/api/v1/requirements/${r.id}`, { minLevel: 1 }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await owner.post('/api/v1/requirements/starter-catalogue')).statusCode).toBe(403);
    // the tenant-wide system owner reads too, and may not write either (W only for the coordinator)
    expect((await t.editor.post('/api/v1/requirements', { ...base, code: 'E-1' })).statusCode).toBe(403);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/requirements/${r.id}`)).statusCode).toBe(404);
  });

  it('D2-24: an XLSX zip bomb (small file, huge sheet) is refused before it is unpacked, also when it lies about its size', async () => {
    const t = await newTenant();
    const row = '<row><c t="inlineStr"><is><t>Krav som upprepas</t></is></c></row>';
    const sheet = Buffer.from(`<worksheet><sheetData>${row.repeat(Math.ceil((30 * 1024 * 1024) / row.length))}</sheetData></worksheet>`);
    const honest = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: sheet }]);
    expect(honest.length).toBeLessThan(1024 * 1024);
    const res = await upload(t.admin, honest, 'krav.xlsx');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'file', code: 'too_large' });
    expect(res.json().errors[0].message).toMatch(/för stor uppackad/);
    const lying = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: sheet, claimed: 1000 }]);
    expect((await upload(t.admin, lying, 'krav.xlsx')).json().errors[0]).toMatchObject({ field: 'file', code: 'too_large' });
    expect(await count(t.tenantId)).toBe(0);
  });

  it('D2-24: level 4 in an imported file or a new requirement gets the national-security explanation', async () => {
    const t = await newTenant();
    const res = await upload(t.admin, 'kod;krav;aspekt;nivå\nNS-1;Rikets säkerhet;K;4\n', 'krav.csv');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'rows[2].minLevel', code: 'national_security' });
    expect(res.json().errors[0].message).toMatch(/säkerhetsskydd/);
    const created = await t.admin.post('/api/v1/requirements', { ...base, minLevel: 4 }, { 'accept-language': 'en' });
    expect(created.statusCode).toBe(422);
    expect(created.json().errors[0]).toMatchObject({ field: 'minLevel' });
    expect(created.json().errors[0].message).toMatch(/Protective Security Act/);
  });
});
