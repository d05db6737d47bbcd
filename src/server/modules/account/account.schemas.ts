import { z } from 'zod';

export const membershipOut = z.object({ id: z.uuid(), name: z.string(), slug: z.string(), current: z.boolean() });
export const membershipList = z.object({ items: z.array(membershipOut) });
export const switchTenantBody = z.strictObject({ tenantId: z.uuid() });
export const switchTenantOut = z.object({ csrfToken: z.string(), tenant: z.object({ id: z.uuid(), name: z.string() }) });
export const sessionIdParams = z.object({ id: z.uuid() });
