import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp, type TestTenant } from '../../../../test/helpers/app.js';
import type { Role } from '../../../shared/enums.js';
import type { Actor, Grant } from '../../platform/access.js';
import { sha256 } from '../../platform/auth/sessions.js';

type Token = { id: string; token: string; prefix: string; status: string; roles: string[]; expiresAt: string };

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

async function mint(t: TestTenant, roles: string[], extra: Record<string, unknown> = {}): Promise<Token> {
  const res = await t.admin.post('/api/v1/api-tokens', { name: `Integration ${roles.join('+')}`, roles, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Token>();
}

function bearer(app: FastifyInstance, token: string) {
  return (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload ? { payload } : {}) });
}

describe('API tokens for integrations (D0-11, D0-15, D1-39)', () => {
  // The shared database starts in the hook (longer timeout), not inside the first test.
  beforeAll(async () => void (await testApp()));

  it('D1-39: shows the token once, stores only its sha256 and prefix, lists it without the secret, audits without it', async () => {
    const t = await newTenant();
    const before = Date.now();
    const res = await t.admin.post('/api/v1/api-tokens', { name: 'Ärendesystem', roles: ['auditor'] });
    expect(res.statusCode).toBe(201);
    const created = res.json<Token & Record<string, unknown>>();
    expect(res.headers.location).toBe(`/api/v1/api-tokens/${created.id}`);
    expect(created.token).toMatch(/^tillit_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({ name: 'Ärendesystem', roles: ['auditor'], status: 'active', lastUsedAt: null, revokedAt: null });
    // The default life is 90 days.
    const days = (Date.parse(created.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);

    const [stored] = await rows<Record<string, unknown>>(sql`select * from api_tokens where id = ${created.id}`);
    expect(stored!.token_hash).toBe(sha256(created.token));
    // the secret part is base64url and may itself hold '_': cut it by position, not by splitting
    const secret = created.token.slice(created.prefix.length + 1);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const list = await t.admin.get('/api/v1/api-tokens');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(1);
    const { token: _secret, ...shown } = created;
    expect(items[0]).toEqual(shown);
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toContain(sha256(created.token));
    const one = await t.admin.get(`/api/v1/api-tokens/${created.id}`);
    expect(one.json()).toEqual(shown);
    expect(one.body).not.toContain(created.token);

    const audit = await rows<{ action: string; after: unknown }>(
      sql`select action, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${created.id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['api-token.create']);
    expect(JSON.stringify(audit)).not.toContain(created.token);
    expect(JSON.stringify(audit)).not.toContain(sha256(created.token));
  });

  it('D0-15: a bearer token may do what its roles allow and is refused (403) beyond them; records its last use', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const tok = await mint(t, ['system_owner']);
    const call = bearer(app, tok.token);
    // No CSRF token needed: a bearer request carries no cookie a forged page could ride on.
    const sys = await call('POST', '/api/v1/systems', { name: 'Via integration', responsibleUnitId: t.unitId });
    expect(sys.statusCode, sys.body).toBe(201);
    expect((await call('GET', '/api/v1/systems')).json().items.map((s: { name: string }) => s.name)).toEqual(['Via integration']);
    // Beyond its role: organisation units are only readable for a system owner.
    const unit = await call('POST', '/api/v1/org-units', { name: 'Obehörig', type: 'unit' });
    expect(unit.statusCode).toBe(403);
    expect(unit.json().type).toBe('urn:tillit:problem:forbidden');
    // The write is audited with the token's creator as the actor.
    const [creator] = await rows<{ id: string }>(
      sql`select ra.user_id id from role_assignments ra where ra.tenant_id = ${t.tenantId} and ra.role = 'coordinator'`,
    );
    const audit = await rows<{ actor_user_id: string }>(
      sql`select actor_user_id from audit_events where tenant_id = ${t.tenantId} and entity_id = ${sys.json().id}`,
    );
    expect(audit).toEqual([{ actor_user_id: creator!.id }]);
    const shown = (await t.admin.get(`/api/v1/api-tokens/${tok.id}`)).json();
    expect(shown.lastUsedAt).not.toBeNull();
    expect(Date.now() - Date.parse(shown.lastUsedAt)).toBeLessThan(60_000);
  });

  it('D0-15: a token loses what its creator loses: a demoted creator’s token is refused at once', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    // a second coordinator mints the token, then loses the coordinator role
    const me = (await t.admin.get('/api/v1/auth/me')).json().user.id as string;
    const second = await t.admin.post('/api/v1/users', {
      email: `andra-${Date.now()}@test.example`,
      displayName: 'Andra samordnaren',
      assignments: [{ role: 'coordinator' }],
    });
    const secondId = second.json().id as string;
    const { database } = await testApp();
    const { hashPassword } = await import('../../platform/auth/passwords.js');
    await database.db.execute(
      sql`update users set password_hash = ${await hashPassword('Korrekt-Hast-Batteri-42')} where id = ${secondId}`,
    );
    const { Client } = await import('../../../../test/helpers/app.js');
    const c = new Client(app);
    await c.login(second.json().email);
    const tok = (await c.post('/api/v1/api-tokens', { name: 'Egen nyckel', roles: ['coordinator'] })).json<Token>();
    const call = bearer(app, tok.token);
    expect((await call('GET', '/api/v1/users')).statusCode).toBe(200);
    const coord = second.json().assignments[0].id as string;
    expect((await t.admin.del(`/api/v1/users/${secondId}/assignments/${coord}`)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/users')).statusCode).toBe(401);
    expect(me).not.toBe(secondId);
  });

  it('D0-15: records last use at most once a minute', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const tok = await mint(t, ['manager']);
    const call = bearer(app, tok.token);
    await call('GET', '/api/v1/systems');
    const old = new Date(Date.now() - 30_000);
    await rows(sql`update api_tokens set last_used_at = ${old.toISOString()} where id = ${tok.id}`);
    await call('GET', '/api/v1/systems');
    const [a] = await rows<{ last_used_at: Date }>(sql`select last_used_at from api_tokens where id = ${tok.id}`);
    expect(new Date(a!.last_used_at).getTime()).toBe(old.getTime());
    await rows(sql`update api_tokens set last_used_at = now() - interval '2 minutes' where id = ${tok.id}`);
    await call('GET', '/api/v1/systems');
    const [b] = await rows<{ last_used_at: Date }>(sql`select last_used_at from api_tokens where id = ${tok.id}`);
    expect(Date.now() - new Date(b!.last_used_at).getTime()).toBeLessThan(10_000);
  });

  it('answers the same generic 401 for an unknown, malformed, revoked or expired token and for a disabled creator', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const revoked = await mint(t, ['manager']);
    const expired = await mint(t, ['manager']);
    const alive = await mint(t, ['manager']);
    expect((await bearer(app, alive.token)('GET', '/api/v1/systems')).statusCode).toBe(200);

    const r1 = await t.admin.post(`/api/v1/api-tokens/${revoked.id}/revoke`);
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ status: 'revoked' });
    // Idempotent: a second revoke answers the same and writes no second audit entry.
    const r2 = await t.admin.post(`/api/v1/api-tokens/${revoked.id}/revoke`);
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toEqual(r1.json());
    const audit = await rows<{ action: string }>(
      sql`select action from audit_events where tenant_id = ${t.tenantId} and entity_id = ${revoked.id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['api-token.create', 'api-token.revoke']);
    await rows(sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${expired.id}`);
    expect((await t.admin.get(`/api/v1/api-tokens/${expired.id}`)).json().status).toBe('expired');

    const bodies: string[] = [];
    for (const token of [
      revoked.token,
      expired.token,
      `${alive.token.slice(0, -1)}${alive.token.endsWith('A') ? 'B' : 'A'}`,
      'tillit_nonsense',
      '',
    ]) {
      const res = await bearer(app, token)('GET', '/api/v1/systems');
      expect(res.statusCode, token).toBe(401);
      bodies.push(JSON.stringify({ ...res.json(), instance: undefined }));
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0]!).type).toBe('urn:tillit:problem:unauthenticated');

    // The creator's account disabled: the token stops working too.
    await rows(sql`update users set disabled_at = now() where id = (select created_by from api_tokens where id = ${alive.id})`);
    expect((await bearer(app, alive.token)('GET', '/api/v1/systems')).statusCode).toBe(401);
  });

  it('D0-15: a token cannot manage tokens, sign out or use the session routes; non-coordinators cannot manage tokens', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const coord = await mint(t, ['coordinator']);
    const call = bearer(app, coord.token);
    for (const [method, url, body] of [
      ['POST', '/api/v1/api-tokens', { name: 'Barnbarn', roles: ['manager'] }],
      ['GET', '/api/v1/api-tokens', undefined],
      ['POST', `/api/v1/api-tokens/${coord.id}/revoke`, undefined],
      ['POST', '/api/v1/auth/logout', undefined],
      ['GET', '/api/v1/auth/me', undefined],
    ] as const) {
      const res = await call(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().type, `${method} ${url}`).toBe('urn:tillit:problem:token-not-allowed');
    }
    expect((await t.admin.get(`/api/v1/api-tokens/${coord.id}`)).json().status).toBe('active');
    // The coordinator's own token still reaches what the role allows.
    expect((await call('POST', '/api/v1/org-units', { name: 'Ny enhet', type: 'unit' })).statusCode).toBe(201);

    for (const person of [t.editor, t.reader]) {
      expect((await person.post('/api/v1/api-tokens', { name: 'X', roles: ['manager'] })).statusCode).toBe(403);
      expect((await person.get('/api/v1/api-tokens')).statusCode).toBe(403);
      expect((await person.post(`/api/v1/api-tokens/${coord.id}/revoke`)).statusCode).toBe(403);
    }
  });

  it('prefers the bearer when a request also carries a session cookie', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const tok = await mint(t, ['provisioning']);
    const cookie = (t.admin as unknown as { cookie: string }).cookie;
    // The coordinator's cookie would allow it; the provisioning token decides, and refuses.
    const res = await app.inject({ url: '/api/v1/systems', headers: { cookie, authorization: `Bearer ${tok.token}` } });
    expect(res.statusCode).toBe(403);
    // And a bad bearer is not rescued by the cookie.
    const bad = await app.inject({ url: '/api/v1/systems', headers: { cookie, authorization: 'Bearer tillit_bad' } });
    expect(bad.statusCode).toBe(401);
    // Another scheme (a proxy's Basic credentials) is not ours: the cookie session works.
    const basic = await app.inject({ url: '/api/v1/systems', headers: { cookie, authorization: 'Basic dTpw' } });
    expect(basic.statusCode).toBe(200);
  });

  it('D0-15: validates name, roles and expiry; supplier roles are never given to a token', async () => {
    const t = await newTenant();
    const post = (body: Record<string, unknown>) => t.admin.post('/api/v1/api-tokens', { name: 'Test', roles: ['manager'], ...body });
    const field = async (body: Record<string, unknown>) => {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      return res.json().errors[0];
    };
    expect(await field({ roles: [] })).toMatchObject({ field: 'roles' });
    expect(await field({ roles: ['kung'] })).toMatchObject({ field: 'roles.0' });
    expect(await field({ name: '  ' })).toMatchObject({ field: 'name' });
    expect(await field({ roles: ['manager', 'supplier_admin'] })).toMatchObject({ field: 'roles.1', code: 'role_not_allowed' });
    expect(await field({ expiresAt: '2020-01-01' })).toMatchObject({ field: 'expiresAt', code: 'in_past' });
    const far = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    expect(await field({ expiresAt: far })).toMatchObject({ field: 'expiresAt', code: 'too_far' });
    expect(await field({ expiresAt: 'snart' })).toMatchObject({ field: 'expiresAt' });

    // A date is valid through that day in Stockholm; a year from today is the last allowed.
    const inAYear = new Date();
    inAYear.setFullYear(inAYear.getFullYear() + 1);
    const ok = await post({ expiresAt: inAYear.toISOString().slice(0, 10) });
    expect(ok.statusCode, ok.body).toBe(201);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const tonight = await post({ expiresAt: today });
    expect(tonight.statusCode).toBe(201);
    const end = new Date(tonight.json().expiresAt);
    expect(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', timeStyle: 'short' }).format(end)).toBe('00:00');
    expect(end.getTime()).toBeGreaterThan(Date.now());
    expect(end.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it('D0-15: a token role must not exceed the creator’s own tenant-wide rights', async () => {
    const { tokenRoleAllowed } = await import('./api-tokens.policy.js');
    const actor = (grants: { role: Role; tenant: boolean }[]): Actor => ({
      userId: 'u',
      tenantId: 't',
      email: 'e',
      displayName: 'd',
      roles: grants.map((g) => g.role),
      grants: grants.map((g): Grant => ({
        role: g.role,
        scope: g.tenant ? { type: 'tenant' } : { type: 'unit', unitId: 'x', unitIds: ['x'] },
      })),
    });
    const coordinator = actor([{ role: 'coordinator', tenant: true }]);
    for (const role of ['coordinator', 'auditor', 'provisioning', 'manager', 'employee', 'it_manager'] as const)
      expect(tokenRoleAllowed(coordinator, role), role).toBe(true);
    expect(tokenRoleAllowed(coordinator, 'authorised_orderer')).toBe(false);
    const owner = actor([{ role: 'system_owner', tenant: true }]);
    expect(tokenRoleAllowed(owner, 'system_owner')).toBe(true);
    expect(tokenRoleAllowed(owner, 'provisioning')).toBe(false);
    expect(tokenRoleAllowed(owner, 'auditor')).toBe(false);
    // A unit-scoped grant cannot become a tenant-wide token.
    expect(tokenRoleAllowed(actor([{ role: 'manager', tenant: false }]), 'manager')).toBe(false);
  });

  it('keeps tenants apart: another tenant’s token id is 404 and a token sees only its own tenant', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { app } = await testApp();
    const tokA = await mint(a, ['manager']);
    const tokB = await mint(b, ['system_owner']);
    expect((await a.admin.get(`/api/v1/api-tokens/${tokB.id}`)).statusCode).toBe(404);
    expect((await a.admin.post(`/api/v1/api-tokens/${tokB.id}/revoke`)).statusCode).toBe(404);
    expect((await b.admin.get(`/api/v1/api-tokens/${tokB.id}`)).json().status).toBe('active');
    expect((await a.admin.get('/api/v1/api-tokens')).json().items.map((i: { id: string }) => i.id)).toEqual([tokA.id]);

    const sysB = await bearer(app, tokB.token)('POST', '/api/v1/systems', { name: 'B:s system', responsibleUnitId: b.unitId });
    expect(sysB.statusCode).toBe(201);
    const readA = bearer(app, tokA.token);
    expect((await readA('GET', '/api/v1/systems')).json().items).toEqual([]);
    expect((await readA('GET', `/api/v1/systems/${sysB.json().id}`)).statusCode).toBe(404);
  });
});
