import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../helpers/app.js';

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

// Two departments, a system in each, one secret-marked system and one secret information asset.
async function municipality() {
  const t = await newTenant();
  const unit = async (name: string, parentId?: string) =>
    (await t.admin.post('/api/v1/org-units', { name, type: parentId ? 'unit' : 'department', ...(parentId ? { parentId } : {}) })).json()
      .id as string;
  const social = await unit('Socialförvaltningen');
  const home = await unit('Hemtjänsten', social);
  const school = await unit('Utbildningsförvaltningen');
  const system = async (name: string, responsibleUnitId: string, extra: object = {}) =>
    (await t.admin.post('/api/v1/systems', { name, responsibleUnitId, ...extra })).json().id as string;
  const combine = await system('Pulsen Combine', home);
  const unikum = await system('Unikum', school);
  const elevhalsa = await system('PMO Elevhälsa', school, { secret: true, secrecyProvision: '25 kap. 1 § OSL', description: 'Journaler' });
  const asset = (
    await t.admin.post('/api/v1/information-assets', {
      name: 'Skyddade personuppgifter',
      description: 'Adresser till personer med skyddad identitet',
      unitId: social,
      systemIds: [combine],
      secret: true,
      secrecyProvision: '22 kap. 1 § OSL',
    })
  ).json().id as string;
  return { t, social, home, school, combine, unikum, elevhalsa, asset };
}

const names = async (c: TestTenant['admin'], url: string) =>
  (await c.get(url)).json().items.map((i: { name: string | null; masked: boolean }) => (i.masked ? '[maskerad]' : i.name));

describe('list cursors and secret rows', () => {
  it('D1-68: the next-page cursor after a masked secret row does not carry its name', async () => {
    const m = await municipality();
    // sorted by name, the masked "PMO Elevhälsa" is the last row of the first page
    const first = (await m.t.reader.get('/api/v1/systems?sort=name&limit=1')).json();
    expect(first.items[0]).toMatchObject({ masked: true, name: null });
    const readable = (first.nextCursor as string)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('utf8'))
      .join(' ')
      .toLowerCase();
    expect(readable).not.toContain('elevhälsa');
    const next = (await m.t.reader.get(`/api/v1/systems?sort=name&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(next.items[0].name).toBe('Pulsen Combine');
  });
});

describe('scope of a role assignment (unit subtree, named systems)', () => {
  it('D1-39: a system owner scoped to a department sees and changes only the systems of that department and its units', async () => {
    const m = await municipality();
    const owner = await memberWith(m.t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: m.social }]);
    expect(await names(owner, '/api/v1/systems')).toEqual(['Pulsen Combine']);
    expect((await owner.get(`/api/v1/systems/${m.unikum}`)).statusCode).toBe(404);
    const combine = await owner.get(`/api/v1/systems/${m.combine}`);
    expect(combine.json().allowedActions).toEqual(['read', 'update', 'archive']);
    const etag = combine.headers.etag as string;
    expect((await owner.patch(`/api/v1/systems/${m.combine}`, { supplier: 'Pulsen' }, { 'if-match': etag })).statusCode).toBe(200);
    // moving it out of reach, or creating elsewhere, is refused
    const now = (await owner.get(`/api/v1/systems/${m.combine}`)).headers.etag as string;
    expect((await owner.patch(`/api/v1/systems/${m.combine}`, { responsibleUnitId: m.school }, { 'if-match': now })).statusCode).toBe(403);
    expect((await owner.post('/api/v1/systems', { name: 'Nytt', responsibleUnitId: m.school })).statusCode).toBe(403);
    expect((await owner.post('/api/v1/systems', { name: 'Nytt', responsibleUnitId: m.home })).statusCode).toBe(201);
    // an unscoped unit tree is still readable: it is the map everyone navigates by
    expect((await owner.get('/api/v1/org-units')).statusCode).toBe(200);
  });

  it('D1-39: a system administrator scoped to named systems reaches those systems and the information in them only', async () => {
    const m = await municipality();
    const admin = await memberWith(m.t, [{ role: 'system_administrator', scopeType: 'systems', scopeSystemIds: [m.combine] }]);
    expect(await names(admin, '/api/v1/systems')).toEqual(['Pulsen Combine']);
    expect(await names(admin, '/api/v1/information-assets')).toEqual(['Skyddade personuppgifter']);
    expect((await admin.get(`/api/v1/systems/${m.unikum}`)).statusCode).toBe(404);
    const combine = await admin.get(`/api/v1/systems/${m.combine}`);
    expect(combine.json().allowedActions).toEqual(['read', 'update']);
    expect(
      (await admin.post(`/api/v1/systems/${m.combine}/archive`, undefined, { 'if-match': combine.headers.etag as string })).statusCode,
    ).toBe(403);
  });
});

describe('secrecy marking (OSL): need-to-know sees content, others see that it exists, or nothing', () => {
  it('a marking needs its OSL provision', async () => {
    const m = await municipality();
    const res = await m.t.admin.post('/api/v1/systems', { name: 'X', responsibleUnitId: m.school, secret: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ field: 'secrecyProvision', code: 'required' });
  });

  it('a manager sees secret records masked; an employee does not see them at all; the coordinator sees everything', async () => {
    const m = await municipality();
    const manager = m.t.reader;
    const employee = await memberWith(m.t, [{ role: 'employee' }]);
    expect(await names(m.t.admin, '/api/v1/systems')).toEqual(['PMO Elevhälsa', 'Pulsen Combine', 'Unikum']);
    expect((await names(manager, '/api/v1/systems')).sort()).toEqual(['Pulsen Combine', 'Unikum', '[maskerad]']);
    expect(await names(employee, '/api/v1/systems')).toEqual(['Pulsen Combine', 'Unikum']);

    const masked = (await manager.get(`/api/v1/systems/${m.elevhalsa}`)).json();
    expect(masked).toMatchObject({
      masked: true,
      secret: true,
      secrecyProvision: '25 kap. 1 § OSL',
      name: null,
      description: null,
      allowedActions: ['read'],
    });
    expect(JSON.stringify(masked)).not.toMatch(/Elevhälsa|Journaler/);
    expect((await employee.get(`/api/v1/systems/${m.elevhalsa}`)).statusCode).toBe(404);
    expect((await m.t.admin.get(`/api/v1/systems/${m.elevhalsa}`)).json()).toMatchObject({ masked: false, name: 'PMO Elevhälsa' });

    // a secret asset's name is not revealed through the system it is linked to
    const combine = (await manager.get(`/api/v1/systems/${m.combine}`)).json();
    expect(combine.informationAssets).toEqual([]);
    expect((await m.t.admin.get(`/api/v1/systems/${m.combine}`)).json().informationAssets).toEqual([
      { id: m.asset, name: 'Skyddade personuppgifter' },
    ]);
  });

  it('free-text search and owner filters cannot find secret content the viewer may not read', async () => {
    const m = await municipality();
    expect((await m.t.reader.get('/api/v1/systems?q=Journaler')).json().items).toEqual([]);
    expect((await m.t.reader.get('/api/v1/information-assets?q=skyddad')).json().items).toEqual([]);
    expect(await names(m.t.admin, '/api/v1/information-assets?q=skyddad')).toEqual(['Skyddade personuppgifter']);
    // exports follow the list
    const csv = await m.t.reader.get('/api/v1/systems', { accept: 'text/csv' });
    expect(csv.body).not.toMatch(/Elevhälsa|Journaler/);
  });

  it('roles without need-to-know cannot change, mark or unmark a secret record', async () => {
    const m = await municipality();
    const ops = await memberWith(m.t, [{ role: 'operations_manager' }]);
    const etag = (await ops.get(`/api/v1/systems/${m.elevhalsa}`)).headers.etag as string;
    expect((await ops.patch(`/api/v1/systems/${m.elevhalsa}`, { description: 'x' }, { 'if-match': etag })).statusCode).toBe(403);
    const unikum = await ops.get(`/api/v1/systems/${m.unikum}`);
    const mark = await ops.patch(
      `/api/v1/systems/${m.unikum}`,
      { secret: true, secrecyProvision: '23 kap. 1 § OSL' },
      { 'if-match': unikum.headers.etag as string },
    );
    expect(mark.statusCode).toBe(403);
    // the coordinator may lift the marking
    const e2 = (await m.t.admin.get(`/api/v1/systems/${m.elevhalsa}`)).headers.etag as string;
    const lifted = await m.t.admin.patch(`/api/v1/systems/${m.elevhalsa}`, { secret: false, secrecyProvision: null }, { 'if-match': e2 });
    expect(lifted.json()).toMatchObject({ secret: false, masked: false });
    expect((await ops.get(`/api/v1/systems/${m.elevhalsa}`)).json().masked).toBe(false);
  });

  it('D1-68: the auditor reads secret records in full; every read that shows secret content is audited, masked and ordinary reads are not', async () => {
    const m = await municipality();
    const auditor = await memberWith(m.t, [{ role: 'auditor' }]);
    const full = (await auditor.get(`/api/v1/information-assets/${m.asset}`)).json();
    expect(full).toMatchObject({ masked: false, name: 'Skyddade personuppgifter', allowedActions: ['read'] });
    await auditor.get('/api/v1/systems');
    await auditor.get(`/api/v1/systems/${m.unikum}`);
    const { database } = await testApp();
    const events = rowsOf<{ action: string; entity_id: string }>(
      await database.db.execute(
        sql`select action, entity_id from audit_events where actor_user_id = ${auditor.userId} and action not like 'auth.%' order by seq`,
      ),
    );
    expect(events).toEqual([
      { action: 'information-asset.read-secret', entity_id: m.asset },
      { action: 'system.read-secret', entity_id: m.elevhalsa },
    ]);
    // the coordinator's read shows the content too and is recorded the same way; a masked view is not
    await m.t.admin.get(`/api/v1/information-assets/${m.asset}`);
    const masked = (await m.t.reader.get(`/api/v1/information-assets/${m.asset}`)).json();
    expect(masked.masked).toBe(true);
    const secretReads = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int n from audit_events where tenant_id = ${m.t.tenantId} and action like '%read-secret'`,
      ),
    );
    expect(secretReads[0]!.n).toBe(3);
  });

  it('elected officials and supplier roles see no registers at all', async () => {
    const m = await municipality();
    const official = await memberWith(m.t, [{ role: 'elected_official' }]);
    expect((await official.get('/api/v1/systems')).statusCode).toBe(403);
    expect((await official.get(`/api/v1/systems/${m.unikum}`)).statusCode).toBe(403);
    expect((await official.get('/api/v1/information-assets')).statusCode).toBe(403);
  });
});

describe('supplier scope', () => {
  it('D0-15: archiving a supplier organisation ends what its people could reach through it', async () => {
    const t = await newTenant();
    const created = await t.admin.post('/api/v1/suppliers', { name: 'Omsorgsbolaget AB', type: 'care_provider' });
    const supplierId = created.json().id as string;
    const superUser = await memberWith(t, [{ role: 'super_user', scopeType: 'supplier', scopeSupplierId: supplierId }]);
    expect((await superUser.get('/api/v1/suppliers')).json().items.map((s: { id: string }) => s.id)).toEqual([supplierId]);
    // a unit-scoped municipal role reads the whole supplier register
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }]);
    expect((await owner.get(`/api/v1/suppliers/${supplierId}`)).statusCode).toBe(200);
    await t.admin.post(`/api/v1/suppliers/${supplierId}/archive`, undefined, { 'if-match': created.headers.etag as string });
    expect((await superUser.get('/api/v1/suppliers')).statusCode).toBe(403);
    expect((await superUser.get('/api/v1/auth/me')).json().roles).toEqual([]);
  });
});

describe('links a viewer cannot see', () => {
  it('an editor who cannot see a secret system keeps the asset’s link to it when saving the asset’s systems', async () => {
    const m = await municipality();
    const owner = await memberWith(m.t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: m.school }]);
    const asset = await m.t.admin.post('/api/v1/information-assets', {
      name: 'Elevakter',
      unitId: m.school,
      systemIds: [m.unikum, m.elevhalsa],
    });
    const seen = await owner.get(`/api/v1/information-assets/${asset.json().id}`);
    // the secret system is in the owner's unit, so the owner (need-to-know) sees it; an operations
    // manager (masked view) who administers only Unikum does not, and saving must not drop it
    expect(seen.json().systemIds.sort()).toEqual([m.unikum, m.elevhalsa].sort());
    const ops = await memberWith(m.t, [
      { role: 'operations_manager' },
      { role: 'system_administrator', scopeType: 'systems', scopeSystemIds: [m.unikum] },
    ]);
    const view = await ops.get(`/api/v1/information-assets/${asset.json().id}`);
    expect(view.json().systemIds).toEqual([m.unikum]);
    const saved = await ops.patch(
      `/api/v1/information-assets/${asset.json().id}`,
      { systemIds: [m.unikum] },
      { 'if-match': view.headers.etag as string },
    );
    expect(saved.statusCode).toBe(200);
    const full = (await m.t.admin.get(`/api/v1/information-assets/${asset.json().id}`)).json();
    expect(full.systemIds.sort()).toEqual([m.unikum, m.elevhalsa].sort());
  });
});
