import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { rowsOf } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';

type J = Record<string, unknown> & { id: string; version: number };
const v = (n: number) => ({ 'if-match': `"v${n}"` });

async function supplierOf(t: TestTenant, name: string): Promise<string> {
  const { database } = await testApp();
  return withTenant(
    database.db,
    t.tenantId,
    async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`insert into suppliers (tenant_id, name) values (${t.tenantId}, ${name}) returning id`),
      )[0]!.id,
  );
}

// An executed order as the access-order flow leaves it: the account exists in the system.
async function executedOrder(t: TestTenant, systemId: string, personName: string, supplierId: string | null, type = 'new') {
  const { database } = await testApp();
  await withTenant(database.db, t.tenantId, (tx) =>
    tx.execute(sql`insert into access_orders (tenant_id, number, type, system_id, supplier_id, person_name, person_email, permissions, start_date, status, executed_at)
      values (${t.tenantId}, ${`T-${type}-${personName}`}, ${type}, ${systemId}, ${supplierId}, ${personName}, ${`${personName.toLowerCase()}@lev.test`},
        'Handläggare', current_date, 'executed', now())`),
  );
}

async function setup() {
  const t = await newTenant();
  const system = (await t.admin.post('/api/v1/systems', { name: 'Procapita', responsibleUnitId: t.unitId })).json<J>().id;
  const own = await supplierOf(t, 'Omsorg AB');
  const sibling = await supplierOf(t, 'Konkurrent AB');
  return { t, system, own, sibling };
}

const campaign = (t: TestTenant, systemId: string, extra: Record<string, unknown> = {}) =>
  t.admin.post('/api/v1/recertification-campaigns', { systemId, title: 'Omprövning Procapita 2026', dueOn: '2026-12-31', ...extra });
const items = async (c: { get: TestTenant['admin']['get'] }, id: string) =>
  (await c.get(`/api/v1/recertification-campaigns/${id}/items`)).json().items as (J & { personName: string; reviewer: string })[];

describe('recertification campaigns (D0-15, D3-36)', () => {
  it('D0-15: a campaign lists the system’s accounts from executed orders and account credentials, with reviewers', async () => {
    const { t, system, own } = await setup();
    await executedOrder(t, system, 'Lisa Lev', own);
    await executedOrder(t, system, 'Kalle Kommun', null);
    // terminated since: not an account any more
    await executedOrder(t, system, 'Slutat Sven', own);
    await executedOrder(t, system, 'Slutat Sven', own, 'terminate');
    await t.admin.post('/api/v1/credentials', {
      kind: 'account',
      holderName: 'Konto Karin',
      serial: 'kk01',
      systemId: system,
      supplierId: own,
    });
    const acc = (await t.admin.get(`/api/v1/credentials?systemId=${system}`)).json().items[0] as J;
    await t.admin.post(`/api/v1/credentials/${acc.id}/hand-over`, { identityMethod: 'id_card' }, v(1));
    const res = await campaign(t, system);
    expect(res.statusCode).toBe(201);
    const c = res.json<J>();
    expect(c.progress).toEqual({ total: 3, decided: 0, kept: 0, removed: 0, open: 3 });
    const list = await items(t.admin, c.id);
    expect(list.map((i) => [i.personName, i.reviewer])).toEqual([
      ['Kalle Kommun', 'system_administrator'],
      ['Konto Karin', 'supplier'],
      ['Lisa Lev', 'supplier'],
    ]);
    expect(list.find((i) => i.personName === 'Konto Karin')).toMatchObject({ accountName: 'kk01' });
    // a campaign can also start empty and be filled by hand
    const empty = (await campaign(t, system, { populate: false })).json<J>();
    const added = await t.admin.post(`/api/v1/recertification-campaigns/${empty.id}/items`, {
      accountName: 'extra',
      personName: 'Extra Person',
      unitId: t.unitId,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ reviewer: 'manager', decision: null, canDecide: true });
    const bad = await t.admin.post(`/api/v1/recertification-campaigns/${empty.id}/items`, {
      accountName: 'x',
      personName: 'Y',
      reviewer: 'supplier',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'reviewer', code: 'supplier_required' });
  });

  it('D0-15: a supplier admin sees and decides only its own staff’s items (D3-36)', async () => {
    const { t, system, own, sibling } = await setup();
    await executedOrder(t, system, 'Egen Elin', own);
    await executedOrder(t, system, 'Annan Anders', sibling);
    await executedOrder(t, system, 'Kommun Kim', null);
    const c = (await campaign(t, system)).json<J>();
    const all = await items(t.admin, c.id);
    const siblingItem = all.find((i) => i.personName === 'Annan Anders')!;
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: own }], 'levadmin');
    const seen = await items(admin, c.id);
    expect(seen.map((i) => i.personName)).toEqual(['Egen Elin']);
    expect((await admin.get(`/api/v1/recertification-campaigns/${c.id}`)).json().progress).toMatchObject({ total: 1, open: 1 });
    // the supplier may not read the system register, but knows which system it reviews
    expect((await admin.get(`/api/v1/recertification-campaigns/${c.id}`)).json().systemName).toBe('Procapita');
    expect((await admin.get('/api/v1/recertification-campaigns')).json().items.map((x: J) => x.id)).toEqual([c.id]);
    // the campaign's trail names every supplier's staff: not for the supplier
    expect((await admin.get(`/api/v1/recertification-campaigns/${c.id}/history`)).statusCode).toBe(404);
    expect((await admin.post(`/api/v1/recertification-items/${siblingItem.id}/decision`, { decision: 'keep' }, v(1))).statusCode).toBe(404);
    const kept = await admin.post(
      `/api/v1/recertification-items/${seen[0]!.id}/decision`,
      { decision: 'keep', note: 'Arbetar kvar' },
      v(1),
    );
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({
      decision: 'keep',
      decisionNote: 'Arbetar kvar',
      decidedBy: { id: admin.userId },
      terminationOrder: null,
    });
    // a supplier cannot close or change the campaign
    expect((await admin.post(`/api/v1/recertification-campaigns/${c.id}/close`, undefined, v(c.version))).statusCode).toBe(403);
    // another supplier's admin reaches nothing of this campaign
    const otherAdmin = await memberWith(
      t,
      [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: await supplierOf(t, 'Tredje AB') }],
      'tredje',
    );
    expect((await otherAdmin.get(`/api/v1/recertification-campaigns/${c.id}`)).statusCode).toBe(404);
  });

  it('D0-15: a municipal-reviewed item of the supplier’s staff is not the supplier’s to decide', async () => {
    const { t, system, own } = await setup();
    const c = (await campaign(t, system, { populate: false })).json<J>();
    const item = (
      await t.admin.post(`/api/v1/recertification-campaigns/${c.id}/items`, {
        accountName: 'a',
        personName: 'Chef granskar',
        supplierId: own,
        reviewer: 'manager',
      })
    ).json<J>();
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: own }], 'levadmin');
    expect((await items(admin, c.id))[0]).toMatchObject({ canDecide: false });
    expect((await admin.post(`/api/v1/recertification-items/${item.id}/decision`, { decision: 'keep' }, v(1))).statusCode).toBe(403);
    expect((await t.reader.post(`/api/v1/recertification-items/${item.id}/decision`, { decision: 'keep' }, v(1))).statusCode).toBe(200);
  });

  it('D0-15: removing an account creates a high-priority termination order; progress and closing follow', async () => {
    const { t, system, own } = await setup();
    await executedOrder(t, system, 'Borta Bo', own);
    await executedOrder(t, system, 'Kvar Kaj', null);
    const c = (await campaign(t, system)).json<J>();
    const [bo, kaj] = await items(t.admin, c.id);
    const closeEarly = await t.admin.post(`/api/v1/recertification-campaigns/${c.id}/close`, undefined, v(1));
    expect(closeEarly.statusCode).toBe(409);
    const removed = await t.editor.post(`/api/v1/recertification-items/${bo!.id}/decision`, { decision: 'remove', note: 'Slutat' }, v(1));
    expect(removed.statusCode).toBe(200);
    const order = removed.json().terminationOrder;
    expect(order.number).toMatch(/^BO-\d{4}-\d+$/);
    const { database } = await testApp();
    const [row] = rowsOf<Record<string, unknown>>(
      await withTenant(database.db, t.tenantId, (tx) =>
        tx.execute(
          sql`select type, priority, status, person_name, supplier_id, recertification_item_id from access_orders where id = ${order.id}`,
        ),
      ),
    );
    expect(row).toMatchObject({
      type: 'terminate',
      priority: 'high',
      status: 'submitted',
      person_name: 'Borta Bo',
      supplier_id: own,
      recertification_item_id: bo!.id,
    });
    // a removal is final
    expect((await t.admin.post(`/api/v1/recertification-items/${bo!.id}/decision`, { decision: 'keep' }, v(2))).statusCode).toBe(409);
    expect((await t.admin.post(`/api/v1/recertification-items/${kaj!.id}/decision`, { decision: 'keep' }, v(5))).statusCode).toBe(412);
    await t.admin.post(`/api/v1/recertification-items/${kaj!.id}/decision`, { decision: 'keep' }, v(1));
    const now = (await t.admin.get(`/api/v1/recertification-campaigns/${c.id}`)).json<J>();
    expect(now.progress).toEqual({ total: 2, decided: 2, kept: 1, removed: 1, open: 0 });
    const closed = await t.admin.post(`/api/v1/recertification-campaigns/${c.id}/close`, undefined, v(now.version));
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(
      (await t.admin.post(`/api/v1/recertification-campaigns/${c.id}/items`, { accountName: 'x', personName: 'Sen' })).statusCode,
    ).toBe(409);
    const history = (await t.admin.get(`/api/v1/recertification-campaigns/${c.id}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['recertification.create', 'recertification.decide', 'recertification.close']),
    );
  });
});
