import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { queryRows, type Queryable } from '../../db/rows.js';
import { withTenant } from '../../db/tenant.js';
import { recordAudit, systemContext } from '../../platform/audit.js';
import { verifyChain } from './audit.chain.js';

const BATCH = 5_000;

export interface ArchiveResult {
  tenantId: string;
  fromSeq: number;
  toSeq: number;
  eventCount: number;
  file: string;
}

export interface ArchiveOutcome {
  archived: ArchiveResult[];
  // tenants whose chain is broken: nothing of theirs is archived until the break is explained
  refused: { tenantId: string; brokenAt: number }[];
}

interface ArchivedRow {
  seq: string;
  tenant_seq: string;
  at: Date | string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  client_address: string | null;
  prev_hash: string;
  hash: string;
  canonical: string;
}

// One line per event with its canonical text and hashes: the file can be checked on its own
// (`tillit audit verify-archive`), and its last hash is the anchor the database keeps.
async function writeArchive(
  db: Queryable,
  tenantId: string,
  fromSeq: number,
  toSeq: number,
  file: string,
): Promise<{ sha256: string; count: number; lastHash: string | null }> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp`;
  let count = 0;
  let lastHash: string | null = null;
  const lines = async function* () {
    for (let next = fromSeq; next <= toSeq;) {
      const rows = await queryRows<ArchivedRow>(
        db,
        sql`select e.seq, e.tenant_seq, e.at, e.actor_user_id, e.action, e.entity_type, e.entity_id, e.before, e.after,
          e.request_id, e.client_address, e.prev_hash, e.hash, audit_canonical(e) as canonical from audit_events e
          where e.tenant_id = ${tenantId} and e.tenant_seq >= ${next} and e.tenant_seq <= ${toSeq} order by e.tenant_seq limit ${BATCH}`,
      );
      if (rows.length === 0) return;
      for (const r of rows) {
        count++;
        lastHash = r.hash;
        yield `${JSON.stringify({
          tenantId,
          seq: Number(r.seq),
          tenantSeq: Number(r.tenant_seq),
          at: new Date(r.at).toISOString(),
          actorUserId: r.actor_user_id,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
          requestId: r.request_id,
          clientAddress: r.client_address,
          prevHash: r.prev_hash,
          hash: r.hash,
          canonical: r.canonical,
        })}\n`;
      }
      next = Number(rows[rows.length - 1]!.tenant_seq) + 1;
    }
  };
  const digest = createHash('sha256');
  const gzip = createGzip();
  gzip.on('data', (chunk: Buffer) => digest.update(chunk));
  await pipeline(Readable.from(lines()), gzip, createWriteStream(tmp, { mode: 0o600 }));
  // The file must be on disk before the events leave the database.
  const handle = await open(tmp, 'r');
  await handle.sync();
  await handle.close();
  // Under the tenant's archive lock with no anchor for this range, a file of that name can only be left
  // from a run whose transaction failed: replacing it loses nothing.
  await rename(tmp, file);
  return { sha256: digest.digest('hex'), count, lastHash };
}

// Moves the events older than each tenant's retention period to an archive file, then removes them.
// Only an intact chain is archived, and only whole prefixes of it: the remaining chain starts at the
// anchor (the last archived hash), so it stays verifiable across the cut.
export async function archiveExpired(db: Db, archiveDir: string, now = new Date()): Promise<ArchiveOutcome> {
  const tenants = await queryRows<{ id: string; days: number }>(
    db,
    sql`select id, audit_retention_days as days from tenants where audit_retention_days is not null order by id`,
  );
  const results: ArchiveResult[] = [];
  const refused: ArchiveOutcome['refused'] = [];
  for (const t of tenants) {
    const cutoff = new Date(now.getTime() - t.days * 86_400_000);
    // One archiver per tenant at a time (several instances, or the CLI beside the server): the range is
    // read, written, anchored and purged under the lock, so no run can archive what another removed.
    const done = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7261006, hashtext(${t.id}))`);
      const [range] = await queryRows<{ anchor: string | null; last_old: string | null }>(
        tx,
        sql`select (select max(tenant_seq) from audit_anchors where tenant_id = ${t.id}) as anchor,
          coalesce((select min(tenant_seq) - 1 from audit_events where tenant_id = ${t.id} and at >= ${cutoff.toISOString()}::timestamptz),
                   (select max(tenant_seq) from audit_events where tenant_id = ${t.id})) as last_old`,
      );
      const fromSeq = Number(range?.anchor ?? 0) + 1;
      const toSeq = Number(range?.last_old ?? 0);
      if (toSeq < fromSeq) return null;
      const report = await verifyChain(tx, t.id);
      if (report.status !== 'intact') {
        refused.push({ tenantId: t.id, brokenAt: report.firstBroken?.tenantSeq ?? 0 });
        return null;
      }
      const file = path.join(archiveDir, t.id, `audit-${String(fromSeq).padStart(12, '0')}-${String(toSeq).padStart(12, '0')}.jsonl.gz`);
      const written = await writeArchive(tx, t.id, fromSeq, toSeq, file);
      // The file must hold exactly the range, ending at the hash the anchor will name (the anchor
      // trigger checks that hash against the event too).
      if (written.count !== toSeq - fromSeq + 1)
        throw new Error(`archive of ${t.id} holds ${written.count} events, expected ${toSeq - fromSeq + 1}`);
      await tx.execute(sql`insert into audit_anchors (tenant_id, tenant_seq, hash, event_count, file_name, file_sha256)
        values (${t.id}, ${toSeq}, ${written.lastHash}, ${written.count}, ${path.basename(file)}, ${written.sha256})`);
      await tx.execute(sql`select set_config('tillit.audit_purge', ${t.id}, true)`);
      await tx.execute(sql`delete from audit_events where tenant_id = ${t.id} and tenant_seq between ${fromSeq} and ${toSeq}`);
      return { tenantId: t.id, fromSeq, toSeq, eventCount: written.count, file, sha256: written.sha256 };
    });
    if (!done) continue;
    await withTenant(db, t.id, (tx) =>
      recordAudit(tx, systemContext(t.id, randomUUID()), {
        action: 'audit.archive',
        entityType: 'audit-trail',
        entityId: null,
        after: { fromSeq: done.fromSeq, toSeq: done.toSeq, file: path.basename(done.file), sha256: done.sha256, retentionDays: t.days },
      }),
    );
    results.push({ tenantId: t.id, fromSeq: done.fromSeq, toSeq: done.toSeq, eventCount: done.eventCount, file: done.file });
  }
  return { archived: results, refused };
}

// Daily checkpoints: the head of every chain that moved since its last checkpoint, at most one a day.
// Several instances may run this at once; the advisory lock lets one of them do it.
export async function dailyCheckpoints(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(7261004) as ok`);
    if (!lock?.ok) return 0;
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`insert into audit_checkpoints (tenant_id, tenant_seq, hash, kind)
        select h.tenant_id, h.tenant_seq, h.hash, 'daily' from audit_heads h
        where not exists (select 1 from audit_checkpoints c where c.tenant_id = h.tenant_id
          and (c.tenant_seq = h.tenant_seq or (c.kind = 'daily' and c.at > now() - interval '23 hours')))
        returning id`,
    );
    return rows.length;
  });
}
