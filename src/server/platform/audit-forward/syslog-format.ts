import os from 'node:os';

// RFC 5424 messages for the audit trail, framed by octet counting (RFC 6587 §3.4.1, RFC 5425 §4.3):
// "LEN SP MSG". Facility 13 is "log audit"; events are notice, checkpoints informational.

export const SD_ID = 'tillit@32473';
const FACILITY_LOG_AUDIT = 13;
const SEVERITY_NOTICE = 5;
const SEVERITY_INFORMATIONAL = 6;
// RFC 5425 §4.3.1: every receiver takes 2048 octets and should take 8192; larger messages are still
// sent whole (the JSON is never cut), so the receiver's maximum must be raised when records are big.
export const RECOMMENDED_MAX_OCTETS = 8192;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface AuditEventRow {
  seq: number;
  tenantId: string;
  tenantSeq: number;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddress: string | null;
  // UTC with microseconds, as the hash chain's canonical form renders it
  at: string;
  prevHash: string;
  hash: string;
}

export interface CheckpointRow {
  id: number;
  tenantId: string;
  tenantSeq: number;
  hash: string;
  kind: string;
  at: string;
}

export interface Origin {
  hostname: string;
  appName: string;
  procId: string;
}

// Header fields are printable US-ASCII without spaces (RFC 5424 §6.2); anything else becomes '-'.
const headerField = (value: string, max: number) => value.replace(/[^\x21-\x7e]/g, '-').slice(0, max) || '-';

export function defaultOrigin(): Origin {
  return { hostname: headerField(os.hostname(), 255), appName: 'tillit', procId: String(process.pid) };
}

// RFC 5424 §6.3.3: inside PARAM-VALUE, '"', '\' and ']' are escaped with a backslash.
export const escapeParamValue = (value: string) => value.replace(/["\\\]]/g, (c) => `\\${c}`);

type Params = Record<string, string | number | null | undefined>;

function structuredData(params: Params): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeParamValue(String(v))}"`);
  return `[${SD_ID}${parts.join('')}]`;
}

function message(severity: number, at: string, origin: Origin, msgId: string, params: Params, body: unknown): Buffer {
  const pri = FACILITY_LOG_AUDIT * 8 + severity;
  const head = `<${pri}>1 ${at} ${headerField(origin.hostname, 255)} ${headerField(origin.appName, 48)} ${headerField(origin.procId, 128)} ${msgId} ${structuredData(params)} `;
  return Buffer.concat([Buffer.from(head, 'utf8'), BOM, Buffer.from(JSON.stringify(body), 'utf8')]);
}

// Octet counting: the length is of the message bytes, so any UTF-8 content (and newlines) is safe.
export const frame = (msg: Buffer): Buffer => Buffer.concat([Buffer.from(`${msg.length} `, 'ascii'), msg]);

export function eventMessage(e: AuditEventRow, origin: Origin): Buffer {
  const params = {
    tenant: e.tenantId,
    seq: e.seq,
    tenantSeq: e.tenantSeq,
    actor: e.actorUserId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    requestId: e.requestId,
    clientAddress: e.clientAddress,
    hash: e.hash,
    prevHash: e.prevHash,
  };
  // before/after were redacted when the event was written (platform/audit.ts)
  return message(SEVERITY_NOTICE, e.at, origin, 'audit', params, { before: e.before ?? null, after: e.after ?? null });
}

export function checkpointMessage(c: CheckpointRow, origin: Origin): Buffer {
  const params = { tenant: c.tenantId, checkpoint: c.id, tenantSeq: c.tenantSeq, hash: c.hash, kind: c.kind };
  return message(SEVERITY_INFORMATIONAL, c.at, origin, 'checkpoint', params, { tenantSeq: c.tenantSeq, hash: c.hash, kind: c.kind });
}
