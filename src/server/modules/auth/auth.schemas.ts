import { z } from 'zod';
import { roles } from '../../../shared/enums.js';

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const userOut = z.object({ id: z.uuid(), email: z.string(), displayName: z.string() });

export const loginOut = z.object({ user: userOut, csrfToken: z.string() });

export const meOut = z.object({
  user: userOut,
  tenant: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.enum(roles)),
  csrfToken: z.string(),
});
