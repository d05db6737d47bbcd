import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const supplier = async (t: TestTenant, name: string, type = 'care_provider') => {
  const res = await t.admin.post('/api/v1/suppliers', { name, type });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<J>().id as string;
};

async function setup() {
  const t = await newTenant();
  const a = await supplier(t, 'Omsorg AB');
  const b = await supplier(t, 'Konkurrent AB');
  const adminA = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: a }], 'lev-admin');
  const ordererA = await memberWith(t, [{ role: 'authorised_orderer', scopeType: 'supplier', scopeSupplierId: a }], 'bestallare');
  const superB = await memberWith(t, [{ role: 'super_user', scopeType: 'supplier', scopeSupplierId: b }], 'super-b');
  return { t, a, b, adminA, ordererA, superB };
}

describe('supplier people (issue 7)', () => {
  it('D0-11: the supplier admin keeps the list of authorised orderers (person, contact, validity, portal account), audited', async () => {
    const { t, a, adminA, ordererA } = await setup();
    const res = await adminA.post(`/api/v1/suppliers/${a}/people`, {
      kind: 'authorised_orderer',
      name: 'Olle Beställare',
      email: 'olle@omsorg.example',
      phone: '070-123 45 67',
      userId: ordererA.userId,
      validFrom: '2026-01-01',
    });
    expect(res.statusCode).toBe(201);
    const p = res.json<J>();
    expect(res.headers.location).toBe(`/api/v1/supplier-people/${p.id}`);
    expect(p).toMatchObject({ supplierId: a, kind: 'authorised_orderer', userId: ordererA.userId, active: true, validTo: null });
    expect(p.allowedActions).toEqual(['read', 'update', 'archive']);
    // the orderer reads the list, changes nothing
    const list = (await ordererA.get(`/api/v1/suppliers/${a}/people?kind=authorised_orderer`)).json<J>();
    expect(list.items.map((x: J) => x.name)).toEqual(['Olle Beställare']);
    expect(list.items[0].allowedActions).toEqual(['read']);
    expect((await ordererA.post(`/api/v1/suppliers/${a}/people`, { kind: 'contact', name: 'X' })).statusCode).toBe(403);
    // a portal account must belong to this supplier
    const coordinatorId = (await t.admin.get('/api/v1/auth/me')).json<J>().user.id;
    const wrong = await adminA.post(`/api/v1/suppliers/${a}/people`, { kind: 'authorised_orderer', name: 'Fel', userId: coordinatorId });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json<J>().errors[0].field).toBe('userId');
    const dates = await adminA.post(`/api/v1/suppliers/${a}/people`, {
      kind: 'contact',
      name: 'Fel',
      validFrom: '2026-05-01',
      validTo: '2026-04-01',
    });
    expect(dates.json<J>().errors[0].field).toBe('validTo');
    // ended: change with If-Match, then removed from the list (archived), and restored
    const ended = await adminA.patch(`/api/v1/supplier-people/${p.id}`, { validTo: '2026-02-01' }, { 'if-match': '"v1"' });
    expect(ended.json<J>()).toMatchObject({ validTo: '2026-02-01', active: false, version: 2 });
    const archived = await adminA.post(`/api/v1/supplier-people/${p.id}/archive`, {}, { 'if-match': '"v2"' });
    expect(archived.json<J>().archived).toBe(true);
    expect((await adminA.get(`/api/v1/suppliers/${a}/people`)).json<J>().items).toEqual([]);
    expect((await adminA.get(`/api/v1/suppliers/${a}/people?includeArchived=true`)).json<J>().items).toHaveLength(1);
    expect((await adminA.post(`/api/v1/supplier-people/${p.id}/restore`, {}, { 'if-match': '"v3"' })).json<J>().archived).toBe(false);
    const trail = (await t.admin.get(`/api/v1/audit/events?entityType=supplier-person&entityId=${p.id}`)).json<J>();
    expect(JSON.stringify(trail)).toContain('supplier-person.archive');
  });

  it('D3-29: archiving a super user counts against the minimum of two', async () => {
    const { t, a } = await setup();
    const ids: string[] = [];
    for (const name of ['Anna', 'Bo'])
      ids.push((await t.admin.post(`/api/v1/suppliers/${a}/people`, { kind: 'super_user', name })).json<J>().id);
    expect((await t.admin.get(`/api/v1/suppliers/${a}`)).json<J>().warnings).not.toContain('too-few-super-users');
    await t.admin.post(`/api/v1/supplier-people/${ids[0]}/archive`, {}, { 'if-match': '"v1"' });
    expect((await t.admin.get(`/api/v1/suppliers/${a}`)).json<J>().warnings).toContain('too-few-super-users');
  });

  it('D0-15: a supplier user reaches its own organisation’s people only: another supplier’s are 404 for read, add, change and archive', async () => {
    const { t, a, b, adminA, superB } = await setup();
    const theirs = (await t.admin.post(`/api/v1/suppliers/${b}/people`, { kind: 'key_person', name: 'Bertil' })).json<J>().id;
    const mine = (await t.admin.post(`/api/v1/suppliers/${a}/people`, { kind: 'key_person', name: 'Anna' })).json<J>().id;
    expect((await adminA.get(`/api/v1/suppliers/${b}/people`)).statusCode).toBe(404);
    expect((await adminA.post(`/api/v1/suppliers/${b}/people`, { kind: 'contact', name: 'X' })).statusCode).toBe(404);
    // whatever the body: the reach is checked before it is read
    expect((await adminA.post(`/api/v1/suppliers/${b}/people`, { nonsense: true })).statusCode).toBe(404);
    expect((await adminA.get(`/api/v1/supplier-people/${theirs}`)).statusCode).toBe(404);
    expect((await adminA.patch(`/api/v1/supplier-people/${theirs}`, { name: 'Y' }, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await adminA.post(`/api/v1/supplier-people/${theirs}/archive`, {}, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await superB.get(`/api/v1/supplier-people/${mine}`)).statusCode).toBe(404);
    expect((await superB.get(`/api/v1/suppliers/${b}/people`)).json<J>().items.map((x: J) => x.name)).toEqual(['Bertil']);
    // another tenant's coordinator sees nothing either
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/supplier-people/${mine}`)).statusCode).toBe(404);
    expect((await other.admin.get(`/api/v1/suppliers/${a}/people`)).statusCode).toBe(404);
  });
});
