import type { Db, Tx } from '../../db/client.js';
import { GapGuard } from './gaps.js';
import {
  anyBetween,
  hasWork,
  insertLockHolders,
  readCheckpoints,
  readCursor,
  readEvents,
  saveCursor,
  tryLock,
  type ForwardedTable,
} from './queries.js';
import { checkpointMessage, defaultOrigin, eventMessage, frame, RECOMMENDED_MAX_OCTETS, type Origin } from './syslog-format.js';
import { SyslogConnection, type SyslogEndpoint } from './transport.js';

// Sends the audit trail to a syslog receiver. The database is the buffer: audit_forward_state holds
// how far the receiver got, and the cursor moves only after the bytes were accepted, so a receiver
// that is away gets everything when it is back (at least once). It runs beside the request handlers
// and never throws into them.

export interface ForwardLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface ForwarderOptions {
  db: Db;
  log: ForwardLog;
  endpoint: SyslogEndpoint;
  // the cursor's name in audit_forward_state
  target?: string;
  pollMs?: number;
  batchSize?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
  // TLS 1.3: how long to wait for the receiver to refuse a client certificate (see transport.ts)
  tlsSettleMs?: number;
  // warn when a sequence gap has held forwarding this long (see gaps.ts)
  gapWarnMs?: number;
  origin?: Origin;
}

export interface ForwarderStatus {
  connected: boolean;
  sentEvents: number;
  sentCheckpoints: number;
  // rounds in which another instance held the lock
  lockMisses: number;
  failures: number;
  lastError: string | undefined;
}

export interface AuditForwarder {
  start(): void;
  stop(): Promise<void>;
  // look for new events now instead of at the next poll
  kick(): void;
  status(): ForwarderStatus;
}

type Round = 'idle' | 'sent' | 'more' | 'busy';

export function createAuditForwarder(opts: ForwarderOptions): AuditForwarder {
  const { db, log } = opts;
  const target = opts.target ?? 'syslog';
  const pollMs = opts.pollMs ?? 1000;
  const batchSize = opts.batchSize ?? 200;
  const minBackoff = opts.minBackoffMs ?? 500;
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  const origin = opts.origin ?? defaultOrigin();
  const conn = new SyslogConnection(opts.endpoint, {
    connectMs: opts.connectTimeoutMs ?? 10_000,
    writeMs: opts.writeTimeoutMs ?? 5_000,
    settleMs: opts.tlsSettleMs ?? 500,
  });
  const gapGuards = { audit_events: new GapGuard(opts.gapWarnMs ?? 60_000), audit_checkpoints: new GapGuard(opts.gapWarnMs ?? 60_000) };
  const status: Omit<ForwarderStatus, 'connected'> = {
    sentEvents: 0,
    sentCheckpoints: 0,
    lockMisses: 0,
    failures: 0,
    lastError: undefined,
  };
  let warnedLarge = false;
  let stopped = true;
  let running: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let backoff = 0;

  // Cheap and outside any transaction: most polls find nothing and never touch the receiver.
  const pending = async () => hasWork(db, await readCursor(db, target));

  // The rows that may be sent now: up to the first gap that may still fill (see gaps.ts).
  const contiguous = async <T>(tx: Tx, table: ForwardedTable, rows: T[], key: (row: T) => number, last: number) => {
    const out: T[] = [];
    let expected = last + 1;
    let holders: string[] | undefined;
    for (const row of rows) {
      const k = key(row);
      if (k > expected) {
        holders ??= await insertLockHolders(tx, table);
        const stalled = (from: number, sinceMs: number) =>
          log.warn({ target, table, seq: from, sinceMs }, 'audit forwarding waits for a transaction that is still open');
        if (gapGuards[table].verdict(expected, holders, Date.now(), stalled) === 'open') break;
        // the writers have ended: what they committed is readable now, the rest was rolled back
        if (await anyBetween(tx, table, expected, k - 1)) break;
        log.debug({ target, table, from: expected, to: k - 1 }, 'audit forwarding passed numbers of rolled-back writes');
      }
      out.push(row);
      expected = k + 1;
    }
    return out;
  };

  // Read, send and move the cursor under one transaction-scoped lock: two instances never send the
  // same batch, and a failed send rolls the round back so the cursor stays where the receiver is.
  const round = (): Promise<Round> =>
    db.transaction(async (tx) => {
      if (!(await tryLock(tx, target))) return 'busy';
      const c = await readCursor(tx, target);
      const events = await contiguous(tx, 'audit_events', await readEvents(tx, c.seq, batchSize), (e) => e.seq, c.seq);
      const checkpoints = await contiguous(
        tx,
        'audit_checkpoints',
        await readCheckpoints(tx, c.checkpoint, batchSize),
        (k) => k.id,
        c.checkpoint,
      );
      if (events.length === 0 && checkpoints.length === 0) return 'idle';
      const messages = [...events.map((e) => eventMessage(e, origin)), ...checkpoints.map((k) => checkpointMessage(k, origin))];
      if (!warnedLarge && messages.some((m) => m.length > RECOMMENDED_MAX_OCTETS)) {
        warnedLarge = true;
        log.warn(
          { target, octets: Math.max(...messages.map((m) => m.length)) },
          'audit message larger than 8192 octets sent whole; the receiver must accept it',
        );
      }
      await conn.write(Buffer.concat(messages.map(frame)));
      await saveCursor(tx, target, events.at(-1)?.seq ?? c.seq, checkpoints.at(-1)?.id ?? c.checkpoint);
      status.sentEvents += events.length;
      status.sentCheckpoints += checkpoints.length;
      return events.length === batchSize || checkpoints.length === batchSize ? 'more' : 'sent';
    });

  const once = async (): Promise<Round> => {
    if (!(await pending())) return 'idle';
    // Connecting happens before the transaction: an absent receiver never holds a database connection.
    await conn.connect();
    return round();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const loop = async () => {
    while (!stopped) {
      let delay = pollMs;
      try {
        const r = await once();
        if (r === 'busy') status.lockMisses++;
        if (backoff > 0) log.info({ target }, 'audit forwarding resumed');
        backoff = 0;
        if (r === 'more') delay = 0;
      } catch (err) {
        conn.close();
        status.failures++;
        status.lastError = String((err as Error).message).split('\n')[0];
        // Only the message: it names the address and the cause, never a key or certificate.
        if (backoff === 0) log.warn({ target, err: status.lastError }, 'audit forwarding failed; retrying from the cursor');
        else log.debug({ target, err: status.lastError }, 'audit forwarding still failing');
        backoff = Math.min(maxBackoff, backoff ? backoff * 2 : minBackoff);
        delay = backoff;
      }
      if (!stopped) await sleep(delay);
    }
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      running = loop().catch(() => {});
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
      running = undefined;
      conn.close();
    },
    kick() {
      // a failing receiver keeps its backoff
      if (backoff === 0) wake?.();
    },
    status: () => ({ ...status, connected: conn.connected }),
  };
}
