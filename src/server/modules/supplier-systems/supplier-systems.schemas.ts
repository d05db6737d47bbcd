import { z } from 'zod';
import { optionalText } from '../../platform/schema-helpers.js';

export const supplierSystemParams = z.strictObject({ id: z.uuid(), systemId: z.uuid() });

// D0-01 (the supplier documents in the system), D3-02, D3-26 (the provider administers its own users).
export const supplierSystemIn = z.strictObject({
  delivers: z.boolean().optional(),
  worksIn: z.boolean().optional(),
  administersOwnUsers: z.boolean().optional(),
  note: optionalText(1000),
});
export type SupplierSystemIn = z.infer<typeof supplierSystemIn>;

export const supplierSystemOut = z.object({
  supplierId: z.uuid(),
  systemId: z.uuid(),
  // null when the viewer may not see the system's name
  name: z.string().nullable(),
  critical: z.boolean(),
  delivers: z.boolean(),
  worksIn: z.boolean(),
  administersOwnUsers: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type SupplierSystemOut = z.infer<typeof supplierSystemOut>;

export const supplierSystemList = z.object({
  items: z.array(supplierSystemOut),
  // whether the viewer may link and unlink systems (the municipality's supplier register writers)
  mayChange: z.boolean(),
});
