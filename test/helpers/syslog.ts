// @peculiar/x509 needs the Reflect metadata polyfill (see platform/crypto/sp-credential.ts).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import * as x509 from '@peculiar/x509';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.js';
import { queryRows } from '../../src/server/db/rows.js';

// A real syslog receiver on 127.0.0.1 (TCP or TLS, octet-counted frames) that parses what it gets as
// RFC 5424 strictly, and a small CA for the TLS tests.

export interface Syslog5424 {
  pri: number;
  version: number;
  timestamp: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  sd: Record<string, Record<string, string>>;
  bom: boolean;
  msg: string;
}

const PRINT = '[\\x21-\\x7e]';
const HEADER = new RegExp(
  `^<(\\d{1,3})>([1-9]\\d{0,2}) (-|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,6})?(?:Z|[+-]\\d{2}:\\d{2})) (${PRINT}{1,255}) (${PRINT}{1,48}) (${PRINT}{1,128}) (${PRINT}{1,32}) `,
);
const SD_NAME = /^[\x21-\x7e]{1,32}$/;

/** Parses one RFC 5424 message, throwing on anything the grammar does not allow. */
export function parse5424(raw: Buffer): Syslog5424 {
  const text = raw.toString('utf8');
  const h = HEADER.exec(text);
  if (!h) throw new Error(`bad header: ${text.slice(0, 120)}`);
  const pri = Number(h[1]);
  if (pri > 191) throw new Error(`bad PRI ${pri}`);
  let i = h[0].length;
  const sd: Syslog5424['sd'] = {};
  if (text[i] === '-') i++;
  else {
    if (text[i] !== '[') throw new Error('structured data expected');
    while (text[i] === '[') {
      i++;
      const idEnd = text.slice(i).search(/[ \]]/);
      const id = text.slice(i, i + idEnd);
      if (!SD_NAME.test(id) || /[="]/.test(id)) throw new Error(`bad SD-ID ${id}`);
      i += idEnd;
      const params: Record<string, string> = {};
      while (text[i] === ' ') {
        i++;
        const eq = text.indexOf('=', i);
        const name = text.slice(i, eq);
        if (!SD_NAME.test(name) || /[ \]"]/.test(name)) throw new Error(`bad PARAM-NAME ${name}`);
        if (text[eq + 1] !== '"') throw new Error('PARAM-VALUE must be quoted');
        let value = '';
        for (i = eq + 2; text[i] !== '"'; i++) {
          if (i >= text.length) throw new Error('unterminated PARAM-VALUE');
          if (text[i] === '\\' && ['"', '\\', ']'].includes(text[i + 1]!)) i++;
          else if (text[i] === ']') throw new Error('unescaped ] in PARAM-VALUE');
          value += text[i];
        }
        params[name] = value;
        i++;
      }
      if (text[i] !== ']') throw new Error('SD-ELEMENT not closed');
      sd[id] = params;
      i++;
    }
  }
  let msg = '';
  let bom = false;
  if (i < text.length) {
    if (text[i] !== ' ') throw new Error('SP expected before MSG');
    msg = text.slice(i + 1);
    bom = msg.startsWith('\ufeff');
    if (bom) msg = msg.slice(1);
  }
  return { pri, version: Number(h[2]), timestamp: h[3]!, hostname: h[4]!, appName: h[5]!, procId: h[6]!, msgId: h[7]!, sd, bom, msg };
}

/** Splits an octet-counted stream ("LEN SP MSG", RFC 6587 §3.4.1) into messages. */
function octetCounting(onMessage: (m: Buffer) => void, onError: (e: Error) => void) {
  let buf = Buffer.alloc(0);
  return (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const sp = buf.indexOf(0x20);
      if (sp < 0) return;
      const len = buf.subarray(0, sp).toString('ascii');
      if (!/^[1-9]\d{0,8}$/.test(len)) return onError(new Error(`bad frame length ${JSON.stringify(len.slice(0, 20))}`));
      const end = sp + 1 + Number(len);
      if (buf.length < end) return;
      onMessage(buf.subarray(sp + 1, end));
      buf = buf.subarray(end);
    }
  };
}

export interface SyslogListener {
  url: string;
  port: number;
  messages: Syslog5424[];
  errors: string[];
  /** connections that completed (for TLS: the handshake) */
  connections: number;
  /** waits until `done(messages)` holds */
  waitFor(done: (messages: Syslog5424[]) => boolean, ms?: number): Promise<void>;
  /** stops listening and cuts every open connection, as a receiver that goes away */
  stop(): Promise<void>;
  /** listens again on the same port */
  start(): Promise<void>;
}

export async function startSyslogListener(opts: { tls?: tls.TlsOptions } = {}): Promise<SyslogListener> {
  const sockets = new Set<net.Socket>();
  const onSocket = (socket: net.Socket) => {
    listener.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const feed = octetCounting(
      (m) => {
        try {
          listener.messages.push(parse5424(m));
        } catch (err) {
          listener.errors.push((err as Error).message);
        }
      },
      (err) => {
        listener.errors.push(err.message);
        socket.destroy();
      },
    );
    socket.on('data', feed);
  };
  const server = opts.tls ? tls.createServer(opts.tls, onSocket) : net.createServer(onSocket);
  server.on('tlsClientError', () => {});
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const listener: SyslogListener = {
    url: `${opts.tls ? 'tls' : 'tcp'}://127.0.0.1:${port}`,
    port,
    messages: [],
    errors: [],
    connections: 0,
    async waitFor(done, ms = 15_000) {
      const deadline = Date.now() + ms;
      while (!done(listener.messages)) {
        if (Date.now() > deadline) throw new Error(`syslog: condition not met within ${ms} ms (${listener.messages.length} messages)`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
    start: listen,
  };
  return listener;
}

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const crypto = webcrypto as unknown as Crypto;
const pem = (der: ArrayBuffer) =>
  `-----BEGIN PRIVATE KEY-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END PRIVATE KEY-----\n`;

export interface TestCa {
  cert: string;
  issue(cn: string, use: 'server' | 'client'): Promise<{ cert: string; key: string }>;
}

/** A throw-away certificate authority; its server certificates name 127.0.0.1. */
export async function makeTestCa(name: string): Promise<TestCa> {
  const caKeys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + 86_400_000);
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${name}`,
      notBefore,
      notAfter,
      keys: caKeys,
      signingAlgorithm: alg,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    cert: ca.toString('pem'),
    async issue(cn, use) {
      const keys = (await crypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.create(
        {
          subject: `CN=${cn}`,
          issuer: ca.subject,
          notBefore,
          notAfter,
          publicKey: keys.publicKey,
          signingKey: caKeys.privateKey,
          signingAlgorithm: alg,
          extensions: [
            new x509.BasicConstraintsExtension(false, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
            new x509.ExtendedKeyUsageExtension([use === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth]),
            ...(use === 'server' ? [new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }])] : []),
            await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
          ],
        },
        crypto,
      );
      return { cert: cert.toString('pem'), key: pem(await crypto.subtle.exportKey('pkcs8', keys.privateKey)) };
    },
  };
}

/** The forwarder cursor `target`, created at the current end of the trail so only new events count. */
export async function cursorAtEnd(db: Db, target: string) {
  await db.execute(sql`insert into audit_forward_state (target, last_seq, last_checkpoint_id)
    select ${target}, coalesce((select max(seq) from audit_events), 0), coalesce((select max(id) from audit_checkpoints), 0)`);
  return cursorOf(db, target);
}

export async function cursorOf(db: Db, target: string) {
  const [row] = await queryRows<{ last_seq: string; last_checkpoint_id: string }>(
    db,
    sql`select last_seq, last_checkpoint_id from audit_forward_state where target = ${target}`,
  );
  return { seq: Number(row?.last_seq ?? 0), checkpoint: Number(row?.last_checkpoint_id ?? 0) };
}

export interface StoredEvent {
  seq: number;
  tenantSeq: number;
  actor: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
  at: string;
  prevHash: string;
  hash: string;
}

/** A tenant's events after `afterSeq`, as stored. */
export async function storedEvents(db: Db, tenantId: string, afterSeq: number): Promise<StoredEvent[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select seq, tenant_seq, actor_user_id, action, entity_type, entity_id, before, after, request_id, client_address,
      to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, prev_hash, hash
      from audit_events e where tenant_id = ${tenantId} and seq > ${afterSeq} order by seq`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    tenantSeq: Number(r.tenant_seq),
    actor: r.actor_user_id as string | null,
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string | null,
    before: r.before,
    after: r.after,
    requestId: r.request_id as string | null,
    clientAddress: r.client_address as string | null,
    at: r.at as string,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
  }));
}
