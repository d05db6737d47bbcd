import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { memberWith, newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import { rowsOf } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { acceptedOutages } from './outage.js';

type J = Record<string, unknown> & { id: string; version: number };

async function criticalSystem(t: TestTenant, name = 'Procapita', extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.admin.post('/api/v1/systems', { name, responsibleUnitId: t.unitId, critical: true, ...extra });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<J>().id;
}

const v = (n: number) => ({ 'if-match': `"v${n}"` });
const allScenarios = { powerOutage: true, mobileNetwork: true, network: true, plannedDowntime: true, unplannedDowntime: true };

async function supplier(t: TestTenant, name: string): Promise<string> {
  return (await t.admin.post('/api/v1/suppliers', { name })).json<J>().id;
}

describe('continuity of critical systems (D1-25, D1-26, D1-41)', () => {
  it('D1-26: an accepted outage time needs who decided it and when; the outage map shows it', async () => {
    const t = await newTenant();
    const id = await criticalSystem(t);
    const url = `/api/v1/systems/${id}/continuity`;
    const empty = await t.admin.get(url);
    expect(empty.statusCode).toBe(200);
    expect(empty.headers.etag).toBe('"v0"');
    expect(empty.json()).toMatchObject({ acceptedOutageMinutes: null, version: 0, exerciseOverdue: true });

    const missing = await t.admin.put(url, { acceptedOutageMinutes: 240 }, v(0));
    expect(missing.statusCode).toBe(422);
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['outageDecidedBy', 'outageDecidedOn']);
    expect(missing.json().errors[0].message).toMatch(/vem som beslutade/);

    const body = {
      acceptedOutageMinutes: 240,
      outageDecidedBy: 'Socialnämnden',
      outageDecidedOn: '2026-01-20',
      outageDnr: 'SN 2026/12',
      vitalActivity: 'Hemtjänst',
      emergencyProcedure: 'Papperslistor i pärm hos varje grupp.',
    };
    const saved = await t.admin.put(url, body, v(0));
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ ...body, version: 1 });
    // a stale version is refused; the current one goes through
    expect((await t.admin.put(url, body, v(0))).statusCode).toBe(412);
    expect((await t.admin.put(url, { ...body, acceptedOutageMinutes: 120 }, v(1))).statusCode).toBe(200);

    const plan = await t.admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', systemId: id, title: 'Kontinuitetsplan' });
    expect(plan.statusCode).toBe(201);
    const { database } = await testApp();
    const map = await withTenant(database.db, t.tenantId, (tx) => acceptedOutages(tx, t.tenantId, [id]));
    expect(map.get(id)).toEqual({
      systemName: 'Procapita',
      critical: true,
      acceptedOutageMinutes: 120,
      continuityPlanIds: [plan.json<J>().id],
    });
  });

  it('D1-41: dependencies name other systems and suppliers of the tenant, never the system itself', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const id = await criticalSystem(t);
    const dep = await criticalSystem(t, 'Nätverk');
    const foreign = await criticalSystem(other, 'Annans');
    const sup = await supplier(t, 'Drift AB');
    const url = `/api/v1/systems/${id}/continuity`;
    const self = await t.admin.put(url, { dependencySystemIds: [id] }, v(0));
    expect(self.json().errors[0]).toMatchObject({ field: 'dependencySystemIds', code: 'self_reference' });
    const bad = await t.admin.put(url, { dependencySystemIds: [foreign], dependencySupplierIds: [crypto.randomUUID()] }, v(0));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['dependencySystemIds', 'dependencySupplierIds']);
    const ok = await t.admin.put(url, { dependencySystemIds: [dep], dependencySupplierIds: [sup] }, v(0));
    expect(ok.json()).toMatchObject({
      dependencySystems: [{ id: dep, name: 'Nätverk' }],
      dependencySuppliers: [{ id: sup, name: 'Drift AB' }],
    });
  });

  it('access: a manager reads but may not change; an employee may not read; another tenant and another unit get 404', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const id = await criticalSystem(t);
    const url = `/api/v1/systems/${id}/continuity`;
    expect((await t.reader.get(url)).statusCode).toBe(200);
    expect((await t.reader.put(url, {}, v(0))).statusCode).toBe(403);
    const employee = await memberWith(t, [{ role: 'employee' }], 'medarbetare');
    expect((await employee.get(url)).statusCode).toBe(403);
    expect((await employee.get('/api/v1/continuity/overview')).statusCode).toBe(403);
    expect((await other.admin.get(url)).statusCode).toBe(404);
    expect((await other.admin.put(url, {}, v(0))).statusCode).toBe(404);
    const unit = (await t.admin.post('/api/v1/org-units', { name: 'Annan förvaltning', type: 'department' })).json<J>().id;
    const owner = await memberWith(t, [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: unit }], 'agare');
    expect((await owner.get(url)).statusCode).toBe(404);
    expect((await owner.put(url, {}, v(0))).statusCode).toBe(404);
    // out of reach is 404 before the body is read, for the system and for its documents
    expect((await owner.put(url, { acceptedOutageMinutes: 'x' }, v(0))).statusCode).toBe(404);
    const doc = (await t.admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', systemId: id, title: 'Plan' })).json<J>();
    expect((await owner.patch(`/api/v1/continuity-documents/${doc.id}`, { title: 5 }, v(1))).statusCode).toBe(404);
    expect((await t.admin.patch(`/api/v1/continuity-documents/${doc.id}`, { title: 5 }, v(1))).statusCode).toBe(422);
    expect((await owner.get('/api/v1/continuity/overview')).json().systems).toEqual([]);
  });

  it('D1-25: the overview lists each critical system with its gaps until plan, restore plan, outage time, exercise and rank are in place', async () => {
    const t = await newTenant();
    const id = await criticalSystem(t);
    await t.admin.post('/api/v1/systems', { name: 'Inte kritiskt', responsibleUnitId: t.unitId });
    let o = (await t.reader.get('/api/v1/continuity/overview')).json();
    expect(o.systems).toHaveLength(1);
    expect(o.systems[0]).toMatchObject({
      id,
      name: 'Procapita',
      gaps: ['no_accepted_outage', 'no_plan', 'no_restore_plan', 'exercise_overdue', 'no_restore_rank'],
    });
    // documented but not implemented yet
    const plan = (
      await t.admin.post('/api/v1/continuity-documents', {
        kind: 'reserve_routine',
        systemId: id,
        title: 'Reservrutin',
        documentedOn: '2026-01-10',
        reviewOn: '2020-01-01',
      })
    ).json<J>();
    o = (await t.reader.get('/api/v1/continuity/overview')).json();
    expect(o.systems[0].gaps).toEqual(expect.arrayContaining(['plan_not_implemented', 'review_overdue']));
    expect(o.systems[0].gaps).not.toContain('no_plan');

    await t.admin.patch(
      `/api/v1/continuity-documents/${plan.id}`,
      { implementedOn: '2026-01-15', reviewOn: '2099-01-01' },
      v(plan.version),
    );
    await t.admin.post('/api/v1/continuity-documents', { kind: 'restore_plan', systemId: id, title: 'Återställningsplan' });
    await t.admin.put(
      `/api/v1/systems/${id}/continuity`,
      { acceptedOutageMinutes: 480, outageDecidedBy: 'KS', outageDecidedOn: '2026-01-01' },
      v(0),
    );
    await t.admin.post('/api/v1/exercises', { title: 'Strömavbrott', kind: 'continuity', heldOn: '2026-01-20', systemIds: [id] });
    const order = (await t.admin.post('/api/v1/restore-priorities', { title: 'Ordning 2026' })).json<J>();
    const withItems = (
      await t.admin.put(`/api/v1/restore-priorities/${order.id}/items`, { items: [{ systemId: id }] }, v(order.version))
    ).json<J>();
    const management = await memberWith(t, [{ role: 'management' }], 'ledning');
    expect(
      (
        await management.post(
          `/api/v1/restore-priorities/${order.id}/decision`,
          { decidedOn: '2026-02-01', dnr: 'KS 2026/40' },
          v(withItems.version),
        )
      ).statusCode,
    ).toBe(200);
    o = (await t.reader.get('/api/v1/continuity/overview')).json();
    expect(o.systems[0]).toMatchObject({
      gaps: [],
      restoreRank: 1,
      lastExerciseOn: '2026-01-20',
      planDocumented: true,
      planImplemented: true,
      restorePlan: true,
      outageDecided: true,
    });
    expect(o.restorePriority).toMatchObject({ id: order.id, decidedOn: '2026-02-01', dnr: 'KS 2026/40' });
  });
});

describe('continuity documents', () => {
  it('restore plans are secret-marked by default; a manager sees them masked, a full read is audited', async () => {
    const t = await newTenant();
    const id = await criticalSystem(t);
    const res = await t.admin.post('/api/v1/continuity-documents', {
      kind: 'restore_plan',
      systemId: id,
      title: 'Återställning Procapita',
      content: 'Servern står i rum B12; lösenord i kassaskåpet.',
    });
    expect(res.statusCode).toBe(201);
    const doc = res.json<J>();
    expect(doc).toMatchObject({ secret: true, secrecyProvision: '18 kap. 8 § OSL', masked: false });
    const masked = (await t.reader.get(`/api/v1/continuity-documents/${doc.id}`)).json();
    expect(masked).toMatchObject({ masked: true, title: null, content: null, link: null });
    const listed = (await t.reader.get(`/api/v1/continuity-documents?systemId=${id}`)).json();
    expect(listed.items[0]).toMatchObject({ id: doc.id, masked: true, title: null });
    // a manager cannot change it either
    expect((await t.reader.patch(`/api/v1/continuity-documents/${doc.id}`, { title: 'x' }, v(1))).statusCode).toBe(403);

    await t.editor.get(`/api/v1/continuity-documents/${doc.id}`);
    const { database } = await testApp();
    const n = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from audit_events where tenant_id = ${t.tenantId} and action = 'continuity.read-secret' and entity_id = ${doc.id}`,
      ),
    )[0]!.n;
    expect(n).toBe(1);
    // a plan written openly is allowed when the author says so
    const open = await t.admin.post('/api/v1/continuity-documents', { kind: 'restore_plan', systemId: id, title: 'Öppen', secret: false });
    expect(open.json()).toMatchObject({ secret: false, secrecyProvision: null });
  });

  it('a system document needs a system, a supplier routine a supplier; archived documents leave the list', async () => {
    const t = await newTenant();
    const id = await criticalSystem(t);
    const noSystem = await t.admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', title: 'Plan' });
    expect(noSystem.json().errors[0]).toMatchObject({ field: 'systemId', code: 'required' });
    const noSupplier = await t.admin.post('/api/v1/continuity-documents', {
      kind: 'supplier_reserve_routine',
      title: 'Rutin',
      scenarios: allScenarios,
    });
    expect(noSupplier.json().errors[0]).toMatchObject({ field: 'supplierId', code: 'required' });
    const dates = await t.admin.post('/api/v1/continuity-documents', {
      kind: 'continuity_plan',
      systemId: id,
      title: 'Plan',
      documentedOn: '2026-02-01',
      implementedOn: '2026-01-01',
    });
    expect(dates.json().errors[0]).toMatchObject({ field: 'implementedOn' });
    const doc = (await t.admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', systemId: id, title: 'Plan' })).json<J>();
    const archived = await t.admin.post(`/api/v1/continuity-documents/${doc.id}/archive`, undefined, v(doc.version));
    expect(archived.statusCode).toBe(200);
    expect((await t.admin.get(`/api/v1/continuity-documents?systemId=${id}`)).json().items).toEqual([]);
    expect((await t.admin.get(`/api/v1/continuity-documents?systemId=${id}&includeArchived=true`)).json().items).toHaveLength(1);
  });
});

describe('supplier reserve routines (D0-26)', () => {
  it('D0-26: the scenario checklist is answered in full; a scenario not covered is a gap in the overview', async () => {
    const t = await newTenant();
    const sup = await supplier(t, 'Omsorgsdrift AB');
    const partial = await t.admin.post('/api/v1/continuity-documents', {
      kind: 'supplier_reserve_routine',
      supplierId: sup,
      title: 'Reservrutiner',
      scenarios: { powerOutage: true, network: false },
    });
    expect(partial.statusCode).toBe(422);
    expect(partial.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'scenarios.mobileNetwork',
      'scenarios.plannedDowntime',
      'scenarios.unplannedDowntime',
    ]);
    let o = (await t.admin.get('/api/v1/continuity/overview')).json();
    expect(o.suppliers.find((s: J) => s.id === sup)).toMatchObject({ routines: 0, gap: true });
    const doc = await t.admin.post('/api/v1/continuity-documents', {
      kind: 'supplier_reserve_routine',
      supplierId: sup,
      title: 'Reservrutiner',
      documentedOn: '2026-01-05',
      scenarios: { ...allScenarios, mobileNetwork: false },
    });
    expect(doc.statusCode).toBe(201);
    expect(doc.json()).toMatchObject({ missingScenarios: ['mobileNetwork'], scenarios: { mobileNetwork: false, powerOutage: true } });
    o = (await t.admin.get('/api/v1/continuity/overview')).json();
    expect(o.suppliers.find((s: J) => s.id === sup)).toMatchObject({ routines: 1, missingScenarios: ['mobileNetwork'], gap: true });
    // a change answers the whole checklist again
    const d = doc.json<J>();
    expect(
      (await t.admin.patch(`/api/v1/continuity-documents/${d.id}`, { scenarios: { mobileNetwork: true } }, v(d.version))).statusCode,
    ).toBe(422);
    expect((await t.admin.patch(`/api/v1/continuity-documents/${d.id}`, { scenarios: allScenarios }, v(d.version))).statusCode).toBe(200);
    o = (await t.admin.get('/api/v1/continuity/overview')).json();
    expect(o.suppliers.find((s: J) => s.id === sup)).toMatchObject({ missingScenarios: [], gap: false });
  });

  it('D0-26: a supplier user keeps its own organisation’s routines only; another supplier’s answer 404', async () => {
    const t = await newTenant();
    const mine = await supplier(t, 'Egen AB');
    const theirs = await supplier(t, 'Annan AB');
    const admin = await memberWith(t, [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: mine }], 'leverantor');
    const routine = (kind: string, supplierId: string) => ({ kind, supplierId, title: 'Reservrutin', scenarios: allScenarios });
    const own = await admin.post('/api/v1/continuity-documents', routine('supplier_reserve_routine', mine));
    expect(own.statusCode).toBe(201);
    expect((await admin.post('/api/v1/continuity-documents', routine('supplier_reserve_routine', theirs))).statusCode).toBe(422);
    // another supplier named as involved reads as unknown: its name would show on the routine
    const involving = await admin.post('/api/v1/continuity-documents', {
      ...routine('supplier_reserve_routine', mine),
      involvedSupplierIds: [theirs],
    });
    expect(involving.statusCode).toBe(422);
    expect(involving.json().errors[0]).toMatchObject({ field: 'involvedSupplierIds', code: 'unknown_reference' });
    const other = (await t.admin.post('/api/v1/continuity-documents', routine('supplier_reserve_routine', theirs))).json<J>();
    const id = await criticalSystem(t);
    const systemDoc = (
      await t.admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', systemId: id, title: 'Plan' })
    ).json<J>();

    const list = (await admin.get('/api/v1/continuity-documents')).json();
    expect(list.items.map((i: J) => i.id)).toEqual([own.json<J>().id]);
    expect((await admin.get(`/api/v1/continuity-documents/${other.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/continuity-documents/${other.id}`, { title: 'Ändrad' }, v(1))).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/continuity-documents/${systemDoc.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/continuity-documents/${own.json<J>().id}`, { title: 'Ändrad' }, v(1))).statusCode).toBe(200);
    // a system's documents are not theirs to write
    expect((await admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', systemId: id, title: 'x' })).statusCode).toBe(422);
    const o = (await admin.get('/api/v1/continuity/overview')).json();
    expect(o.systems).toEqual([]);
    expect(o.suppliers.map((s: J) => s.id)).toEqual([mine]);
  });

  it('another tenant’s document is 404', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const id = await criticalSystem(t);
    const doc = (await t.admin.post('/api/v1/continuity-documents', { kind: 'continuity_plan', systemId: id, title: 'Plan' })).json<J>();
    expect((await other.admin.get(`/api/v1/continuity-documents/${doc.id}`)).statusCode).toBe(404);
    expect((await other.admin.patch(`/api/v1/continuity-documents/${doc.id}`, {}, v(1))).statusCode).toBe(404);
  });
});
