import { z } from 'zod';
import { supplierTypes } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';
import { supplierProfileOut, supplierProfilePatch } from './suppliers.profile.js';

// The organisation number's format and check digit are checked by the service, which can say in
// plain Swedish what is wrong with it; here only its length is bounded.
export const supplierWarnings = ['too-few-super-users', 'no-support-contact', 'orderers-unconfirmed', 'unencrypted-messaging'] as const;
export type SupplierWarning = (typeof supplierWarnings)[number];

export const supplierCreate = z.strictObject({
  name: requiredText(200),
  organisationNumber: optionalText(20),
  type: z.enum(supplierTypes).optional(),
});
export type SupplierCreate = z.infer<typeof supplierCreate>;

// profile: the parts named replace the stored ones (issue 7)
export const supplierPatch = supplierCreate.partial().extend({ profile: supplierProfilePatch.optional() });
export type SupplierPatch = z.infer<typeof supplierPatch>;

export const supplierOut = z.object({
  ...registerOut,
  name: z.string(),
  // NNNNNN-NNNN
  organisationNumber: z.string().nullable(),
  type: z.enum(supplierTypes),
  profile: supplierProfileOut,
  // D3-08: when the supplier itself last changed its details
  profileChangedAt: z.string().nullable(),
  // D0-11: the last "the list of authorised orderers is still correct", and when the next is due
  orderersConfirmedAt: z.string().nullable(),
  orderersConfirmationDueOn: z.string().nullable(),
  // D3-29: active super users (not archived, within their validity)
  activeSuperUsers: z.number().int(),
  // what needs the municipality's attention (D3-29, D0-29, D0-11, D0-44)
  warnings: z.array(z.enum(supplierWarnings)),
});
export type SupplierOut = z.infer<typeof supplierOut>;

export const supplierSorts = ['name', 'updatedAt', 'createdAt'] as const;

export const supplierListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  // part of the name or of the organisation number (with or without the hyphen)
  q: z.string().trim().max(200).optional(),
  type: z.enum(supplierTypes).optional(),
});
export type SupplierListQuery = z.infer<typeof supplierListQuery>;

export const supplierPage = pageOf(supplierOut);
