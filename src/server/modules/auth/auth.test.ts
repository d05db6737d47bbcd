import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anonymous, Client, newTenant, testApp, TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { createAuthService } from './auth.service.js';

describe('sign-in and sessions', () => {
  it('signs in with e-mail and password: HttpOnly SameSite cookie, user and CSRF token; /me tells tenant and roles', async () => {
    const t = await newTenant();
    const { app, database } = await testApp();
    const email = `Anna.${Date.now()}@Test.example`;
    await createAuthService(database.db).ensureUser({
      tenantName: t.name,
      email,
      password: TEST_PASSWORD,
      role: 'system_owner',
      displayName: 'Anna',
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: email.toLowerCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ email, displayName: 'Anna' });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = res.cookies.find((c) => c.name === 'tillit_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await app.inject({ url: '/api/v1/auth/me', cookies: { tillit_session: cookie.value } });
    expect(me.json()).toMatchObject({
      user: body.user,
      tenant: { id: t.tenantId, name: t.name },
      roles: ['system_owner'],
      csrfToken: body.csrfToken,
    });
    expect(me.json().grants).toEqual([{ role: 'system_owner', scopeType: 'tenant', unitId: null, systemIds: [], supplierId: null }]);
    expect(me.json().permissions).toMatchObject({
      system: ['read', 'create', 'update', 'archive', 'restore'],
      user: [],
      'org-unit': ['read'],
    });
    // The database keeps only a hash of the session id.
    const stored = (await database.db.execute(sql`select count(*)::int n from sessions where id_hash = ${cookie.value}`)) as unknown as {
      rows: { n: number }[];
    };
    expect(stored.rows[0]!.n).toBe(0);
  });

  it('gives the same generic 401 for a wrong password and an unknown account', async () => {
    const t = await newTenant();
    const me = (await t.admin.get('/api/v1/auth/me')).json();
    const anon = await anonymous();
    const wrong = await anon.request('POST', '/api/v1/auth/login', { email: me.user.email, password: 'fel-lösenord-123' });
    const unknown = await anon.request('POST', '/api/v1/auth/login', { email: 'ingen@test.example', password: 'fel-lösenord-123' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().title).toBe('Fel e-postadress eller lösenord');
  });

  it('requires the session’s CSRF token on unsafe requests and rejects a forged one', async () => {
    const t = await newTenant();
    const body = { name: 'Utan token', responsibleUnitId: t.unitId };
    const none = await t.editor.request('POST', '/api/v1/systems', body, { 'x-csrf-token': '' });
    expect(none.statusCode).toBe(403);
    expect(none.json().type).toBe('urn:tillit:problem:csrf');
    const forged = await t.editor.request('POST', '/api/v1/systems', body, { 'x-csrf-token': t.admin.csrfToken });
    expect(forged.statusCode).toBe(403);
    expect((await t.editor.post('/api/v1/systems', body)).statusCode).toBe(201);
  });

  it('answers 401 without a session, before looking at the input', async () => {
    const anon = await anonymous();
    for (const [method, url] of [
      ['GET', '/api/v1/systems'],
      ['GET', '/api/v1/auth/me'],
      ['POST', '/api/v1/org-units'],
      ['GET', '/api/v1/information-assets'],
    ] as const) {
      const res = await anon.request(method, url, method === 'POST' ? { bogus: true } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('signs out: the old cookie no longer works', async () => {
    const t = await newTenant();
    expect((await t.reader.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await t.reader.get('/api/v1/systems')).statusCode).toBe(401);
  });

  it('refuses a sign-in for a user with no role in any tenant', async () => {
    const { app, database } = await testApp();
    const email = `ensam-${Date.now()}@test.example`;
    const { hashPassword } = await import('../../platform/auth/passwords.js');
    await database.db.execute(
      sql`insert into users (email, display_name, password_hash) values (${email}, 'Ensam', ${await hashPassword(TEST_PASSWORD)})`,
    );
    const c = new Client(app);
    await expect(c.login(email)).rejects.toThrow(/401/);
  });

  it('slows down password guessing: after 5 failures for one account the next attempt at once gets 429 (more in throttle.test.ts)', async () => {
    const anon = await anonymous();
    const email = `gissning-${Date.now()}@test.example`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await anon.request('POST', '/api/v1/auth/login', { email, password: `fel-${i}-lösenord` })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('refuses a sign-in posted from another site (Origin check, login CSRF)', async () => {
    const anon = await anonymous();
    const res = await anon.request(
      'POST',
      '/api/v1/auth/login',
      { email: 'x@test.example', password: 'whatever-123' },
      { origin: 'https://evil.example', host: 'tillit.kommun.se' },
    );
    expect(res.statusCode).toBe(403);
  });

  it('a new sign-in or a new password ends the old session', async () => {
    const t = await newTenant();
    const me = (await t.editor.get('/api/v1/auth/me')).json();
    const { app, database } = await testApp();
    const stale = new Client(app);
    await stale.login(me.user.email);
    const oldCookie = (stale as unknown as { cookie: string }).cookie;
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { cookie: oldCookie },
      payload: { email: me.user.email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/auth/me', headers: { cookie: oldCookie } })).statusCode).toBe(401);
    await createAuthService(database.db).ensureUser({
      tenantName: t.name,
      email: me.user.email,
      password: 'Ett-helt-nytt-lösenord-9',
      role: 'system_owner',
    });
    expect((await t.editor.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('checks the CSRF token on the route the router matched, also for a percent-encoded path', async () => {
    const t = await newTenant();
    const res = await t.admin.request('POST', '/%61pi/v1/org-units', { name: 'Smuggel', type: 'unit' }, { 'x-csrf-token': '' });
    expect(res.statusCode).toBe(403);
    const logout = await t.admin.request('POST', '/%61pi/v1/auth/logout', undefined, { 'x-csrf-token': '' });
    expect(logout.statusCode).toBe(403);
  });
});
