import { createHmac, randomBytes } from 'node:crypto';
import { auditEvents } from '../db/schema/index.js';
import type { Tx } from '../db/client.js';
import type { Actor } from './access.js';

export interface RequestContext {
  actor: Actor;
  requestId: string;
  // the caller's address as the server saw it (behind a proxy: X-Forwarded-For per trustProxy)
  clientAddress?: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

// Values that must never be readable in the trail are kept as keyed hashes: the trail still shows that
// a field changed, and a holder of the instance key can test a candidate value, but a copy of the
// database does not give them away (low-entropy values would fall to a plain hash).
let redactionKey: Buffer = randomBytes(32);
export function setAuditRedactionKey(instanceKey: Buffer): void {
  redactionKey = createHmac('sha256', instanceKey).update('tillit-audit-redaction-v1').digest();
}

// Fields of a secret-marked record that stay readable: they say what the record is, not what it holds.
const structural = new Set(['id', 'version', 'secret', 'secrecyProvision', 'archived', 'archivedAt', 'createdAt', 'updatedAt']);
// Credentials are hashed in every record, secret-marked or not.
const credential = /password|passwd|token|secret|privatekey|totp|recovery|apikey|seed|key$/i;

export function redactedValue(tenantId: string, value: unknown): string {
  return `hmac-sha256:${createHmac('sha256', redactionKey)
    .update(tenantId)
    .update('\0')
    .update(JSON.stringify(value ?? null))
    .digest('hex')}`;
}

type Fields = Record<string, unknown>;
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
// what jsonb will hold: Dates become ISO strings, undefined keys disappear
const plain = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

// Only the fields that changed; secret content and credentials as hashes.
export function auditDelta(tenantId: string, entry: AuditEntry): { before: unknown; after: unknown } {
  let before = plain(entry.before);
  let after = plain(entry.after);
  if (isFields(before) && isFields(after)) {
    const b: Fields = {};
    const a: Fields = {};
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
      b[k] = before[k] ?? null;
      a[k] = after[k] ?? null;
    }
    before = b;
    after = a;
  }
  const secretRecord = [entry.before, entry.after].some((v) => isFields(v) && v.secret === true);
  const redact = (v: Fields, top: boolean): Fields => {
    const out: Fields = {};
    for (const [k, val] of Object.entries(v)) {
      // a credential is a string; "clientSecretSet: true" or a count of codes left says nothing secret
      const hide = (credential.test(k) && typeof val === 'string') || (top && secretRecord && !structural.has(k));
      out[k] = hide && val !== null ? redactedValue(tenantId, val) : nested(val);
    }
    return out;
  };
  // Another record inside this one (a linked system, the responsible unit) is kept as its id only: its
  // name may be secret, and whoever reads the trail resolves the id under their own rights.
  const nested = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(nested);
    if (!isFields(v)) return v;
    return typeof v.id === 'string' ? { id: v.id } : redact(v, false);
  };
  const top = (v: unknown) => (isFields(v) ? redact(v, true) : nested(v));
  return { before: top(before), after: top(after) };
}

// The one way audit events are written, in the same transaction as the change they describe: no
// change without its entry. Numbering and the hash chain are the database's (trigger audit_chain()).
export async function recordAuditMany(tx: Tx, ctx: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(auditEvents).values(
    entries.map((entry) => {
      const { before, after } = auditDelta(ctx.actor.tenantId, entry);
      return {
        tenantId: ctx.actor.tenantId,
        actorUserId: ctx.actor.userId || null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before,
        after,
        requestId: ctx.requestId,
        clientAddress: ctx.clientAddress ?? null,
      };
    }),
  );
}

export const recordAudit = (tx: Tx, ctx: RequestContext, entry: AuditEntry) => recordAuditMany(tx, ctx, [entry]);

// Work Tillit does by itself (retention, scheduled jobs): no person is the actor.
export const systemContext = (tenantId: string, requestId: string): RequestContext => ({
  actor: { userId: '', tenantId, roles: [], grants: [], email: '', displayName: 'Tillit' },
  requestId,
});
