import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/rows.js';
import type { AuditEventOut, AuditFilter, CheckpointOut } from './audit.schemas.js';

export interface EventRow {
  seq: string | number;
  tenant_seq: string | number;
  at: Date | string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  client_address: string | null;
  hash: string;
  prev_hash: string;
}

const iso = (v: Date | string) => new Date(v).toISOString();

export const presentEvent = (r: EventRow): AuditEventOut => ({
  seq: Number(r.seq),
  tenantSeq: Number(r.tenant_seq),
  at: iso(r.at),
  actor: r.actor_user_id ? { id: r.actor_user_id, displayName: r.actor_name ?? '', email: r.actor_email ?? '' } : null,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  requestId: r.request_id,
  clientAddress: r.client_address,
  hash: r.hash,
  prevHash: r.prev_hash,
});

// A date without a time means the whole day: "to 2026-11-22" includes that day.
const dayEnd = (v: string) => (v.length === 10 ? sql`(${v}::date + 1)::timestamptz` : sql`${v}::timestamptz`);
const likePrefix = (v: string) => `${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function where(tenantId: string, f: AuditFilter & { beforeSeq?: number | undefined }): SQL {
  const parts: SQL[] = [sql`e.tenant_id = ${tenantId}`];
  if (f.actorId) parts.push(sql`e.actor_user_id = ${f.actorId}`);
  if (f.entityType) parts.push(sql`e.entity_type = ${f.entityType}`);
  if (f.entityId) parts.push(sql`e.entity_id = ${f.entityId}`);
  if (f.action) parts.push(sql`e.action like ${likePrefix(f.action)}`);
  if (f.from) parts.push(sql`e.at >= ${f.from}::timestamptz`);
  if (f.to) parts.push(f.to.length === 10 ? sql`e.at < ${dayEnd(f.to)}` : sql`e.at <= ${f.to}::timestamptz`);
  if (f.beforeSeq !== undefined) parts.push(sql`e.seq < ${f.beforeSeq}`);
  return sql.join(parts, sql` and `);
}

// Newest first, by the global sequence (keyset: no OFFSET scans over millions of events).
export async function listEvents(q: Queryable, tenantId: string, f: AuditFilter & { beforeSeq?: number | undefined }, limit: number) {
  return queryRows<EventRow>(
    q,
    sql`select e.seq, e.tenant_seq, e.at, e.actor_user_id, u.display_name as actor_name, u.email as actor_email,
      e.action, e.entity_type, e.entity_id, e.before, e.after, e.request_id, e.client_address, e.hash, e.prev_hash
    from audit_events e left join users u on u.id = e.actor_user_id
    where ${where(tenantId, f)} order by e.seq desc limit ${limit}`,
  );
}

export async function distinctActions(q: Queryable, tenantId: string): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(
    q,
    sql`select distinct action from audit_events where tenant_id = ${tenantId} order by action limit 500`,
  );
  return rows.map((r) => r.action);
}

interface CheckpointRow {
  id: string | number;
  tenant_seq: string | number;
  hash: string;
  kind: string;
  at: Date | string;
}
const presentCheckpoint = (r: CheckpointRow): CheckpointOut => ({
  id: Number(r.id),
  tenantSeq: Number(r.tenant_seq),
  hash: r.hash,
  kind: r.kind,
  at: iso(r.at),
});

export async function listCheckpoints(q: Queryable, tenantId: string, limit: number): Promise<CheckpointOut[]> {
  const rows = await queryRows<CheckpointRow>(
    q,
    sql`select id, tenant_seq, hash, kind, at from audit_checkpoints where tenant_id = ${tenantId} order by id desc limit ${limit}`,
  );
  return rows.map(presentCheckpoint);
}

// A checkpoint copies the head as it is now; nothing in it comes from the caller (the database function
// is the application role's only way to add one).
export async function insertCheckpoint(q: Queryable, tenantId: string, kind: string): Promise<CheckpointOut | null> {
  const [row] = await queryRows<CheckpointRow>(
    q,
    sql`select id, tenant_seq, hash, kind, at from audit_take_checkpoint(${tenantId}, ${kind})`,
  );
  return row ? presentCheckpoint(row) : null;
}
