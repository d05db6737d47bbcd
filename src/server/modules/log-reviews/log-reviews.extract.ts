import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { TrailEvent } from './log-reviews.repository.js';

// The columns of an audit-trail extract: the events as stored, with the chain position and hash so a
// reviewer (or auditor) can match each line against `tillit audit verify`.
const columns = [
  'at',
  'actor_user_id',
  'actor_display_name',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'request_id',
  'client_address',
  'tenant_seq',
  'hash',
] as const;

// Spreadsheet programs run cells that start like a formula (OWASP CSV injection), as in platform/export.ts.
const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export function extractCsv(events: TrailEvent[]): Buffer {
  const rows = events.map((e) =>
    [
      e.at,
      e.actor_user_id ?? '',
      e.actor_name ?? '',
      e.action,
      e.entity_type,
      e.entity_id ?? '',
      json(e.before),
      json(e.after),
      e.request_id ?? '',
      e.client_address ?? '',
      String(e.tenant_seq),
      e.hash,
    ].map(defuse),
  );
  return Buffer.from(stringify([[...columns], ...rows]), 'utf8');
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export const extractFileName = (from: string, to: string) => `granskningslogg-${from}-${to}.csv`;
