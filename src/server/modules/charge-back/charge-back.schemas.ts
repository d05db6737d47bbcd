import { z } from 'zod';
import { calendarDate } from '../../platform/schema-helpers.js';

export const chargeBackQuery = z.object({
  // the period, both days included; defaults to the current month so far (Europe/Stockholm)
  from: calendarDate().optional(),
  to: calendarDate().optional(),
  supplierId: z.uuid().optional(),
});
export type ChargeBackQuery = z.infer<typeof chargeBackQuery>;

// D0-10, D0-17, D3-25: cards and devices issued in the period; D0-35, D0-40: SIM cards and MDM/app
// users active at some time in the period.
export const chargeCounts = z.object({
  eIdCards: z.number().int(),
  sithsCards: z.number().int(),
  tokens: z.number().int(),
  keys: z.number().int(),
  mobilePhones: z.number().int(),
  simCards: z.number().int(),
  mdmUsers: z.number().int(),
});
export type ChargeCounts = z.infer<typeof chargeCounts>;

export const chargeLine = z.object({
  credentialId: z.uuid(),
  supplierId: z.uuid(),
  kind: z.string(),
  holderName: z.string(),
  serial: z.string().nullable(),
  issuedOn: z.string().nullable(),
  revokedOn: z.string().nullable(),
  // 'issued' = issued in the period; 'active' = in use some time in the period (SIM, MDM)
  basis: z.enum(['issued', 'active']),
});
export type ChargeLine = z.infer<typeof chargeLine>;

export const chargeBackOut = z.object({
  from: z.string(),
  to: z.string(),
  suppliers: z.array(z.object({ supplierId: z.uuid(), supplierName: z.string(), counts: chargeCounts, lines: z.array(chargeLine) })),
  totals: chargeCounts,
});
export type ChargeBackOut = z.infer<typeof chargeBackOut>;
