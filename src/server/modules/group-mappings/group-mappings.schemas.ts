import { z } from 'zod';
import { personRoles, roles, scopeTypes } from '../../../shared/enums.js';
import { pageOf, refOut, requiredText } from '../../platform/schema-helpers.js';

// One row of the tenant's group → role table: members of the IdP group get the role, in the scope.
export const groupMappingCreate = z.strictObject({
  groupName: requiredText(200),
  role: z.enum(personRoles),
  scopeType: z.enum(scopeTypes).optional(),
  scopeUnitId: z.uuid().nullable().optional(),
  scopeSystemIds: z.array(z.uuid()).max(100).optional(),
  scopeSupplierId: z.uuid().nullable().optional(),
});
export type GroupMappingCreate = z.infer<typeof groupMappingCreate>;

export const groupMappingOut = z.object({
  id: z.uuid(),
  groupName: z.string(),
  role: z.enum(roles),
  scopeType: z.enum(scopeTypes),
  scopeUnitId: z.uuid().nullable(),
  scopeUnit: refOut.nullable(),
  scopeSystemIds: z.array(z.uuid()),
  scopeSystems: z.array(refOut),
  scopeSupplierId: z.uuid().nullable(),
  scopeSupplier: refOut.nullable(),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(['read', 'delete'])),
});
export type GroupMappingOut = z.infer<typeof groupMappingOut>;

export const groupMappingPage = pageOf(groupMappingOut);
