import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anonymous, memberWith, newTenant, testApp, TEST_PASSWORD } from '../../../../test/helpers/app.js';

describe('tenant security settings', () => {
  it('has safe defaults: no MFA demand, 30 min idle, 12 h absolute', async () => {
    const t = await newTenant();
    const res = await t.admin.get('/api/v1/tenant/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: t.name,
      mfaPolicy: 'none',
      mfaRoles: [],
      idleMinutes: 30,
      absoluteHours: 12,
      allowedActions: ['read', 'update'],
    });
    expect(res.headers.etag).toBe('"v1"');
  });

  it('the coordinator changes them with If-Match; bad values get Swedish field errors; the change is audited', async () => {
    const t = await newTenant();
    expect((await t.admin.patch('/api/v1/tenant/settings', { idleMinutes: 15 })).statusCode).toBe(428);
    const bad = await t.admin.patch('/api/v1/tenant/settings', { idleMinutes: 2, mfaPolicy: 'sometimes' }, { 'if-match': '"v1"' });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['idleMinutes', 'mfaPolicy']);
    const noRoles = await t.admin.patch('/api/v1/tenant/settings', { mfaPolicy: 'roles' }, { 'if-match': '"v1"' });
    expect(noRoles.json().errors[0]).toMatchObject({ field: 'mfaRoles', code: 'required' });
    const ok = await t.admin.patch(
      '/api/v1/tenant/settings',
      { mfaPolicy: 'roles', mfaRoles: ['coordinator', 'auditor'], idleMinutes: 15 },
      { 'if-match': '"v1"' },
    );
    expect(ok.json()).toMatchObject({ mfaPolicy: 'roles', mfaRoles: ['coordinator', 'auditor'], idleMinutes: 15, version: 2 });
    expect((await t.admin.patch('/api/v1/tenant/settings', { idleMinutes: 20 }, { 'if-match': '"v1"' })).statusCode).toBe(412);
    const { database } = await testApp();
    const audit = (await database.db.execute(
      sql`select before, after from audit_events where tenant_id = ${t.tenantId} and action = 'tenant.settings-update'`,
    )) as unknown as { rows: { before: unknown; after: unknown }[] };
    expect(audit.rows).toEqual([
      {
        before: { mfaPolicy: 'none', mfaRoles: [], idleMinutes: 30 },
        after: { mfaPolicy: 'roles', mfaRoles: ['coordinator', 'auditor'], idleMinutes: 15 },
      },
    ]);
  });

  it('only a tenant-wide coordinator changes them; the auditor reads; others are refused', async () => {
    const t = await newTenant();
    const auditor = await memberWith(t, [{ role: 'auditor' }]);
    expect((await auditor.get('/api/v1/tenant/settings')).json().allowedActions).toEqual(['read']);
    expect((await auditor.patch('/api/v1/tenant/settings', { idleMinutes: 60 }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await t.editor.get('/api/v1/tenant/settings')).statusCode).toBe(403);
    const scoped = await memberWith(t, [{ role: 'coordinator', scopeType: 'unit', scopeUnitId: t.unitId }]);
    expect((await scoped.patch('/api/v1/tenant/settings', { idleMinutes: 60 }, { 'if-match': '"v1"' })).statusCode).toBe(403);
  });

  it('an idle session ends after the tenant’s idle time; a shorter absolute limit applies to open sessions too', async () => {
    const t = await newTenant();
    const person = await memberWith(t, [{ role: 'manager' }]);
    const { database } = await testApp();
    // 31 minutes without a request
    await database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${person.userId}`);
    expect((await person.get('/api/v1/systems')).statusCode).toBe(401);
    const again = await memberWith(t, [{ role: 'manager' }]);
    await database.db.execute(sql`update sessions set created_at = now() - interval '3 hours' where user_id = ${again.userId}`);
    expect((await again.get('/api/v1/systems')).statusCode).toBe(200);
    await t.admin.patch('/api/v1/tenant/settings', { absoluteHours: 2 }, { 'if-match': '"v1"' });
    expect((await again.get('/api/v1/systems')).statusCode).toBe(401);
  });
});

describe('a new MFA demand reaches open sessions', () => {
  it('D1-39: sessions opened with a password alone end for the people the demand now covers; others keep theirs', async () => {
    const t = await newTenant();
    const auditor = await memberWith(t, [{ role: 'auditor' }]);
    const manager = await memberWith(t, [{ role: 'manager' }]);
    const res = await t.admin.patch('/api/v1/tenant/settings', { mfaPolicy: 'roles', mfaRoles: ['auditor'] }, { 'if-match': '"v1"' });
    expect(res.statusCode).toBe(200);
    expect((await auditor.get('/api/v1/systems')).statusCode).toBe(401);
    expect((await manager.get('/api/v1/systems')).statusCode).toBe(200);
    // signing in again, the auditor is asked to set up two-step verification
    const again = await anonymous();
    const login = await again.request('POST', '/api/v1/auth/login', { email: auditor.email, password: TEST_PASSWORD });
    expect(login.json().stage).toBe('enrol');
  });
});
