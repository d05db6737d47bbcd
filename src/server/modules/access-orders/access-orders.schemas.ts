import { z } from 'zod';
import { accessOrderGates, accessOrderStatuses, accessOrderSteps, accessOrderTypes } from '../../../shared/access-orders.js';
import { listQueryBase } from '../../platform/http.js';
import { calendarDate, optionalText, pageOf, requiredText } from '../../platform/schema-helpers.js';

const optionalDate = calendarDate().nullable().optional();
// The start date is a calendar day; a client that sends a timestamp (e.g. from toISOString()) means
// the day it names, so its date part is taken rather than refusing the order for its format.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const startDay = z
  .string()
  .trim()
  .max(40)
  .transform((v) => TIMESTAMP.exec(v)?.[1] ?? v)
  .pipe(calendarDate());

// D0-12..D0-14, D3-03, D3-22, D3-23: an order for a new account, a change of permissions or a
// termination. Only type, system, person and start date are needed; the rest is optional.
export const accessOrderCreate = z.strictObject({
  type: z.enum(accessOrderTypes),
  systemId: z.uuid(),
  personName: requiredText(200),
  startDate: startDay,
  // whose staff the person is; a supplier's orderer may leave it out (its own organisation)
  supplierId: z.uuid().nullable().optional(),
  // checked (date and check digit) by the service; stored sealed, never echoed back
  personnummer: z.string().trim().max(20).nullable().optional(),
  personEmail: z.email().max(254).nullable().optional(),
  // D3-22: the permission level, e.g. "administrativ behörighet"
  permissions: optionalText(2000),
  justification: optionalText(2000),
  // required when the tenant accepts late orders and this one is late
  lateReason: optionalText(1000),
  unitId: z.uuid().nullable().optional(),
  trainingDoneOn: optionalDate,
  secrecyReminderSignedOn: optionalDate,
  informedOfRegistrationOn: optionalDate,
});
export type AccessOrderCreate = z.infer<typeof accessOrderCreate>;

// What may still change on an open order: the gates and the descriptive fields.
export const accessOrderPatch = z.strictObject({
  personEmail: z.email().max(254).nullable().optional(),
  permissions: optionalText(2000),
  justification: optionalText(2000),
  trainingDoneOn: optionalDate,
  secrecyReminderSignedOn: optionalDate,
  informedOfRegistrationOn: optionalDate,
});
export type AccessOrderPatch = z.infer<typeof accessOrderPatch>;

export const accessOrderStepIn = z.strictObject({ note: optionalText(2000) });
export type AccessOrderStepIn = z.infer<typeof accessOrderStepIn>;

const person = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const accessOrderOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  number: z.string(),
  type: z.enum(accessOrderTypes),
  status: z.enum(accessOrderStatuses),
  priority: z.enum(['normal', 'high']),
  // name null when the viewer may not see the system
  system: z.object({ id: z.uuid(), name: z.string().nullable() }),
  supplier: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  unitId: z.uuid().nullable(),
  personName: z.string(),
  personEmail: z.string().nullable(),
  // YYYYMMDD-****; the full number only through /personnummer, for those who execute the order
  personnummerMasked: z.string().nullable(),
  canRevealPersonnummer: z.boolean(),
  permissions: z.string().nullable(),
  justification: z.string().nullable(),
  startDate: z.string(),
  submittedAt: z.string(),
  submittedBy: person,
  orderer: person,
  late: z.boolean(),
  lateReason: z.string().nullable(),
  leadTime: z.object({ requiredDays: z.number().int(), daysAhead: z.number().int() }),
  decidedAt: z.string().nullable(),
  decidedBy: person,
  decisionNote: z.string().nullable(),
  executedAt: z.string().nullable(),
  executedBy: person,
  escalatedAt: z.string().nullable(),
  gates: z.object({
    trainingDoneOn: z.string().nullable(),
    secrecyReminderSignedOn: z.string().nullable(),
    informedOfRegistrationOn: z.string().nullable(),
    // what still stops execution (external staff only)
    missing: z.array(z.enum(accessOrderGates)),
  }),
  // the flow steps this viewer may take now
  steps: z.array(z.enum(accessOrderSteps)),
  allowedActions: z.array(z.enum(['read', 'update'])),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccessOrderOut = z.infer<typeof accessOrderOut>;

export const accessOrderSorts = ['submittedAt', 'startDate', 'number'] as const;

export const accessOrderListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  status: z.enum(accessOrderStatuses).optional(),
  type: z.enum(accessOrderTypes).optional(),
  supplierId: z.uuid().optional(),
  systemId: z.uuid().optional(),
  // submitted or approved: what still waits for someone
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type AccessOrderListQuery = z.infer<typeof accessOrderListQuery>;
export const accessOrderPage = pageOf(accessOrderOut);

export const personnummerOut = z.object({ personnummer: z.string() });

export const reportQuery = z.object({ from: calendarDate().optional(), to: calendarDate().optional() });
export type ReportQuery = z.infer<typeof reportQuery>;

const supplierKey = z.object({ supplierId: z.uuid().nullable(), supplierName: z.string().nullable() });

// D0-12, D0-13: per supplier (null = internal staff), how many orders came in on time.
export const leadTimeReportOut = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    supplierKey.extend({
      newTotal: z.number().int(),
      newLate: z.number().int(),
      changeTotal: z.number().int(),
      changeLate: z.number().int(),
      // share on time, 0–100, null without orders
      onTimePercent: z.number().nullable(),
    }),
  ),
});

// D0-14, D3-06: how long terminations took from order to execution.
export const terminationReportOut = z.object({
  from: z.string(),
  to: z.string(),
  thresholdHours: z.number().int(),
  rows: z.array(
    supplierKey.extend({
      total: z.number().int(),
      executed: z.number().int(),
      open: z.number().int(),
      medianHours: z.number().nullable(),
      maxHours: z.number().nullable(),
      overThreshold: z.number().int(),
    }),
  ),
});
