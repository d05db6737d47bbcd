import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, TEST_PASSWORD, uniq } from '../../../../test/helpers/app.js';
import { startSmtp, type TestSmtp } from '../../../../test/helpers/smtp.js';
import { buildApp } from '../../app.js';
import { sha256 } from '../../platform/auth/sessions.js';
import { createAuthService } from '../auth/auth.service.js';

const PUBLIC_URL = 'https://tillit.kommun.example';
const NEW_PASSWORD = 'Blåbär i skogen vid sjön';
const newAddress = () => `203.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

interface Session {
  cookie: string;
  csrfToken: string;
}

let smtp: TestSmtp;
let app: FastifyInstance;

beforeAll(async () => {
  smtp = await startSmtp();
  const { database } = await testApp();
  // The shared database, with mail going to a real SMTP server on loopback.
  app = await buildApp({ database, webRoot: null, mail: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL } });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function newUser(opts: { tenantName?: string; displayName?: string } = {}) {
  const { database } = await testApp();
  const email = `lösen-${uniq()}@kommun.example`;
  const tenantName = opts.tenantName ?? `Testkommun ${uniq()}`;
  const r = await createAuthService(database.db).ensureUser({
    tenantName,
    email,
    password: TEST_PASSWORD,
    role: 'manager',
    displayName: opts.displayName ?? 'Lisa Lösen',
  });
  return { email, userId: r.userId, tenantId: r.tenantId, tenantName };
}

function post(url: string, body: unknown, opts: { session?: Session; ip?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.session) {
    headers.cookie = opts.session.cookie;
    headers['x-csrf-token'] ??= opts.session.csrfToken;
  }
  return app.inject({ method: 'POST', url, payload: body as object, headers, remoteAddress: opts.ip ?? newAddress() });
}

async function signIn(email: string, password = TEST_PASSWORD, ip?: string): Promise<Session> {
  const res = await post('/api/v1/auth/login', { email, password }, { ip });
  if (res.statusCode !== 200) throw new Error(`login ${res.statusCode} ${res.body}`);
  return { cookie: `tillit_session=${res.cookies.find((c) => c.name === 'tillit_session')!.value}`, csrfToken: res.json().csrfToken };
}

const me = (s: Session) => app.inject({ url: '/api/v1/auth/me', headers: { cookie: s.cookie } });

async function requestLink(email: string, ip?: string): Promise<string> {
  const before = smtp.messages.length;
  const res = await post('/api/v1/auth/password-reset', { email }, { ip });
  expect(res.statusCode).toBe(202);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mail = smtp.messages.slice(before).find((m) => m.to.includes(email));
    if (mail) return /#token=([\w-]+)/.exec(mail.text)![1]!;
    if (Date.now() > deadline) throw new Error(`no mail to ${email}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const confirm = (token: string, password: string) => post('/api/v1/auth/password-reset/confirm', { token, password });

describe('password reset by e-mail (D1-39)', () => {
  it('D1-39: mails a single-use link (no password in it) over SMTP; the link sets a new password once, ends all sessions and is audited', async () => {
    const u = await newUser();
    const laptop = await signIn(u.email);
    const phone = await signIn(u.email);

    const res = await post('/api/v1/auth/password-reset', { email: u.email });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ message: 'Om adressen finns hos oss har vi skickat en länk. Den gäller i 30 minuter.' });
    const mail = await smtp.waitFor(u.email);
    expect(mail.subject).toBe('Återställ ditt lösenord i Tillit / Reset your Tillit password');
    expect(mail.from).toBe('no-reply@tillit.kommun.example');
    const token = /https:\/\/tillit\.kommun\.example\/reset-password#token=([\w-]{43})\n/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    expect(mail.raw).not.toContain(TEST_PASSWORD);
    expect(mail.text).toContain('gäller i 30 minuter');

    // Only the token's hash is stored, valid for 30 minutes.
    const stored = await rows<{ token_hash: string; minutes: number }>(
      sql`select token_hash, round(extract(epoch from expires_at - created_at) / 60)::int as minutes from password_reset_tokens where user_id = ${u.userId}`,
    );
    expect(stored).toEqual([{ token_hash: sha256(token!), minutes: 30 }]);

    // D0-19: the policy applies; a refused password does not use up the link.
    const weak = await confirm(token!, 'qwerty123456');
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors).toEqual([
      {
        field: 'password',
        code: 'password_common',
        message: 'Lösenordet finns på listor över vanliga eller läckta lösenord. Välj ett annat, gärna en fras av flera ord.',
      },
    ]);

    expect((await confirm(token!, NEW_PASSWORD)).statusCode).toBe(204);
    const again = await confirm(token!, 'Ett annat långt lösenord');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({
      type: 'urn:tillit:problem:invalid-token',
      title: 'Länken är ogiltig, redan använd eller för gammal. Begär en ny länk.',
    });

    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    await signIn(u.email, NEW_PASSWORD);

    const audit = await rows<{ action: string; entity_type: string; entity_id: string; actor_user_id: string; after: unknown }>(
      sql`select action, entity_type, entity_id, actor_user_id, after from audit_events
          where tenant_id = ${u.tenantId} and action like 'password-reset%' order by seq`,
    );
    expect(audit).toEqual([
      {
        action: 'password-reset-requested',
        entity_type: 'user',
        entity_id: u.userId,
        actor_user_id: u.userId,
        after: { validMinutes: 30 },
      },
      {
        action: 'password-reset',
        entity_type: 'user',
        entity_id: u.userId,
        actor_user_id: u.userId,
        after: { passwordChangedAt: expect.any(String), sessionsEnded: 2 },
      },
    ]);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(token!);
    expect(text).not.toContain(NEW_PASSWORD);
    const [changed] = await rows<{ recent: boolean }>(
      sql`select password_changed_at > now() - interval '1 minute' as recent from users where id = ${u.userId}`,
    );
    expect(changed!.recent).toBe(true);
  });

  it('D1-39: answers an unknown address, a disabled account and a single sign-on account exactly the same, and mails none of them', async () => {
    const known = await newUser();
    const disabled = await newUser();
    const sso = await newUser();
    await rows(sql`update users set disabled_at = now() where id = ${disabled.userId}`);
    await rows(sql`update users set password_hash = null where id = ${sso.userId}`);
    const unknown = `finns-inte-${uniq()}@kommun.example`;

    const answers = [];
    for (const email of [known.email, unknown, disabled.email, sso.email]) {
      const res = await post('/api/v1/auth/password-reset', { email });
      answers.push({ status: res.statusCode, body: res.body, type: res.headers['content-type'] });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await smtp.waitFor(known.email);
    // The known address's mail has arrived; give the others the same time again.
    await new Promise((r) => setTimeout(r, 300));
    for (const email of [unknown, disabled.email, sso.email]) expect(smtp.messages.some((m) => m.to.includes(email))).toBe(false);
    const tokens = await rows<{ n: number }>(
      sql`select count(*)::int as n from password_reset_tokens where user_id in (${disabled.userId}, ${sso.userId})`,
    );
    expect(tokens[0]!.n).toBe(0);
  });

  it('D1-39: a newer link replaces the older one, and an expired link fails', async () => {
    const u = await newUser();
    const ip = newAddress();
    const first = await requestLink(u.email, ip);
    const second = await requestLink(u.email, ip);
    expect(second).not.toBe(first);
    expect((await confirm(first, NEW_PASSWORD)).statusCode).toBe(400);
    await rows(sql`update password_reset_tokens set expires_at = now() - interval '1 second' where token_hash = ${sha256(second)}`);
    const expired = await confirm(second, NEW_PASSWORD);
    expect(expired.statusCode).toBe(400);
    expect(expired.json().type).toBe('urn:tillit:problem:invalid-token');
    expect((await confirm('inte-en-riktig-kod', NEW_PASSWORD)).statusCode).toBe(400);
    await signIn(u.email);
  });

  it('D1-39: limits reset mails to 3 per address in 15 minutes (429 with Retry-After), whether or not the account exists', async () => {
    const u = await newUser();
    const unknown = `finns-inte-${uniq()}@kommun.example`;
    for (const email of [u.email, unknown]) {
      for (let i = 0; i < 3; i++) expect((await post('/api/v1/auth/password-reset', { email })).statusCode).toBe(202);
      const fourth = await post('/api/v1/auth/password-reset', { email });
      expect(fourth.statusCode).toBe(429);
      expect(fourth.headers['retry-after']).toBe('900');
      expect(fourth.json().detail).toBe(
        'Det har redan skickats flera länkar. Vänta 15 minuter innan du begär en ny, och titta under tiden i skräpposten.',
      );
    }
  });

  it('D1-39: a reset lifts a lockout that someone else caused by guessing', async () => {
    const u = await newUser();
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) {
      await rows(sql`update login_throttle set last_failure_at = now() - interval '20 seconds' where key = ${`account:${u.email}`}`);
      expect((await post('/api/v1/auth/login', { email: u.email, password: `gissning-${i}-abc` }, { ip: attacker })).statusCode).toBe(401);
    }
    expect((await post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(429);
    const token = await requestLink(u.email);
    expect((await confirm(token, NEW_PASSWORD)).statusCode).toBe(204);
    await signIn(u.email, NEW_PASSWORD);
  });

  it('D0-19: the new password may not build on the user’s name, e-mail or organisation', async () => {
    const u = await newUser({ tenantName: `Hjoö kommun ${uniq()}`, displayName: 'Lisa Lösen' });
    const token = await requestLink(u.email);
    for (const [password, code] of [
      ['kort', 'password_too_short'],
      ['LisaLösen2026', 'password_context'],
      [`${u.email.split('@')[0]}!!`, 'password_context'],
      ['Tillit-2026-tillit', 'password_context'],
    ] as const) {
      const res = await confirm(token, password);
      expect(res.statusCode, password).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ field: 'password', code });
    }
    expect((await confirm(token, NEW_PASSWORD)).statusCode).toBe(204);
  });

  it('refuses a reset request posted from another site', async () => {
    const res = await post(
      '/api/v1/auth/password-reset',
      { email: 'x@kommun.example' },
      { headers: { origin: 'https://evil.example', host: 'tillit.kommun.example' } },
    );
    expect(res.statusCode).toBe(403);
  });

  it('without SMTP writes the reset mail as an .eml file to the outbox', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tillit-outbox-'));
    const { database } = await testApp();
    const local = await buildApp({ database, webRoot: null, mail: { outboxDir: dir, publicUrl: 'http://localhost:3000' } });
    try {
      const u = await newUser();
      const res = await local.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: u.email },
        remoteAddress: newAddress(),
      });
      expect(res.statusCode).toBe(202);
      let files: string[] = [];
      for (let i = 0; i < 200 && files.length === 0; i++) {
        files = await readdir(dir).catch(() => []);
        if (!files.length) await new Promise((r) => setTimeout(r, 25));
      }
      expect(files).toHaveLength(1);
      const eml = await readFile(path.join(dir, files[0]!), 'utf8');
      expect(eml).toContain(`To: ${u.email}`);
      expect(eml.replace(/=\r?\n/g, '')).toMatch(/http:\/\/localhost:3000\/reset-password#token=[\w-]{43}/);
    } finally {
      await local.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('changing one’s own password (D1-39)', () => {
  const change = (s: Session, body: unknown, ip?: string) => post('/api/v1/auth/password', body, { session: s, ip });

  it('D1-39: a wrong current password is a 422 on currentPassword and counts as a failed sign-in', async () => {
    const u = await newUser();
    const ip = newAddress();
    const s = await signIn(u.email, TEST_PASSWORD, ip);
    const res = await change(s, { currentPassword: 'inte-rätt-lösenord', newPassword: NEW_PASSWORD }, ip);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      {
        field: 'currentPassword',
        code: 'wrong_password',
        message: 'Det nuvarande lösenordet stämmer inte. Skriv lösenordet du loggade in med.',
      },
    ]);
    const [t] = await rows<{ failures: number }>(sql`select failures from login_throttle where key = ${`account:${u.email}`}`);
    expect(t!.failures).toBe(1);
    // Four more wrong guesses, then the next try must wait, even with the right password.
    for (let i = 0; i < 4; i++)
      expect((await change(s, { currentPassword: `fel-${i}-lösenord`, newPassword: NEW_PASSWORD }, ip)).statusCode).toBe(422);
    const throttled = await change(s, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, ip);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.headers['retry-after']).toBe('1');
  });

  it('D1-39 D0-19: changes the password: other sessions end, this one goes on with a new cookie and CSRF token; audited', async () => {
    const u = await newUser();
    const other = await signIn(u.email);
    const s = await signIn(u.email);
    expect((await change(s, { currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' })).json().errors[0]).toMatchObject({
      field: 'newPassword',
      code: 'password_common',
    });
    expect((await change(s, { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })).json().errors[0]).toMatchObject({
      field: 'newPassword',
      code: 'same_as_current',
    });

    const res = await change(s, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tillit_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const fresh: Session = { cookie: `tillit_session=${cookie.value}`, csrfToken: res.json().csrfToken };
    expect(fresh.cookie).not.toBe(s.cookie);
    expect(fresh.csrfToken).not.toBe(s.csrfToken);

    expect((await me(fresh)).statusCode).toBe(200);
    expect((await me(s)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
    // The new CSRF token goes with the new cookie.
    expect((await post('/api/v1/auth/logout', undefined, { session: { cookie: fresh.cookie, csrfToken: s.csrfToken } })).statusCode).toBe(
      403,
    );

    expect((await post('/api/v1/auth/login', { email: u.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    await signIn(u.email, NEW_PASSWORD);
    const audit = await rows<{ action: string; after: { sessionsEnded: number } }>(
      sql`select action, after from audit_events where tenant_id = ${u.tenantId} and entity_id = ${u.userId} and action = 'password-change'`,
    );
    expect(audit).toEqual([{ action: 'password-change', after: { passwordChangedAt: expect.any(String), sessionsEnded: 1 } }]);
  });

  it('D1-39: needs a session and the session’s CSRF token', async () => {
    const u = await newUser();
    const s = await signIn(u.email);
    const body = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD };
    expect((await post('/api/v1/auth/password', body)).statusCode).toBe(401);
    expect((await post('/api/v1/auth/password', body, { session: s, headers: { 'x-csrf-token': 'förfalskad' } })).statusCode).toBe(403);
    expect((await me(s)).statusCode).toBe(200);
  });
});
