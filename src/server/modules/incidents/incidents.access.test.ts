import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant } from '../../../../test/helpers/app.js';
import { detail, patch, report, sqlIn, type J } from '../../../../test/fixtures/incidents.js';

describe('incident register access (D1-52, secrecy, scope)', () => {
  it('an employee reports and follows the report under /mine, but cannot read the register', async () => {
    const t = await newTenant();
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    const created = await report(t, { title: 'Skrivaren skriver ut andras utskrifter', reportText: 'Sedan i morse' }, employee);
    expect(created).toMatchObject({ number: 1, status: 'reported', reportText: 'Sedan i morse' });
    expect((await employee.get('/api/v1/incidents')).statusCode).toBe(403);
    expect((await employee.get(`/api/v1/incidents/${created.id}`)).statusCode).toBe(403);
    expect((await employee.get('/api/v1/incidents/summary')).statusCode).toBe(403);
    const mine = (await employee.get('/api/v1/incidents/mine')).json<J>();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: created.id, title: 'Skrivaren skriver ut andras utskrifter', status: 'reported' });
    // the triage shows up as a status, never as content
    await patch(t, created.id, { status: 'triaged', description: 'Intern bedömning' });
    const after = (await employee.get('/api/v1/incidents/mine')).json<J>().items[0];
    expect(after.status).toBe('triaged');
    expect(JSON.stringify(after)).not.toContain('Intern bedömning');
  });

  it('a supplier user reports (the supplier is recorded) and sees only their own reports', async () => {
    const t = await newTenant();
    const supplierId = (
      await sqlIn<{ id: string }>(t, sql`insert into suppliers (tenant_id, name) values (${t.tenantId}, 'Omsorg AB') returning id`)
    )[0]!.id;
    const a = await memberWith(t, [{ role: 'authorised_orderer', scopeType: 'supplier', scopeSupplierId: supplierId }], 'bestallare');
    const b = await memberWith(t, [{ role: 'super_user', scopeType: 'supplier', scopeSupplierId: supplierId }], 'superanvandare');
    const theirs = await report(t, { title: 'Inloggningen hänger' }, a);
    await report(t, { title: 'Annans rapport' }, b);
    const mine = (await a.get('/api/v1/incidents/mine')).json<J>().items;
    expect(mine.map((i: J) => i.id)).toEqual([theirs.id]);
    expect((await a.get('/api/v1/incidents')).statusCode).toBe(403);
    const other = (await b.get('/api/v1/incidents/mine')).json<J>().items[0];
    expect((await a.post(`/api/v1/incidents/mine/${other.id}/entries`, { text: 'Inte min' })).statusCode).toBe(404);
    const [row] = await sqlIn<{ supplier: string }>(t, sql`select reporter_supplier_id as supplier from incidents where id = ${theirs.id}`);
    expect(row!.supplier).toBe(supplierId);
  });

  it('another tenant’s incident answers 404 on every route', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { id } = await report(other);
    expect((await t.admin.get(`/api/v1/incidents/${id}`)).statusCode).toBe(404);
    expect((await t.admin.patch(`/api/v1/incidents/${id}`, { severity: 'low' }, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await t.admin.post(`/api/v1/incidents/${id}/entries`, { text: 'x' })).statusCode).toBe(404);
    expect((await t.admin.post(`/api/v1/incidents/${id}/measures`, { title: 'x' })).statusCode).toBe(404);
    expect((await t.admin.get(`/api/v1/incidents/${id}/history`)).statusCode).toBe(404);
    expect((await t.admin.get('/api/v1/incidents')).json<J>().items).toEqual([]);
  });

  it('a manager sees a secret incident masked: no content, no timeline, and cannot change it; full reads are audited', async () => {
    const t = await newTenant();
    const { id } = await report(t, { reportText: 'Lösenord i klartext på intranätet' });
    await patch(t, id, { description: 'Hemlig beskrivning', personalData: 'yes', handlingUnitId: t.unitId });
    const secretReads = async () =>
      (
        await sqlIn<{ n: number }>(
          t,
          sql`select count(*)::int as n from audit_events where entity_id = ${id} and action = 'incident.read-secret'`,
        )
      )[0]!.n;
    const before = await secretReads();
    const { res, body } = await detail(t, id, t.reader);
    expect(res.statusCode).toBe(200);
    expect(body).toMatchObject({ masked: true, secret: true, title: null, reportText: null, description: null, personalData: null });
    expect(body.entries).toEqual([]);
    expect(body.obligations.length).toBeGreaterThanOrEqual(5);
    expect(body.allowedActions).toEqual(['read']);
    const list = (await t.reader.get('/api/v1/incidents')).json<J>();
    expect(list.items[0]).toMatchObject({ id, masked: true, title: null });
    // searching on content finds nothing through a masked view
    expect((await t.reader.get('/api/v1/incidents?q=Lösenord')).json<J>().items).toEqual([]);
    expect((await t.reader.post(`/api/v1/incidents/${id}/entries`, { text: 'x' })).statusCode).toBe(403);
    // a masked view shows no content and leaves no entry; the coordinator's full read does
    expect(await secretReads()).toBe(before);
    await detail(t, id);
    expect(await secretReads()).toBe(before + 1);
  });

  it('a unit-scoped system owner reads and triages the incidents of the unit only', async () => {
    const t = await newTenant();
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Socialförvaltningen', type: 'department' })).json<J>().id;
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    const ours = await report(t, { title: 'Vår' });
    const theirs = await report(t, { title: 'Deras' });
    await patch(t, ours.id, { handlingUnitId: t.unitId });
    await patch(t, theirs.id, { handlingUnitId: otherUnit });
    const list = (await owner.get('/api/v1/incidents')).json<J>();
    expect(list.items.map((i: J) => i.id)).toEqual([ours.id]);
    expect((await owner.get(`/api/v1/incidents/${theirs.id}`)).statusCode).toBe(404);
    const { etag } = await detail(t, ours.id, owner);
    expect((await owner.patch(`/api/v1/incidents/${ours.id}`, { severity: 'low' }, { 'if-match': etag })).statusCode).toBe(200);
    // moving it out of the unit is beyond the grant's reach
    const moved = await owner.patch(
      `/api/v1/incidents/${ours.id}`,
      { handlingUnitId: otherUnit },
      { 'if-match': (await detail(t, ours.id)).etag },
    );
    expect(moved.statusCode).toBe(403);
  });
});

describe('incident input', () => {
  it('never answers 5xx to arbitrary report, triage and list input', async () => {
    const t = await newTenant();
    const { id } = await report(t);
    const str = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '2026-02-30', '2026-03-07T02:00:00+25:00', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '%_', 'INC-2026-x'),
    );
    const value = fc.oneof(str, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(str, { maxLength: 2 }));
    const keys = [
      'title',
      'awareAt',
      'occurredAt',
      'systemIds',
      'severity',
      'status',
      'handlingCostSek',
      'handlingHours',
      'personalData',
      'unitIds',
    ];
    const body = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 5 });
    const query = fc.dictionary(fc.constantFrom('q', 'from', 'to', 'status', 'sort', 'cursor', 'systemId', 'open'), str, { maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(body, query, async (payload, q) => {
        const made = await t.admin.post('/api/v1/incidents', payload);
        expect(made.statusCode, made.body).toBeLessThan(500);
        const { etag } = await detail(t, id);
        const changed = await t.admin.patch(`/api/v1/incidents/${id}`, payload, { 'if-match': etag });
        expect(changed.statusCode, changed.body).toBeLessThan(500);
        const listed = await t.admin.get(`/api/v1/incidents?${new URLSearchParams(q as Record<string, string>).toString()}`);
        expect(listed.statusCode, listed.body).toBeLessThan(500);
        const summary = await t.admin.get(`/api/v1/incidents/summary?${new URLSearchParams(q as Record<string, string>).toString()}`);
        expect(summary.statusCode, summary.body).toBeLessThan(500);
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
});
