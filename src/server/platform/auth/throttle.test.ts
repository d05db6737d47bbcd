import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testApp, TEST_PASSWORD, uniq } from '../../../../test/helpers/app.js';
import { createAuthService } from '../../modules/auth/auth.service.js';
import { addressKey } from './throttle.js';

// Each test signs in from its own documentation-range address, so the per-address count of one
// test (or of other test files sharing the app) never spills into another.
const newAddress = () => `198.51.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

async function signIn(email: string, password: string, address: string) {
  const { app } = await testApp();
  return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: address });
}

async function newUser() {
  const { database } = await testApp();
  const email = `spärr-${uniq()}@test.example`;
  await createAuthService(database.db).ensureUser({ tenantName: `Testkommun ${uniq()}`, email, password: TEST_PASSWORD, role: 'manager' });
  return email;
}

// Time passes for a key without waiting: its last failure moves into the past.
async function age(key: string, seconds: number) {
  const { database } = await testApp();
  await database.db.execute(
    sql`update login_throttle set last_failure_at = last_failure_at - make_interval(secs => ${seconds}) where key = ${key}`,
  );
}

async function row(key: string) {
  const { database } = await testApp();
  const r = (await database.db.execute(
    sql`select failures, locked_until is not null and locked_until > now() as locked from login_throttle where key = ${key}`,
  )) as unknown as { rows: { failures: number; locked: boolean }[] };
  return r.rows[0] ?? null;
}

describe('sign-in throttling per account and per address (D1-39)', () => {
  it('D1-39: after 5 failures each attempt must wait a growing delay (429 rate-limited with Retry-After 1, 2, 4 s), even with the right password', async () => {
    const email = await newUser();
    const ip = newAddress();
    for (let i = 0; i < 5; i++) expect((await signIn(email, `fel-lösenord-${i}`, ip)).statusCode).toBe(401);

    const early = await signIn(email, TEST_PASSWORD, ip);
    expect(early.statusCode).toBe(429);
    expect(early.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(early.headers['retry-after']).toBe('1');
    expect(early.json()).toMatchObject({ type: 'urn:tillit:problem:rate-limited', status: 429 });
    expect(early.json().detail).toBe('För många misslyckade inloggningsförsök. Vänta 1 sekund och försök igen.');
    // The refused attempt did not count.
    expect((await row(`account:${email}`))!.failures).toBe(5);

    for (const expected of ['2', '4', '8']) {
      await age(`account:${email}`, 20);
      expect((await signIn(email, 'fel-igen-lösenord', ip)).statusCode).toBe(401);
      const res = await signIn(email, TEST_PASSWORD, ip);
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe(expected);
    }
  });

  it('D1-39: the 10th consecutive failure locks the account key for 15 minutes, with the same answer for an unknown account; a success afterwards clears it', async () => {
    const email = await newUser();
    const unknown = `finns-inte-${uniq()}@test.example`;
    const ip = newAddress();
    for (const who of [email, unknown]) {
      for (let i = 0; i < 10; i++) {
        await age(`account:${who}`, 20);
        expect((await signIn(who, `fel-lösenord-${i}`, ip)).statusCode, `${who} attempt ${i + 1}`).toBe(401);
      }
      expect(await row(`account:${who}`)).toEqual({ failures: 10, locked: true });
    }
    // Past the delay, but locked: the right password gets the same answer as a guess at a made-up account.
    await age(`account:${email}`, 60);
    await age(`account:${unknown}`, 60);
    const locked = await signIn(email, TEST_PASSWORD, ip);
    const lockedUnknown = await signIn(unknown, TEST_PASSWORD, ip);
    expect(locked.statusCode).toBe(429);
    expect(lockedUnknown.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(locked.json()).toEqual(lockedUnknown.json());
    expect(locked.json().detail).toMatch(/^För många misslyckade inloggningsförsök. Vänta (14|15) minuter och försök igen.$/);

    // The lock runs out: the right password works and forgets the failures.
    const { database } = await testApp();
    await database.db.execute(sql`update login_throttle set locked_until = now() - interval '1 second' where key = ${`account:${email}`}`);
    expect((await signIn(email, TEST_PASSWORD, ip)).statusCode).toBe(200);
    expect(await row(`account:${email}`)).toBeNull();
    expect((await signIn(email, 'fel-lösenord-x', ip)).statusCode).toBe(401);
    expect((await row(`account:${email}`))!.failures).toBe(1);
  });

  it('D1-39: successful sign-ins never count, and a success clears earlier failures of the account', async () => {
    const email = await newUser();
    const ip = newAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await signIn(email, `fel-lösenord-${i}`, ip)).statusCode).toBe(401);
      expect((await signIn(email, TEST_PASSWORD, ip)).statusCode).toBe(200);
    }
    expect(await row(`account:${email}`)).toBeNull();
    // Twelve failures from this address so far, far below its allowance; successes added nothing.
    expect((await row(`address:${ip}`))!.failures).toBe(12);
  });

  it('D1-39: 50 failures from one address across many accounts slow that address down, not others', async () => {
    const email = await newUser();
    const sprayer = newAddress();
    for (let i = 0; i < 50; i++) {
      expect((await signIn(`spray-${i}-${uniq()}@test.example`, 'Sommar2026!', sprayer)).statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const next = await signIn(`spray-next-${uniq()}@test.example`, 'Sommar2026!', sprayer);
    expect(next.statusCode).toBe(429);
    expect(next.headers['retry-after']).toBe('1');
    // Someone else, from another address, signs in as usual.
    expect((await signIn(email, TEST_PASSWORD, newAddress())).statusCode).toBe(200);
    // The address forgets one failure a minute: five minutes later it may try again at once.
    await age(`address:${sprayer}`, 5 * 60);
    expect((await signIn(email, TEST_PASSWORD, sprayer)).statusCode).toBe(200);
  }, 60_000);

  it('counts an IPv6 client per /64 and an IPv4-mapped address as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
