import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../../test/helpers/app.js';

type System = Record<string, unknown> & { id: string; version: number; name: string };

describe('IT-system register (D1-13, D1-20, D4-19)', () => {
  it('D1-13 D1-20: creates a system from name and responsible unit, with defaults, Location and ETag', async () => {
    const t = await newTenant();
    const res = await t.editor.post('/api/v1/systems', { name: 'Pulsen Combine', responsibleUnitId: t.unitId });
    expect(res.statusCode).toBe(201);
    const body = res.json<System>();
    expect(res.headers.location).toBe(`/api/v1/systems/${body.id}`);
    expect(res.headers.etag).toBe('"v1"');
    expect(body).toMatchObject({
      name: 'Pulsen Combine',
      responsibleUnitId: t.unitId,
      responsibleUnit: { id: t.unitId, name: 'Kommunledningsförvaltningen' },
      critical: false,
      lifecycleStatus: 'in_use',
      systemAdministrators: [],
      costs: [],
      informationAssets: [],
      archived: false,
      allowedActions: ['read', 'update', 'archive'],
    });
    const got = await t.reader.get(`/api/v1/systems/${body.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"v1"');
    expect(got.json()).toEqual({ ...body, allowedActions: ['read'] });
  });

  it('D1-20: a system without a responsible operation, or with an unknown one, is refused with a Swedish field error', async () => {
    const t = await newTenant();
    const missing = await t.editor.post('/api/v1/systems', { name: 'Utan ägare' });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json().errors).toContainEqual({ field: 'responsibleUnitId', code: 'invalid_type', message: 'Fältet måste fyllas i.' });
    const other = await newTenant();
    const foreign = await t.editor.post('/api/v1/systems', { name: 'Fel enhet', responsibleUnitId: other.unitId });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'responsibleUnitId', code: 'unknown_unit' });
  });

  it('D1-14: keeps every cost line exactly (öre, not floats) and totals them per year in the list', async () => {
    const t = await newTenant();
    const costs = [
      { category: 'licence', amountSek: 120000.1, year: 2026, note: 'Årslicens' },
      { category: 'support', amountSek: 0.2, year: 2026, note: null },
      { category: 'operation', amountSek: 55000.55, year: 2025, note: null },
    ];
    const res = await t.editor.post('/api/v1/systems', { name: 'Ekonomisystem', responsibleUnitId: t.unitId, costs });
    expect(res.statusCode).toBe(201);
    expect(res.json().costs).toEqual(costs);
    const list = await t.reader.get('/api/v1/systems');
    expect(list.json().items[0].costTotals).toEqual([
      { year: 2025, amountSek: 55000.55 },
      { year: 2026, amountSek: 120000.3 },
    ]);
    const bad = await t.editor.post('/api/v1/systems', {
      name: 'X',
      responsibleUnitId: t.unitId,
      costs: [{ category: 'licence', amountSek: 1.001, year: 2026 }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ field: 'costs.0.amountSek', code: 'not_multiple_of', message: 'Högst två decimaler.' }]);
  });

  it('stops lost updates: PATCH needs If-Match (428), a stale tag gets 412, a fresh one 200 with a new ETag', async () => {
    const t = await newTenant();
    const created = (await t.editor.post('/api/v1/systems', { name: 'Skolplattform', responsibleUnitId: t.unitId })).json<System>();
    const url = `/api/v1/systems/${created.id}`;
    expect((await t.editor.patch(url, { critical: true })).statusCode).toBe(428);
    const ok = await t.editor.patch(
      url,
      { critical: true, lifecycleStatus: 'phasing_out', systemAdministrators: ['Eva Ek'] },
      { 'if-match': '"v1"' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    expect(ok.json()).toMatchObject({ critical: true, lifecycleStatus: 'phasing_out', systemAdministrators: ['Eva Ek'], version: 2 });
    const stale = await t.editor.patch(url, { name: 'Annat namn' }, { 'if-match': '"v1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().title).toBe('Posten har ändrats av någon annan. Ladda om och försök igen.');
    expect((await t.reader.get(url)).json().name).toBe('Skolplattform');
    // A change that changes nothing keeps the version, so other editors are not sent a 412 for it.
    const same = await t.editor.patch(url, { critical: true }, { 'if-match': '"v2"' });
    expect(same.statusCode).toBe(200);
    expect(same.headers.etag).toBe('"v2"');
    expect((await t.editor.patch(url, {}, { 'if-match': '"v2"' })).headers.etag).toBe('"v2"');
  });

  it('D4-19 D4-13 D1-21: lists with filters (unit, system owner, lifecycle status, critical), sort and cursor pagination that visits every row once', async () => {
    const t = await newTenant();
    const unit2 = (await t.admin.post('/api/v1/org-units', { name: 'Socialförvaltningen', type: 'department' })).json<{ id: string }>().id;
    for (let i = 0; i < 7; i++) {
      const res = await t.editor.post('/api/v1/systems', {
        name: `System ${String.fromCharCode(65 + i)}`,
        responsibleUnitId: i % 2 ? unit2 : t.unitId,
        systemOwner: i < 3 ? 'Maria Karlsson' : 'Olof Ek',
        critical: i === 0,
        lifecycleStatus: i === 6 ? 'planned' : 'in_use',
      });
      expect(res.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { statusCode: number; json: () => { items: System[]; nextCursor: string | null } } = await t.reader.get(
        `/api/v1/systems?limit=3&sort=-name${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.statusCode).toBe(200);
      const body = page.json();
      seen.push(...body.items.map((s) => s.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['System G', 'System F', 'System E', 'System D', 'System C', 'System B', 'System A']);

    const names = async (q: string) => (await t.reader.get(`/api/v1/systems?${q}`)).json<{ items: System[] }>().items.map((s) => s.name);
    expect(await names(`unitId=${unit2}`)).toEqual(['System B', 'System D', 'System F']);
    expect(await names('owner=karlsson')).toEqual(['System A', 'System B', 'System C']);
    expect(await names('critical=true')).toEqual(['System A']);
    expect(await names('status=planned')).toEqual(['System G']);
    const badSort = await t.reader.get('/api/v1/systems?sort=password');
    expect(badSort.statusCode).toBe(422);
    expect(badSort.json().errors[0].field).toBe('query.sort');
    expect((await t.reader.get('/api/v1/systems?cursor=bm9wZQ')).statusCode).toBe(422);
  });

  it('finds systems by Swedish full-text search (stemmed words) and by part of the name', async () => {
    const t = await newTenant();
    await t.editor.post('/api/v1/systems', {
      name: 'Pulsen Combine',
      description: 'Social dokumentation inom äldreomsorgen',
      responsibleUnitId: t.unitId,
    });
    await t.editor.post('/api/v1/systems', { name: 'Unikum', description: 'Lärplattform för skolan', responsibleUnitId: t.unitId });
    const search = async (q: string) =>
      (await t.reader.get(`/api/v1/systems?q=${encodeURIComponent(q)}`)).json<{ items: System[] }>().items.map((s) => s.name);
    expect(await search('äldreomsorg')).toEqual(['Pulsen Combine']);
    expect(await search('dokumentationen')).toEqual(['Pulsen Combine']);
    expect(await search('Pulsen Comb')).toEqual(['Pulsen Combine']);
    expect(await search('skolan')).toEqual(['Unikum']);
    expect(await search('100%_')).toEqual([]);
  });

  it('D1-14: exports the filtered register as CSV (with yearly cost columns) and as Excel', async () => {
    const t = await newTenant();
    await t.editor.post('/api/v1/systems', {
      name: 'Visma Proceedo',
      responsibleUnitId: t.unitId,
      critical: true,
      costs: [{ category: 'licence', amountSek: 1000.5, year: 2026 }],
    });
    await t.editor.post('/api/v1/systems', { name: '=HYPERLINK("http://evil")', responsibleUnitId: t.unitId });
    const csv = await t.reader.get('/api/v1/systems', { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('Namn,Beskrivning,Ansvarig verksamhet');
    expect(lines[0]).toContain('Kostnad 2026 (kr)');
    expect(lines).toHaveLength(3);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(lines.find((l) => l.startsWith('Visma'))).toContain('Ja,I drift,,1000.5');

    const xlsx = await t.reader.get('/api/v1/systems/export.xlsx?critical=true');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('IT-system')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('Visma Proceedo');
  });

  it('archives with confirmation of the version, hides archived rows by default and restores them', async () => {
    const t = await newTenant();
    const s = (await t.editor.post('/api/v1/systems', { name: 'Gammalt system', responsibleUnitId: t.unitId })).json<System>();
    expect((await t.editor.post(`/api/v1/systems/${s.id}/archive`)).statusCode).toBe(428);
    const archived = await t.editor.post(`/api/v1/systems/${s.id}/archive`, undefined, { 'if-match': '"v1"' });
    expect(archived.statusCode).toBe(200);
    expect(archived.json()).toMatchObject({ archived: true, allowedActions: ['read', 'restore'] });
    expect((await t.reader.get('/api/v1/systems')).json().items).toEqual([]);
    expect((await t.reader.get('/api/v1/systems?includeArchived=true')).json().items).toHaveLength(1);
    const edit = await t.editor.patch(`/api/v1/systems/${s.id}`, { name: 'Nytt' }, { 'if-match': '"v2"' });
    expect(edit.statusCode).toBe(409);
    const restored = await t.editor.post(`/api/v1/systems/${s.id}/restore`, undefined, { 'if-match': '"v2"' });
    expect(restored.json()).toMatchObject({ archived: false, version: 3 });
  });

  it('keeps tenants apart: another tenant’s system is 404 for read, change and archive, and absent from lists', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const s = (await a.editor.post('/api/v1/systems', { name: 'Hemligt', responsibleUnitId: a.unitId })).json<System>();
    expect((await b.admin.get(`/api/v1/systems/${s.id}`)).statusCode).toBe(404);
    expect((await b.admin.patch(`/api/v1/systems/${s.id}`, { name: 'x' }, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await b.admin.post(`/api/v1/systems/${s.id}/archive`, undefined, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await b.admin.get('/api/v1/systems?q=Hemligt')).json().items).toEqual([]);
    expect((await b.admin.get('/api/v1/systems/not-a-uuid')).statusCode).toBe(404);
  });

  it('lets readers read but not write, and audits every write with before and after', async () => {
    const t = await newTenant();
    const denied = await t.reader.post('/api/v1/systems', { name: 'Nej', responsibleUnitId: t.unitId });
    expect(denied.statusCode).toBe(403);
    const s = (await t.editor.post('/api/v1/systems', { name: 'Granskat', responsibleUnitId: t.unitId })).json<System>();
    expect((await t.reader.patch(`/api/v1/systems/${s.id}`, { name: 'x' }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await t.reader.post(`/api/v1/systems/${s.id}/archive`, undefined, { 'if-match': '"v1"' })).statusCode).toBe(403);
    await t.editor.patch(`/api/v1/systems/${s.id}`, { supplier: 'Tietoevry' }, { 'if-match': '"v1"' });

    const { database } = await testApp();
    const rows = (await database.db.execute(
      sql`select action, before, after, request_id from audit_events where tenant_id = ${t.tenantId} and entity_id = ${s.id} order by seq`,
    )) as unknown as {
      rows: { action: string; before: { supplier: string | null } | null; after: { supplier: string | null }; request_id: string }[];
    };
    expect(rows.rows.map((r) => r.action)).toEqual(['system.create', 'system.update']);
    expect(rows.rows[1]!.before!.supplier).toBeNull();
    expect(rows.rows[1]!.after.supplier).toBe('Tietoevry');
    expect(rows.rows[1]!.request_id).toBeTruthy();
  });

  it('D1-13: the owner confirms an entry is accurate (dated in Stockholm), and the follow-up lists entries not confirmed since a date', async () => {
    const t = await newTenant();
    const create = async (name: string, lastReviewedOn: string | null) =>
      (await t.editor.post('/api/v1/systems', { name, responsibleUnitId: t.unitId, lastReviewedOn })).json<System>();
    const old = await create('Granskad 2024', '2024-03-01');
    await create('Aldrig granskad', null);
    await create('Granskad nyss', '2026-01-15');
    const stale = async () =>
      (await t.reader.get('/api/v1/systems?reviewedBefore=2025-01-01')).json<{ items: System[] }>().items.map((s) => s.name);
    expect(await stale()).toEqual(['Aldrig granskad', 'Granskad 2024']);

    expect((await t.reader.post(`/api/v1/systems/${old.id}/review`, undefined, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await t.editor.post(`/api/v1/systems/${old.id}/review`)).statusCode).toBe(428);
    const reviewed = await t.editor.post(`/api/v1/systems/${old.id}/review`, undefined, { 'if-match': '"v1"' });
    expect(reviewed.statusCode).toBe(200);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    expect(reviewed.json()).toMatchObject({ lastReviewedOn: today, version: 2 });
    expect(await stale()).toEqual(['Aldrig granskad']);

    const { database } = await testApp();
    const audit = (await database.db.execute(
      sql`select action from audit_events where tenant_id = ${t.tenantId} and entity_id = ${old.id} order by seq`,
    )) as unknown as { rows: { action: string }[] };
    expect(audit.rows.map((r) => r.action)).toEqual(['system.create', 'system.review']);
  });
});
