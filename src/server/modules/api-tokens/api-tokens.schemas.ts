import { z } from 'zod';
import { roles } from '../../../shared/enums.js';
import { requiredText } from '../../platform/schema-helpers.js';

export const tokenStatuses = ['active', 'expired', 'revoked'] as const;

export const apiTokenCreate = z.strictObject({
  name: requiredText(100),
  roles: z.array(z.enum(roles)).min(1).max(roles.length),
  // A date means "valid through that day" (Europe/Stockholm); a timestamp is taken as it is.
  // Without one the token lives 90 days; at most one year.
  expiresAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});
export type ApiTokenCreate = z.infer<typeof apiTokenCreate>;

export const apiTokenOut = z.object({
  id: z.uuid(),
  name: z.string(),
  // the token's visible start, `tillit_<prefix>`, to recognise it without revealing it
  prefix: z.string(),
  roles: z.array(z.enum(roles)),
  createdAt: z.string(),
  createdBy: z.object({ id: z.uuid(), displayName: z.string() }),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(tokenStatuses),
});
export type ApiTokenOut = z.infer<typeof apiTokenOut>;

// The only answer that ever carries the token itself.
export const apiTokenCreated = apiTokenOut.extend({ token: z.string() });
export type ApiTokenCreated = z.infer<typeof apiTokenCreated>;

export const apiTokenList = z.object({ items: z.array(apiTokenOut) });
