import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';

type J = Record<string, unknown> & { id: string; version: number };
const v = (n: number) => ({ 'if-match': `"v${n}"` });
async function criticalSystem(t: TestTenant, name = 'Procapita', extra: Record<string, unknown> = {}): Promise<string> {
  return (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: t.unitId, critical: true, ...extra })).json<J>().id;
}
const decision = { decidedOn: '2026-03-01', dnr: 'KS 2026/55', note: 'Beslut i kommunstyrelsen' };

describe('restore priority order (D1-27)', () => {
  it('D1-27: only critical systems may be ranked; the order follows the list', async () => {
    const t = await newTenant();
    const a = await criticalSystem(t, 'Procapita');
    const b = await criticalSystem(t, 'Lifecare');
    const plain = (await t.admin.post('/api/v1/systems', { name: 'Intranät', responsibleUnitId: t.unitId })).json<J>().id;
    const order = (await t.admin.post('/api/v1/restore-priorities', { title: 'Återställning 2026' })).json<J>();
    expect(order).toMatchObject({ status: 'draft', items: [], canEdit: true, canDecide: false });
    expect((order.unranked as J[]).map((s) => s.id).sort()).toEqual([a, b].sort());

    const bad = await t.admin.put(`/api/v1/restore-priorities/${order.id}/items`, { items: [{ systemId: a }, { systemId: plain }] }, v(1));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'items', code: 'not_critical' });
    const dup = await t.admin.put(`/api/v1/restore-priorities/${order.id}/items`, { items: [{ systemId: a }, { systemId: a }] }, v(1));
    expect(dup.json().errors[0]).toMatchObject({ code: 'duplicate' });

    const ok = await t.admin.put(
      `/api/v1/restore-priorities/${order.id}/items`,
      { items: [{ systemId: b, note: 'Först: vård och omsorg' }, { systemId: a }] },
      v(1),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((i: { rank: number; system: J }) => [i.rank, i.system.name])).toEqual([
      [1, 'Lifecare'],
      [2, 'Procapita'],
    ]);
    expect(ok.json().unranked).toEqual([]);
    expect((await t.admin.put(`/api/v1/restore-priorities/${order.id}/items`, { items: [] }, v(1))).statusCode).toBe(412);
  });

  it('D1-27: management decides; the coordinator cannot; a decided order is locked and replaces the previous one', async () => {
    const t = await newTenant();
    const a = await criticalSystem(t);
    const management = await memberWith(t, [{ role: 'management' }], 'ledning');
    const first = (await t.admin.post('/api/v1/restore-priorities', { title: 'Version 1' })).json<J>();
    const filled = (
      await t.admin.put(`/api/v1/restore-priorities/${first.id}/items`, { items: [{ systemId: a }] }, v(first.version))
    ).json<J>();

    // the coordinator prepares but does not decide; management does not reorder
    expect((await t.admin.post(`/api/v1/restore-priorities/${first.id}/decision`, decision, v(filled.version))).statusCode).toBe(403);
    expect((await management.put(`/api/v1/restore-priorities/${first.id}/items`, { items: [] }, v(filled.version))).statusCode).toBe(403);
    expect((await management.post('/api/v1/restore-priorities', { title: 'x' })).statusCode).toBe(403);
    const noDnr = await management.post(`/api/v1/restore-priorities/${first.id}/decision`, { decidedOn: '2026-03-01' }, v(filled.version));
    expect(noDnr.statusCode).toBe(422);
    expect(noDnr.json().errors[0].field).toBe('dnr');

    const decided = await management.post(`/api/v1/restore-priorities/${first.id}/decision`, decision, v(filled.version));
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'decided',
      decidedOn: '2026-03-01',
      dnr: 'KS 2026/55',
      decisionNote: 'Beslut i kommunstyrelsen',
      decidedBy: { id: management.userId },
      canEdit: false,
      canDecide: false,
    });
    const after = decided.json<J>();
    const locked = await t.admin.put(`/api/v1/restore-priorities/${first.id}/items`, { items: [] }, v(after.version));
    expect(locked.statusCode).toBe(409);
    expect((await management.post(`/api/v1/restore-priorities/${first.id}/decision`, decision, v(after.version))).statusCode).toBe(409);

    // a new version starts from the decided order and replaces it when decided
    const second = (await t.admin.post('/api/v1/restore-priorities', { title: 'Version 2' })).json<J>();
    expect((second.items as { system: J }[]).map((i) => i.system.id)).toEqual([a]);
    expect(
      (await management.post(`/api/v1/restore-priorities/${second.id}/decision`, { ...decision, dnr: 'KS 2027/1' }, v(second.version)))
        .statusCode,
    ).toBe(200);
    expect((await t.reader.get(`/api/v1/restore-priorities/${first.id}`)).json().status).toBe('replaced');
    const list = (await t.reader.get('/api/v1/restore-priorities')).json();
    expect(list.items.map((p: J) => [p.title, p.status])).toEqual([
      ['Version 2', 'decided'],
      ['Version 1', 'replaced'],
    ]);
  });

  it('an empty order cannot be decided; another tenant’s order is 404; a unit grant cannot prepare one', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const management = await memberWith(t, [{ role: 'management' }], 'ledning');
    const order = (await t.admin.post('/api/v1/restore-priorities', { title: 'Tom' })).json<J>();
    expect((await management.post(`/api/v1/restore-priorities/${order.id}/decision`, decision, v(order.version))).statusCode).toBe(409);
    expect((await other.admin.get(`/api/v1/restore-priorities/${order.id}`)).statusCode).toBe(404);
    expect((await other.admin.put(`/api/v1/restore-priorities/${order.id}/items`, { items: [] }, v(1))).statusCode).toBe(404);
    const unitCoordinator = await memberWith(t, [{ role: 'coordinator', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    expect((await unitCoordinator.post('/api/v1/restore-priorities', { title: 'x' })).statusCode).toBe(403);
    expect((await unitCoordinator.get(`/api/v1/restore-priorities/${order.id}`)).statusCode).toBe(200);
  });

  it('a secret-marked system keeps its place in the order with its name hidden from a manager', async () => {
    const t = await newTenant();
    const secret = await criticalSystem(t, 'Skyddat system', { secret: true, secrecyProvision: '18 kap. 8 § OSL' });
    const order = (await t.admin.post('/api/v1/restore-priorities', { title: 'Ordning' })).json<J>();
    const note = 'Återställs från reservhallen i Gävle';
    await t.admin.put(`/api/v1/restore-priorities/${order.id}/items`, { items: [{ systemId: secret, note }] }, v(order.version));
    const seen = (await t.reader.get(`/api/v1/restore-priorities/${order.id}`)).json();
    // the note says something about the system: withheld with its name
    expect(seen.items[0]).toMatchObject({ note: null, system: { id: secret, name: null } });
    const full = (await t.admin.get(`/api/v1/restore-priorities/${order.id}`)).json().items[0];
    expect(full).toMatchObject({ note, system: { name: 'Skyddat system' } });
  });
});
