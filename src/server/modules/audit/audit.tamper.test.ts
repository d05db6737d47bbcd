import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Database } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { checkArchiveFile } from './audit.archive-check.js';
import { verifyChain } from './audit.chain.js';
import { archiveExpired, dailyCheckpoints } from './audit.retention.js';

// A database of its own: these tests play a database administrator who disables the triggers and
// edits, deletes, reorders, inserts and truncates events directly, which the shared test database
// must never see.
let database: Database;
const db = () => database.db;

beforeAll(async () => {
  database = await openEmbedded(null);
  await database.migrate();
}, 60_000);
afterAll(() => database.close());

async function tenantWith(events: number, at?: (i: number) => Date): Promise<string> {
  const id = randomUUID();
  await db().execute(sql`insert into tenants (id, name, slug) values (${id}, ${`Kommun ${id}`}, ${id})`);
  for (let i = 1; i <= events; i++) {
    const when = at?.(i) ?? new Date();
    await db().execute(sql`insert into audit_events (tenant_id, action, entity_type, entity_id, after, at)
      values (${id}, 'system.update', 'system', ${randomUUID()}, ${JSON.stringify({ n: i, name: `System ${i}` })}::jsonb, ${when.toISOString()}::timestamptz)`);
  }
  return id;
}

// As a superuser who switches the triggers off for the transaction.
const tamper = (...statements: ReturnType<typeof sql>[]) =>
  db().transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const s of statements) await tx.execute(s);
  });

const broken = async (tenantId: string) => (await verifyChain(db(), tenantId)).firstBroken;

describe('tamper evidence of the audit chain (D1-48)', () => {
  it('an untouched chain is intact', async () => {
    const t = await tenantWith(20);
    const r = await verifyChain(db(), t);
    expect(r).toMatchObject({ status: 'intact', checked: 20, head: { tenantSeq: 20 }, firstBroken: null });
  });

  it('an edited event is found: its hash no longer matches its content', async () => {
    const t = await tenantWith(20);
    await tamper(sql`update audit_events set after = '{"n": 7, "name": "Annat"}' where tenant_id = ${t} and tenant_seq = 7`);
    expect(await broken(t)).toMatchObject({ tenantSeq: 7, reason: 'hash' });
  });

  it('an edited actor, time or object is found as well', async () => {
    const t = await tenantWith(10);
    await tamper(sql`update audit_events set at = at - interval '1 day' where tenant_id = ${t} and tenant_seq = 4`);
    expect(await broken(t)).toMatchObject({ tenantSeq: 4, reason: 'hash' });
  });

  it('a deleted event is found as a gap', async () => {
    const t = await tenantWith(20);
    await tamper(sql`delete from audit_events where tenant_id = ${t} and tenant_seq = 7`);
    expect(await broken(t)).toMatchObject({ tenantSeq: 7, reason: 'gap' });
  });

  it('reordered events are found', async () => {
    const t = await tenantWith(20);
    await tamper(
      sql`update audit_events set tenant_seq = -1 where tenant_id = ${t} and tenant_seq = 5`,
      sql`update audit_events set tenant_seq = 5 where tenant_id = ${t} and tenant_seq = 6`,
      sql`update audit_events set tenant_seq = 6 where tenant_id = ${t} and tenant_seq = -1`,
    );
    const b = await broken(t);
    expect(b?.tenantSeq).toBe(5);
    expect(['link', 'hash']).toContain(b?.reason);
  });

  it('an event inserted in the middle, even with a correctly computed hash of its own, is found', async () => {
    const t = await tenantWith(20);
    await tamper(
      sql`update audit_events set tenant_seq = tenant_seq + 1000 where tenant_id = ${t} and tenant_seq >= 8`,
      sql`update audit_events set tenant_seq = tenant_seq - 999 where tenant_id = ${t} and tenant_seq >= 1008`,
      sql`insert into audit_events (tenant_id, tenant_seq, action, entity_type, prev_hash, hash)
        select ${t}, 8, 'forged', 'system', hash, '' from audit_events where tenant_id = ${t} and tenant_seq = 7`,
      sql`update audit_events e set hash = audit_event_hash(e.prev_hash, audit_canonical(e)) where tenant_id = ${t} and tenant_seq = 8`,
    );
    expect(await broken(t)).toMatchObject({ tenantSeq: 9 });
  });

  it('an event appended with a made-up hash is found', async () => {
    const t = await tenantWith(5);
    await tamper(sql`insert into audit_events (tenant_id, tenant_seq, action, entity_type, prev_hash, hash)
      select ${t}, 6, 'forged', 'system', hash, repeat('a', 64) from audit_events where tenant_id = ${t} and tenant_seq = 5`);
    expect(await broken(t)).toMatchObject({ tenantSeq: 6, reason: 'hash' });
  });

  it('an event appended past the head, with a correctly computed hash, is found', async () => {
    const t = await tenantWith(5);
    await tamper(
      sql`insert into audit_events (tenant_id, tenant_seq, action, entity_type, prev_hash, hash)
        select ${t}, 6, 'forged', 'system', hash, '' from audit_events where tenant_id = ${t} and tenant_seq = 5`,
      sql`update audit_events e set hash = audit_event_hash(e.prev_hash, audit_canonical(e)) where tenant_id = ${t} and tenant_seq = 6`,
    );
    expect(await broken(t)).toMatchObject({ tenantSeq: 6, reason: 'link' });
  });

  it('removing the newest events is found through the chain head', async () => {
    const t = await tenantWith(20);
    await tamper(sql`delete from audit_events where tenant_id = ${t} and tenant_seq > 17`);
    const b = await broken(t);
    expect(b).toMatchObject({ tenantSeq: 20, reason: 'missing-tail' });
    expect(b?.message.sv).toContain('loggen slutar vid nr 17');
  });

  it('removing the newest events and rewinding the head is still found through the daily checkpoint', async () => {
    const t = await tenantWith(20);
    expect(await dailyCheckpoints(db())).toBeGreaterThanOrEqual(1);
    await tamper(
      sql`delete from audit_events where tenant_id = ${t} and tenant_seq > 17`,
      sql`update audit_heads h set tenant_seq = 17, hash = e.hash from audit_events e where h.tenant_id = ${t} and e.tenant_id = ${t} and e.tenant_seq = 17`,
    );
    expect(await broken(t)).toMatchObject({ tenantSeq: 20, reason: 'missing-tail' });
    // one a day: a second run the same day adds none for an unchanged head
    expect(await dailyCheckpoints(db())).toBe(0);
  });

  it('retention archives old events to a file, removes them, and the chain stays verifiable across the cut', async () => {
    const day = 86_400_000;
    const t = await tenantWith(15, (i) => new Date(Date.now() - (i <= 10 ? 400 : 1) * day));
    await db().execute(sql`update tenants set audit_retention_days = 365 where id = ${t}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'tillit-archive-'));
    const out = await archiveExpired(db(), dir);
    const mine = out.archived.find((a) => a.tenantId === t)!;
    expect(mine).toMatchObject({ fromSeq: 1, toSeq: 10, eventCount: 10 });
    const left = await queryRows<{ n: string }>(db(), sql`select min(tenant_seq) as n from audit_events where tenant_id = ${t}`);
    expect(Number(left[0]!.n)).toBe(11);
    expect(await verifyChain(db(), t)).toMatchObject({ status: 'intact', checked: 6, anchor: { tenantSeq: 10 } });

    const check = await checkArchiveFile(mine.file);
    const [anchor] = await queryRows<{ hash: string; file_sha256: string }>(
      db(),
      sql`select hash, file_sha256 from audit_anchors where tenant_id = ${t}`,
    );
    expect(check).toMatchObject({
      status: 'intact',
      events: 10,
      firstSeq: 1,
      lastSeq: 10,
      lastHash: anchor!.hash,
      fileSha256: anchor!.file_sha256,
    });

    // a second run finds nothing new to archive
    expect((await archiveExpired(db(), dir)).archived.find((a) => a.tenantId === t)).toBeUndefined();
    // the purge switch does not open events no anchor covers
    await expect(
      db().transaction(async (tx) => {
        await tx.execute(sql`select set_config('tillit.audit_purge', ${t}, true)`);
        await tx.execute(sql`delete from audit_events where tenant_id = ${t} and tenant_seq = 12`);
      }),
    ).rejects.toThrow();

    // an edited archive file is found, even if the edit keeps the file well-formed
    const lines = gunzipSync(readFileSync(mine.file)).toString('utf8').trim().split('\n');
    const third = JSON.parse(lines[2]!) as { after: { name: string } };
    third.after.name = 'Ändrat i efterhand';
    lines[2] = JSON.stringify(third);
    const edited = path.join(dir, 'edited.jsonl.gz');
    writeFileSync(edited, gzipSync(`${lines.join('\n')}\n`));
    expect(await checkArchiveFile(edited)).toMatchObject({ status: 'broken', problem: expect.stringContaining('nr 3') });
    expect(readdirSync(path.join(dir, t))).toEqual([path.basename(mine.file)]);
  });

  it('a broken chain is not archived: the break stays in the database for investigation', async () => {
    const t = await tenantWith(5, () => new Date(Date.now() - 400 * 86_400_000));
    await db().execute(sql`update tenants set audit_retention_days = 90 where id = ${t}`);
    await tamper(sql`update audit_events set action = 'x' where tenant_id = ${t} and tenant_seq = 2`);
    const out = await archiveExpired(db(), mkdtempSync(path.join(tmpdir(), 'tillit-archive-')));
    expect(out.refused).toContainEqual({ tenantId: t, brokenAt: 2 });
  });

  it('truncating the whole table is found for every tenant', async () => {
    const t = await tenantWith(3);
    await tamper(sql`truncate audit_events`);
    expect(await broken(t)).toMatchObject({ tenantSeq: 3, reason: 'missing-tail' });
  });
});

describe('npx tillit audit verify', () => {
  it('reports intact per tenant and exits 0; reports the first broken link and exits 1', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tillit-audit-cli-'));
    const env = { ...process.env, TILLIT_DATA_DIR: dataDir, TILLIT_DEMO: '0', DATABASE_URL: '' };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.resolve('bin/tillit.js'), ...args], { env, encoding: 'utf8', timeout: 120_000 });
    const seeded = run('seed-demo');
    expect(seeded.status, seeded.stderr).toBe(0);
    const ok = run('audit', 'verify');
    expect(ok.stdout).toMatch(/Demo kommun: intakt \(intact\), \d+ händelser kontrollerade/);
    expect(ok.status).toBe(0);

    const direct = await openEmbedded(dataDir);
    try {
      await direct.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_events set action = 'ändrad' where tenant_seq = 2`);
      });
    } finally {
      await direct.close();
    }
    const bad = run('audit', 'verify', '--tenant', 'demo kommun', '--json');
    expect(JSON.parse(bad.stdout.trim())).toMatchObject({
      tenant: 'Demo kommun',
      status: 'broken',
      firstBroken: { tenantSeq: 2, reason: 'hash' },
    });
    expect(bad.status).toBe(1);
    const unknown = run('audit', 'verify', '--tenant', 'Ingen kommun');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('tillit: Organisationen Ingen kommun finns inte.');
  }, 240_000);
});
