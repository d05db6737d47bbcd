// Where chain verification spends its time, measured once per run next to verifyChain itself: the read
// with and without the canonical text, the canonical text rendered in SQL without transfer, SHA-256 in
// JS alone, and two candidate designs (bounded range batches, on one and on four connections; the hash
// checked in SQL so the canonical text never leaves the server).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';
import { queryRows } from '../src/server/db/rows.js';
import { eventHash } from '../src/server/modules/audit/audit.chain.js';

const BATCH = 10_000; // verifyChain's batch size

type Row = Record<string, unknown>;
type Visit = (r: Row) => void;

// verifyChain's paging: keyset on tenant_seq with LIMIT.
export async function walk(db: Db, tenantId: string, select: SQL, visit: Visit = () => {}): Promise<void> {
  let last = 0;
  for (;;) {
    const rows = await queryRows<Row>(
      db,
      sql`select ${select} from audit_events e where e.tenant_id = ${tenantId} and e.tenant_seq > ${last} order by e.tenant_seq limit ${BATCH}`,
    );
    rows.forEach(visit);
    if (rows.length < BATCH) return;
    last = Number(rows[rows.length - 1]!.tenant_seq);
  }
}

// Paging by a bounded tenant_seq range: every batch reads at most BATCH rows whatever plan is chosen.
// The hash is recomputed in JS (as verifyChain does) or compared in SQL (the canonical text stays there).
type Where = 'js' | 'sql';
async function checkRange(db: Db, tenantId: string, from: number, to: number, where: Where) {
  const select =
    where === 'js'
      ? sql`e.prev_hash, e.hash, audit_canonical(e) as canonical`
      : sql`e.prev_hash, e.hash, e.hash = audit_event_hash(e.prev_hash, audit_canonical(e)) as ok`;
  let first: string | null = null;
  let prev: string | null = null;
  for (let lo = from; lo < to; lo += BATCH) {
    const rows = await queryRows<{ prev_hash: string; hash: string; canonical?: string; ok?: boolean }>(
      db,
      sql`select ${select} from audit_events e
        where e.tenant_id = ${tenantId} and e.tenant_seq > ${lo} and e.tenant_seq <= ${Math.min(lo + BATCH, to)} order by e.tenant_seq`,
    );
    for (const r of rows) {
      if (prev !== null && r.prev_hash !== prev) throw new Error('link broken');
      if (where === 'js' ? eventHash(r.prev_hash, r.canonical!) !== r.hash : r.ok !== true) throw new Error('hash broken');
      first ??= r.prev_hash;
      prev = r.hash;
    }
  }
  return { first, last: prev };
}

export async function checkParallel(db: Db, tenantId: string, events: number, parts: number, where: Where): Promise<number> {
  const size = Math.ceil(events / parts);
  const ranges = await Promise.all(
    Array.from({ length: parts }, (_, k) => checkRange(db, tenantId, k * size, Math.min(events, (k + 1) * size), where)),
  );
  for (let k = 1; k < ranges.length; k++) if (ranges[k]!.first !== ranges[k - 1]!.last) throw new Error('link broken at a range edge');
  return events;
}

// Each measurement answers how many events it went through; audit.ts times them in turns with
// verifyChain so that load on the machine falls on all of them alike.
// The four-connection candidates only where there are connections to spread over (not the embedded database).
export async function verificationMeasurements(db: Db, tenantId: string, events: number, connections: number) {
  const sample: { prev: string; canonical: string }[] = [];
  await walk(db, tenantId, sql`e.tenant_seq, e.prev_hash, audit_canonical(e) as canonical`, (r) => {
    if (sample.length < 100_000) sample.push({ prev: r.prev_hash as string, canonical: r.canonical as string });
  });
  const whole = async (expr: SQL) => {
    await db.execute(sql`select ${expr} from audit_events e where e.tenant_id = ${tenantId}`);
    return events;
  };
  return {
    readWithoutCanonical: () => walk(db, tenantId, sql`e.tenant_seq, e.prev_hash, e.hash`).then(() => events),
    sqlScanOnly: () => whole(sql`sum(length(e.hash))`),
    sqlCanonicalOnly: () => whole(sql`sum(length(audit_canonical(e)))`),
    jsHashOnly: async () => {
      for (const s of sample) eventHash(s.prev, s.canonical);
      return sample.length;
    },
    hashInSql: () => checkParallel(db, tenantId, events, 1, 'sql'),
    rangeBatches: () => checkParallel(db, tenantId, events, 1, 'js'),
    ...(connections >= 4 && {
      rangeBatches4Connections: () => checkParallel(db, tenantId, events, 4, 'js'),
      hashInSql4Connections: () => checkParallel(db, tenantId, events, 4, 'sql'),
    }),
  };
}

export type Profile = { [K in keyof Awaited<ReturnType<typeof verificationMeasurements>>]: number };
