import { bigint, bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './platform.js';

// The head of each tenant's audit chain. Only the audit_chain() trigger writes it; the application
// role may read it (verification compares the newest event with it).
export const auditHeads = pgTable('audit_heads', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  tenantSeq: bigint('tenant_seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// A copy of a chain head taken at a point in time (daily, on demand, at an archive cut). Exported or
// forwarded, it lets anyone detect that the newest events were removed afterwards.
export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    tenantSeq: bigint('tenant_seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_checkpoints_tenant_idx').on(t.tenantId, t.tenantSeq)],
);

// Where retention cut the chain: the events up to tenantSeq were written to an archive file and removed,
// and verification of what remains starts from this hash.
export const auditAnchors = pgTable(
  'audit_anchors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    tenantSeq: bigint('tenant_seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    eventCount: integer('event_count').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_anchors_tenant_idx').on(t.tenantId, t.tenantSeq)],
);

// How far each external log (the syslog forwarder) has received the trail, by global seq: a restart or
// an unreachable listener resumes from here, so nothing is lost.
export const auditForwardState = pgTable('audit_forward_state', {
  target: text('target').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  lastCheckpointId: bigint('last_checkpoint_id', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
