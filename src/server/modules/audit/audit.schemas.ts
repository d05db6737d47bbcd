import { z } from 'zod';

const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: 'Ange ett datum (ÅÅÅÅ-MM-DD) eller en tidpunkt (ISO 8601).',
});

export const auditFilter = z.strictObject({
  actorId: z.uuid().optional(),
  entityType: z
    .string()
    .trim()
    .regex(/^[a-z][a-z-]{0,39}$/, { message: 'Okänd objekttyp.' })
    .optional(),
  entityId: z.uuid().optional(),
  // a prefix: "system." gives every system event
  action: z.string().trim().min(1).max(80).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type AuditFilter = z.infer<typeof auditFilter>;

export const pageQuery = {
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, { message: 'Ogiltig fortsättningsmarkör.' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const auditListQuery = auditFilter.extend(pageQuery);
export type AuditListQuery = z.infer<typeof auditListQuery>;
export const historyQuery = z.strictObject(pageQuery);
export type HistoryQuery = z.infer<typeof historyQuery>;

const actorOut = z.object({ id: z.uuid(), displayName: z.string(), email: z.string() }).nullable();

export const auditEventOut = z.object({
  seq: z.number().int(),
  tenantSeq: z.number().int(),
  at: z.string(),
  actor: actorOut,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  // only the changed fields; secret content and credentials as "hmac-sha256:…"
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
});
export type AuditEventOut = z.infer<typeof auditEventOut>;
export const auditPage = z.object({ items: z.array(auditEventOut), nextCursor: z.string().nullable() });

export const historyEventOut = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: actorOut,
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type HistoryEventOut = z.infer<typeof historyEventOut>;
export const historyPage = z.object({ items: z.array(historyEventOut), nextCursor: z.string().nullable() });

export const brokenLinkReasons = ['hash', 'link', 'gap', 'order', 'missing-tail', 'checkpoint', 'anchor'] as const;
export const verifyReport = z.object({
  tenantId: z.uuid(),
  status: z.enum(['intact', 'broken']),
  checked: z.number().int(),
  head: z.object({ tenantSeq: z.number().int(), hash: z.string() }).nullable(),
  anchor: z.object({ tenantSeq: z.number().int(), hash: z.string(), at: z.string(), fileName: z.string() }).nullable(),
  firstBroken: z
    .object({
      tenantSeq: z.number().int(),
      reason: z.enum(brokenLinkReasons),
      message: z.object({ sv: z.string(), en: z.string() }),
    })
    .nullable(),
  verifiedAt: z.string(),
});
export type VerifyReport = z.infer<typeof verifyReport>;

export const checkpointOut = z.object({
  id: z.number().int(),
  tenantSeq: z.number().int(),
  hash: z.string(),
  kind: z.string(),
  at: z.string(),
});
export type CheckpointOut = z.infer<typeof checkpointOut>;
export const checkpointList = z.object({ items: z.array(checkpointOut) });
export const actionList = z.object({ items: z.array(z.string()) });
