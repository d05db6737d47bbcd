import { z } from 'zod';
import { resources } from '../../platform/access.js';
import { roles, scopeTypes, sessionStages } from '../../../shared/enums.js';
import { mfaMethods } from '../mfa/mfa.schemas.js';

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const userOut = z.object({ id: z.uuid(), email: z.string(), displayName: z.string() });

// stage 'mfa': a second factor is owed (methods lists the user's); 'enrol': MFA must be set up first.
export const loginOut = z.object({
  user: userOut,
  csrfToken: z.string(),
  stage: z.enum(sessionStages),
  methods: z.array(z.enum(mfaMethods)).optional(),
});

export const meOut = z.object({
  user: userOut,
  tenant: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.enum(roles)),
  // each role with where it applies; and per resource what the user may do somewhere in the tenant
  grants: z.array(
    z.object({
      role: z.enum(roles),
      scopeType: z.enum(scopeTypes),
      unitId: z.uuid().nullable(),
      systemIds: z.array(z.uuid()),
      supplierId: z.uuid().nullable(),
    }),
  ),
  permissions: z.record(z.enum(resources), z.array(z.enum(['read', 'create', 'update', 'archive', 'restore']))),
  csrfToken: z.string(),
});
