import { z } from 'zod';
import { listQueryBase } from '../../platform/http.js';
import { calendarDate, optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';

// What the municipality changes (D0-06 systems, D3-10 replacement of the business system, D0-09
// authentication method, D0-41 MDM provider, D0-42 mobile operator, D0-45 messaging method, D3-33 new
// IT instructions) and the D0-46 request to connect to SDK (Säker Digital Kommunikation).
export const changeNoticeKinds = [
  'system_change',
  'system_replacement',
  'authentication',
  'mdm',
  'mobile_operator',
  'messaging',
  'instruction',
  'sdk_request',
] as const;
export type ChangeNoticeKind = (typeof changeNoticeKinds)[number];

export const changeNoticeCreate = z.strictObject({
  kind: z.enum(changeNoticeKinds),
  title: requiredText(300),
  body: requiredText(20_000),
  // recipients: every supplier linked to these systems, and these suppliers by name
  systemIds: z.array(z.uuid()).max(200).optional(),
  supplierIds: z.array(z.uuid()).max(500).optional(),
  // when the change takes effect; for instructions (D3-33) the date the suppliers must have adapted by
  effectiveOn: calendarDate().nullable().optional(),
  // the suppliers acknowledge by this date (D0-46: the date the SDK connection is due)
  acknowledgeBy: calendarDate().nullable().optional(),
  // D0-42: the change is expected to cost the suppliers money (e.g. equipment to replace)
  costImpact: z.boolean().optional(),
});
export type ChangeNoticeCreate = z.infer<typeof changeNoticeCreate>;

export const changeNoticePatch = changeNoticeCreate.partial();
export type ChangeNoticePatch = z.infer<typeof changeNoticePatch>;

const recipientOut = z.object({
  supplierId: z.uuid(),
  supplierName: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  comment: z.string().nullable(),
  remindedAt: z.string().nullable(),
  // the acknowledge-by date has passed without an acknowledgement
  overdue: z.boolean(),
});
export type RecipientOut = z.infer<typeof recipientOut>;

export const changeNoticeOut = z.object({
  ...registerOut,
  kind: z.enum(changeNoticeKinds),
  title: z.string(),
  body: z.string(),
  systemIds: z.array(z.uuid()),
  // name null when the viewer may not see the system
  systems: z.array(z.object({ id: z.uuid(), name: z.string().nullable() })),
  // a supplier viewer sees only its own organisation here and among the recipients
  supplierIds: z.array(z.uuid()),
  suppliers: z.array(z.object({ id: z.uuid(), name: z.string() })),
  effectiveOn: z.string().nullable(),
  acknowledgeBy: z.string().nullable(),
  costImpact: z.boolean(),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  recipients: z.array(recipientOut),
  counts: z.object({ recipients: z.number().int(), acknowledged: z.number().int(), overdue: z.number().int() }),
  canPublish: z.boolean(),
  // the organisations this viewer may acknowledge for (supplier admins: their own, once published)
  canAcknowledgeFor: z.array(z.uuid()),
});
export type ChangeNoticeOut = z.infer<typeof changeNoticeOut>;

export const changeNoticeSorts = ['publishedAt', 'createdAt', 'acknowledgeBy', 'title'] as const;

export const changeNoticeListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  kind: z.enum(changeNoticeKinds).optional(),
  status: z.enum(['draft', 'published']).optional(),
  systemId: z.uuid().optional(),
  supplierId: z.uuid().optional(),
  // published notices a recipient has not acknowledged
  pending: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ChangeNoticeListQuery = z.infer<typeof changeNoticeListQuery>;
export const changeNoticePage = pageOf(changeNoticeOut);

// A supplier admin acknowledges for its own organisation; a municipal editor may record an
// acknowledgement received another way, naming the supplier.
export const acknowledgeIn = z.strictObject({
  supplierId: z.uuid().optional(),
  comment: optionalText(2000),
});
export type AcknowledgeIn = z.infer<typeof acknowledgeIn>;
