import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { withTenant } from '../../db/tenant.js';
import { rowsOf } from '../../db/rows.js';

type M = Record<string, unknown> & { id: string; version: number };

// A risk row straight in the database: the RSA API is another module's.
export async function insertRisk(t: TestTenant, title = 'Obehörig åtkomst', secret = false): Promise<string> {
  const { database } = await testApp();
  return withTenant(database.db, t.tenantId, async (tx) => {
    const a = rowsOf<{ id: string }>(
      await tx.execute(
        sql`insert into risk_analyses (tenant_id, title, analysed_on) values (${t.tenantId}, 'RSA', '2026-01-10') returning id`,
      ),
    )[0]!.id;
    return rowsOf<{ id: string }>(
      await tx.execute(sql`insert into risks (tenant_id, analysis_id, title, threat, likelihood, consequence, secret, unit_ids)
        values (${t.tenantId}, ${a}, ${title}, 'Angrepp', 3, 3, ${secret}, array[${t.unitId}]::uuid[]) returning id`),
    )[0]!.id;
  });
}

const base = (t: TestTenant, extra: Record<string, unknown> = {}) => ({ title: 'Inför MFA', origin: 'other', unitId: t.unitId, ...extra });

describe('measures register (D1-09, D1-11, D4-01)', () => {
  it('D1-11: a measure without any basis is refused with a Swedish message on basis', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/measures', base(t));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'basis', code: 'basis_required' })]);
    expect(res.json().errors[0].message).toMatch(/grundar sig på/);
    // clearing the basis of a stored measure is refused the same way
    const ok = (await t.admin.post('/api/v1/measures', base(t, { origin: 'needs_analysis', basis: 'Behovsanalys 2026' }))).json<M>();
    const cleared = await t.admin.patch(`/api/v1/measures/${ok.id}`, { basis: '' }, { 'if-match': '"v1"' });
    expect(cleared.statusCode).toBe(422);
  });

  it('D1-11: accepted with a linked risk, an origin record, or a written basis', async () => {
    const t = await newTenant();
    const risk = await insertRisk(t);
    expect((await t.admin.post('/api/v1/measures', base(t, { riskIds: [risk] }))).statusCode).toBe(201);
    expect((await t.admin.post('/api/v1/measures', base(t, { origin: 'risk', originId: risk }))).statusCode).toBe(201);
    expect(
      (await t.admin.post('/api/v1/measures', base(t, { origin: 'follow_up', basis: 'Årlig uppföljning 2025, brist 3' }))).statusCode,
    ).toBe(201);
    // an origin record that does not exist in the tenant is a field error
    const bad = await t.admin.post('/api/v1/measures', base(t, { origin: 'risk', originId: crypto.randomUUID() }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'originId', code: 'unknown_reference' });
    const other = await newTenant();
    const foreignRisk = await insertRisk(other);
    const foreign = await t.admin.post(
      '/api/v1/measures',
      base(t, { riskIds: [foreignRisk], systemId: crypto.randomUUID(), unitId: other.unitId }),
    );
    expect(foreign.statusCode).toBe(422);
    expect(
      foreign
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['riskIds', 'systemId', 'unitId']);
  });

  it('D1-09: a measure links to a risk and is found by riskId; the detail shows the risk', async () => {
    const t = await newTenant();
    const risk = await insertRisk(t, 'Ransomware');
    const m = (await t.admin.post('/api/v1/measures', base(t, { riskIds: [risk] }))).json<M>();
    await t.admin.post('/api/v1/measures', base(t, { title: 'Annan', basis: 'Behov' }));
    const found = (await t.reader.get(`/api/v1/measures?riskId=${risk}`)).json();
    expect(found.items.map((i: M) => i.id)).toEqual([m.id]);
    expect((await t.reader.get(`/api/v1/measures/${m.id}`)).json().risks).toEqual([{ id: risk, title: 'Ransomware' }]);
  });

  it('D4-01: goals register; measures link to goals and are filtered by goalId', async () => {
    const t = await newTenant();
    const starter = await t.admin.post('/api/v1/policy-goals/starter');
    expect(starter.json()).toEqual({ added: 10, skipped: 0 });
    expect((await t.admin.post('/api/v1/policy-goals/starter')).json()).toEqual({ added: 0, skipped: 10 });
    // a manager reads the goals and cannot add one; an employee has no policy-goal row at all
    expect((await t.reader.get('/api/v1/policy-goals')).statusCode).toBe(200);
    expect((await t.reader.post('/api/v1/policy-goals', { code: 'C-1', text: 'Chefens mål' })).statusCode).toBe(403);
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.get('/api/v1/policy-goals')).statusCode).toBe(403);
    const goals = (await t.admin.get('/api/v1/policy-goals')).json().items;
    expect(goals[0]).toMatchObject({ code: 'M-01', source: 'IT-säkerhetspolicy' });
    expect((await t.admin.post('/api/v1/policy-goals', { code: 'm-01', text: 'Dubblett' })).statusCode).toBe(422);
    const m = (await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov', goalIds: [goals[2].id] }))).json<M>();
    expect(m.goals).toEqual([{ id: goals[2].id, code: 'M-03', text: goals[2].text }]);
    expect((await t.reader.get(`/api/v1/measures?goalId=${goals[2].id}`)).json().items).toHaveLength(1);
    expect((await t.reader.get(`/api/v1/measures?goalId=${goals[1].id}`)).json().items).toHaveLength(0);
    expect((await t.admin.get(`/api/v1/policy-goals/${goals[2].id}`)).json().measureCount).toBe(1);
    // a system owner reads goals but may not change them
    expect((await t.editor.get(`/api/v1/policy-goals/${goals[2].id}`)).statusCode).toBe(200);
    expect((await t.editor.post('/api/v1/policy-goals', { code: 'X', text: 'Y' })).statusCode).toBe(403);
    const edited = await t.admin.patch(`/api/v1/policy-goals/${goals[2].id}`, { text: 'Krisberedskap finns' }, { 'if-match': '"v1"' });
    expect(edited.json()).toMatchObject({ text: 'Krisberedskap finns', version: 2 });
  });

  it('money is exact: SEK in the API, öre in the database', async () => {
    const t = await newTenant();
    const m = (await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov', plannedCostSek: 1234.56, actualCostSek: 0.1 }))).json<M>();
    expect(m).toMatchObject({ plannedCostSek: 1234.56, actualCostSek: 0.1 });
    const { database } = await testApp();
    const row = await withTenant(database.db, t.tenantId, async (tx) =>
      rowsOf<{ p: string; a: string }>(
        await tx.execute(sql`select planned_cost_ore::text as p, actual_cost_ore::text as a from measures where id = ${m.id}`),
      ),
    );
    expect(row[0]).toEqual({ p: '123456', a: '10' });
    const bad = await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov', plannedCostSek: 1.001 }));
    expect(bad.statusCode).toBe(422);
  });

  it('status done sets completedOn (today in Stockholm); leaving done clears it; overdue filter', async () => {
    const t = await newTenant();
    const m = (await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov', dueOn: '2020-01-01' }))).json<M>();
    expect(m.overdue).toBe(true);
    expect((await t.reader.get('/api/v1/measures?overdue=true')).json().items).toHaveLength(1);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const done = await t.admin.patch(`/api/v1/measures/${m.id}`, { status: 'done' }, { 'if-match': '"v1"' });
    expect(done.json()).toMatchObject({ status: 'done', completedOn: today, overdue: false });
    expect((await t.reader.get('/api/v1/measures?overdue=true')).json().items).toHaveLength(0);
    expect((await t.reader.get('/api/v1/measures?status=done&status=planned')).json().items).toHaveLength(1);
    const back = await t.admin.patch(`/api/v1/measures/${m.id}`, { status: 'in_progress' }, { 'if-match': '"v2"' });
    expect(back.json()).toMatchObject({ status: 'in_progress', completedOn: null });
    const given = await t.admin.patch(`/api/v1/measures/${m.id}`, { status: 'done', completedOn: '2026-02-03' }, { 'if-match': '"v3"' });
    expect(given.json().completedOn).toBe('2026-02-03');
    const history = (await t.admin.get(`/api/v1/measures/${m.id}/history`)).json();
    expect(history.items.map((h: { action: string }) => h.action)).toContain('measure.create');
  });

  it('access: a manager reads but cannot create (403); a unit-scoped system owner sees its unit only; another tenant gets 404', async () => {
    const t = await newTenant();
    expect((await t.reader.post('/api/v1/measures', base(t, { basis: 'Behov' }))).statusCode).toBe(403);
    const otherUnit = (await t.admin.post('/api/v1/org-units', { name: 'Socialförvaltningen', type: 'department' })).json().id as string;
    const mine = (await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov' }))).json<M>();
    const theirs = (await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov', unitId: otherUnit }))).json<M>();
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }], 'agare');
    expect((await owner.get(`/api/v1/measures/${mine.id}`)).statusCode).toBe(200);
    expect((await owner.get(`/api/v1/measures/${theirs.id}`)).statusCode).toBe(404);
    expect((await owner.get('/api/v1/measures')).json().items.map((i: M) => i.id)).toEqual([mine.id]);
    expect((await owner.post('/api/v1/measures', base(t, { basis: 'Behov', unitId: otherUnit }))).statusCode).toBe(403);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/measures/${mine.id}`)).statusCode).toBe(404);
  });

  it('a secret measure is masked for a manager and its full reads are audited', async () => {
    const t = await newTenant();
    const noProvision = await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov', secret: true }));
    expect(noProvision.statusCode).toBe(422);
    const m = (
      await t.admin.post(
        '/api/v1/measures',
        base(t, { title: 'Skydda larmcentralen', basis: 'RSA', secret: true, secrecyProvision: '18 kap. 8 § OSL', plannedCostSek: 10 }),
      )
    ).json<M>();
    const seen = (await t.reader.get(`/api/v1/measures/${m.id}`)).json();
    expect(seen).toMatchObject({ masked: true, title: null, basis: null, plannedCostSek: null, secret: true });
    expect((await t.reader.get('/api/v1/measures?q=larm')).json().items).toHaveLength(0);
    expect((await t.admin.get(`/api/v1/measures/${m.id}`)).json().title).toBe('Skydda larmcentralen');
    const events = (await t.admin.get(`/api/v1/measures/${m.id}/history`)).json().items;
    expect(events.map((e: { action: string }) => e.action)).toContain('measure.read-secret');
  });

  it('exports the register as CSV and Excel', async () => {
    const t = await newTenant();
    await t.admin.post('/api/v1/measures', base(t, { basis: 'Behov', plannedCostSek: 99.5 }));
    const csv = await t.reader.get('/api/v1/measures', { accept: 'text/csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Inför MFA');
    const xlsx = await t.reader.get('/api/v1/measures/export.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
  });
});
