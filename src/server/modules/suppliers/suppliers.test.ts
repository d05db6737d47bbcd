import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';

type Supplier = { id: string; version: number; name: string; organisationNumber: string | null; type: string; archived: boolean };

const create = async (t: TestTenant, body: Record<string, unknown>) => {
  const res = await t.admin.post('/api/v1/suppliers', body);
  if (res.statusCode !== 201) throw new Error(`supplier: ${res.statusCode} ${res.body}`);
  return res.json<Supplier>();
};

const names = async (c: TestTenant['admin'], query = '') =>
  (await c.get(`/api/v1/suppliers${query}`)).json<{ items: Supplier[] }>().items.map((s) => s.name);

// Two suppliers of one municipality, each with people in supplier roles.
async function twoSuppliers() {
  const t = await newTenant();
  const a = await create(t, { name: 'Omsorgsbolaget AB', organisationNumber: '556677-8899', type: 'care_provider' });
  const b = await create(t, { name: 'Driftpartner AB', organisationNumber: '5561234567' });
  const adminA = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: a.id }], 'leverantorsadmin');
  const ordererA = await memberWith(t, [{ role: 'authorised_orderer', scopeType: 'supplier', scopeSupplierId: a.id }], 'bestallare');
  return { t, a, b, adminA, ordererA };
}

describe('supplier register (minimal, issue 3)', () => {
  it('a coordinator registers a supplier (organisation number normalised), reads, changes it with If-Match, archives and restores it', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/suppliers', {
      name: '  Omsorgsbolaget AB ',
      organisationNumber: '5566778899',
      type: 'care_provider',
    });
    expect(res.statusCode).toBe(201);
    const s = res.json<Supplier>();
    expect(res.headers.location).toBe(`/api/v1/suppliers/${s.id}`);
    expect(res.headers.etag).toBe('"v1"');
    expect(s).toMatchObject({
      name: 'Omsorgsbolaget AB',
      organisationNumber: '556677-8899',
      type: 'care_provider',
      archived: false,
      version: 1,
      allowedActions: ['read', 'update', 'archive'],
    });
    // the type defaults to IT supplier; the number is optional
    const plain = await t.admin.post('/api/v1/suppliers', { name: 'Konsult Eva Ek' });
    expect(plain.json()).toMatchObject({ type: 'it_supplier', organisationNumber: null });

    const url = `/api/v1/suppliers/${s.id}`;
    const got = await t.admin.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"v1"');
    expect(got.json()).toEqual(s);

    expect((await t.admin.patch(url, { name: 'X' })).statusCode).toBe(428);
    const changed = await t.admin.patch(
      url,
      { name: 'Omsorgsbolaget i Norden AB', organisationNumber: '556123 4567' },
      { 'if-match': '"v1"' },
    );
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"v2"');
    expect(changed.json()).toMatchObject({ name: 'Omsorgsbolaget i Norden AB', organisationNumber: '556123-4567', version: 2 });
    expect((await t.admin.patch(url, { name: 'Gammal' }, { 'if-match': '"v1"' })).statusCode).toBe(412);
    // the same number written another way is no change
    const same = await t.admin.patch(url, { organisationNumber: '5561234567' }, { 'if-match': '"v2"' });
    expect(same.headers.etag).toBe('"v2"');

    expect((await t.admin.post(`${url}/archive`)).statusCode).toBe(428);
    const archived = await t.admin.post(`${url}/archive`, undefined, { 'if-match': '"v2"' });
    expect(archived.json()).toMatchObject({ archived: true, allowedActions: ['read', 'restore'] });
    expect(await names(t.admin)).toEqual(['Konsult Eva Ek']);
    expect(await names(t.admin, '?includeArchived=true')).toEqual(['Konsult Eva Ek', 'Omsorgsbolaget i Norden AB']);
    expect((await t.admin.patch(url, { name: 'Nytt' }, { 'if-match': '"v3"' })).statusCode).toBe(409);
    const restored = await t.admin.post(`${url}/restore`, undefined, { 'if-match': '"v3"' });
    expect(restored.json()).toMatchObject({ archived: false, version: 4 });

    const { database } = await testApp();
    const audit = (await database.db.execute(
      sql`select action, before, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${s.id} order by seq`,
    )) as unknown as { rows: { action: string; before: { name: string } | null; after: { name: string } }[] };
    expect(audit.rows.map((r) => r.action)).toEqual(['supplier.create', 'supplier.update', 'supplier.archive', 'supplier.restore']);
    expect(audit.rows[1]!.before!.name).toBe('Omsorgsbolaget AB');
    expect(audit.rows[1]!.after.name).toBe('Omsorgsbolaget i Norden AB');
  });

  it('checks the organisation number: ten digits with a correct check digit (Luhn), with a Swedish field error otherwise', async () => {
    const t = await newTenant();
    const error = async (organisationNumber: unknown) => {
      const res = await t.admin.post('/api/v1/suppliers', { name: 'Felaktigt AB', organisationNumber });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.json().errors[0] as { field: string; code: string; message: string };
    };
    expect(await error('556677-8898')).toEqual({
      field: 'organisationNumber',
      code: 'invalid_check_digit',
      message: 'Organisationsnumret stämmer inte: den sista siffran (kontrollsiffran) är fel. Kontrollera numret.',
    });
    for (const bad of ['55667788', '556677-88999', '55667-78899', 'abcdef-ghij', '19556677-8899']) {
      expect(await error(bad)).toEqual({
        field: 'organisationNumber',
        code: 'invalid_organisation_number',
        message: 'Ange organisationsnumret med tio siffror, till exempel 556677-8899.',
      });
    }
    expect((await error('1'.repeat(21))).code).toBe('too_big');
    expect((await error(5566778899)).code).toBe('invalid_type');
    const missing = await t.admin.post('/api/v1/suppliers', { organisationNumber: '556677-8899' });
    expect(missing.json().errors).toContainEqual({ field: 'name', code: 'invalid_type', message: 'Fältet måste fyllas i.' });
    const tooLong = await t.admin.post('/api/v1/suppliers', { name: 'x'.repeat(201) });
    expect(tooLong.json().errors[0]).toMatchObject({ field: 'name', code: 'too_big' });
    const badType = await t.admin.post('/api/v1/suppliers', { name: 'X', type: 'bank' });
    expect(badType.json().errors[0]).toMatchObject({ field: 'type', code: 'invalid_value' });
    // English on request
    const en = await t.admin.post('/api/v1/suppliers', { name: 'X', organisationNumber: '556677-8898' }, { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toBe(
      'The organisation number is not valid: the last digit (the check digit) is wrong. Check the number.',
    );
    // a PATCH is checked the same way, and an empty value clears the number
    const s = await create(t, { name: 'Rätt AB', organisationNumber: '556677-8899' });
    const bad = await t.admin.patch(`/api/v1/suppliers/${s.id}`, { organisationNumber: '556677-8890' }, { 'if-match': '"v1"' });
    expect(bad.json().errors[0].code).toBe('invalid_check_digit');
    const cleared = await t.admin.patch(`/api/v1/suppliers/${s.id}`, { organisationNumber: '' }, { 'if-match': '"v1"' });
    expect(cleared.json()).toMatchObject({ organisationNumber: null, version: 2 });
  });

  it('keeps one active entry per organisation number in a tenant; archived entries and other tenants do not count', async () => {
    const t = await newTenant();
    const first = await create(t, { name: 'Omsorgsbolaget AB', organisationNumber: '556677-8899' });
    const dup = await t.admin.post('/api/v1/suppliers', { name: 'Omsorgsbolaget (dubblett)', organisationNumber: '5566778899' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors).toEqual([
      {
        field: 'organisationNumber',
        code: 'duplicate',
        message: 'Det finns redan en leverantör med organisationsnumret 556677-8899: Omsorgsbolaget AB.',
      },
    ]);
    const other = await create(t, { name: 'Annat AB', organisationNumber: '556123-4567' });
    const moved = await t.admin.patch(`/api/v1/suppliers/${other.id}`, { organisationNumber: '556677-8899' }, { 'if-match': '"v1"' });
    expect(moved.json().errors[0].code).toBe('duplicate');
    // another municipality registers the same organisation on its own
    expect(
      (await (await newTenant()).admin.post('/api/v1/suppliers', { name: 'Omsorgsbolaget AB', organisationNumber: '556677-8899' }))
        .statusCode,
    ).toBe(201);
    // once the first entry is archived the organisation can be registered again, but the old entry
    // cannot then be restored beside the new one
    await t.admin.post(`/api/v1/suppliers/${first.id}/archive`, undefined, { 'if-match': '"v1"' });
    await create(t, { name: 'Omsorgsbolaget AB (nytt avtal)', organisationNumber: '556677-8899' });
    const restore = await t.admin.post(`/api/v1/suppliers/${first.id}/restore`, undefined, { 'if-match': '"v2"' });
    expect(restore.statusCode).toBe(409);
    expect(restore.json().detail).toBe(
      'Det finns redan en leverantör med organisationsnumret 556677-8899: Omsorgsbolaget AB (nytt avtal).',
    );
  });

  it('lists with filters (name or number, type), sort and cursor paging, and exports the filtered list as CSV and Excel', async () => {
    const t = await newTenant();
    const orgNos = ['556677-8899', '556123-4567', '559000-1235', '212000-0142', null, null, null];
    for (let i = 0; i < 7; i++) {
      await create(t, {
        name: `Leverantör ${String.fromCharCode(65 + i)}`,
        organisationNumber: orgNos[i],
        type: i < 2 ? 'care_provider' : 'it_supplier',
      });
    }
    await create(t, { name: '=HYPERLINK("http://evil")', type: 'other' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json: () => { items: Supplier[]; nextCursor: string | null } } = await t.admin.get(
        `/api/v1/suppliers?limit=3&sort=-name&type=it_supplier${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((s) => s.name));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Leverantör G', 'Leverantör F', 'Leverantör E', 'Leverantör D', 'Leverantör C']);
    expect(await names(t.admin, '?type=care_provider')).toEqual(['Leverantör A', 'Leverantör B']);
    expect(await names(t.admin, '?q=ör%20d')).toEqual(['Leverantör D']);
    expect(await names(t.admin, '?q=5590001235')).toEqual(['Leverantör C']);
    expect(await names(t.admin, '?q=556677-88')).toEqual(['Leverantör A']);
    expect(await names(t.admin, '?q=100%25_')).toEqual([]);
    expect((await t.admin.get('/api/v1/suppliers?sort=organisationNumber')).json().errors[0].field).toBe('query.sort');
    expect((await t.admin.get('/api/v1/suppliers?type=bank')).statusCode).toBe(422);

    const csv = await t.admin.get('/api/v1/suppliers?type=care_provider', { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('Namn,Organisationsnummer,Typ,Arkiverad,Id,Telefon,E-post,Webbplats,Beskrivning,Att åtgärda');
    expect(lines[1]).toMatch(/^Leverantör A,556677-8899,Utförare \(vård och omsorg\),Nej,/);
    expect(lines).toHaveLength(3);
    const defused = await t.admin.get('/api/v1/suppliers?type=other', { accept: 'text/csv' });
    expect(defused.body).toContain(`"'=HYPERLINK`);

    const xlsx = await t.admin.get('/api/v1/suppliers/export.xlsx?q=Leverant%C3%B6r', { 'accept-language': 'en' });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Suppliers')!;
    expect(sheet.rowCount).toBe(8);
    expect(sheet.getRow(1).getCell(2).value).toBe('Organisation number');
    expect(sheet.getRow(2).getCell(3).value).toBe('Care provider');
  });

  it('D0-15 D3-26: a supplier administrator reaches its own organisation only: lists it alone, may change its name, nothing else', async () => {
    const { t, a, b, adminA } = await twoSuppliers();
    expect(await names(adminA)).toEqual(['Omsorgsbolaget AB']);
    expect(await names(adminA, '?q=Driftpartner')).toEqual([]);
    expect(await names(adminA, '?includeArchived=true&type=it_supplier')).toEqual([]);
    const csv = await adminA.get('/api/v1/suppliers', { accept: 'text/csv' });
    expect(csv.body).toContain('Omsorgsbolaget AB');
    expect(csv.body).not.toContain('Driftpartner');

    const own = await adminA.get(`/api/v1/suppliers/${a.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().allowedActions).toEqual(['read', 'update']);
    const renamed = await adminA.patch(`/api/v1/suppliers/${a.id}`, { name: 'Omsorgsbolaget Nord AB' }, { 'if-match': '"v1"' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Omsorgsbolaget Nord AB', version: 2 });
    // the organisation number and type are the municipality's to record (unchanged values pass)
    const unchanged = await adminA.patch(
      `/api/v1/suppliers/${a.id}`,
      { name: 'Omsorgsbolaget Nord AB', organisationNumber: '5566778899', type: 'care_provider' },
      { 'if-match': '"v2"' },
    );
    expect(unchanged.statusCode).toBe(200);
    const retype = await adminA.patch(`/api/v1/suppliers/${a.id}`, { type: 'it_supplier' }, { 'if-match': '"v2"' });
    expect(retype.statusCode).toBe(403);
    expect(retype.json().detail).toMatch(/^Organisationsnummer och leverantörstyp ändras av kommunen/);
    const renumber = await adminA.patch(`/api/v1/suppliers/${a.id}`, { organisationNumber: '559000-1235' }, { 'if-match': '"v2"' });
    expect(renumber.statusCode).toBe(403);
    expect((await t.admin.get(`/api/v1/suppliers/${a.id}`)).json()).toMatchObject({
      organisationNumber: '556677-8899',
      type: 'care_provider',
    });

    // another supplier does not exist for it, whatever version it guesses
    expect((await adminA.get(`/api/v1/suppliers/${b.id}`)).statusCode).toBe(404);
    for (const v of ['"v1"', '"v9"']) {
      expect((await adminA.patch(`/api/v1/suppliers/${b.id}`, { name: 'Kapad AB' }, { 'if-match': v })).statusCode).toBe(404);
    }
    expect((await t.admin.get(`/api/v1/suppliers/${b.id}`)).json().name).toBe('Driftpartner AB');
    // no registering, archiving or restoring, not even its own
    expect((await adminA.post('/api/v1/suppliers', { name: 'Eget AB' })).statusCode).toBe(403);
    expect((await adminA.post(`/api/v1/suppliers/${a.id}/archive`, undefined, { 'if-match': '"v2"' })).statusCode).toBe(403);
    expect((await adminA.post(`/api/v1/suppliers/${b.id}/archive`, undefined, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await adminA.post(`/api/v1/suppliers/${a.id}/restore`, undefined, { 'if-match': '"v2"' })).statusCode).toBe(403);
  });

  it('D0-11: an authorised orderer belongs to one supplier: reads its own organisation and nothing else, and changes nothing', async () => {
    const { a, b, ordererA } = await twoSuppliers();
    expect(await names(ordererA)).toEqual(['Omsorgsbolaget AB']);
    const own = await ordererA.get(`/api/v1/suppliers/${a.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().allowedActions).toEqual(['read']);
    expect((await ordererA.patch(`/api/v1/suppliers/${a.id}`, { name: 'Nytt namn' }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await ordererA.get(`/api/v1/suppliers/${b.id}`)).statusCode).toBe(404);
    expect((await ordererA.post('/api/v1/suppliers', { name: 'X' })).statusCode).toBe(403);
  });

  it('D0-15: supplier roles see no municipal registers, a manager (no supplier right) sees no suppliers, municipal readers see all', async () => {
    const { t, a, adminA, ordererA } = await twoSuppliers();
    for (const c of [adminA, ordererA]) {
      expect((await c.get('/api/v1/systems')).statusCode).toBe(403);
      expect((await c.get('/api/v1/information-assets')).statusCode).toBe(403);
      expect((await c.post('/api/v1/systems', { name: 'X', responsibleUnitId: t.unitId })).statusCode).toBe(403);
    }
    expect((await t.reader.get('/api/v1/suppliers')).statusCode).toBe(403);
    expect((await t.reader.get(`/api/v1/suppliers/${a.id}`)).statusCode).toBe(403);
    expect((await t.reader.get('/api/v1/suppliers/export.xlsx')).statusCode).toBe(403);
    // a tenant-wide system owner reads the whole register but does not keep it
    expect(await names(t.editor)).toEqual(['Driftpartner AB', 'Omsorgsbolaget AB']);
    expect((await t.editor.get(`/api/v1/suppliers/${a.id}`)).json().allowedActions).toEqual(['read']);
    expect((await t.editor.post('/api/v1/suppliers', { name: 'X' })).statusCode).toBe(403);
    const auditor = await memberWith(t, [{ role: 'auditor' }], 'revisor');
    expect(await names(auditor)).toEqual(['Driftpartner AB', 'Omsorgsbolaget AB']);
  });

  it('keeps tenants apart: another tenant’s supplier is 404 for read, change and archive, for every role, and absent from lists', async () => {
    const { t, a, adminA } = await twoSuppliers();
    const other = await newTenant();
    const foreign = await create(other, { name: 'Grannkommunens leverantör AB', organisationNumber: '559000-1235' });
    const url = `/api/v1/suppliers/${foreign.id}`;
    expect((await adminA.get(url)).statusCode).toBe(404);
    expect((await adminA.patch(url, { name: 'x' }, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await t.admin.get(url)).statusCode).toBe(404);
    expect((await t.admin.patch(url, { name: 'x' }, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await t.admin.post(`${url}/archive`, undefined, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect(await names(t.admin, '?q=Grannkommunens')).toEqual([]);
    expect((await other.admin.get(`/api/v1/suppliers/${a.id}`)).statusCode).toBe(404);
    expect((await t.admin.get('/api/v1/suppliers/not-a-uuid')).statusCode).toBe(404);
    expect((await other.admin.get(url)).json().name).toBe('Grannkommunens leverantör AB');
  });
});
