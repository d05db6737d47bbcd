import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { withTenant } from '../../db/tenant.js';
import { incidentResponsibles, incidentSettingsOf, routeIncident } from './routing.js';

type Rec = Record<string, unknown> & { id: string; version: number };
const etag = (v: number) => ({ 'if-match': `"v${v}"` });

async function meId(t: TestTenant): Promise<string> {
  return (await t.admin.get('/api/v1/auth/me')).json().user.id as string;
}

async function system(t: TestTenant, name = 'Procapita'): Promise<string> {
  const res = await t.admin.post('/api/v1/systems', { name, responsibleUnitId: t.unitId });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('incident categories (D3-37)', () => {
  it('D3-37: the starter list, with "unauthorised copying or transfer", lands once on first read', async () => {
    const t = await newTenant();
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    // two first readers at once: the list is still created once
    const [a, b] = await Promise.all([employee.get('/api/v1/incident-categories'), t.admin.get('/api/v1/incident-categories')]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const items = (await t.admin.get('/api/v1/incident-categories')).json().items as { name: string; nameEn: string }[];
    expect(items).toHaveLength(9);
    expect(items.map((c) => c.name)).toContain('Obehörig kopiering eller överföring av uppgifter');
    expect(items.find((c) => c.name === 'Nätfiske')?.nameEn).toBe('Phishing');
    // an employee reads but may not change the list
    expect(a.json().items[0].allowedActions).toEqual(['read']);
    expect((await employee.post('/api/v1/incident-categories', { name: 'Ny' })).statusCode).toBe(403);
    // archiving every category does not bring the starters back
    for (const c of (await t.admin.get('/api/v1/incident-categories')).json().items as Rec[])
      expect((await t.admin.post(`/api/v1/incident-categories/${c.id}/archive`, undefined, etag(c.version))).statusCode).toBe(200);
    expect((await t.admin.get('/api/v1/incident-categories')).json().items).toEqual([]);
    expect((await t.admin.get('/api/v1/incident-categories?includeArchived=true')).json().items).toHaveLength(9);
  });

  it('categories: create, rename with If-Match, duplicate names refused, archive and restore', async () => {
    const t = await newTenant();
    const created = await t.admin.post('/api/v1/incident-categories', { name: 'Bedrägeri', nameEn: 'Fraud' });
    expect(created.statusCode).toBe(201);
    const cat = created.json<Rec>();
    const dup = await t.admin.post('/api/v1/incident-categories', { name: 'bedrägeri' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0]).toMatchObject({ field: 'name', code: 'duplicate' });
    expect((await t.admin.post('/api/v1/incident-categories', { name: '' })).statusCode).toBe(422);
    const renamed = await t.admin.patch(`/api/v1/incident-categories/${cat.id}`, { name: 'Bedrägeriförsök' }, etag(1));
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Bedrägeriförsök', version: 2 });
    expect((await t.admin.patch(`/api/v1/incident-categories/${cat.id}`, { name: 'X' }, etag(1))).statusCode).toBe(412);
    expect((await t.admin.post(`/api/v1/incident-categories/${cat.id}/archive`, undefined, etag(2))).json().archived).toBe(true);
    expect((await t.admin.post(`/api/v1/incident-categories/${cat.id}/restore`, undefined, etag(3))).json().archived).toBe(false);
    // another tenant's category is not found, for reading and changing alike
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/incident-categories/${cat.id}`)).statusCode).toBe(404);
    expect((await other.admin.patch(`/api/v1/incident-categories/${cat.id}`, { name: 'Y' }, etag(4))).statusCode).toBe(404);
  });
});

describe('reporting routes (D1-35)', () => {
  it('D1-35: routes are readable by an employee who reports; writes need a tenant-wide grant', async () => {
    const t = await newTenant();
    const sys = await system(t);
    const coordinator = await meId(t);
    const route = await t.admin.post('/api/v1/incident-routes', {
      name: 'Verksamhetssystem inom omsorgen',
      systemId: sys,
      handlingUnitId: t.unitId,
      notifyUserIds: [coordinator],
      instructions: 'Ring systemförvaltaren på 0500-123 45 om systemet står still.',
    });
    expect(route.statusCode).toBe(201);
    expect(route.json()).toMatchObject({
      system: { id: sys, name: 'Procapita' },
      handlingUnit: { id: t.unitId, name: 'Kommunledningsförvaltningen' },
      notifyUsers: [{ id: coordinator }],
    });
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    const seen = await employee.get('/api/v1/incident-routes');
    expect(seen.statusCode).toBe(200);
    expect(seen.json().items).toEqual([expect.objectContaining({ name: 'Verksamhetssystem inom omsorgen', allowedActions: ['read'] })]);
    expect((await employee.get(`/api/v1/incident-routes/${route.json().id}`)).statusCode).toBe(200);
    // a system owner scoped to a unit reads the routes but may not change them (D1-35 routes are the tenant's)
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhetsagare');
    expect((await unitOwner.get('/api/v1/incident-routes')).statusCode).toBe(200);
    expect((await unitOwner.post('/api/v1/incident-routes', { name: 'Egen', handlingUnitId: t.unitId })).statusCode).toBe(403);
    expect((await unitOwner.patch(`/api/v1/incident-routes/${route.json().id}`, { name: 'Ändrad' }, etag(1))).statusCode).toBe(403);
    expect((await unitOwner.post(`/api/v1/incident-routes/${route.json().id}/archive`, undefined, etag(1))).statusCode).toBe(403);
    expect(
      (await unitOwner.put('/api/v1/incident-settings', { crisisUserIds: [], reminderPercents: [50], secretByDefault: false }, etag(0)))
        .statusCode,
    ).toBe(403);
    // a tenant-wide system owner may not either: only the incident-settings policy row grants writes
    expect((await t.editor.post('/api/v1/incident-routes', { name: 'Egen', handlingUnitId: t.unitId })).statusCode).toBe(403);
  });

  it('D1-35: references must be the tenant’s, and a route names a unit or people', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirSystem = await system(other, 'Deras');
    const theirUser = await meId(other);
    const bad = await t.admin.post('/api/v1/incident-routes', {
      name: 'Fel',
      systemId: theirSystem,
      handlingUnitId: other.unitId,
      categoryId: crypto.randomUUID(),
      notifyUserIds: [theirUser],
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['categoryId', 'handlingUnitId', 'notifyUserIds', 'systemId']);
    const empty = await t.admin.post('/api/v1/incident-routes', { name: 'Tom' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0]).toMatchObject({ field: 'handlingUnitId', code: 'required' });
    const sev = await t.admin.post('/api/v1/incident-routes', { name: 'X', handlingUnitId: t.unitId, minSeverity: 'huge' });
    expect(sev.statusCode).toBe(422);
    expect(sev.json().errors[0].field).toBe('minSeverity');
    // another tenant's route is not found
    const mine = (await t.admin.post('/api/v1/incident-routes', { name: 'Alla', handlingUnitId: t.unitId })).json<Rec>();
    expect((await other.admin.get(`/api/v1/incident-routes/${mine.id}`)).statusCode).toBe(404);
    expect((await other.admin.post(`/api/v1/incident-routes/${mine.id}/archive`, undefined, etag(1))).statusCode).toBe(404);
  });

  it('D1-35: routeIncident picks the first non-archived matching route by order; responsibles add the coordinators', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const sys = await system(t);
    const phishing = ((await t.admin.get('/api/v1/incident-categories')).json().items as { id: string; name: string }[]).find(
      (c) => c.name === 'Nätfiske',
    )!.id;
    const handler = await memberWith(t, [{ role: 'system_owner' }], 'handlaggare');
    const itUnit = (await t.admin.post('/api/v1/org-units', { name: 'IT-enheten', type: 'unit', parentId: t.unitId })).json().id as string;
    const post = async (body: Record<string, unknown>) => {
      const res = await t.admin.post('/api/v1/incident-routes', body);
      expect(res.statusCode).toBe(201);
      return res.json<Rec>();
    };
    const crisis = await post({ name: 'Kris', minSeverity: 'extensive', handlingUnitId: t.unitId, sortOrder: 10 });
    const bySystem = await post({
      name: 'Procapita',
      systemId: sys,
      handlingUnitId: itUnit,
      notifyUserIds: [handler.userId],
      sortOrder: 20,
    });
    const byCategory = await post({
      name: 'Nätfiske',
      categoryId: phishing,
      minSeverity: 'moderate',
      handlingUnitId: itUnit,
      sortOrder: 30,
    });
    const route = (f: { categoryId?: string | null; systemIds?: string[]; severity?: string | null }) =>
      withTenant(database.db, t.tenantId, (tx) =>
        routeIncident(tx, t.tenantId, { categoryId: f.categoryId ?? null, systemIds: f.systemIds ?? [], severity: f.severity ?? null }),
      );
    expect((await route({ systemIds: [sys], severity: 'extensive' })).routeId).toBe(crisis.id);
    expect(await route({ systemIds: [sys], severity: 'high', categoryId: phishing })).toEqual({
      routeId: bySystem.id,
      handlingUnitId: itUnit,
      notifyUserIds: [handler.userId],
      instructions: null,
    });
    expect((await route({ categoryId: phishing, severity: 'moderate' })).routeId).toBe(byCategory.id);
    expect((await route({ categoryId: phishing, severity: 'low' })).routeId).toBeNull();
    expect(await route({})).toEqual({ routeId: null, handlingUnitId: null, notifyUserIds: [], instructions: null });
    // archived routes are skipped; reordering changes who wins
    await t.admin.post(`/api/v1/incident-routes/${crisis.id}/archive`, undefined, etag(1));
    expect((await route({ systemIds: [sys], severity: 'extensive' })).routeId).toBe(bySystem.id);
    await t.admin.patch(`/api/v1/incident-routes/${byCategory.id}`, { sortOrder: 5 }, etag(1));
    expect((await route({ systemIds: [sys], categoryId: phishing, severity: 'high' })).routeId).toBe(byCategory.id);
    // who is told: the handler, the route's people and the tenant-wide coordinators, once each
    const coordinator = await meId(t);
    const people = await withTenant(database.db, t.tenantId, (tx) =>
      incidentResponsibles(tx, t.tenantId, { handlerUserId: handler.userId, routeId: bySystem.id }),
    );
    expect(people.sort()).toEqual([coordinator, handler.userId].sort());
    const none = await withTenant(database.db, t.tenantId, (tx) =>
      incidentResponsibles(tx, t.tenantId, { handlerUserId: null, routeId: null }),
    );
    expect(none).toEqual([coordinator]);
  });
});

describe('incident settings (crisis group, reminders, secrecy)', () => {
  const valid = {
    crisisUserIds: [] as string[],
    reminderPercents: [50, 80, 100],
    secretByDefault: true,
    defaultSecrecyProvision: '18 kap. 8 § OSL',
  };

  it('defaults until saved, then If-Match versions; the crisis group names members of the tenant', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const first = await t.reader.get('/api/v1/incident-settings');
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"v0"');
    expect(first.json()).toMatchObject({ version: 0, reminderPercents: [50, 80, 100], secretByDefault: true, canUpdate: false });
    const crisis = await memberWith(t, [{ role: 'management' }], 'kommundirektor');
    expect((await t.admin.put('/api/v1/incident-settings', valid)).statusCode).toBe(428);
    const saved = await t.admin.put(
      '/api/v1/incident-settings',
      { ...valid, crisisUserIds: [crisis.userId], reminderPercents: [25, 50, 90] },
      etag(0),
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 1,
      crisisUsers: [{ id: crisis.userId }],
      reminderPercents: [25, 50, 90],
      canUpdate: true,
    });
    expect((await t.admin.put('/api/v1/incident-settings', valid, etag(0))).statusCode).toBe(412);
    expect((await t.admin.put('/api/v1/incident-settings', valid, etag(7))).statusCode).toBe(412);
    const view = await withTenant(database.db, t.tenantId, (tx) => incidentSettingsOf(tx, t.tenantId));
    expect(view).toEqual({
      crisisUserIds: [crisis.userId],
      reminderPercents: [25, 50, 90],
      secretByDefault: true,
      defaultSecrecyProvision: '18 kap. 8 § OSL',
    });
    const other = await newTenant();
    const outsider = await meId(other);
    const foreign = await t.admin.put('/api/v1/incident-settings', { ...valid, crisisUserIds: [outsider] }, etag(1));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0]).toMatchObject({ field: 'crisisUserIds', code: 'unknown_user' });
    // the people picker is for those who may change the settings
    expect((await t.admin.get('/api/v1/incident-settings/people')).json().items.length).toBeGreaterThanOrEqual(4);
    expect((await t.reader.get('/api/v1/incident-settings/people')).statusCode).toBe(403);
  });

  it('reminder stages: 1–100, ascending, unique, at most six; secrecy default names its provision (422)', async () => {
    const t = await newTenant();
    for (const reminderPercents of [[], [0, 50], [50, 101], [80, 50], [50, 50], [10, 20, 30, 40, 50, 60, 70], [50.5]]) {
      const res = await t.admin.put('/api/v1/incident-settings', { ...valid, reminderPercents }, etag(0));
      expect(res.statusCode, JSON.stringify(reminderPercents)).toBe(422);
      expect(res.json().errors[0].field).toMatch(/^reminderPercents/);
    }
    const order = await t.admin.put('/api/v1/incident-settings', { ...valid, reminderPercents: [80, 50] }, etag(0));
    expect(order.json().errors[0].message).toMatch(/stigande ordning/);
    const noProvision = await t.admin.put('/api/v1/incident-settings', { ...valid, defaultSecrecyProvision: null }, etag(0));
    expect(noProvision.statusCode).toBe(422);
    expect(noProvision.json().errors[0]).toMatchObject({ field: 'defaultSecrecyProvision', code: 'required' });
    expect(
      (
        await t.admin.put(
          '/api/v1/incident-settings',
          { ...valid, secretByDefault: false, defaultSecrecyProvision: null, reminderPercents: [10, 20, 30, 40, 50, 100] },
          etag(0),
        )
      ).statusCode,
    ).toBe(200);
  });
});
