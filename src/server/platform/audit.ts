import { auditEvents } from '../db/schema/index.js';
import type { Tx } from '../db/client.js';
import type { Actor } from './access.js';

export interface RequestContext {
  actor: Actor;
  requestId: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

// Written in the same transaction as the change it describes: no change without its entry.
// The hash chain over these rows is added by the audit-trail module.
export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
    tenantId: ctx.actor.tenantId,
    actorUserId: ctx.actor.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  });
}
