import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anonymous, Client, newTenant, testApp, TEST_PASSWORD, uniq, type TestTenant } from '../../../../test/helpers/app.js';
import { createAuthService } from '../auth/auth.service.js';

type Mapping = Record<string, unknown> & { id: string };

async function auditorOf(t: TestTenant): Promise<Client> {
  const { app, database } = await testApp();
  const email = `auditor-${uniq()}@test.example`;
  await createAuthService(database.db).ensureUser({ tenantName: t.name, email, password: TEST_PASSWORD, role: 'auditor' });
  const c = new Client(app);
  await c.login(email);
  return c;
}

async function supplierIn(tenantId: string, name: string): Promise<string> {
  const { database } = await testApp();
  const res = (await database.db.execute(
    sql`insert into suppliers (tenant_id, name) values (${tenantId}, ${name}) returning id`,
  )) as unknown as {
    rows: { id: string }[];
  };
  return res.rows[0]!.id;
}

describe('group → role mappings for SSO (D0-15, D1-39)', () => {
  it('D0-15 D1-39: maps IdP groups to roles scoped to the tenant, a unit, named systems or (supplier roles) one supplier', async () => {
    const t = await newTenant();
    const system = (await t.editor.post('/api/v1/systems', { name: 'Procapita', responsibleUnitId: t.unitId })).json<{ id: string }>().id;
    const supplier = await supplierIn(t.tenantId, 'Tietoevry');
    const post = (body: Record<string, unknown>) => t.admin.post('/api/v1/group-role-mappings', body);

    const tenantWide = await post({ groupName: 'Tillit-Samordnare', role: 'coordinator' });
    expect(tenantWide.statusCode).toBe(201);
    const tw = tenantWide.json<Mapping>();
    expect(tenantWide.headers.location).toBe(`/api/v1/group-role-mappings/${tw.id}`);
    expect(tw).toMatchObject({
      groupName: 'Tillit-Samordnare',
      role: 'coordinator',
      scopeType: 'tenant',
      scopeUnit: null,
      scopeSystems: [],
      scopeSupplier: null,
      allowedActions: ['read', 'delete'],
    });
    expect((await post({ groupName: 'chefer-klf', role: 'manager', scopeType: 'unit', scopeUnitId: t.unitId })).json()).toMatchObject({
      scopeType: 'unit',
      scopeUnit: { id: t.unitId, name: 'Kommunledningsförvaltningen' },
    });
    expect(
      (await post({ groupName: 'forvaltare', role: 'system_administrator', scopeType: 'systems', scopeSystemIds: [system] })).json(),
    ).toMatchObject({
      scopeSystems: [{ id: system, name: 'Procapita' }],
    });
    expect((await post({ groupName: 'tieto-bestallare', role: 'authorised_orderer', scopeSupplierId: supplier })).json()).toMatchObject({
      scopeType: 'supplier',
      scopeSupplier: { id: supplier, name: 'Tietoevry' },
    });

    const list = (await t.admin.get('/api/v1/group-role-mappings')).json<{ items: Mapping[] }>();
    expect(list.items.map((m) => m.groupName)).toEqual(['chefer-klf', 'forvaltare', 'tieto-bestallare', 'Tillit-Samordnare']);

    const { database } = await testApp();
    const { specsForGroups } = await import('../../platform/auth/group-roles.js');
    const specs = await specsForGroups(database.db, t.tenantId, ['tillit-samordnare', 'FORVALTARE']);
    expect(specs.map((s) => s.role).sort()).toEqual(['coordinator', 'system_administrator']);
  });

  it('D0-15: refuses scopes that do not fit the role, unknown scope objects and duplicates, with Swedish field errors', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const supplier = await supplierIn(t.tenantId, 'Atea');
    const post = (body: Record<string, unknown>) => t.admin.post('/api/v1/group-role-mappings', body);
    const errors = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.statusCode).toBe(422);
      return res.json<{ errors: { field: string; code: string; message: string }[] }>().errors;
    };
    expect(await errors({ groupName: 'lev', role: 'supplier_admin' })).toEqual([
      { field: 'scopeType', code: 'supplier_scope_required', message: 'En leverantörsroll måste avgränsas till en leverantör.' },
    ]);
    expect(await errors({ groupName: 'x', role: 'manager', scopeSupplierId: supplier })).toEqual([
      { field: 'scopeType', code: 'supplier_scope_not_allowed', message: 'Bara leverantörsroller kan avgränsas till en leverantör.' },
    ]);
    expect(await errors({ groupName: 'x', role: 'manager', scopeType: 'unit' })).toEqual([
      { field: 'scopeUnitId', code: 'required', message: 'Välj en enhet.' },
    ]);
    expect((await errors({ groupName: 'x', role: 'manager', scopeType: 'unit', scopeUnitId: other.unitId }))[0]).toMatchObject({
      field: 'scopeUnitId',
      code: 'unknown_unit',
    });
    expect(await errors({ groupName: 'x', role: 'system_owner', scopeType: 'systems', scopeSystemIds: [] })).toEqual([
      { field: 'scopeSystemIds', code: 'required', message: 'Välj minst ett system.' },
    ]);
    expect((await errors({ groupName: 'x', role: 'manager', scopeUnitId: t.unitId }))[0]).toMatchObject({
      field: 'scopeUnitId',
      code: 'scope_mismatch',
    });
    expect((await errors({ groupName: 'x', role: 'provisioning' }))[0]).toMatchObject({ field: 'role', code: 'invalid_value' });
    expect((await errors({ groupName: '  ', role: 'manager' }))[0]).toMatchObject({ field: 'groupName' });
    expect((await post({ groupName: 'Revisorer', role: 'auditor' })).statusCode).toBe(201);
    expect(await errors({ groupName: 'revisorer', role: 'auditor' })).toEqual([
      { field: 'groupName', code: 'duplicate', message: 'Gruppen har redan den här rollen med samma avgränsning.' },
    ]);
  });

  it('D1-39: removes a mapping with an audit entry; the auditor reads but cannot change; others get 403; another tenant’s mapping is 404', async () => {
    const t = await newTenant();
    const m = (await t.admin.post('/api/v1/group-role-mappings', { groupName: 'ledning', role: 'management' })).json<Mapping>();
    const auditor = await auditorOf(t);
    expect((await auditor.get('/api/v1/group-role-mappings')).json().items[0].allowedActions).toEqual(['read']);
    expect((await auditor.post('/api/v1/group-role-mappings', { groupName: 'y', role: 'manager' })).statusCode).toBe(403);
    expect((await auditor.request('DELETE', `/api/v1/group-role-mappings/${m.id}`)).statusCode).toBe(403);
    for (const c of [t.editor, t.reader]) {
      expect((await c.get('/api/v1/group-role-mappings')).statusCode).toBe(403);
      expect((await c.post('/api/v1/group-role-mappings', { groupName: 'y', role: 'coordinator' })).statusCode).toBe(403);
    }
    expect((await (await anonymous()).get('/api/v1/group-role-mappings')).statusCode).toBe(401);
    const other = await newTenant();
    expect((await other.admin.request('DELETE', `/api/v1/group-role-mappings/${m.id}`)).statusCode).toBe(404);
    expect((await other.admin.get('/api/v1/group-role-mappings')).json().items).toEqual([]);

    expect((await t.admin.request('DELETE', `/api/v1/group-role-mappings/${m.id}`)).statusCode).toBe(204);
    expect((await t.admin.get('/api/v1/group-role-mappings')).json().items).toEqual([]);
    const { database } = await testApp();
    const audit = (await database.db.execute(
      sql`select action, before, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${m.id} order by seq`,
    )) as unknown as { rows: { action: string; before: Record<string, unknown> | null }[] };
    expect(audit.rows.map((r) => r.action)).toEqual(['group-role-mapping.create', 'group-role-mapping.delete']);
    expect(audit.rows[1]!.before).toMatchObject({ groupName: 'ledning', role: 'management' });
  });
});
