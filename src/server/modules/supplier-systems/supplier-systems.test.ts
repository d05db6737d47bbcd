import { describe, expect, it } from 'vitest';
import { memberWith, newTenant } from '../../../../test/helpers/app.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const made = async (res: { statusCode: number; body: string; json: () => unknown }) => {
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
};

async function setup() {
  const t = await newTenant();
  const a = await made(await t.admin.post('/api/v1/suppliers', { name: 'Omsorg AB', type: 'care_provider' }));
  const b = await made(await t.admin.post('/api/v1/suppliers', { name: 'Konkurrent AB' }));
  const system = (name: string, extra: J = {}) =>
    t.admin.post('/api/v1/systems', { name, responsibleUnitId: t.unitId, ...extra }).then(made);
  const journal = await system('Treserva', { critical: true });
  const mail = await system('E-post');
  const secret = await system('Skyddat system', { secret: true, secrecyProvision: '18 kap. 8 § OSL' });
  const adminA = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: a }], 'lev-admin');
  const superA = await memberWith(t, [{ role: 'super_user', scopeType: 'supplier', scopeSupplierId: a }], 'super');
  return { t, a, b, journal, mail, secret, adminA, superA };
}

describe('supplier systems (issue 7)', () => {
  it('D0-01 D3-26: the coordinator links the systems a supplier works in, with “administers its own users”; the supplier reads its own', async () => {
    const { t, a, b, journal, secret, adminA } = await setup();
    const url = `/api/v1/suppliers/${a}/systems/${journal}`;
    const res = await t.admin.put(url, { worksIn: true, administersOwnUsers: true, note: 'Dokumenterar i journalen' });
    expect(res.statusCode).toBe(200);
    expect(res.json<J>()).toMatchObject({
      supplierId: a,
      systemId: journal,
      name: 'Treserva',
      critical: true,
      worksIn: true,
      delivers: false,
      administersOwnUsers: true,
    });
    // a change keeps what it does not name
    expect((await t.admin.put(url, { delivers: true })).json<J>()).toMatchObject({
      delivers: true,
      administersOwnUsers: true,
      note: 'Dokumenterar i journalen',
    });
    await t.admin.put(`/api/v1/suppliers/${a}/systems/${secret}`, {});
    const mine = (await adminA.get(`/api/v1/suppliers/${a}/systems`)).json<J>();
    // a secret-marked system is not shown to the supplier's users
    expect(mine.items.map((x: J) => x.name)).toEqual(['Treserva']);
    expect(mine.mayChange).toBe(false);
    const municipal = (await t.editor.get(`/api/v1/suppliers/${a}/systems`)).json<J>();
    expect(municipal.items).toHaveLength(2);
    // the supplier may not link or unlink, and sees nothing of another supplier's
    expect((await adminA.put(`/api/v1/suppliers/${a}/systems/${journal}`, { administersOwnUsers: false })).statusCode).toBe(403);
    expect((await adminA.del(url)).statusCode).toBe(403);
    expect((await adminA.get(`/api/v1/suppliers/${b}/systems`)).statusCode).toBe(404);
    // unknown system: 404; unlink, audited
    expect((await t.admin.put(`/api/v1/suppliers/${a}/systems/${b}`, {})).statusCode).toBe(404);
    expect((await t.admin.del(url)).statusCode).toBe(204);
    expect((await t.admin.del(url)).statusCode).toBe(404);
    const trail = JSON.stringify((await t.admin.get(`/api/v1/audit/events?entityType=supplier&entityId=${a}`)).json());
    expect(trail).toContain('supplier-system.link');
    expect(trail).toContain('supplier-system.unlink');
  });

  it('D0-31: a supplier user reports a fault on a system its organisation works in, but not on other systems', async () => {
    const { t, a, journal, mail, secret, superA } = await setup();
    await t.admin.put(`/api/v1/suppliers/${a}/systems/${journal}`, {});
    await t.admin.put(`/api/v1/suppliers/${a}/systems/${secret}`, {});
    // the picker's source: the organisation's own systems
    const pick = (await superA.get(`/api/v1/suppliers/${a}/systems`)).json<J>().items.map((x: J) => x.systemId);
    expect(pick).toEqual([journal]);
    const report = (systemIds: string[]) =>
      superA.post('/api/v1/incidents', { title: 'Journalen svarar inte', awareAt: new Date().toISOString(), systemIds });
    expect((await report([journal])).statusCode).toBe(201);
    expect((await report([mail])).statusCode).toBe(422);
    expect((await report([secret])).statusCode).toBe(422);
  });
});
