import { isIPv6 } from 'node:net';
import { inArray, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { loginThrottle } from '../../db/schema/index.js';
import { Problem } from '../problems.js';

// Throttling of guessable secrets, kept in `login_throttle` so it holds across restarts and across
// several app instances. A key counts failures; once past its free allowance each further attempt
// must wait a growing delay after the last failure, and some keys lock for a while. The check runs
// before any password is verified, so a throttled key costs one indexed read and no argon2 work.
//
// The numbers (NIST SP 800-63B 5.2.2 asks for at most 100 consecutive failures per account):
// - account:<e-mail>  5 failures free, then 1, 2, 4, 8, 16 s; the 10th consecutive failure locks the
//   key for 15 min, and each failure after a lock locks it again: about 100 guesses a day at most.
//   A successful sign-in clears it; 24 h without failures forgets it. Unknown addresses are counted
//   and locked the same way, so the answer tells nothing about which accounts exist.
// - address:<ip>  50 failures free (a municipality's staff often share one NAT address), then 1 s
//   doubling up to 60 s; one failure is forgotten per minute, so ordinary typing mistakes of many
//   people never add up, while password spraying from one address slows to one guess a minute.
//   IPv6 addresses count per /64, the block one subscriber usually holds.
// - password-reset:<e-mail> and password-reset-address:<ip>  3 and 30 reset mails per 15 min, so
//   nobody can flood an inbox through Tillit.
export interface ThrottleRule {
  free: number;
  // wait after the first failure beyond `free`, doubled after each further one, up to maxDelayS
  baseDelayS: number;
  maxDelayS: number;
  lockAt?: number;
  lockS?: number;
  // a key with no failure for this long starts over
  forgetAfterS: number;
  // one failure forgotten per this many seconds
  leakEveryS?: number;
}

export const rules = {
  account: { free: 5, baseDelayS: 1, maxDelayS: 16, lockAt: 10, lockS: 15 * 60, forgetAfterS: 24 * 3600 },
  address: { free: 50, baseDelayS: 1, maxDelayS: 60, forgetAfterS: 3600, leakEveryS: 60 },
  resetAccount: { free: 3, baseDelayS: 15 * 60, maxDelayS: 15 * 60, forgetAfterS: 15 * 60 },
  resetAddress: { free: 30, baseDelayS: 15 * 60, maxDelayS: 15 * 60, forgetAfterS: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

export interface ThrottleKey {
  key: string;
  rule: ThrottleRule;
}

export const normaliseEmail = (email: string) => email.normalize('NFC').trim().toLowerCase().slice(0, 320);

// The part of an address one client controls: the whole IPv4 address, an IPv6 /64.
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const full = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return `${full
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export const accountKey = (email: string): ThrottleKey => ({ key: `account:${normaliseEmail(email)}`, rule: rules.account });

/** The keys a password sign-in (or a re-check of the current password) counts against. */
export const signInKeys = (email: string, ip: string | undefined): ThrottleKey[] => [
  accountKey(email),
  { key: `address:${addressKey(ip)}`, rule: rules.address },
];

export const resetRequestKeys = (email: string, ip: string | undefined): ThrottleKey[] => [
  { key: `password-reset:${normaliseEmail(email)}`, rule: rules.resetAccount },
  { key: `password-reset-address:${addressKey(ip)}`, rule: rules.resetAddress },
];

/** A 429 whose wait the route hands on as Retry-After (see retryAfterHook). */
export class Throttled extends Problem {
  constructor(
    readonly retryAfterS: number,
    text: { sv: string; en: string },
  ) {
    super('rate-limited', text);
  }
}

function wait(seconds: number): { sv: string; en: string } {
  if (seconds === 1) return { sv: '1 sekund', en: '1 second' };
  if (seconds < 60) return { sv: `${seconds} sekunder`, en: `${seconds} seconds` };
  const m = Math.ceil(seconds / 60);
  return { sv: `${m} ${m === 1 ? 'minut' : 'minuter'}`, en: `${m} ${m === 1 ? 'minute' : 'minutes'}` };
}

export const signInThrottled = (s: number) =>
  new Throttled(s, {
    sv: `För många misslyckade inloggningsförsök. Vänta ${wait(s).sv} och försök igen.`,
    en: `Too many failed sign-in attempts. Wait ${wait(s).en} and try again.`,
  });

export const resetThrottled = (s: number) =>
  new Throttled(s, {
    sv: `Det har redan skickats flera länkar. Vänta ${wait(s).sv} innan du begär en ny, och titta under tiden i skräpposten.`,
    en: `Several links have already been sent. Wait ${wait(s).en} before asking for a new one, and meanwhile check your spam folder.`,
  });

// The count a key has now, after forgetting and leaking: the same expression in SQL and here.
function effectiveSql(rule: ThrottleRule) {
  const t = sql.raw('login_throttle');
  const idle = sql`extract(epoch from (now() - ${t}.last_failure_at))`;
  const leaked = rule.leakEveryS ? sql`greatest(${t}.failures - floor(${idle} / ${rule.leakEveryS})::int, 0)` : sql`${t}.failures`;
  return sql`(case when ${idle} >= ${rule.forgetAfterS} then 0 else ${leaked} end)`;
}

function delayFor(rule: ThrottleRule, failures: number): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.baseDelayS * 2 ** (failures - rule.free), rule.maxDelayS);
}

/** Seconds the caller must still wait before trying any of these keys again (0 = go ahead). */
export async function throttleWait(db: Db, keys: readonly ThrottleKey[]): Promise<number> {
  const rows = await db
    .select({
      key: loginThrottle.key,
      failures: loginThrottle.failures,
      idleS: sql<number>`extract(epoch from (now() - ${loginThrottle.lastFailureAt}))`.mapWith(Number),
      lockLeftS: sql<number>`coalesce(extract(epoch from (${loginThrottle.lockedUntil} - now())), 0)`.mapWith(Number),
    })
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    );
  let longest = 0;
  for (const row of rows) {
    const rule = keys.find((k) => k.key === row.key)!.rule;
    let failures = row.idleS >= rule.forgetAfterS ? 0 : row.failures;
    if (rule.leakEveryS) failures = Math.max(failures - Math.floor(row.idleS / rule.leakEveryS), 0);
    longest = Math.max(longest, row.lockLeftS, delayFor(rule, failures) - row.idleS);
  }
  return longest > 0 ? Math.ceil(longest) : 0;
}

/** Throws `make(wait)` when any key must still wait. */
export async function assertNotThrottled(db: Db, keys: readonly ThrottleKey[], make = signInThrottled): Promise<void> {
  const s = await throttleWait(db, keys);
  if (s > 0) throw make(s);
}

let lastSweep = 0;

/** Counts one failure on each key: one UPSERT per key, so concurrent failures are never lost. */
export async function recordFailure(db: Db, keys: readonly ThrottleKey[]): Promise<void> {
  for (const { key, rule } of keys) {
    const next = sql`${effectiveSql(rule)} + 1`;
    const lockAt = rule.lockAt ?? 2 ** 31 - 1;
    const lockS = rule.lockS ?? 0;
    await db
      .insert(loginThrottle)
      .values({
        key,
        failures: 1,
        lastFailureAt: sql`now()`,
        lockedUntil: lockAt <= 1 ? sql`now() + make_interval(secs => ${lockS})` : null,
      })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          // Both right-hand sides read the row as it was before this update.
          failures: next,
          lockedUntil: sql`case when ${next} >= ${lockAt} then now() + make_interval(secs => ${lockS}) else login_throttle.locked_until end`,
          lastFailureAt: sql`now()`,
        },
      });
  }
  // Keys of made-up addresses pile up under attack: drop the forgotten ones now and then.
  if (Date.now() - lastSweep > 10 * 60_000) {
    lastSweep = Date.now();
    await db.execute(
      sql`delete from login_throttle where last_failure_at < now() - interval '1 day' and (locked_until is null or locked_until < now())`,
    );
  }
}

/** A success forgets the account's failures (never the address's: one valid account must not
 *  reset an attacker's count). */
export async function clearThrottle(db: Db, keys: readonly ThrottleKey[]): Promise<void> {
  await db.delete(loginThrottle).where(
    inArray(
      loginThrottle.key,
      keys.map((k) => k.key),
    ),
  );
}

/** onError hook: a throttled answer tells the client how long to wait (RFC 9110 Retry-After). */
export async function retryAfterHook(_req: FastifyRequest, reply: FastifyReply, err: Error): Promise<void> {
  if (err instanceof Throttled) reply.header('retry-after', String(err.retryAfterS));
}
