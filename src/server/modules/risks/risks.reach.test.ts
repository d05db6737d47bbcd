import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type Client, type TestTenant } from '../../../../test/helpers/app.js';
import { stockholmToday } from '../../platform/calendar.js';
import { insertSnapshot, takeYearlySnapshots } from './risk-snapshots.service.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OSL = '18 kap. 8 § OSL';
const meId = async (c: Client) => (await c.get('/api/v1/auth/me')).json<Json>().user.id as string;
const unit = async (t: TestTenant, name: string) =>
  (await t.admin.post('/api/v1/org-units', { name, type: 'department' })).json<Json>().id as string;
const system = async (t: TestTenant, name: string, unitId = t.unitId) =>
  (await t.admin.post('/api/v1/systems', { name, responsibleUnitId: unitId })).json<Json>().id as string;
const analysis = async (t: TestTenant, extra: Json = {}) => {
  const res = await t.admin.post('/api/v1/risk-analyses', { title: 'RSA', analysedOn: '2026-03-10', unitId: t.unitId, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Json>().id as string;
};
const body = (analysisId: string, extra: Json = {}) => ({
  analysisId,
  title: 'Intrång',
  threat: 'Nätfiske',
  likelihood: 2,
  consequence: 2,
  ...extra,
});
const risk = async (c: Client, analysisId: string, extra: Json = {}) => {
  const res = await c.post('/api/v1/risks', body(analysisId, extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Json>();
};
const etag = (r: Json) => ({ 'if-match': `"v${r.version}"` });
const disable = async (userId: string) => {
  const { database } = await testApp();
  await database.db.execute(sql`update users set disabled_at = now() where id = ${userId}`);
};

describe('risks: reach on linked ids, the risk owner, filters and snapshots (review of issue 5)', () => {
  it('security: an analysis out of reach answers 404 to a new risk, like an analysis that does not exist (no existence oracle)', async () => {
    const t = await newTenant();
    const s = await system(t, 'Procapita');
    const a = await analysis(t);
    const sysOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'systems', scopeSystemIds: [s] }], 'system');
    expect((await sysOwner.get(`/api/v1/risk-analyses/${a}`)).statusCode).toBe(404);
    expect((await sysOwner.post('/api/v1/risks', body(a, { systemIds: [s] }))).statusCode).toBe(404);
    expect((await sysOwner.post('/api/v1/risks', body(crypto.randomUUID(), { systemIds: [s] }))).statusCode).toBe(404);
    expect((await t.admin.post('/api/v1/risks', body(crypto.randomUUID()))).statusCode).toBe(404);
  });

  it('security: a system, asset or unit id the actor may not read is refused like an unknown id (422 unknown_reference)', async () => {
    const t = await newTenant();
    const other = await unit(t, 'Socialförvaltningen');
    const foreign = await system(t, 'Annans system', other);
    const foreignAsset = (
      await t.admin.post('/api/v1/information-assets', { name: 'Journaler', unitId: other, systemIds: [foreign] })
    ).json<Json>().id as string;
    const a = await analysis(t);
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    for (const [field, ids] of [
      ['systemIds', [foreign]],
      ['systemIds', [crypto.randomUUID()]],
      ['assetIds', [foreignAsset]],
      ['assetIds', [crypto.randomUUID()]],
    ] as const) {
      const res = await unitOwner.post('/api/v1/risks', body(a, { [field]: ids }));
      expect(res.statusCode, `${field} ${res.body}`).toBe(422);
      expect(res.json<Json>().errors[0]).toMatchObject({ field, code: 'unknown_reference' });
    }
    // adding one by a change is refused the same way; the coordinator reaches it
    const r = await risk(unitOwner, a);
    const patched = await unitOwner.patch(`/api/v1/risks/${r.id}`, { systemIds: [foreign] }, etag(r));
    expect(patched.json<Json>().errors[0]).toMatchObject({ field: 'systemIds', code: 'unknown_reference' });
    expect((await t.admin.post('/api/v1/risks', body(a, { systemIds: [foreign], assetIds: [foreignAsset] }))).statusCode).toBe(201);
  });

  it('D1-02 security: only the current owner or a tenant-wide coordinator changes the risk owner, so an editor cannot approve by naming themselves', async () => {
    const t = await newTenant();
    const other = await unit(t, 'Socialförvaltningen');
    const a = await analysis(t);
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    const unitAdmin = await memberWith(t, [{ role: 'system_administrator', scopeType: 'unit', scopeUnitId: t.unitId }], 'forvaltare');
    const elsewhere = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: other }], 'annan');
    const [ownerId, adminId, elsewhereId, readerId] = await Promise.all([unitOwner, unitAdmin, elsewhere, t.reader].map(meId));
    let r = await risk(t.admin, a, { ownerUserId: ownerId });
    // the editor cannot take the risk over, neither from its owner nor when it has none
    const take = await unitAdmin.patch(`/api/v1/risks/${r.id}`, { ownerUserId: adminId }, etag(r));
    expect(take.statusCode).toBe(403);
    const unowned = await risk(unitAdmin, a);
    expect((await unitAdmin.patch(`/api/v1/risks/${unowned.id}`, { ownerUserId: adminId }, etag(unowned))).statusCode).toBe(403);
    // the new owner must be able to change the risk where it belongs
    for (const who of [readerId, elsewhereId]) {
      const res = await t.admin.patch(`/api/v1/risks/${r.id}`, { ownerUserId: who }, etag(r));
      expect(res.json<Json>().errors[0]).toMatchObject({ field: 'ownerUserId', code: 'not_an_owner' });
    }
    // the owner hands it on
    const handed = await unitOwner.patch(`/api/v1/risks/${r.id}`, { ownerUserId: adminId }, etag(r));
    expect(handed.statusCode, handed.body).toBe(200);
    r = handed.json<Json>();
    expect(r.ownerUserId).toBe(adminId);
  });

  it('D1-02: the owner picker offers only people who may change risks in that scope, and no disabled account', async () => {
    const t = await newTenant();
    const other = await unit(t, 'Socialförvaltningen');
    const a = await analysis(t);
    const unitOwner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'enhet');
    const elsewhere = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: other }], 'annan');
    const gone = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'borta');
    const [ownerId, elsewhereId, goneId, adminId, readerId] = await Promise.all([unitOwner, elsewhere, gone, t.admin, t.reader].map(meId));
    await disable(goneId!);
    const r = await risk(t.admin, a);
    for (const q of [`analysisId=${a}`, `riskId=${r.id}`]) {
      const ids = (await t.admin.get(`/api/v1/risks/owners?${q}`)).json<Json>().items.map((p: Json) => p.id);
      expect(ids).toEqual(expect.arrayContaining([ownerId, adminId]));
      expect(ids).not.toContain(elsewhereId);
      expect(ids).not.toContain(goneId);
      expect(ids).not.toContain(readerId);
    }
    const all = (await t.admin.get('/api/v1/risks/owners')).json<Json>().items.map((p: Json) => p.id);
    expect(all).toContain(elsewhereId);
    expect(all).not.toContain(goneId);
    expect((await elsewhere.get(`/api/v1/risks/owners?riskId=${r.id}`)).statusCode).toBe(404);
    // a disabled account cannot be named responsible for a risk's measure either
    const m = await t.admin.post(`/api/v1/risks/${r.id}/measures`, { title: 'Åtgärd', ownerUserId: goneId });
    expect(m.json<Json>().errors[0].field).toBe('ownerUserId');
  });

  it('security: filtering on an asset, system or unit does not find a secret risk the viewer sees masked', async () => {
    const t = await newTenant();
    const s = await system(t, 'Procapita');
    const asset = (await t.admin.post('/api/v1/information-assets', { name: 'Journaler', unitId: t.unitId, systemIds: [s] })).json<Json>()
      .id as string;
    const a = await analysis(t);
    await risk(t.admin, a, { secret: true, secrecyProvision: OSL, assetIds: [asset], systemIds: [s], unitIds: [t.unitId] });
    for (const q of [`assetId=${asset}`, `systemId=${s}`, `unitId=${t.unitId}`]) {
      expect((await t.reader.get(`/api/v1/risks?${q}`)).json<Json>().items, q).toHaveLength(0);
      expect((await t.admin.get(`/api/v1/risks?${q}`)).json<Json>().items, q).toHaveLength(1);
    }
    expect((await t.reader.get('/api/v1/risks')).json<Json>().items).toHaveLength(1);
  });

  it('security: a manager who sees a secret risk masked learns none of its units, systems or assets', async () => {
    const t = await newTenant();
    const s = await system(t, 'Procapita');
    const asset = (await t.admin.post('/api/v1/information-assets', { name: 'Journaler', unitId: t.unitId, systemIds: [s] })).json<Json>()
      .id as string;
    const a = await analysis(t);
    const r = await risk(t.admin, a, { secret: true, secrecyProvision: OSL, assetIds: [asset], systemIds: [s], unitIds: [t.unitId] });
    const hidden = { masked: true, unitIds: [], systemIds: [], assetIds: [], systems: [] };
    const one = await t.reader.get(`/api/v1/risks/${r.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json<Json>()).toMatchObject({ ...hidden, units: [], assets: [] });
    expect((await t.reader.get('/api/v1/risks')).json<Json>().items[0]).toMatchObject(hidden);
    // the coordinator still sees them all
    const full = (await t.admin.get(`/api/v1/risks/${r.id}`)).json<Json>();
    expect(full).toMatchObject({ masked: false, unitIds: [t.unitId], systemIds: [s], assetIds: [asset] });
    expect(full.units.map((u: Json) => u.id)).toEqual([t.unitId]);
  });

  it("D1-02: a manual snapshot only of last year (422 otherwise): the running year is the January job's, and an older year would carry today's picture", async () => {
    const t = await newTenant();
    const year = Number(stockholmToday().slice(0, 4));
    const now = await t.admin.post('/api/v1/risk-snapshots', { year });
    expect(now.statusCode).toBe(422);
    expect(now.json<Json>().errors[0]).toMatchObject({ field: 'year', code: 'not_last_year' });
    expect((await t.admin.post('/api/v1/risk-snapshots', { year: year + 1 })).statusCode).toBe(422);
    const older = await t.admin.post('/api/v1/risk-snapshots', { year: year - 2 });
    expect(older.statusCode).toBe(422);
    expect(older.json<Json>().errors[0]).toMatchObject({ field: 'year', code: 'not_last_year' });
    expect(older.json<Json>().errors[0].message).toMatch(/i dag/);
    expect((await t.admin.post('/api/v1/risk-snapshots', { year: 2000 })).statusCode).toBe(422);
    expect((await t.admin.get('/api/v1/risk-snapshots')).json<Json>().items).toEqual([]);
    expect((await t.admin.post('/api/v1/risk-snapshots', { year: year - 1 })).statusCode).toBe(201);
  });

  it('D1-02: the January job takes each tenant in its own savepoint: one tenant failing is logged and the others keep theirs', async () => {
    const good = await newTenant();
    const bad = await newTenant();
    await risk(good.admin, await analysis(good));
    await risk(bad.admin, await analysis(bad));
    const { database } = await testApp();
    const failed: string[] = [];
    await takeYearlySnapshots(database.db, new Date('2041-01-05T10:00:00Z'), {
      onError: (tenantId) => failed.push(tenantId),
      insert: async (tx, ctx, year) => {
        const id = await insertSnapshot(tx, ctx, year);
        if (ctx.actor.tenantId === bad.tenantId) throw new Error('boom');
        return id;
      },
    });
    expect(failed).toEqual([bad.tenantId]);
    expect((await good.admin.get('/api/v1/risk-snapshots')).json<Json>().items.map((s: Json) => s.year)).toEqual([2040]);
    expect((await bad.admin.get('/api/v1/risk-snapshots')).json<Json>().items).toEqual([]);
  });
});
