// The audit-trail half of the benchmark, in its own process and database: loads a deterministic chain
// through the real trigger, then measures verification against the raw read of the same rows and the
// cost of recordAudit() on a register write. Sends its result to run.ts.
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/server/db/rows.js';
import { withTenant } from '../src/server/db/tenant.js';
import { createAuthService } from '../src/server/modules/auth/auth.service.js';
import { verifyChain, type Queryable } from '../src/server/modules/audit/audit.chain.js';
import { presentSystem } from '../src/server/modules/systems/systems.presenter.js';
import { findSystem, lockSystem, updateSystem } from '../src/server/modules/systems/systems.repository.js';
import { recordAudit, type RequestContext } from '../src/server/platform/audit.js';
import { snapshot } from '../src/server/platform/tracked-change.js';
import { checkParallel, verificationMeasurements, type Profile } from './audit-profile.js';
import { seedAuditEvents, seedSystems } from './data.js';
import { openBenchDatabase } from './database.js';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 3);
const WRITES = Number(process.env.BENCH_AUDIT_WRITES ?? 2000);
const CONCURRENCY = 8;
// Without statistics verifyChain's cost grows with the square of the chain: timed only up to here.
const NO_STATISTICS_LIMIT = 500_000;

const { database, kind, drop } = await openBenchDatabase(CONCURRENCY + 2);
const db = database.db;
const { tenantId, userId } = await createAuthService(db).ensureUser({
  tenantName: 'Benchkommun',
  email: 'bench@bench.example',
  password: 'Bench-lösenord-123',
  role: 'coordinator',
});
const systemIds = await seedSystems(db, tenantId, 64);

const seconds = async (work: () => Promise<unknown>) => {
  const t = performance.now();
  await work();
  return (performance.now() - t) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rate = (n: number, s: number) => Math.round(n / s);

// Loaded with no planner statistics on the table, as the embedded database (no autovacuum) always is
// and a PostgreSQL table is until autovacuum analyzes it: verification is timed once like that.
await db.execute(sql`alter table audit_events set (autovacuum_enabled = false)`);
const loadSeconds = await seconds(() => seedAuditEvents(db, tenantId, userId, EVENTS));
const timeVerify = (q: Queryable) =>
  seconds(async () => {
    const report = await verifyChain(q, tenantId);
    if (report.status !== 'intact' || report.checked !== EVENTS) throw new Error(`unexpected report: ${JSON.stringify(report)}`);
  });
const noStatistics = EVENTS <= NO_STATISTICS_LIMIT ? await timeVerify(db) : null;
const rangeNoStatistics = await seconds(() => checkParallel(db, tenantId, EVENTS, 1, 'js'));
await db.execute(sql`alter table audit_events reset (autovacuum_enabled)`);
await db.execute(sql`analyze audit_events`);
const [sizes] = await queryRows<{ before: number; after: number; canonical: number }>(
  db,
  sql`select avg(coalesce(length(before::text), 0))::int as before, avg(coalesce(length(after::text), 0))::int as after,
    avg(length(audit_canonical(e)))::int as canonical from audit_events e where tenant_id = ${tenantId}`,
);

// The limit: verifyChain's own read (same bounded ranges, the canonical text rendered in SQL) without
// the hash or the checks. Every run times each measurement once, in turn, and the median run counts.
async function limitRead(): Promise<number> {
  for (let lo = 0; lo < EVENTS; lo += 10_000)
    await queryRows(
      db,
      sql`select e.tenant_seq, e.prev_hash, e.hash, length(audit_canonical(e)) > 0 as ok from audit_events e
        where e.tenant_id = ${tenantId} and e.tenant_seq > ${lo} and e.tenant_seq <= ${lo + 10_000} order by e.tenant_seq`,
    );
  return EVENTS;
}
const measurements: Record<string, () => Promise<number>> = {
  verify: () => timeVerify(db).then(() => EVENTS),
  verifyAsApi: () => withTenant(db, tenantId, (tx) => timeVerify(tx)).then(() => EVENTS),
  limit: limitRead,
  ...(await verificationMeasurements(db, tenantId, EVENTS, kind === 'embedded' ? 1 : CONCURRENCY)),
};
const rates: Record<string, number[]> = {};
for (let run = 0; run < RUNS; run++) {
  for (const [name, measure] of Object.entries(measurements)) {
    const t = performance.now();
    const n = await measure();
    (rates[name] ??= []).push(n / ((performance.now() - t) / 1000));
  }
}
const {
  verify: v,
  verifyAsApi,
  limit,
  ...profile
} = Object.fromEntries(Object.entries(rates).map(([k, xs]) => [k, Math.round(median(xs))]));
const verify = {
  events: EVENTS,
  loadEventsPerSecond: rate(EVENTS, loadSeconds),
  averageBytes: sizes,
  runs: RUNS,
  eventsPerSecond: v!,
  eventsPerSecondAsApi: verifyAsApi!,
  eventsPerSecondNoStatistics: noStatistics === null ? null : rate(EVENTS, noStatistics),
  rangeBatchesNoStatistics: rate(EVENTS, rangeNoStatistics),
  limitEventsPerSecond: limit!,
  ratioToLimit: Number((v! / limit!).toFixed(2)),
  profile: profile as Profile,
};

// One register write as trackedChange makes it (lock, read, update, read, present), with and without
// the recordAudit() call; each worker changes its own system so only the audit chain's head row is shared.
const ctx: RequestContext = {
  actor: {
    userId,
    tenantId,
    roles: ['coordinator'],
    grants: [{ role: 'coordinator', scope: { type: 'tenant' } }],
    email: 'bench@bench.example',
    displayName: 'Bench',
  },
  requestId: 'bench',
  clientAddress: '127.0.0.1',
};
let counter = 0;
// Times the whole transaction and two parts of it: the recordAudit() call (the insert, the trigger and
// any wait for the chain head's row lock) and the commit.
interface Sample {
  total: number;
  audit: number;
  commit: number;
}
async function write(id: string, audit: boolean): Promise<Sample> {
  const t = performance.now();
  // the protection level is not what this measures: a fixed one keeps the snapshot the same size
  const flat = { confidentiality: 0, integrity: 0, availability: 0, traceability: 0 };
  let auditMs = 0;
  let workEnd = 0;
  await withTenant(db, tenantId, async (tx) => {
    await lockSystem(tx, tenantId, id);
    const b = (await findSystem(tx, tenantId, id))!;
    await updateSystem(tx, tenantId, id, { description: `Verksamhetssystem för handläggning, ändring ${++counter}` });
    const a = (await findSystem(tx, tenantId, id))!;
    const before = snapshot(presentSystem(ctx.actor, b, b.costs, b.assets, flat));
    const after = snapshot(presentSystem(ctx.actor, a, a.costs, a.assets, flat));
    if (audit) {
      const s = performance.now();
      await recordAudit(tx, ctx, { action: 'system.update', entityType: 'system', entityId: id, before, after });
      auditMs = performance.now() - s;
    }
    workEnd = performance.now();
  });
  const end = performance.now();
  return { total: end - t, audit: auditMs, commit: end - workEnd };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Number(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!.toFixed(2));
};
const pcts = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) });
const stats = (xs: Sample[], wallSeconds: number) => ({
  ...pcts(xs.map((x) => x.total)),
  writesPerSecond: rate(xs.length, wallSeconds),
  recordAudit: pcts(xs.map((x) => x.audit)),
  commit: pcts(xs.map((x) => x.commit)),
});

// The two variants alternate in blocks so drift (vacuum, caches, table growth) falls on both alike.
async function overhead(concurrency: number) {
  const block = Math.max(concurrency, Math.min(50, Math.floor(WRITES / concurrency)) * concurrency);
  const samples = { without: [] as Sample[], with: [] as Sample[] };
  const wall = { without: 0, with: 0 };
  const phase = async (audit: boolean, keep: boolean) => {
    const w = await seconds(() =>
      Promise.all(
        Array.from({ length: concurrency }, async (_, k) => {
          for (let i = 0; i < block / concurrency; i++) {
            const sample = await write(systemIds[k]!, audit);
            if (keep) samples[audit ? 'with' : 'without'].push(sample);
          }
        }),
      ),
    );
    if (keep) wall[audit ? 'with' : 'without'] += w;
  };
  await phase(false, false);
  await phase(true, false);
  for (let round = 0; round * block < WRITES; round++) {
    await phase(round % 2 === 0, true);
    await phase(round % 2 !== 0, true);
  }
  const without = stats(samples.without, wall.without);
  const withAudit = stats(samples.with, wall.with);
  return {
    concurrency,
    writes: samples.with.length,
    without,
    with: withAudit,
    p50DifferenceMs: Number((withAudit.p50 - without.p50).toFixed(2)),
    p95DifferenceMs: Number((withAudit.p95 - without.p95).toFixed(2)),
  };
}
const writes = WRITES > 0 ? [await overhead(1), await overhead(CONCURRENCY)] : [];

process.send!({ kind, verify, writes });
await database.close();
await drop();
process.exit(0);
