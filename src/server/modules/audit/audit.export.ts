import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { ExportColumn } from '../../platform/export.js';
import type { AuditEventOut, CheckpointOut } from './audit.schemas.js';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export const auditExportColumns: ExportColumn<AuditEventOut>[] = [
  { header: { sv: 'Tidpunkt', en: 'Time' }, value: (e) => e.at },
  { header: { sv: 'Löpnummer', en: 'Sequence' }, value: (e) => e.tenantSeq },
  { header: { sv: 'Användare', en: 'User' }, value: (e) => e.actor?.email ?? null },
  { header: { sv: 'Namn', en: 'Name' }, value: (e) => e.actor?.displayName ?? null },
  { header: { sv: 'Händelse', en: 'Action' }, value: (e) => e.action },
  { header: { sv: 'Objekttyp', en: 'Object type' }, value: (e) => e.entityType },
  { header: { sv: 'Objekt-id', en: 'Object id' }, value: (e) => e.entityId },
  { header: { sv: 'Före', en: 'Before' }, value: (e) => json(e.before) },
  { header: { sv: 'Efter', en: 'After' }, value: (e) => json(e.after) },
  { header: { sv: 'Anrops-id', en: 'Request id' }, value: (e) => e.requestId },
  { header: { sv: 'Klientadress', en: 'Client address' }, value: (e) => e.clientAddress },
  { header: { sv: 'Hash', en: 'Hash' }, value: (e) => e.hash },
  { header: { sv: 'Föregående hash', en: 'Previous hash' }, value: (e) => e.prevHash },
];

// JSON Lines: one event per line, every field as the API gives it (hashes included, so an external
// copy can be checked against the chain).
export function sendJsonLines(reply: FastifyReply, filename: string, rows: AsyncIterable<AuditEventOut | CheckpointOut>) {
  const body = Readable.from(
    (async function* () {
      for await (const r of rows) yield `${JSON.stringify(r)}\n`;
    })(),
  );
  return reply
    .header('content-type', 'application/x-ndjson; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(body);
}
