import { z } from 'zod';
import { mfaPolicies, personRoles } from '../../../shared/enums.js';
import { requiredText } from '../../platform/schema-helpers.js';

export const tenantSettingsOut = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  version: z.number().int(),
  // who must use a second factor when signing in with a password (SSO logins are checked by assurance level)
  mfaPolicy: z.enum(mfaPolicies),
  mfaRoles: z.array(z.enum(personRoles)),
  idleMinutes: z.number().int(),
  absoluteHours: z.number().int(),
  // days the audit trail keeps events before they are archived to a file; null keeps everything
  auditRetentionDays: z.number().int().nullable(),
  allowedActions: z.array(z.enum(['read', 'update', 'archive', 'restore'])),
});
export type TenantSettingsOut = z.infer<typeof tenantSettingsOut>;

export const tenantSettingsPatch = z.strictObject({
  name: requiredText(200).optional(),
  mfaPolicy: z.enum(mfaPolicies).optional(),
  mfaRoles: z.array(z.enum(personRoles)).max(20).optional(),
  // 5 min – 8 h idle; 1 – 24 h absolute: outside that a session is either unusable or unsafe
  idleMinutes: z.number().int().min(5).max(480).optional(),
  absoluteHours: z.number().int().min(1).max(24).optional(),
  // at least 90 days: a shorter trail would not cover a quarter's log reviews
  auditRetentionDays: z.number().int().min(90).max(36500).nullable().optional(),
});
export type TenantSettingsPatch = z.infer<typeof tenantSettingsPatch>;
