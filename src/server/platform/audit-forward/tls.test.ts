import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp, uniq, type TestTenant } from '../../../../test/helpers/app.js';
import {
  cursorAtEnd,
  cursorOf,
  makeTestCa,
  startSyslogListener,
  storedEvents,
  type SyslogListener,
  type TestCa,
} from '../../../../test/helpers/syslog.js';
import { createAuditForwarder, type AuditForwarder } from './forwarder.js';
import { SD_ID } from './syslog-format.js';
import { SyslogConnection, type SyslogEndpoint } from './transport.js';

// A real TLS receiver on loopback with a certificate from a CA made in the test.

const quiet = { info() {}, warn() {}, debug() {} };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const undo of cleanup.splice(0).reverse()) await undo();
});

let siemCa: TestCa;
let otherCa: TestCa;
let clientCa: TestCa;
let server: { cert: string; key: string };
beforeAll(async () => {
  [siemCa, otherCa, clientCa] = await Promise.all([
    makeTestCa('Kommunens SIEM-CA'),
    makeTestCa('Någon annan CA'),
    makeTestCa('Tillit klient-CA'),
  ]);
  server = await siemCa.issue('siem.test', 'server');
});

async function setup(listenerTls: Parameters<typeof startSyslogListener>[0] = {}) {
  const { database } = await testApp();
  const t = await newTenant();
  const l = await startSyslogListener(listenerTls);
  cleanup.push(() => l.stop());
  const target = `test-${uniq()}`;
  const start = await cursorAtEnd(database.db, target);
  const run = (endpoint: Omit<SyslogEndpoint, 'url'>): AuditForwarder => {
    const f = createAuditForwarder({
      db: database.db,
      log: quiet,
      endpoint: { url: l.url, ...endpoint },
      target,
      pollMs: 20,
      minBackoffMs: 20,
      maxBackoffMs: 100,
    });
    cleanup.push(() => f.stop());
    f.start();
    return f;
  };
  return { db: database.db, t, l, target, start, run };
}

async function addUnit(t: TestTenant) {
  const res = await t.admin.post('/api/v1/org-units', { name: `Enhet ${uniq()}`, type: 'department' });
  expect(res.statusCode).toBe(201);
}

const until = async (ok: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function refused(
  f: AuditForwarder,
  l: SyslogListener,
  s: { db: Parameters<typeof cursorOf>[0]; target: string; start: { seq: number } },
) {
  await until(() => f.status().failures >= 3);
  expect(l.messages).toEqual([]);
  expect(l.connections).toBe(0);
  expect((await cursorOf(s.db, s.target)).seq).toBe(s.start.seq);
}

describe('audit forwarding to syslog over TLS', () => {
  it('refuses a receiver whose certificate is not from the configured CA (or, without one, the system CAs): nothing is sent, the cursor stays', async () => {
    const s = await setup({ tls: server });
    await addUnit(s.t);
    const wrongCa = s.run({ ca: otherCa.cert });
    await refused(wrongCa, s.l, s);
    expect(wrongCa.status().lastError).toMatch(/certificate|verify/i);
    await wrongCa.stop();

    const systemCas = s.run({});
    await refused(systemCas, s.l, s);
    expect(systemCas.status().lastError).toMatch(/certificate|verify/i);
  });

  it('delivers over TLS when the CA matches, with the same RFC 5424 messages as over TCP', async () => {
    const s = await setup({ tls: server });
    s.run({ ca: siemCa.cert });
    await addUnit(s.t);
    const stored = await storedEvents(s.db, s.t.tenantId, s.start.seq);
    await s.l.waitFor((msgs) => stored.every((e) => msgs.some((m) => m.sd[SD_ID]?.seq === String(e.seq))));
    expect(s.l.errors).toEqual([]);
    const m = s.l.messages.find((x) => x.sd[SD_ID]?.seq === String(stored[0]!.seq))!;
    expect(m).toMatchObject({ pri: 109, msgId: 'audit', bom: true });
    expect(m.sd[SD_ID]).toMatchObject({ tenant: s.t.tenantId, hash: stored[0]!.hash, action: stored[0]!.action });
  });

  it('presents the client certificate a receiver asks for; without it the receiver refuses and nothing counts as sent', async () => {
    const s = await setup({ tls: { ...server, ca: clientCa.cert, requestCert: true, rejectUnauthorized: true } });
    await addUnit(s.t);
    const withoutCert = s.run({ ca: siemCa.cert });
    await until(() => withoutCert.status().failures >= 3);
    expect(s.l.messages).toEqual([]);
    expect((await cursorOf(s.db, s.target)).seq).toBe(s.start.seq);
    await withoutCert.stop();

    s.run({ ca: siemCa.cert, ...(await clientCa.issue('tillit.kommun.se', 'client')) });
    const stored = await storedEvents(s.db, s.t.tenantId, s.start.seq);
    await s.l.waitFor((msgs) => stored.every((e) => msgs.some((m) => m.sd[SD_ID]?.seq === String(e.seq))));
    expect(s.l.errors).toEqual([]);
  });

  it('with TLS 1.3 a refused client certificate fails the connection itself, so no batch is counted as sent into the refusal', async () => {
    const l = await startSyslogListener({ tls: { ...server, ca: clientCa.cert, requestCert: true, rejectUnauthorized: true } });
    cleanup.push(() => l.stop());
    // Connected at once (settleMs 0), the first write would usually be acknowledged and then lost.
    const conn = new SyslogConnection({ url: l.url, ca: siemCa.cert }, { connectMs: 5_000, writeMs: 5_000, settleMs: 2_000 });
    await expect(conn.connect()).rejects.toThrow(/certificate required/);
    expect(conn.connected).toBe(false);
    expect(l.messages).toEqual([]);
  });
});
