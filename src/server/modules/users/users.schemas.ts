import { z } from 'zod';
import { personRoles, roles, scopeTypes } from '../../../shared/enums.js';
import { listQueryBase } from '../../platform/http.js';
import { pageOf, refOut, requiredText } from '../../platform/schema-helpers.js';

export const assignmentIn = z.strictObject({
  role: z.enum(personRoles),
  scopeType: z.enum(scopeTypes).optional(),
  scopeUnitId: z.uuid().nullable().optional(),
  scopeSystemIds: z.array(z.uuid()).max(200).optional(),
  scopeSupplierId: z.uuid().nullable().optional(),
});
export type AssignmentIn = z.infer<typeof assignmentIn>;

export const assignmentOut = z.object({
  id: z.uuid(),
  role: z.enum(roles),
  scopeType: z.enum(scopeTypes),
  scopeUnit: refOut.nullable(),
  scopeSystems: z.array(refOut),
  scopeSupplier: refOut.nullable(),
  // manual, sso or scim: who keeps this assignment current
  source: z.enum(['manual', 'sso', 'scim']),
  createdAt: z.string(),
});
export type AssignmentOut = z.infer<typeof assignmentOut>;

export const userCreate = z.strictObject({
  email: z.email().trim().max(320),
  displayName: requiredText(200),
  assignments: z.array(assignmentIn).min(1).max(20),
});
export type UserCreate = z.infer<typeof userCreate>;

export const userPatch = z.strictObject({ displayName: requiredText(200) });

export const userOut = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  mfa: z.object({ totp: z.boolean(), passkeys: z.number().int() }),
  ssoLinked: z.boolean(),
  scimManaged: z.boolean(),
  lastSeenAt: z.string().nullable(),
  createdAt: z.string(),
  assignments: z.array(assignmentOut),
  allowedActions: z.array(z.enum(['read', 'update', 'archive', 'restore'])),
});
export type UserOut = z.infer<typeof userOut>;

export const userSorts = ['name', 'email', 'createdAt'] as const;

export const userListQuery = z.object({
  limit: listQueryBase.limit,
  cursor: listQueryBase.cursor,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  role: z.enum(roles).optional(),
});
export type UserListQuery = z.infer<typeof userListQuery>;
export const userPage = pageOf(userOut);

export const sessionOut = z.object({
  id: z.uuid(),
  tenant: refOut,
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  clientAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  authMethods: z.array(z.string()),
  current: z.boolean(),
});
export type SessionOut = z.infer<typeof sessionOut>;
export const sessionList = z.object({ items: z.array(sessionOut) });
export const userAssignmentParams = z.object({ id: z.uuid(), assignmentId: z.uuid() });
