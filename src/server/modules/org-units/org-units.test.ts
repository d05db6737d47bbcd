import { describe, expect, it } from 'vitest';
import { newTenant } from '../../../../test/helpers/app.js';

type Unit = { id: string; name: string; type: string; parentId: string | null; version: number };

describe('organisation units (D2-07, D4-19)', () => {
  it('D2-07: holds förvaltningar, verksamheter and a municipal company as one tree, listed in the contract shape', async () => {
    const t = await newTenant();
    const soc = (await t.admin.post('/api/v1/org-units', { name: 'Socialförvaltningen', type: 'department' })).json<Unit>();
    const aldre = await t.admin.post('/api/v1/org-units', { name: 'Äldreomsorg', type: 'operation', parentId: soc.id });
    expect(aldre.statusCode).toBe(201);
    expect(aldre.headers.location).toBe(`/api/v1/org-units/${aldre.json<Unit>().id}`);
    await t.admin.post('/api/v1/org-units', { name: 'Demo Bostäder AB', type: 'company' });
    const list = await t.reader.get('/api/v1/org-units');
    expect(list.statusCode).toBe(200);
    const body = list.json<{ items: Unit[]; nextCursor: string | null }>();
    expect(body.nextCursor).toBeNull();
    // Sorted by name; Ä comes after the Latin letters, as in Swedish.
    expect(body.items.map((u) => [u.name, u.type, u.parentId])).toEqual([
      ['Demo Bostäder AB', 'company', null],
      ['Kommunledningsförvaltningen', 'department', null],
      ['Socialförvaltningen', 'department', null],
      ['Äldreomsorg', 'operation', soc.id],
    ]);
    expect((await t.reader.get(`/api/v1/org-units?type=company`)).json().items).toHaveLength(1);
  });

  it('refuses a unit type outside the list and a parent from another tenant', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const badType = await t.admin.post('/api/v1/org-units', { name: 'X', type: 'kommun' });
    expect(badType.statusCode).toBe(422);
    expect(badType.json().errors[0]).toMatchObject({ field: 'type', code: 'invalid_value' });
    const foreign = await t.admin.post('/api/v1/org-units', { name: 'X', type: 'unit', parentId: other.unitId });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'parentId', code: 'unknown_unit' });
  });

  it('never lets a unit be moved under itself or its own sub-units', async () => {
    const t = await newTenant();
    const child = (await t.admin.post('/api/v1/org-units', { name: 'IT-enheten', type: 'unit', parentId: t.unitId })).json<Unit>();
    const self = await t.admin.patch(`/api/v1/org-units/${t.unitId}`, { parentId: t.unitId }, { 'if-match': '"v1"' });
    expect(self.statusCode).toBe(422);
    const loop = await t.admin.patch(`/api/v1/org-units/${t.unitId}`, { parentId: child.id }, { 'if-match': '"v1"' });
    expect(loop.statusCode).toBe(422);
    expect(loop.json().errors[0]).toMatchObject({ field: 'parentId', code: 'cycle' });
  });

  it('refuses to archive a unit that still has systems, and archives an empty one', async () => {
    const t = await newTenant();
    await t.editor.post('/api/v1/systems', { name: 'Lönesystem', responsibleUnitId: t.unitId });
    const busy = await t.admin.post(`/api/v1/org-units/${t.unitId}/archive`, undefined, { 'if-match': '"v1"' });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().detail).toContain('1 system');
    const empty = (await t.admin.post('/api/v1/org-units', { name: 'Tom enhet', type: 'unit' })).json<Unit>();
    const ok = await t.admin.post(`/api/v1/org-units/${empty.id}/archive`, undefined, { 'if-match': '"v1"' });
    expect(ok.statusCode).toBe(200);
    const use = await t.editor.post('/api/v1/systems', { name: 'Nytt', responsibleUnitId: empty.id });
    expect(use.statusCode).toBe(422);
  });

  it('lets readers list but not create units, and hides other tenants’ units', async () => {
    const t = await newTenant();
    const other = await newTenant();
    expect((await t.reader.post('/api/v1/org-units', { name: 'X', type: 'unit' })).statusCode).toBe(403);
    expect((await t.reader.get(`/api/v1/org-units/${other.unitId}`)).statusCode).toBe(404);
    const ids = (await t.reader.get('/api/v1/org-units')).json<{ items: Unit[] }>().items.map((u) => u.id);
    expect(ids).toEqual([t.unitId]);
  });

  it('two concurrent moves cannot make a loop, and a unit cannot be archived while a system is being added to it', async () => {
    const t = await newTenant();
    const post = async (name: string, parentId: string | null) =>
      (await t.admin.post('/api/v1/org-units', { name, type: 'unit', parentId })).json<Unit>().id;
    const a = await post('A', null);
    const b = await post('B', null);
    const d = await post('D', a);
    const c = await post('C', b);
    const [one, two] = await Promise.all([
      t.admin.patch(`/api/v1/org-units/${a}`, { parentId: c }, { 'if-match': '"v1"' }),
      t.admin.patch(`/api/v1/org-units/${b}`, { parentId: d }, { 'if-match': '"v1"' }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 422]);

    const u = await post('Snart arkiverad', null);
    const [archived, created] = await Promise.all([
      t.admin.post(`/api/v1/org-units/${u}/archive`, undefined, { 'if-match': '"v1"' }),
      t.editor.post('/api/v1/systems', { name: 'Kapplöpning', responsibleUnitId: u }),
    ]);
    const outcome = [archived.statusCode, created.statusCode];
    expect([
      [200, 422],
      [409, 201],
    ]).toContainEqual(outcome);
  });
});
