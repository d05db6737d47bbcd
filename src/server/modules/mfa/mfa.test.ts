import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { newTenant, testApp, TEST_PASSWORD, uniq, type TestTenant } from '../../../../test/helpers/app.js';
import { SoftAuthenticator } from '../../../../test/helpers/soft-authenticator.js';
import type { Role } from '../../../shared/enums.js';
import { createAuthService } from '../auth/auth.service.js';
import { mayRemove, mfaRequired, stageAfterPassword } from './mfa.policy.js';

// A browser-like client that follows the session cookie through rotations (Client.login in the
// shared helper expects a finished sign-in).
class Browser {
  cookie = '';
  csrfToken = '';
  constructor(readonly app: FastifyInstance) {}

  private keep(res: LightMyRequestResponse) {
    const set = res.cookies.find((c) => c.name === 'tillit_session');
    if (set) this.cookie = set.value ? `tillit_session=${set.value}` : '';
    const body = res.headers['content-type']?.toString().includes('json') ? (res.json() as { csrfToken?: unknown }) : null;
    if (res.statusCode < 300 && typeof body?.csrfToken === 'string') this.csrfToken = body.csrfToken;
    return res;
  }

  async login(email: string, password = TEST_PASSWORD) {
    this.cookie = '';
    return this.keep(await this.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } }));
  }

  async request(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, cookie = this.cookie) {
    const headers: Record<string, string> = { cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    return this.keep(res);
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body);
  del = (url: string, body?: unknown) => this.request('DELETE', url, body);
}

const MFA = '/api/v1/auth/mfa';

async function userIn(t: TestTenant, role: Role = 'system_owner') {
  const { app, database } = await testApp();
  const email = `mfa-${role}-${uniq()}@test.example`;
  const { userId } = await createAuthService(database.db).ensureUser({ tenantName: t.name, email, password: TEST_PASSWORD, role });
  return { email, userId, app, db: database.db };
}

const totpFor = (secret: string) => new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
const codeAt = (secret: string, offsetSteps = 0) => totpFor(secret).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

// A six-digit code that matches none of the accepted steps (now and one either side).
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((o) => codeAt(secret, o)));
  for (let n = 123456; ; n++) if (!valid.has(String(n))) return String(n);
}

// The code of the step after (offset 1) or at (offset 0) the last one the server accepted: immune to a
// step boundary passing between two requests.
async function codeAfterLastStep(userId: string, secret: string, offset = 1) {
  const [row] = await rows<{ last_step: string }>(sql`select last_step from mfa_totp where user_id = ${userId}`);
  return totpFor(secret).generate({ timestamp: (Number(row!.last_step) + offset) * 30_000 });
}

// The stored session behind the browser's cookie (only its sha256 is kept).
async function sessionOf(b: Browser) {
  const id = b.cookie.replace(/^tillit_session=/, '');
  const [row] = await rows<{ auth_methods: string[]; stage: string }>(
    sql`select auth_methods, stage from sessions where id_hash = ${createHash('sha256').update(id).digest('hex')}`,
  );
  return row;
}

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

// Signed in (no MFA yet), sets up and confirms an app; returns the secret and the recovery codes.
async function enrolTotp(b: Browser) {
  const setup = await b.post(`${MFA}/totp/setup`);
  expect(setup.statusCode).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const confirm = await b.post(`${MFA}/totp/confirm`, { code: codeAt(secret) });
  expect(confirm.statusCode, confirm.body).toBe(200);
  return { secret, recoveryCodes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

async function setPolicy(tenantId: string, policy: 'none' | 'all' | 'roles', roles: Role[] = []) {
  const { database } = await testApp();
  await database.db.execute(
    sql`update tenants set mfa_policy = ${policy}, mfa_roles = ${`{${roles.join(',')}}`}::text[] where id = ${tenantId}`,
  );
}

describe('MFA policy (pure)', () => {
  it('requires MFA for policy all, for listed roles under roles, and never under none', () => {
    expect(mfaRequired([{ policy: 'all', mfaRoles: [], roles: ['employee'] }])).toBe(true);
    expect(mfaRequired([{ policy: 'roles', mfaRoles: ['coordinator'], roles: ['employee', 'coordinator'] }])).toBe(true);
    expect(mfaRequired([{ policy: 'roles', mfaRoles: ['coordinator'], roles: ['employee'] }])).toBe(false);
    expect(mfaRequired([{ policy: 'none', mfaRoles: ['coordinator'], roles: ['coordinator'] }])).toBe(false);
    // any tenant of a joint IT organisation's member that requires it requires it
    expect(
      mfaRequired([
        { policy: 'none', mfaRoles: [], roles: ['it_manager'] },
        { policy: 'all', mfaRoles: [], roles: ['it_manager'] },
      ]),
    ).toBe(true);
  });

  it('decides the stage after the password and whether a factor may go', () => {
    const none = { totp: false, passkeys: 0, recoveryCodesLeft: 0 };
    expect(stageAfterPassword(none, false)).toEqual({ stage: 'full', methods: [] });
    expect(stageAfterPassword(none, true)).toEqual({ stage: 'enrol', methods: [] });
    expect(stageAfterPassword({ totp: true, passkeys: 1, recoveryCodesLeft: 3 }, false)).toEqual({
      stage: 'mfa',
      methods: ['totp', 'recovery', 'webauthn'],
    });
    expect(mayRemove({ totp: true, passkeys: 0, recoveryCodesLeft: 10 }, true, 'totp')).toBe(false);
    expect(mayRemove({ totp: true, passkeys: 1, recoveryCodesLeft: 10 }, true, 'totp')).toBe(true);
    expect(mayRemove({ totp: false, passkeys: 1, recoveryCodesLeft: 0 }, true, 'webauthn')).toBe(false);
    expect(mayRemove({ totp: true, passkeys: 1, recoveryCodesLeft: 0 }, true, 'webauthn')).toBe(true);
    expect(mayRemove({ totp: true, passkeys: 0, recoveryCodesLeft: 0 }, false, 'totp')).toBe(true);
  });
});

describe('TOTP and recovery codes (D0-08)', () => {
  it('D0-08: enrols an app (secret sealed at rest), then sign-in needs a code; a wrong one is refused, the right one rotates to a full session', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    const b = new Browser(u.app);
    const first = await b.login(u.email);
    expect(first.json()).toMatchObject({ stage: 'full' });
    expect(first.json().methods).toBeUndefined();

    // A second setup before confirming replaces the first secret.
    const s1 = (await b.post(`${MFA}/totp/setup`)).json<{ secret: string }>();
    const setup = await b.post(`${MFA}/totp/setup`);
    const { secret, otpauthUrl, qrSvg } = setup.json<{ secret: string; otpauthUrl: string; qrSvg: string }>();
    expect(secret).not.toBe(s1.secret);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Tillit:/);
    expect(new URL(otpauthUrl).searchParams.get('issuer')).toBe('Tillit');
    expect(new URL(otpauthUrl).searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(otpauthUrl)).toContain(u.email);
    expect(qrSvg).toContain('<svg');

    const [stored] = await rows<{ secret_enc: string; confirmed_at: Date | null }>(
      sql`select secret_enc, confirmed_at from mfa_totp where user_id = ${u.userId}`,
    );
    expect(stored!.secret_enc).toMatch(/^v1\./);
    expect(stored!.secret_enc).not.toContain(secret);
    expect(stored!.confirmed_at).toBeNull();

    // The replaced secret's codes no longer confirm.
    const stale = await b.post(`${MFA}/totp/confirm`, { code: codeAt(s1.secret) });
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({ type: 'urn:tillit:problem:invalid-mfa-code', title: 'Koden stämmer inte. Försök igen.' });

    const confirm = await b.post(`${MFA}/totp/confirm`, { code: codeAt(secret) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{2}$/);
    const hashes = await rows<{ code_hash: string }>(sql`select code_hash from mfa_recovery_codes where user_id = ${u.userId}`);
    expect(hashes).toHaveLength(10);
    expect(hashes.map((h) => h.code_hash)).not.toContain(recoveryCodes[0]);
    expect((await b.post(`${MFA}/totp/setup`)).json().type).toBe('urn:tillit:problem:mfa-already-enabled');

    const status = (await b.get(MFA)).json();
    expect(status).toMatchObject({ totp: { enabled: true }, recoveryCodesLeft: 10, passkeys: [], required: false });

    // Every change is audited, and no secret or code lands in the audit trail.
    const audit = await rows<{ action: string; entity_type: string; before: unknown; after: unknown }>(
      sql`select action, entity_type, before, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${u.userId} and action not like 'auth.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['mfa.totp.setup', 'mfa.totp.setup', 'mfa.totp.enable']);
    expect(audit.every((a) => a.entity_type === 'user')).toBe(true);
    const auditText = JSON.stringify(audit);
    expect(auditText).not.toContain(secret);
    expect(auditText).not.toContain(recoveryCodes[0]);

    // Signing in now stops half-way: only the MFA routes answer.
    const login = await b.login(u.email);
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ stage: 'mfa', methods: ['totp', 'recovery'] });
    const pendingCookie = b.cookie;
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await b.get('/api/v1/systems')).statusCode).toBe(401);
    expect((await b.post('/api/v1/org-units', { name: 'X', type: 'unit' })).statusCode).toBe(401);
    const pending = (await b.get(`${MFA}/pending`)).json();
    expect(pending).toEqual({
      stage: 'mfa',
      methods: ['totp', 'recovery'],
      user: { email: u.email, displayName: u.email },
      csrfToken: login.json().csrfToken,
    });
    // Someone with only the password cannot add a factor of their own, nor see the user's factors.
    expect((await b.post(`${MFA}/totp/setup`)).json().type).toBe('urn:tillit:problem:mfa-wrong-stage');
    expect((await b.post(`${MFA}/webauthn/registration-options`)).statusCode).toBe(409);
    expect((await b.get(MFA)).statusCode).toBe(409);
    expect((await b.del(`${MFA}/totp`, { code: codeAt(secret, 1) })).statusCode).toBe(401);

    const wrong = await b.post(`${MFA}/verify`, { method: 'totp', code: wrongCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().type).toBe('urn:tillit:problem:invalid-mfa-code');

    // The confirming code used this step already: the next step's code (within the ±1 window) signs in.
    const code = codeAt(secret, 1);
    const ok = await b.post(`${MFA}/verify`, { method: 'totp', code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ stage: 'full', csrfToken: expect.any(String) });
    expect(ok.json().csrfToken).not.toBe(login.json().csrfToken);
    const set = ok.cookies.find((c) => c.name === 'tillit_session')!;
    expect(set).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(set.expires!.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    expect(b.cookie).not.toBe(pendingCookie);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/systems')).statusCode).toBe(200);
    expect((await b.request('GET', '/api/v1/auth/me', undefined, pendingCookie)).statusCode).toBe(401);
    const session = await sessionOf(b);
    expect(session).toEqual({ auth_methods: ['password', 'totp'], stage: 'full' });

    // The same code a second time is refused (replay), even in a new sign-in.
    await b.login(u.email);
    const replay = await b.post(`${MFA}/verify`, { method: 'totp', code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('urn:tillit:problem:invalid-mfa-code');

    // A recovery code works once, typed in any case and with spaces.
    const recovery = recoveryCodes[3]!;
    const viaRecovery = await b.post(`${MFA}/verify`, { method: 'recovery', code: ` ${recovery.toUpperCase().replace(/-/g, ' ')} ` });
    expect(viaRecovery.statusCode).toBe(200);
    expect((await b.get(MFA)).json().recoveryCodesLeft).toBe(9);
    await b.login(u.email);
    expect((await b.post(`${MFA}/verify`, { method: 'recovery', code: recovery })).statusCode).toBe(401);
    expect((await b.post(`${MFA}/verify`, { method: 'recovery', code: recoveryCodes[4] })).statusCode).toBe(200);
    const actions = await rows<{ action: string }>(
      sql`select action from audit_events where tenant_id = ${t.tenantId} and action = 'mfa.recovery-code.use'`,
    );
    expect(actions).toHaveLength(2);
  });

  it('D0-08: five wrong codes end the half-finished sign-in; the password is needed again', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    const b = new Browser(u.app);
    await b.login(u.email);
    const { secret } = await enrolTotp(b);
    await b.login(u.email);
    for (let i = 1; i <= 4; i++) {
      const res = await b.post(`${MFA}/verify`, { method: i % 2 ? 'totp' : 'recovery', code: i % 2 ? wrongCode(secret) : 'aaaa-bbbb-cc' });
      expect(res.statusCode).toBe(401);
      expect(res.json().type).toBe('urn:tillit:problem:invalid-mfa-code');
    }
    const fifth = await b.post(`${MFA}/verify`, { method: 'totp', code: wrongCode(secret) });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json()).toMatchObject({ type: 'urn:tillit:problem:mfa-locked', title: 'För många felaktiga försök. Logga in igen.' });
    const right = await b.post(`${MFA}/verify`, { method: 'totp', code: codeAt(secret, 1) });
    expect(right.statusCode).toBe(401);
    expect(right.json().type).toBe('urn:tillit:problem:unauthenticated');
    const locked = await rows<{ action: string }>(
      sql`select action from audit_events where tenant_id = ${t.tenantId} and entity_id = ${u.userId} and action = 'mfa.locked'`,
    );
    expect(locked).toHaveLength(1);
    // A new sign-in starts over.
    expect((await b.login(u.email)).json().stage).toBe('mfa');
    expect((await b.post(`${MFA}/verify`, { method: 'totp', code: codeAt(secret, 1) })).statusCode).toBe(200);
  });

  it('D0-08: wrong codes also count per account across sign-ins; a locked account waits even with the right code', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    const b = new Browser(u.app);
    await b.login(u.email);
    const { secret } = await enrolTotp(b);
    const failures = async () =>
      (await rows<{ failures: number }>(sql`select failures from login_throttle where key = ${`mfa:${u.userId}`}`))[0]?.failures ?? 0;
    await b.login(u.email);
    for (let i = 0; i < 3; i++) await b.post(`${MFA}/verify`, { method: 'totp', code: wrongCode(secret) });
    await b.login(u.email);
    await b.post(`${MFA}/verify`, { method: 'recovery', code: 'aaaa-bbbb-cc' });
    expect(await failures()).toBe(4);
    // As after twenty wrong answers: locked for 15 minutes, whatever is sent.
    await rows(sql`update login_throttle set failures = 20, locked_until = now() + interval '15 minutes' where key = ${`mfa:${u.userId}`}`);
    const locked = await b.post(`${MFA}/verify`, { method: 'totp', code: codeAt(secret, 1) });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.json().detail).toMatch(/^För många felaktiga koder\. Vänta 15 minuter/);
    // Once the lock has passed, the right code signs in and the count starts over.
    await rows(
      sql`update login_throttle set locked_until = now() - interval '1 second', last_failure_at = now() - interval '1 minute' where key = ${`mfa:${u.userId}`}`,
    );
    expect((await b.post(`${MFA}/verify`, { method: 'totp', code: codeAt(secret, 1) })).statusCode).toBe(200);
    expect(await failures()).toBe(0);
  });

  it('D0-08: new recovery codes need a current code from the app and replace the old ones', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    const b = new Browser(u.app);
    await b.login(u.email);
    const { secret, recoveryCodes } = await enrolTotp(b);

    expect((await b.post(`${MFA}/recovery-codes`, { code: wrongCode(secret) })).statusCode).toBe(401);
    // the confirming code's step is used up: the same code cannot be replayed for a re-check
    expect((await b.post(`${MFA}/recovery-codes`, { code: await codeAfterLastStep(u.userId, secret, 0) })).statusCode).toBe(401);
    const regen = await b.post(`${MFA}/recovery-codes`, { code: await codeAfterLastStep(u.userId, secret) });
    expect(regen.statusCode).toBe(200);
    const fresh = regen.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(recoveryCodes[0]);

    const other = new Browser(u.app);
    await other.login(u.email);
    expect((await other.post(`${MFA}/verify`, { method: 'recovery', code: recoveryCodes[0] })).statusCode).toBe(401);
    expect((await other.post(`${MFA}/verify`, { method: 'recovery', code: fresh[0] })).statusCode).toBe(200);

    const audit = await rows<{ action: string }>(
      sql`select action from audit_events where tenant_id = ${t.tenantId} and entity_id = ${u.userId} and action not like 'auth.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'mfa.totp.setup',
      'mfa.totp.enable',
      'mfa.recovery-codes.regenerate',
      'mfa.recovery-code.use',
    ]);
  });

  it('D0-08: removing the app needs a current code; with no factor left the recovery codes go and sign-in needs only the password', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    const b = new Browser(u.app);
    await b.login(u.email);
    const { secret } = await enrolTotp(b);
    expect((await b.del(`${MFA}/totp`, { code: wrongCode(secret) })).statusCode).toBe(401);
    const removed = await b.del(`${MFA}/totp`, { code: await codeAfterLastStep(u.userId, secret) });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ totp: { enabled: false, confirmedAt: null }, recoveryCodesLeft: 0 });
    expect(await rows(sql`select 1 from mfa_recovery_codes where user_id = ${u.userId}`)).toHaveLength(0);
    expect((await new Browser(u.app).login(u.email)).json().stage).toBe('full');
    const audit = await rows<{ action: string }>(
      sql`select action from audit_events where tenant_id = ${t.tenantId} and entity_id = ${u.userId} and action not like 'auth.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['mfa.totp.setup', 'mfa.totp.enable', 'mfa.totp.remove']);
  });

  it('D0-08: MFA routes answer 401 without a session and refuse a finished sign-in at the sign-in step', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    for (const [method, url] of [
      ['GET', `${MFA}/pending`],
      ['GET', MFA],
      ['POST', `${MFA}/verify`],
      ['POST', `${MFA}/totp/setup`],
      ['POST', `${MFA}/webauthn/options`],
      ['DELETE', `${MFA}/totp`],
    ] as const) {
      const res = await app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
    const verify = await t.editor.post(`${MFA}/verify`, { method: 'totp', code: '123456' });
    expect(verify.statusCode).toBe(409);
    expect(verify.json().type).toBe('urn:tillit:problem:mfa-wrong-stage');
    expect((await t.editor.get(`${MFA}/pending`)).json()).toMatchObject({ stage: 'full', methods: [] });
  });
});

describe('tenant MFA requirement (D1-39, D0-08)', () => {
  it('D1-39: policy all forces enrolment; only the MFA routes work until an app is confirmed, then the session is full', async () => {
    const t = await newTenant();
    const u = await userIn(t, 'manager');
    await setPolicy(t.tenantId, 'all');
    const b = new Browser(u.app);
    const login = await b.login(u.email);
    expect(login.json()).toMatchObject({ stage: 'enrol' });
    expect(login.json().methods).toBeUndefined();
    const enrolCookie = b.cookie;
    expect((await b.get('/api/v1/systems')).statusCode).toBe(401);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await b.get(`${MFA}/pending`)).json()).toMatchObject({ stage: 'enrol', methods: [] });
    expect((await b.get(MFA)).json()).toMatchObject({ totp: { enabled: false }, required: true });
    expect((await b.post(`${MFA}/verify`, { method: 'totp', code: '123456' })).statusCode).toBe(409);
    // only a finished sign-in may remove factors or make new recovery codes
    expect((await b.post(`${MFA}/recovery-codes`, { code: '123456' })).statusCode).toBe(401);

    const setup = (await b.post(`${MFA}/totp/setup`)).json<{ secret: string }>();
    const confirm = await b.post(`${MFA}/totp/confirm`, { code: codeAt(setup.secret) });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ stage: 'full', recoveryCodes: expect.any(Array) });
    expect(confirm.json().csrfToken).not.toBe(login.json().csrfToken);
    expect(b.cookie).not.toBe(enrolCookie);
    expect((await b.get('/api/v1/systems')).statusCode).toBe(200);
    expect((await b.request('GET', '/api/v1/systems', undefined, enrolCookie)).statusCode).toBe(401);
    const session = await sessionOf(b);
    expect(session!.auth_methods).toEqual(['password', 'totp']);

    // The last factor cannot be removed while the tenant requires MFA.
    const refused = await b.del(`${MFA}/totp`, { code: await codeAfterLastStep(u.userId, setup.secret) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: 'urn:tillit:problem:mfa-last-factor',
      title: 'Din organisation kräver tvåstegsverifiering. Lägg till ett annat sätt innan du tar bort det sista.',
    });
    expect((await b.get(MFA)).json().totp.enabled).toBe(true);

    // From now on sign-in asks for the code.
    expect((await new Browser(u.app).login(u.email)).json().stage).toBe('mfa');
  });

  it('D1-39: policy roles requires MFA only of the listed roles', async () => {
    const t = await newTenant();
    const coordinator = await userIn(t, 'coordinator');
    const manager = await userIn(t, 'manager');
    await setPolicy(t.tenantId, 'roles', ['coordinator', 'auditor']);
    expect((await new Browser(coordinator.app).login(coordinator.email)).json().stage).toBe('enrol');
    expect((await new Browser(manager.app).login(manager.email)).json().stage).toBe('full');
    await setPolicy(t.tenantId, 'none', ['coordinator']);
    expect((await new Browser(coordinator.app).login(coordinator.email)).json().stage).toBe('full');
  });

  it('D0-08: signing out ends a half-finished sign-in too', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    await setPolicy(t.tenantId, 'all');
    const b = new Browser(u.app);
    await b.login(u.email);
    const cookie = b.cookie;
    expect((await b.post('/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await b.request('GET', `${MFA}/pending`, undefined, cookie)).statusCode).toBe(401);
  });
});

describe('passkeys (WebAuthn, D0-08)', () => {
  const register = async (b: Browser, key: SoftAuthenticator, name = 'Nyckel') => {
    const options = (await b.post(`${MFA}/webauthn/registration-options`)).json<{ challenge: string }>();
    return b.post(`${MFA}/webauthn/registration`, { response: key.register(options), name });
  };

  it('D0-08: registers a passkey and signs in with it; a wrong challenge or origin is refused and the counter is kept', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    const b = new Browser(u.app);
    await b.login(u.email);
    const key = new SoftAuthenticator();

    const options = (await b.post(`${MFA}/webauthn/registration-options`)).json();
    expect(options).toMatchObject({ rp: { id: 'localhost', name: 'Tillit' }, user: { name: u.email }, attestation: 'none' });
    // An answer to some other challenge is refused.
    const forged = await b.post(`${MFA}/webauthn/registration`, { response: key.register({ challenge: 'aW52ZW50ZWQ' }), name: 'X' });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().type).toBe('urn:tillit:problem:passkey-not-registered');
    // The challenge was used up by the failed attempt.
    expect((await b.post(`${MFA}/webauthn/registration`, { response: key.register(options), name: 'X' })).statusCode).toBe(422);

    const created = await register(b, key, 'Säkerhetsnyckel');
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().passkey).toMatchObject({ id: key.id, name: 'Säkerhetsnyckel', lastUsedAt: null });
    const [stored] = await rows<{ public_key: string; counter: string; transports: string[] }>(
      sql`select public_key, counter, transports from webauthn_credentials where id = ${key.id}`,
    );
    expect(stored!.public_key).toMatch(/^[\w-]+$/);
    expect(Number(stored!.counter)).toBe(0);
    expect(stored!.transports).toEqual(['internal']);
    // The same key twice is refused.
    expect((await register(b, key)).statusCode).toBe(409);

    const login = await b.login(u.email);
    expect(login.json()).toMatchObject({ stage: 'mfa', methods: ['webauthn'] });
    const auth = (await b.post(`${MFA}/webauthn/options`)).json<{ challenge: string; allowCredentials: { id: string }[] }>();
    expect(auth.allowCredentials.map((c) => c.id)).toEqual([key.id]);
    const wrongChallenge = await b.post(`${MFA}/webauthn/verify`, { response: key.authenticate({ challenge: 'b3RoZXI' }) });
    expect(wrongChallenge.statusCode).toBe(401);
    expect(wrongChallenge.json().type).toBe('urn:tillit:problem:invalid-passkey');

    const again = (await b.post(`${MFA}/webauthn/options`)).json<{ challenge: string }>();
    const wrongOrigin = await b.post(`${MFA}/webauthn/verify`, { response: key.authenticate(again, { origin: 'https://evil.example' }) });
    expect(wrongOrigin.statusCode).toBe(401);

    const third = (await b.post(`${MFA}/webauthn/options`)).json<{ challenge: string }>();
    const ok = await b.post(`${MFA}/webauthn/verify`, { response: key.authenticate(third, { counter: 7 }) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().stage).toBe('full');
    expect((await b.get('/api/v1/systems')).statusCode).toBe(200);
    const [after] = await rows<{ counter: string; last_used_at: Date | null }>(
      sql`select counter, last_used_at from webauthn_credentials where id = ${key.id}`,
    );
    expect(Number(after!.counter)).toBe(7);
    expect(after!.last_used_at).not.toBeNull();
    const session = await sessionOf(b);
    expect(session!.auth_methods).toEqual(['password', 'webauthn']);

    // A cloned key shows as a counter that does not move forward: refused.
    await b.login(u.email);
    const fourth = (await b.post(`${MFA}/webauthn/options`)).json<{ challenge: string }>();
    expect((await b.post(`${MFA}/webauthn/verify`, { response: key.authenticate(fourth, { counter: 7 }) })).statusCode).toBe(401);
    const fifth = (await b.post(`${MFA}/webauthn/options`)).json<{ challenge: string }>();
    expect((await b.post(`${MFA}/webauthn/verify`, { response: key.authenticate(fifth, { counter: 8 }) })).statusCode).toBe(200);

    const status = (await b.get(MFA)).json();
    expect(status.passkeys).toEqual([expect.objectContaining({ id: key.id, name: 'Säkerhetsnyckel', lastUsedAt: expect.any(String) })]);
    expect(status.recoveryCodesLeft).toBe(0);
    const audit = await rows<{ action: string; after: unknown }>(
      sql`select action, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${u.userId} and action not like 'auth.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['mfa.passkey.add']);
    expect(JSON.stringify(audit)).not.toContain(stored!.public_key);
  });

  it('D1-39: an enrolling session becomes full by registering a passkey; the only passkey cannot be removed while required', async () => {
    const t = await newTenant();
    const u = await userIn(t);
    await setPolicy(t.tenantId, 'all');
    const b = new Browser(u.app);
    expect((await b.login(u.email)).json().stage).toBe('enrol');
    const enrolCookie = b.cookie;
    const key = new SoftAuthenticator();
    const created = await register(b, key);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ stage: 'full', csrfToken: expect.any(String) });
    expect(b.cookie).not.toBe(enrolCookie);
    expect((await b.get('/api/v1/systems')).statusCode).toBe(200);

    const refused = await b.del(`${MFA}/webauthn/${key.id}`, { password: TEST_PASSWORD });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:tillit:problem:mfa-last-factor');
    // With a second key the first may go; an unknown id is a 404.
    const spare = new SoftAuthenticator();
    expect((await register(b, spare, 'Reserv')).statusCode).toBe(201);
    // removing a key re-checks the password: a session left open must not strip the owner's keys
    const wrong = await b.del(`${MFA}/webauthn/${key.id}`, { password: 'fel-lösenord-helt-och-hållet' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'password', code: 'wrong_password' });
    expect((await b.del(`${MFA}/webauthn/${key.id}`, {})).statusCode).toBe(422);
    expect((await b.del(`${MFA}/webauthn/${key.id}`, { password: TEST_PASSWORD })).json().passkeys).toEqual([
      expect.objectContaining({ name: 'Reserv' }),
    ]);
    expect((await b.del(`${MFA}/webauthn/${key.id}`, { password: TEST_PASSWORD })).statusCode).toBe(404);
    // Someone else's passkey is not found either.
    const other = await userIn(t);
    const ob = new Browser(other.app);
    await ob.login(other.email);
    expect((await ob.post(`${MFA}/totp/setup`)).statusCode).toBe(200);
    expect((await ob.del(`${MFA}/webauthn/${spare.id}`, { password: TEST_PASSWORD })).statusCode).toBe(401);
    await setPolicy(t.tenantId, 'none');
    const ob2 = new Browser(other.app);
    await ob2.login(other.email);
    expect((await ob2.del(`${MFA}/webauthn/${spare.id}`, { password: TEST_PASSWORD })).statusCode).toBe(404);
    await setPolicy(t.tenantId, 'none');
    expect((await b.del(`${MFA}/webauthn/${spare.id}`, { password: TEST_PASSWORD })).json().passkeys).toEqual([]);
  });
});
