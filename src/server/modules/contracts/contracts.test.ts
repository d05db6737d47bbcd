import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, type TestTenant } from '../../../../test/helpers/app.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const made = async (res: { statusCode: number; body: string; json: () => unknown }) => {
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return res.json() as J;
};

async function setup() {
  const t = await newTenant();
  const a = (await made(await t.admin.post('/api/v1/suppliers', { name: 'Journalbolaget AB' }))).id as string;
  const b = (await made(await t.admin.post('/api/v1/suppliers', { name: 'Konkurrent AB' }))).id as string;
  const critical = (await made(await t.admin.post('/api/v1/systems', { name: 'Treserva', responsibleUnitId: t.unitId, critical: true })))
    .id as string;
  const plain = (await made(await t.admin.post('/api/v1/systems', { name: 'Intranät', responsibleUnitId: t.unitId }))).id as string;
  return { t, a, b, critical, plain };
}

const allIncluded = {
  it_security: { included: true },
  information_security: { included: true },
  traceability: { included: true },
  logging: { included: true },
  continuity_peacetime: { included: true },
  continuity_heightened_alert: { included: true },
};

const create = (t: TestTenant, body: J) => t.admin.post('/api/v1/contracts', body);

describe('contracts (issue 7)', () => {
  it('D1-18 D2-25: a contract for a critical system lists the checklist clauses it lacks; a non-critical one is not flagged for them', async () => {
    const { t, a, critical, plain } = await setup();
    const c = await made(
      await create(t, { supplierId: a, title: 'Journalsystem', systemIds: [critical], clauses: { it_security: { included: true } } }),
    );
    expect(c.critical).toBe(true);
    expect(c.supplier).toEqual({ id: a, name: 'Journalbolaget AB' });
    expect(c.systems).toEqual([{ id: critical, name: 'Treserva', critical: true }]);
    expect(c.clauseGaps).toEqual([
      'information_security',
      'traceability',
      'logging',
      'continuity_peacetime',
      'continuity_heightened_alert',
    ]);
    expect(c.warnings).toContain('critical-clause-gaps');
    expect(c.clauses.logging).toEqual({ included: false, disclaimer: false, note: null });
    // completing the checklist clears the warning; a clause named replaces that clause only
    const done = await t.admin.patch(`/api/v1/contracts/${c.id}`, { clauses: allIncluded }, { 'if-match': '"v1"' });
    expect(done.statusCode).toBe(200);
    expect(done.json<J>().clauseGaps).toEqual([]);
    expect(done.json<J>().warnings).not.toContain('critical-clause-gaps');
    const other = await made(await create(t, { supplierId: a, title: 'Intranät', systemIds: [plain] }));
    expect(other.critical).toBe(false);
    expect(other.warnings).not.toContain('critical-clause-gaps');
  });

  it('D1-18: a disclaimer needs a justification (Swedish field error) and is flagged', async () => {
    const { t, a, critical } = await setup();
    const bad = await create(t, {
      supplierId: a,
      title: 'Drift',
      systemIds: [critical],
      clauses: { ...allIncluded, continuity_heightened_alert: { included: true, disclaimer: true } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<J>().errors).toEqual([
      expect.objectContaining({ field: 'clauses.continuity_heightened_alert.note', code: 'justification_required' }),
    ]);
    expect(bad.json<J>().errors[0].message).toMatch(/friskrivning/i);
    const ok = await made(
      await create(t, {
        supplierId: a,
        title: 'Drift',
        systemIds: [critical],
        clauses: {
          ...allIncluded,
          continuity_heightened_alert: { included: true, disclaimer: true, note: 'Godkänt av kommundirektören 2026-03-01' },
        },
      }),
    );
    expect(ok.disclaimers).toEqual(['continuity_heightened_alert']);
    expect(ok.warnings).toContain('disclaimers');
  });

  it('D1-19: a joint procurement records the other municipalities, and the D1-18 checklist applies all the same', async () => {
    const { t, a, critical } = await setup();
    const c = await made(
      await create(t, {
        supplierId: a,
        title: 'Samupphandlat journalsystem',
        systemIds: [critical],
        jointProcurement: ['Hässleholm', 'Osby'],
      }),
    );
    expect(c.jointProcurement).toEqual(['Hässleholm', 'Osby']);
    expect(c.warnings).toContain('critical-clause-gaps');
  });

  it('D0-21 D0-22 D0-33 D0-38 D3-05 D3-11: the responsibility matrix, the data-processing agreement, and dates in order', async () => {
    const { t, a } = await setup();
    const c = await made(
      await create(t, {
        supplierId: a,
        title: 'Hemtjänst',
        startsOn: '2026-01-01',
        endsOn: '2029-12-31',
        dataProcessingAgreement: true,
        dataProcessingAgreementOn: '2025-12-15',
        responsibilities: {
          workstations: 'supplier',
          printers: 'supplier',
          fax: 'supplier',
          network_expansion: 'supplier',
          equipment_and_login: 'supplier',
          own_equipment: 'supplier',
        },
      }),
    );
    expect(c.responsibilities).toMatchObject({ workstations: 'supplier', printers: 'supplier', fax: 'supplier', hardware: null });
    expect(c.warnings).not.toContain('no-data-processing-agreement');
    const changed = await t.admin.patch(`/api/v1/contracts/${c.id}`, { responsibilities: { hardware: 'shared' } }, { 'if-match': '"v1"' });
    expect(changed.json<J>().responsibilities).toMatchObject({ hardware: 'shared', workstations: 'supplier' });
    const bad = await create(t, {
      supplierId: a,
      title: 'X',
      startsOn: '2026-01-01',
      endsOn: '2025-01-01',
      dataProcessingAgreementOn: '2025-01-01',
    });
    expect(
      bad
        .json<J>()
        .errors.map((e: J) => e.field)
        .sort(),
    ).toEqual(['dataProcessingAgreementOn', 'endsOn']);
  });

  it('D0-15: the supplier reads its own contracts only and changes none; municipal readers read all; a manager has no access', async () => {
    const { t, a, b } = await setup();
    const mine = await made(await create(t, { supplierId: a, title: 'Vårt avtal' }));
    const theirs = await made(await create(t, { supplierId: b, title: 'Deras avtal' }));
    const adminA = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: a }], 'lev-admin');
    expect((await adminA.get('/api/v1/contracts')).json<J>().items.map((c: J) => c.title)).toEqual(['Vårt avtal']);
    expect((await adminA.get(`/api/v1/contracts/${mine.id}`)).json<J>().allowedActions).toEqual(['read']);
    expect((await adminA.get(`/api/v1/contracts/${theirs.id}`)).statusCode).toBe(404);
    // changing is the municipality's: refused before any lookup
    expect((await adminA.patch(`/api/v1/contracts/${theirs.id}`, { nonsense: 1 }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await adminA.post('/api/v1/contracts', { supplierId: a, title: 'Nytt' })).statusCode).toBe(403);
    expect((await t.editor.get(`/api/v1/contracts?supplierId=${b}`)).json<J>().items.map((c: J) => c.title)).toEqual(['Deras avtal']);
    expect((await t.reader.get('/api/v1/contracts')).statusCode).toBe(403);
    // archived contracts leave the list unless asked for
    await t.admin.post(`/api/v1/contracts/${mine.id}/archive`, {}, { 'if-match': '"v1"' });
    expect((await t.admin.get(`/api/v1/contracts?supplierId=${a}`)).json<J>().items).toEqual([]);
    expect((await t.admin.get(`/api/v1/contracts?supplierId=${a}&includeArchived=true`)).json<J>().items).toHaveLength(1);
    const other = await newTenant();
    expect((await other.admin.get(`/api/v1/contracts/${theirs.id}`)).statusCode).toBe(404);
    expect((await other.admin.post('/api/v1/contracts', { supplierId: a, title: 'X' })).statusCode).toBe(422);
  });
});
