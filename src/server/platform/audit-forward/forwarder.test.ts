import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { newTenant, testApp, uniq, type TestTenant } from '../../../../test/helpers/app.js';
import {
  cursorAtEnd,
  cursorOf,
  startSyslogListener,
  storedEvents,
  type Syslog5424,
  type SyslogListener,
} from '../../../../test/helpers/syslog.js';
import { queryRows } from '../../db/rows.js';
import { createAuditForwarder, type AuditForwarder, type ForwarderOptions } from './forwarder.js';
import { SD_ID } from './syslog-format.js';

// Real API writes on the shared test database, forwarded to a real TCP receiver on loopback. Other
// tests' tenants write to the same trail, so assertions look at this test's tenant only.

const quiet = { info() {}, warn() {}, debug() {} };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

async function listen(): Promise<SyslogListener> {
  const l = await startSyslogListener();
  cleanup.push(() => l.stop());
  return l;
}

async function forwarder(url: string, target: string, extra: Partial<ForwarderOptions> = {}): Promise<AuditForwarder> {
  const { database } = await testApp();
  const f = createAuditForwarder({
    db: database.db,
    log: quiet,
    endpoint: { url },
    target,
    pollMs: 20,
    minBackoffMs: 20,
    maxBackoffMs: 100,
    ...extra,
  });
  cleanup.push(() => f.stop());
  f.start();
  return f;
}

async function addUnits(t: TestTenant, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await t.admin.post('/api/v1/org-units', { name: `Enhet ${uniq()}`, type: 'department', parentId: t.unitId });
    expect(res.statusCode).toBe(201);
    ids.push(res.json<{ id: string }>().id);
  }
  return ids;
}

const mine = (t: TestTenant) => (msgs: Syslog5424[]) => msgs.filter((m) => m.msgId === 'audit' && m.sd[SD_ID]?.tenant === t.tenantId);
const seqOf = (m: Syslog5424) => Number(m.sd[SD_ID]!.seq);

// Every event of the tenant after `after` has arrived (at least once).
async function allArrived(l: SyslogListener, t: TestTenant, after: number) {
  const { database } = await testApp();
  const stored = await storedEvents(database.db, t.tenantId, after);
  await l.waitFor((msgs) => {
    const got = new Set(mine(t)(msgs).map(seqOf));
    return stored.every((e) => got.has(e.seq));
  });
  return stored;
}

const until = async (ok: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('audit forwarding to syslog over TCP', () => {
  it('forwards API writes as RFC 5424 messages in seq order, with the chain in structured data and {before, after} as JSON', async () => {
    const { database } = await testApp();
    const t = await newTenant();
    const l = await listen();
    const target = `test-${uniq()}`;
    const start = await cursorAtEnd(database.db, target);
    const f = await forwarder(l.url, target);
    const [unit] = await addUnits(t, 3);
    const patched = await t.admin.patch(
      `/api/v1/org-units/${unit}`,
      { description: 'Ansvarar för "IT" \\ [drift]' },
      { 'if-match': '"v1"' },
    );
    expect(patched.statusCode).toBe(200);
    f.kick();
    const stored = await allArrived(l, t, start.seq);
    expect(stored.length).toBe(4);

    expect(l.errors).toEqual([]);
    const audit = l.messages.filter((m) => m.msgId === 'audit').map(seqOf);
    expect(audit).toEqual([...audit].sort((a, b) => a - b));
    expect(new Set(audit).size).toBe(audit.length);
    const got = mine(t)(l.messages);
    expect(got.map((m) => Number(m.sd[SD_ID]!.tenantSeq))).toEqual(stored.map((e) => e.tenantSeq));
    for (const [i, e] of stored.entries()) {
      const m = got[i]!;
      expect(m).toMatchObject({ pri: 13 * 8 + 5, version: 1, timestamp: e.at, appName: 'tillit', procId: String(process.pid), bom: true });
      expect(m.sd[SD_ID]).toEqual(
        Object.fromEntries(
          Object.entries({
            tenant: t.tenantId,
            seq: String(e.seq),
            tenantSeq: String(e.tenantSeq),
            actor: e.actor,
            action: e.action,
            entityType: e.entityType,
            entityId: e.entityId,
            requestId: e.requestId,
            clientAddress: e.clientAddress,
            hash: e.hash,
            prevHash: e.prevHash,
          }).filter(([, v]) => v !== null),
        ),
      );
      expect(JSON.parse(m.msg)).toEqual({ before: e.before, after: e.after });
    }
    // characters that structured data must escape travel in the JSON body as plain JSON
    expect(JSON.parse(got.at(-1)!.msg).after).toMatchObject({ description: 'Ansvarar för "IT" \\ [drift]' });

    const [row] = await queryRows<{ id: string | number }>(
      database.db,
      sql`insert into audit_checkpoints (tenant_id, tenant_seq, hash, kind)
        select tenant_id, tenant_seq, hash, 'manual' from audit_heads where tenant_id = ${t.tenantId} returning id`,
    );
    const cp = String(row!.id);
    f.kick();
    await l.waitFor((msgs) => msgs.some((m) => m.msgId === 'checkpoint' && m.sd[SD_ID]?.checkpoint === cp));
    const checkpoint = l.messages.find((m) => m.msgId === 'checkpoint' && m.sd[SD_ID]?.checkpoint === cp)!;
    expect(checkpoint.pri).toBe(13 * 8 + 6);
    expect(checkpoint.sd[SD_ID]).toMatchObject({
      tenant: t.tenantId,
      tenantSeq: String(stored.at(-1)!.tenantSeq),
      hash: stored.at(-1)!.hash,
      kind: 'manual',
    });
    await until(async () => (await cursorOf(database.db, target)).checkpoint >= Number(cp));
  });

  it('keeps API writes prompt and the cursor still while the receiver is away, then delivers every event without a gap', async () => {
    const { database } = await testApp();
    const t = await newTenant();
    const l = await listen();
    const target = `test-${uniq()}`;
    const start = await cursorAtEnd(database.db, target);
    const f = await forwarder(l.url, target);
    await addUnits(t, 1);
    f.kick();
    await allArrived(l, t, start.seq);
    await until(async () => (await cursorOf(database.db, target)).seq >= Math.max(...mine(t)(l.messages).map(seqOf)));

    await l.stop();
    await until(() => !f.status().connected);
    const held = await cursorOf(database.db, target);
    const failuresBefore = f.status().failures;
    for (let i = 0; i < 5; i++) {
      const began = Date.now();
      await addUnits(t, 1);
      // nothing in the request waits for the receiver (PGlite writes take well under a second)
      expect(Date.now() - began).toBeLessThan(2_000);
    }
    await until(() => f.status().failures >= failuresBefore + 3);
    expect(await cursorOf(database.db, target)).toEqual(held);
    expect(f.status().lastError).toMatch(/ECONNREFUSED/);

    await l.start();
    const stored = await allArrived(l, t, start.seq);
    const tenantSeqs = [...new Set(mine(t)(l.messages).map((m) => Number(m.sd[SD_ID]!.tenantSeq)))].sort((a, b) => a - b);
    expect(tenantSeqs).toEqual(stored.map((e) => e.tenantSeq));
    expect(tenantSeqs.at(-1)! - tenantSeqs[0]! + 1).toBe(tenantSeqs.length);
    await until(async () => (await cursorOf(database.db, target)).seq >= stored.at(-1)!.seq);
  });

  it('resumes from the stored cursor in a new forwarder: after a clean stop nothing is sent twice or skipped', async () => {
    const { database } = await testApp();
    const t = await newTenant();
    const l = await listen();
    const target = `test-${uniq()}`;
    const start = await cursorAtEnd(database.db, target);
    const first = await forwarder(l.url, target);
    await addUnits(t, 2);
    first.kick();
    const early = await allArrived(l, t, start.seq);
    await until(async () => (await cursorOf(database.db, target)).seq >= early.at(-1)!.seq);
    await first.stop();

    await addUnits(t, 3);
    const second = await forwarder(l.url, target);
    const all = await allArrived(l, t, start.seq);
    expect(all.length).toBe(early.length + 3);
    expect(mine(t)(l.messages).map(seqOf)).toEqual(all.map((e) => e.seq));
    expect(second.status().sentEvents).toBeGreaterThanOrEqual(3);
  });

  it('two forwarders on one database and cursor send each event once (transaction-scoped advisory lock: contended on PostgreSQL, serialised on PGlite)', async () => {
    const { database } = await testApp();
    const t = await newTenant();
    const l = await listen();
    const target = `test-${uniq()}`;
    const start = await cursorAtEnd(database.db, target);
    const a = await forwarder(l.url, target, { pollMs: 2, batchSize: 3 });
    const b = await forwarder(l.url, target, { pollMs: 2, batchSize: 3 });
    for (let i = 0; i < 4; i++) {
      await Promise.all([addUnits(t, 2), addUnits(t, 2), addUnits(t, 2)]);
      a.kick();
      b.kick();
    }
    const stored = await allArrived(l, t, start.seq);
    expect(stored.length).toBe(24);
    await until(async () => (await cursorOf(database.db, target)).seq >= stored.at(-1)!.seq);
    const seqs = l.messages.filter((m) => m.msgId === 'audit').map(seqOf);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(a.status().sentEvents + b.status().sentEvents).toBe(seqs.length);
    expect(l.errors).toEqual([]);
  });

  it('passes a sequence number that never commits (a rolled-back write) without losing later events', async () => {
    const { database } = await testApp();
    const t = await newTenant();
    const l = await listen();
    const target = `test-${uniq()}`;
    const start = await cursorAtEnd(database.db, target);
    await forwarder(l.url, target);
    await addUnits(t, 1);
    await database.db.execute(sql`select nextval(pg_get_serial_sequence('audit_events', 'seq'))`);
    await addUnits(t, 1);
    const stored = await allArrived(l, t, start.seq);
    expect(mine(t)(l.messages).map(seqOf)).toEqual(stored.map((e) => e.seq));
  });

  it.skipIf(!inject('databaseUrl'))(
    'waits for an earlier number that commits late instead of moving the cursor past it (PostgreSQL: concurrent transactions)',
    async () => {
      const { database } = await testApp();
      const t = await newTenant();
      // another municipality: one tenant's writers queue on its chain head, so the race is between tenants
      const other = await newTenant();
      const l = await listen();
      const target = `test-${uniq()}`;
      const start = await cursorAtEnd(database.db, target);
      const f = await forwarder(l.url, target);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let drawn!: () => void;
      const inserted = new Promise<void>((r) => (drawn = r));
      // a writer that takes its number now and commits only when told to
      const slow = database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into audit_events (tenant_id, action, entity_type) values (${other.tenantId}, 'test.slow', 'test')`);
        drawn();
        await held;
      });
      await inserted;
      await addUnits(t, 1);
      const [late] = await storedEvents(database.db, t.tenantId, start.seq);
      await new Promise((r) => setTimeout(r, 400));
      expect(f.status().failures).toBe(0);
      expect(mine(t)(l.messages)).toEqual([]);
      expect((await cursorOf(database.db, target)).seq).toBeLessThan(late!.seq);

      release();
      await slow;
      const stored = await allArrived(l, t, start.seq);
      expect(mine(t)(l.messages).map(seqOf)).toEqual(stored.map((e) => e.seq));
      const [slowEvent] = await storedEvents(database.db, other.tenantId, start.seq);
      expect(slowEvent!.seq).toBeLessThan(late!.seq);
      await l.waitFor((msgs) => mine(other)(msgs).some((m) => m.sd[SD_ID]!.action === 'test.slow'));
    },
  );
});
