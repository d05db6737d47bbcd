// Benchmarks against limits measured in the same run, written to bench/results/ as JSON and Markdown.
// Registers: each endpoint against a bare route on the same database running the same SQL without
// session, access check or row-level security. Audit trail (bench/audit.ts): chain verification against
// the raw read of the same rows, and a register write with and without its audit event.
// BENCH_DATABASE_URL runs it on a PostgreSQL server; BENCH_SUITES picks registers and/or audit.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { Profile } from './audit-profile.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SUITES = (process.env.BENCH_SUITES ?? 'registers,audit').split(',');

interface Ready {
  port: number;
  id: string;
  kind: string;
  systems: number;
}

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  non2xx: number;
}

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

interface Latency extends Percentiles {
  writesPerSecond: number;
  recordAudit: Percentiles;
  commit: Percentiles;
}

interface AuditResult {
  kind: string;
  verify: {
    events: number;
    loadEventsPerSecond: number;
    averageBytes: { before: number; after: number; canonical: number };
    runs: number;
    eventsPerSecond: number;
    eventsPerSecondAsApi: number;
    eventsPerSecondNoStatistics: number | null;
    rangeBatchesNoStatistics: number;
    limitEventsPerSecond: number;
    ratioToLimit: number;
    profile: Profile;
  };
  writes: { concurrency: number; writes: number; without: Latency; with: Latency; p50DifferenceMs: number; p95DifferenceMs: number }[];
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return {
    name,
    requestsPerSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    non2xx: r.non2xx,
  };
}

// Forks one bench process; its first message is its answer.
async function child<T>(file: string): Promise<{ proc: ChildProcess; message: T }> {
  const proc = fork(file, { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const message = await new Promise<T>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as T));
    proc.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
  return { proc, message };
}

async function registers() {
  const { proc: server, message: ready } = await child<Ready>('bench/server.ts');
  try {
    const base = `http://127.0.0.1:${ready.port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@bench.example', password: 'Bench-lösenord-123' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const pairs = [
      ['systems list', `${base}/api/v1/systems?limit=50`, `${base}/bench/raw/systems`],
      ['system detail', `${base}/api/v1/systems/${ready.id}`, `${base}/bench/raw/systems/${ready.id}`],
    ] as const;
    const rows = [];
    for (const [name, url, raw] of pairs) {
      const limit = await load(`${name} (limit)`, raw);
      const real = await load(name, url, { cookie });
      rows.push({ ...real, limit, ratioToLimit: Number((real.requestsPerSecond / limit.requestsPerSecond).toFixed(2)) });
    }
    const search = await load('systems search', `${base}/api/v1/systems?q=${encodeURIComponent('system 1')}`, { cookie });
    rows.push({ ...search, limit: null, ratioToLimit: null });
    return { kind: ready.kind, systems: ready.systems, rows };
  } finally {
    server.send('stop');
    await new Promise((r) => server.once('exit', r));
  }
}

const reg = SUITES.includes('registers') ? await registers() : null;
const audit = SUITES.includes('audit') ? (await child<AuditResult>('bench/audit.ts')).message : null;
const kind = reg?.kind ?? audit?.kind ?? 'none';

const result = {
  at: new Date().toISOString(),
  database: kind,
  ...(reg && { systems: reg.systems, connections: CONNECTIONS, durationSeconds: DURATION, rows: reg.rows }),
  ...(audit && { audit: { verify: audit.verify, writes: audit.writes } }),
};

const md: string[] = [`# Benchmark ${result.at.slice(0, 16).replace('T', ' ')} UTC, ${kind}`, ''];
if (reg) {
  md.push(`## Registers (${reg.systems} systems, ${CONNECTIONS} connections, ${DURATION} s each)`, '');
  md.push('| endpoint | req/s | p50 ms | p97.5 ms | p99 ms | limit req/s | ratio |', '|---|---|---|---|---|---|---|');
  for (const r of reg.rows) {
    md.push(
      `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.limit?.requestsPerSecond ?? '–'} | ${r.ratioToLimit ?? '–'} |`,
    );
  }
  md.push('');
}
if (audit) {
  const v = audit.verify;
  const p = v.profile;
  md.push(`## Audit chain verification (${v.events} events, median of ${v.runs} runs; target ≥ 200000 events/s)`, '');
  md.push(
    `Loaded through the audit_chain() trigger at ${v.loadEventsPerSecond} events/s; average before ${v.averageBytes.before} B, after ${v.averageBytes.after} B, canonical text ${v.averageBytes.canonical} B.`,
    '',
  );
  md.push('| measurement | events/s |', '|---|---|');
  md.push(`| **verifyChain** (CLI: owner connection) | **${v.eventsPerSecond}** |`);
  md.push(`| verifyChain (admin API: withTenant, row-level security) | ${v.eventsPerSecondAsApi} |`);
  md.push(`| verifyChain before the table has planner statistics (once) | ${v.eventsPerSecondNoStatistics ?? 'not run'} |`);
  md.push(`| limit: verifyChain's read (same SQL and batches), no hashing | ${v.limitEventsPerSecond} |`);
  md.push(`| ratio verify / limit | ${v.ratioToLimit} |`);
  md.push(`| profile: the same read without the canonical text | ${p.readWithoutCanonical} |`);
  md.push(`| profile: one SQL scan, no canonical text, nothing transferred | ${p.sqlScanOnly} |`);
  md.push(`| profile: one SQL scan rendering the canonical text, nothing transferred | ${p.sqlCanonicalOnly} |`);
  md.push(`| profile: SHA-256 in JS over canonical texts in memory | ${p.jsHashOnly} |`);
  md.push(`| candidate: bounded tenant_seq range batches, hash in JS | ${p.rangeBatches} |`);
  md.push(`| candidate: the same before the table has planner statistics (once) | ${v.rangeBatchesNoStatistics} |`);
  md.push(`| candidate: the same over 4 ranges on 4 connections | ${p.rangeBatches4Connections ?? '– (one connection)'} |`);
  md.push(`| candidate: range batches, hash compared in SQL (canonical text not transferred) | ${p.hashInSql} |`);
  md.push(`| candidate: the same over 4 ranges on 4 connections | ${p.hashInSql4Connections ?? '– (one connection)'} |`, '');
  if (audit.writes.length > 0) {
    md.push('## Audit write overhead (system update in one transaction; target p95 difference ≤ 1 ms on PostgreSQL)', '');
    const ms = (l: Percentiles) => `${l.p50} / ${l.p95} / ${l.p99}`;
    md.push(
      '| concurrency | writes each | without: p50 / p95 / p99 ms | with: p50 / p95 / p99 ms | difference p50 / **p95** ms | writes/s without / with | recordAudit() call p50 / p95 / p99 ms | commit without: p50 / p95 ms | commit with: p50 / p95 ms |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const w of audit.writes) {
      md.push(
        `| ${w.concurrency} | ${w.writes} | ${ms(w.without)} | ${ms(w.with)} | ${w.p50DifferenceMs} / **${w.p95DifferenceMs}** | ${w.without.writesPerSecond} / ${w.with.writesPerSecond} | ${ms(w.with.recordAudit)} | ${w.without.commit.p50} / ${w.without.commit.p95} | ${w.with.commit.p50} / ${w.with.commit.p95} |`,
      );
    }
  }
  md.push('');
}

mkdirSync('bench/results', { recursive: true });
// a partial run (one suite) or another chain length does not overwrite the day's default results
const partial = reg && audit ? '' : `-${reg ? 'registers' : 'audit'}`;
const scale = audit && audit.verify.events !== 200_000 ? `-${audit.verify.events}-events` : '';
const file = `bench/results/${result.at.slice(0, 10)}-${kind}${partial}${scale}`;
writeFileSync(`${file}.json`, JSON.stringify(result, null, 2));
writeFileSync(`${file}.md`, md.join('\n'));
console.log(`\n${md.join('\n')}\n(${file}.json, ${file}.md)`);
