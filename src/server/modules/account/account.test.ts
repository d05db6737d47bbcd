import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { Client, memberWith, newTenant, testApp, TEST_PASSWORD } from '../../../../test/helpers/app.js';

describe('own sessions and organisations', () => {
  it('lists my sessions (the current one marked), ends one, and ends all the others', async () => {
    const t = await newTenant();
    const first = await memberWith(t, [{ role: 'manager' }]);
    const { app } = await testApp();
    const second = new Client(app);
    await second.login(first.email, TEST_PASSWORD);
    const list = (await first.get('/api/v1/auth/sessions')).json().items;
    expect(list).toHaveLength(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(list[0]).toMatchObject({ tenant: { id: t.tenantId, name: t.name }, authMethods: ['password'] });
    expect(JSON.stringify(list)).not.toMatch(/id_hash|idHash/);
    const other = list.find((s: { current: boolean }) => !s.current);
    expect((await first.del(`/api/v1/auth/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await second.get('/api/v1/systems')).statusCode).toBe(401);
    // someone else's session id is not mine to end
    const stranger = await memberWith(t, [{ role: 'manager' }]);
    const theirs = (await stranger.get('/api/v1/auth/sessions')).json().items[0].id;
    expect((await first.del(`/api/v1/auth/sessions/${theirs}`)).statusCode).toBe(404);
    const third = new Client(app);
    await third.login(first.email, TEST_PASSWORD);
    expect((await first.post('/api/v1/auth/sessions/end-others')).json()).toEqual({ sessionsEnded: 1 });
    expect((await third.get('/api/v1/systems')).statusCode).toBe(401);
    expect((await first.get('/api/v1/systems')).statusCode).toBe(200);
  });

  it('ending my current session signs me out', async () => {
    const t = await newTenant();
    const me = await memberWith(t, [{ role: 'manager' }]);
    const current = (await me.get('/api/v1/auth/sessions')).json().items[0];
    const res = await me.del(`/api/v1/auth/sessions/${current.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((c) => c.name === 'tillit_session')?.value).toBe('');
    expect((await me.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('a joint IT organisation’s person switches tenant without signing in again; the session id rotates', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const person = await memberWith(a, [{ role: 'it_manager' }]);
    await b.admin.post('/api/v1/users', { email: person.email, displayName: 'IT', assignments: [{ role: 'auditor' }] });
    const tenants = (await person.get('/api/v1/auth/tenants')).json().items;
    expect(tenants.map((x: { id: string; current: boolean }) => [x.id, x.current]).sort()).toEqual(
      [
        [a.tenantId, true],
        [b.tenantId, false],
      ].sort(),
    );
    const oldCookie = (person as unknown as { cookie: string }).cookie;
    const res = await person.post('/api/v1/auth/switch-tenant', { tenantId: b.tenantId });
    expect(res.statusCode).toBe(200);
    expect(res.json().tenant).toEqual({ id: b.tenantId, name: b.name });
    const cookie = res.cookies.find((c) => c.name === 'tillit_session')!;
    const moved = new Client((await testApp()).app, `tillit_session=${cookie.value}`);
    moved.csrfToken = res.json().csrfToken;
    const me = (await moved.get('/api/v1/auth/me')).json();
    expect(me).toMatchObject({ tenant: { id: b.tenantId }, roles: ['auditor'] });
    // the old cookie is dead
    const stale = new Client((await testApp()).app, oldCookie);
    expect((await stale.get('/api/v1/auth/me')).statusCode).toBe(401);
    // a tenant where the person has no role is not reachable
    const c = await newTenant();
    expect((await moved.post('/api/v1/auth/switch-tenant', { tenantId: c.tenantId })).statusCode).toBe(404);
  });

  it('a tenant that demands MFA is not entered with a password-only session', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const person = await memberWith(a, [{ role: 'it_manager' }]);
    await b.admin.post('/api/v1/users', { email: person.email, displayName: 'IT', assignments: [{ role: 'it_manager' }] });
    const { database } = await testApp();
    await database.db.execute(sql`update tenants set mfa_policy = 'all' where id = ${b.tenantId}`);
    const res = await person.post('/api/v1/auth/switch-tenant', { tenantId: b.tenantId });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toMatch(/kräver tvåstegsverifiering/);
    expect((await person.get('/api/v1/auth/me')).json().tenant.id).toBe(a.tenantId);
  });
});

describe('switching tenant keeps the limits of the first sign-in', () => {
  it('the absolute limit is not renewed by switching back and forth', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const person = await memberWith(a, [{ role: 'it_manager' }]);
    await b.admin.post('/api/v1/users', { email: person.email, displayName: 'IT', assignments: [{ role: 'it_manager' }] });
    const { database, app } = await testApp();
    await database.db.execute(
      sql`update sessions set created_at = now() - interval '11 hours', expires_at = now() + interval '1 hour' where user_id = ${person.userId}`,
    );
    const res = await person.post('/api/v1/auth/switch-tenant', { tenantId: b.tenantId });
    const moved = new Client(app, `tillit_session=${res.cookies.find((c) => c.name === 'tillit_session')!.value}`);
    const rows = (await database.db.execute(sql`select expires_at from sessions where user_id = ${person.userId}`)) as unknown as {
      rows: { expires_at: string }[];
    };
    expect(rows.rows).toHaveLength(1);
    expect(new Date(rows.rows[0]!.expires_at).getTime() - Date.now()).toBeLessThan(3600_000 + 5_000);
    expect((await moved.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('session changes are audited', () => {
  it('ending other sessions and switching tenant leave audit entries naming the person', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const person = await memberWith(a, [{ role: 'it_manager' }]);
    await b.admin.post('/api/v1/users', { email: person.email, displayName: 'IT', assignments: [{ role: 'it_manager' }] });
    await person.post('/api/v1/auth/sessions/end-others');
    await person.post('/api/v1/auth/switch-tenant', { tenantId: b.tenantId });
    const { database } = await testApp();
    const rows = (await database.db.execute(
      sql`select action, tenant_id from audit_events where actor_user_id = ${person.userId} and action like 'session.%' order by seq`,
    )) as unknown as { rows: { action: string; tenant_id: string }[] };
    expect(rows.rows).toEqual([
      { action: 'session.end-others', tenant_id: a.tenantId },
      { action: 'session.switch-tenant', tenant_id: a.tenantId },
    ]);
  });
});
