import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows, type Queryable } from '../../db/rows.js';
export type { Queryable } from '../../db/rows.js';
import type { VerifyReport } from './audit.schemas.js';

export const GENESIS = '0'.repeat(64);
const RANGE = 10_000;

type Reason = NonNullable<VerifyReport['firstBroken']>['reason'];

const messages: Record<Reason, (n: number, m: number) => { sv: string; en: string }> = {
  hash: (n) => ({
    sv: `Händelse nr ${n} har ändrats efter att den skrevs: dess hash stämmer inte med innehållet.`,
    en: `Event no. ${n} was changed after it was written: its hash does not match its content.`,
  }),
  link: (n) => ({
    sv: `Händelse nr ${n} hänger inte ihop med händelsen före: en händelse har lagts till, tagits bort eller flyttats.`,
    en: `Event no. ${n} does not link to the event before it: an event was added, removed or moved.`,
  }),
  gap: (n) => ({
    sv: `Händelse nr ${n} saknas: händelser har tagits bort ur loggen.`,
    en: `Event no. ${n} is missing: events were removed from the trail.`,
  }),
  order: (n) => ({
    sv: `Händelse nr ${n} förekommer mer än en gång eller i fel ordning.`,
    en: `Event no. ${n} occurs more than once or out of order.`,
  }),
  'missing-tail': (n, m) => ({
    sv: `De senaste händelserna saknas: loggen slutar vid nr ${m}, men kedjans huvud eller en kontrollpunkt visar att nr ${n} har skrivits.`,
    en: `The newest events are missing: the trail ends at no. ${m}, but the chain head or a checkpoint shows that no. ${n} was written.`,
  }),
  checkpoint: (n) => ({
    sv: `Händelse nr ${n} stämmer inte med kontrollpunkten som togs för den.`,
    en: `Event no. ${n} does not match the checkpoint taken for it.`,
  }),
  anchor: (n) => ({
    sv: `Händelse nr ${n} hänger inte ihop med den sista arkiverade händelsen.`,
    en: `Event no. ${n} does not link to the last archived event.`,
  }),
};

export const eventHash = (prevHash: string, canonical: string) => createHash('sha256').update(prevHash).update(canonical).digest('hex');

interface Row {
  tenant_seq: string | number;
  prev_hash: string;
  hash: string;
  ok: boolean;
}

// The first checkpoint (within the part of the chain still in the database) whose event is missing or
// has another hash.
async function badCheckpoint(q: Queryable, tenantId: string, after: number, upTo: number): Promise<number | null> {
  const [row] = await queryRows<{ n: string | null }>(
    q,
    sql`select min(c.tenant_seq) as n from audit_checkpoints c
      left join audit_events e on e.tenant_id = c.tenant_id and e.tenant_seq = c.tenant_seq
      where c.tenant_id = ${tenantId} and c.tenant_seq > ${after} and c.tenant_seq <= ${upTo} and e.hash is distinct from c.hash`,
  );
  return row?.n ? Number(row.n) : null;
}

const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));

// Head, checkpoints and events must come from one snapshot, or an event committed during the walk would
// look like one written past the head.
export function inSnapshot<T>(db: Db, tenantId: string | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(
    async (tx) => {
      if (tenantId) await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'tillit_app', true)`);
      return work(tx);
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

// Walks one tenant's chain from its start (or the last archive anchor) to its head and reports the
// first broken link. Each hash is recomputed from the row's stored columns, so a row whose content
// changed cannot pass; numbers and links are checked in order here.
export async function verifyChain(q: Queryable, tenantId: string): Promise<VerifyReport> {
  const [head] = await queryRows<{ tenant_seq: string; hash: string }>(
    q,
    sql`select tenant_seq, hash from audit_heads where tenant_id = ${tenantId}`,
  );
  const [anchor] = await queryRows<{ tenant_seq: string; hash: string; at: Date | string; file_name: string }>(
    q,
    sql`select tenant_seq, hash, at, file_name from audit_anchors where tenant_id = ${tenantId} order by tenant_seq desc limit 1`,
  );
  const [newestCheckpoint] = await queryRows<{ n: string | null }>(
    q,
    sql`select max(tenant_seq) as n from audit_checkpoints where tenant_id = ${tenantId}`,
  );

  const report = (status: VerifyReport['status'], checked: number, firstBroken: VerifyReport['firstBroken']): VerifyReport => ({
    tenantId,
    status,
    checked,
    head: head ? { tenantSeq: Number(head.tenant_seq), hash: head.hash } : null,
    anchor: anchor
      ? { tenantSeq: Number(anchor.tenant_seq), hash: anchor.hash, at: new Date(anchor.at).toISOString(), fileName: anchor.file_name }
      : null,
    firstBroken,
    verifiedAt: new Date().toISOString(),
  });
  const broken = (checked: number, reason: Reason, n: number, m = n) =>
    report('broken', checked, { tenantSeq: n, reason, message: messages[reason](n, m) });

  const startSeq = num(anchor?.tenant_seq) ?? 0;
  const [top] = await queryRows<{ n: string | null }>(q, sql`select max(tenant_seq) as n from audit_events where tenant_id = ${tenantId}`);
  const maxSeq = num(top?.n) ?? 0;
  let prevHash = anchor?.hash ?? GENESIS;
  let last = startSeq;
  // The database recomputes each hash from the stored columns (the functions the insert trigger uses);
  // numbers and links are checked here, in order. Ranges are bounded, not "> last limit n": without
  // planner statistics (always so on the embedded database) the open form sorts every remaining row
  // each time. (Returning only boundary and failing rows through window functions measured slower.)
  const firstBadCheckpoint = await badCheckpoint(q, tenantId, startSeq, maxSeq);
  const fail = (reason: Reason, at: number) =>
    firstBadCheckpoint !== null && firstBadCheckpoint < at
      ? broken(firstBadCheckpoint - startSeq - 1, 'checkpoint', firstBadCheckpoint)
      : broken(at - startSeq - 1, reason, at);
  for (let lo = startSeq; lo < maxSeq; lo += RANGE) {
    const rows = await queryRows<Row>(
      q,
      sql`select e.tenant_seq, e.prev_hash, e.hash, e.hash = audit_event_hash(e.prev_hash, audit_canonical(e)) as ok
        from audit_events e where e.tenant_id = ${tenantId} and e.tenant_seq > ${lo} and e.tenant_seq <= ${lo + RANGE}
        order by e.tenant_seq`,
    );
    for (const r of rows) {
      const n = Number(r.tenant_seq);
      if (n !== last + 1) return fail('gap', last + 1);
      if (r.prev_hash !== prevHash) return fail(last === startSeq && anchor ? 'anchor' : 'link', n);
      if (!r.ok) return fail('hash', n);
      if (firstBadCheckpoint === n) return fail('checkpoint', n);
      prevHash = r.hash;
      last = n;
    }
  }
  const checked = last - startSeq;
  if (firstBadCheckpoint !== null && firstBadCheckpoint <= last) return broken(checked, 'checkpoint', firstBadCheckpoint);
  // Removing the newest events leaves a consistent chain; the head and the checkpoints still remember them.
  const remembered = Math.max(num(head?.tenant_seq) ?? 0, num(newestCheckpoint?.n) ?? 0);
  if (remembered > last) return broken(checked, 'missing-tail', remembered, last);
  if (head && last > Number(head.tenant_seq)) return broken(checked, 'link', Number(head.tenant_seq) + 1);
  if (head && last === Number(head.tenant_seq) && head.hash !== prevHash && last > startSeq) return broken(checked, 'link', last);
  // An event below the anchor that is still present would duplicate the archive (a re-inserted copy).
  const [dup] = await queryRows<{ n: string | null }>(
    q,
    sql`select min(tenant_seq) as n from audit_events where tenant_id = ${tenantId} and tenant_seq <= ${startSeq}`,
  );
  if (dup?.n && anchor) return broken(checked, 'order', Number(dup.n));
  return report('intact', checked, null);
}

export async function tenantsWithTrail(q: Queryable): Promise<{ id: string; name: string }[]> {
  return queryRows(
    q,
    sql`select t.id, t.name from tenants t where exists (select 1 from audit_heads h where h.tenant_id = t.id)
      or exists (select 1 from audit_events e where e.tenant_id = t.id) order by t.name`,
  );
}
