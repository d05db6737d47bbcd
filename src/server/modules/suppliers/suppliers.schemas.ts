import { z } from 'zod';
import { supplierTypes } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';

// The organisation number's format and check digit are checked by the service, which can say in
// plain Swedish what is wrong with it; here only its length is bounded.
export const supplierCreate = z.strictObject({
  name: requiredText(200),
  organisationNumber: optionalText(20),
  type: z.enum(supplierTypes).optional(),
});
export type SupplierCreate = z.infer<typeof supplierCreate>;

export const supplierPatch = supplierCreate.partial();
export type SupplierPatch = z.infer<typeof supplierPatch>;

export const supplierOut = z.object({
  ...registerOut,
  name: z.string(),
  // NNNNNN-NNNN
  organisationNumber: z.string().nullable(),
  type: z.enum(supplierTypes),
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
