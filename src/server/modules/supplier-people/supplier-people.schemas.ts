import { z } from 'zod';
import { calendarDate, optionalText, registerOut, requiredText } from '../../platform/schema-helpers.js';

// D0-03 key persons, D3-29 super users, D0-11 authorised orderers, and other contacts.
export const supplierPersonKinds = ['key_person', 'super_user', 'authorised_orderer', 'contact'] as const;
export type SupplierPersonKind = (typeof supplierPersonKinds)[number];

export const supplierPersonCreate = z.strictObject({
  kind: z.enum(supplierPersonKinds),
  name: requiredText(200),
  title: optionalText(200),
  email: z.email().max(254).nullable().optional(),
  phone: optionalText(50),
  // the person's account in the portal, when they have one (an orderer's orders are tied to it)
  userId: z.uuid().nullable().optional(),
  validFrom: calendarDate().nullable().optional(),
  validTo: calendarDate().nullable().optional(),
});
export type SupplierPersonCreate = z.infer<typeof supplierPersonCreate>;

export const supplierPersonPatch = supplierPersonCreate.omit({ kind: true }).partial();
export type SupplierPersonPatch = z.infer<typeof supplierPersonPatch>;

export const supplierPersonOut = z.object({
  ...registerOut,
  supplierId: z.uuid(),
  kind: z.enum(supplierPersonKinds),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  userId: z.uuid().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  // not archived and within its validity today
  active: z.boolean(),
});
export type SupplierPersonOut = z.infer<typeof supplierPersonOut>;

export const supplierPeopleQuery = z.object({
  kind: z.enum(supplierPersonKinds).optional(),
  includeArchived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type SupplierPeopleQuery = z.infer<typeof supplierPeopleQuery>;

export const supplierPeopleList = z.object({ items: z.array(supplierPersonOut) });
