// Benchmarks the register endpoints against the limit: a bare route on the same database running the
// same SQL without session, access check or row-level security. Results are ratios measured in the
// same run, written to bench/results/. BENCH_DATABASE_URL runs it on a PostgreSQL server.
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

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

const server = fork('bench/server.ts', { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
const ready = await new Promise<Ready>((resolve, reject) => {
  server.once('message', (m) => resolve(m as Ready));
  server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});
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

  const result = {
    at: new Date().toISOString(),
    database: ready.kind,
    systems: ready.systems,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    rows,
  };
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/${result.at.slice(0, 10)}-${ready.kind}.json`;
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\n${ready.kind}, ${ready.systems} systems, ${CONNECTIONS} connections, ${DURATION} s each (${file})\n`);
  console.log('| endpoint | req/s | p50 ms | p97.5 ms | p99 ms | limit req/s | ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${r.requestsPerSecond} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.limit?.requestsPerSecond ?? '–'} | ${r.ratioToLimit ?? '–'} |`,
    );
  }
} finally {
  server.send('stop');
  await new Promise((r) => server.once('exit', r));
}
