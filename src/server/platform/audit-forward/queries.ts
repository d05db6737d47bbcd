import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows, type Queryable } from '../../db/rows.js';
import type { AuditEventRow, CheckpointRow } from './syslog-format.js';

// The forwarder's SQL. It runs as the database owner across all tenants (no withTenant).

export type ForwardedTable = 'audit_events' | 'audit_checkpoints';
export interface Cursor {
  seq: number;
  checkpoint: number;
}

// pg_try_advisory_xact_lock(FORWARD_LOCK, hashtext(target)): one sender per target across instances
const FORWARD_LOCK = 7261005;

export async function tryLock(tx: Tx, target: string): Promise<boolean> {
  const [row] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${FORWARD_LOCK}, hashtext(${target})) as got`);
  return !!row?.got;
}

export async function readCursor(q: Queryable, target: string): Promise<Cursor> {
  const [row] = await queryRows<{ last_seq: string | number; last_checkpoint_id: string | number }>(
    q,
    sql`select last_seq, last_checkpoint_id from audit_forward_state where target = ${target}`,
  );
  return { seq: Number(row?.last_seq ?? 0), checkpoint: Number(row?.last_checkpoint_id ?? 0) };
}

export async function saveCursor(tx: Tx, target: string, seq: number, checkpoint: number): Promise<void> {
  await tx.execute(sql`insert into audit_forward_state (target, last_seq, last_checkpoint_id, updated_at)
    values (${target}, ${seq}, ${checkpoint}, now())
    on conflict (target) do update set last_seq = excluded.last_seq, last_checkpoint_id = excluded.last_checkpoint_id, updated_at = now()`);
}

export async function hasWork(db: Db, c: Cursor): Promise<boolean> {
  const [row] = await queryRows<{ n: boolean }>(
    db,
    sql`select exists (select 1 from audit_events where seq > ${c.seq}) or exists (select 1 from audit_checkpoints where id > ${c.checkpoint}) as n`,
  );
  return !!row?.n;
}

// Transactions that may be inserting into the table: the lock is taken before a number is drawn.
export async function insertLockHolders(tx: Tx, table: ForwardedTable): Promise<string[]> {
  const rows = await queryRows<{ v: string }>(
    tx,
    sql`select distinct virtualtransaction as v from pg_locks
      where locktype = 'relation' and relation = ${table}::regclass and mode = 'RowExclusiveLock'`,
  );
  return rows.map((r) => r.v);
}

export async function anyBetween(tx: Tx, table: ForwardedTable, from: number, to: number): Promise<boolean> {
  const key = sql.raw(table === 'audit_events' ? 'seq' : 'id');
  const [row] = await queryRows<{ n: boolean }>(
    tx,
    sql`select exists (select 1 from ${sql.identifier(table)} where ${key} between ${from} and ${to}) as n`,
  );
  return !!row?.n;
}

export async function readEvents(tx: Tx, after: number, limit: number): Promise<AuditEventRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select seq, tenant_id, tenant_seq, actor_user_id, action, entity_type, entity_id, before, after, request_id,
      client_address, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, prev_hash, hash
      from audit_events e where seq > ${after} order by seq limit ${limit}`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    tenantId: r.tenant_id as string,
    tenantSeq: Number(r.tenant_seq),
    actorUserId: r.actor_user_id as string | null,
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

export async function readCheckpoints(tx: Tx, after: number, limit: number): Promise<CheckpointRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`select id, tenant_id, tenant_seq, hash, kind, to_char(c.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
      from audit_checkpoints c where id > ${after} order by id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    tenantId: r.tenant_id as string,
    tenantSeq: Number(r.tenant_seq),
    hash: r.hash as string,
    kind: r.kind as string,
    at: r.at as string,
  }));
}
