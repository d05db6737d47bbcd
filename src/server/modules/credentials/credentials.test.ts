import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { rowsOf } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';

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

const card = (t: TestTenant, extra: Record<string, unknown> = {}) =>
  t.admin.post('/api/v1/credentials', { kind: 'e_id_card', holderName: 'Anna Andersson', serial: 'K-1001', ...extra });

describe('credentials and e-ID cards (D0-08, D0-17, D0-18)', () => {
  it('D0-17: the municipality registers an e-ID card for a supplier employee with issue date, validity and revocation', async () => {
    const t = await newTenant();
    const supplier = await supplierOf(t, 'Omsorg AB');
    const res = await card(t, { supplierId: supplier, issuedOn: '2026-03-01', validFrom: '2026-03-01', validTo: '2029-03-01' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/credentials/${res.json().id}`);
    expect(res.headers.etag).toBe('"v1"');
    const c = res.json<J>();
    expect(c).toMatchObject({ kind: 'e_id_card', status: 'ordered', supplier: { id: supplier, name: 'Omsorg AB' }, chargeable: true });
    const list = (await t.admin.get(`/api/v1/credentials?supplierId=${supplier}&kind=e_id_card`)).json();
    expect(list.items.map((x: J) => x.id)).toEqual([c.id]);
    const revoked = await t.admin.post(`/api/v1/credentials/${c.id}/revoke`, { on: '2026-06-30' }, v(1));
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedOn: '2026-06-30' });
    // a revoked card cannot be handed over
    const again = await t.admin.post(`/api/v1/credentials/${c.id}/hand-over`, { identityMethod: 'passport' }, v(2));
    expect(again.statusCode).toBe(409);
    const history = (await t.admin.get(`/api/v1/credentials/${c.id}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['credential.create', 'credential.revoke']),
    );
  });

  it('D0-18: a credential is handed over only with how the identity was verified, by whom and when', async () => {
    const t = await newTenant();
    const c = (await card(t)).json<J>();
    const missing = await t.admin.post(`/api/v1/credentials/${c.id}/hand-over`, {}, { ...v(1), 'accept-language': 'sv' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toContain('identityMethod');
    expect((await t.admin.post(`/api/v1/credentials/${c.id}/hand-over`, { identityMethod: 'passport' })).statusCode).toBe(428);
    const done = await t.admin.post(
      `/api/v1/credentials/${c.id}/hand-over`,
      { identityMethod: 'id_card', identityNote: 'Nationellt id-kort' },
      v(1),
    );
    expect(done.statusCode).toBe(200);
    const me = (await t.admin.get('/api/v1/auth/me')).json().user;
    expect(done.json()).toMatchObject({
      status: 'active',
      identityMethod: 'id_card',
      identityNote: 'Nationellt id-kort',
      handedOverBy: { id: me.id },
      issuedOn: stockholmToday(),
    });
    expect(done.json().handedOverAt).toBeTruthy();
    // handed over once only
    expect((await t.admin.post(`/api/v1/credentials/${c.id}/hand-over`, { identityMethod: 'passport' }, v(2))).statusCode).toBe(409);
    // the database holds the same rule: no hand-over time without a method
    const { database } = await testApp();
    await expect(
      withTenant(database.db, t.tenantId, (tx) => tx.execute(sql`update credentials set identity_method = null where id = ${c.id}`)),
    ).rejects.toThrow();
  });

  it('D0-08: an active credential past its validity shows as expired; dates must be in order', async () => {
    const t = await newTenant();
    const old = (await card(t, { validFrom: '2020-01-01', validTo: addDays(stockholmToday(), -1) })).json<J>();
    const handed = await t.admin.post(`/api/v1/credentials/${old.id}/hand-over`, { identityMethod: 'e_identification' }, v(1));
    expect(handed.json()).toMatchObject({ status: 'active', expired: true });
    const bad = await card(t, { validFrom: '2026-05-01', validTo: '2026-04-01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'validTo', code: 'before_start' });
    const unknown = await card(t, { supplierId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
  });

  it('D0-08: a supplier admin reads its own staff’s credentials only and cannot issue any', async () => {
    const t = await newTenant();
    const own = await supplierOf(t, 'Omsorg AB');
    const sibling = await supplierOf(t, 'Konkurrent AB');
    const mine = (await card(t, { supplierId: own, holderName: 'Egen' })).json<J>();
    const theirs = (await card(t, { supplierId: sibling, holderName: 'Annan' })).json<J>();
    await card(t, { holderName: 'Kommunens egen' });
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: own }], 'levadmin');
    expect((await admin.get('/api/v1/credentials')).json().items.map((x: J) => x.id)).toEqual([mine.id]);
    expect((await admin.get(`/api/v1/credentials/${mine.id}`)).json()).toMatchObject({ allowedActions: ['read'] });
    expect((await admin.get(`/api/v1/credentials/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin.post('/api/v1/credentials', { kind: 'token', holderName: 'X' })).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/credentials/${mine.id}/revoke`, {}, v(1))).statusCode).toBe(403);
  });

  it('D0-17: an update keeps the lost-update guard and leaves an audit entry', async () => {
    const t = await newTenant();
    const c = (await card(t)).json<J>();
    expect((await t.admin.patch(`/api/v1/credentials/${c.id}`, { serial: 'K-2' }, v(9))).statusCode).toBe(412);
    const ok = await t.admin.patch(`/api/v1/credentials/${c.id}`, { serial: 'K-2', chargeable: false }, v(1));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ serial: 'K-2', chargeable: false, version: 2 });
  });
});
