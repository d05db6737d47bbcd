import { z } from 'zod';

export const notificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuery>;

export const notificationOut = z.object({
  id: z.uuid(),
  kind: z.string(),
  // the subject's own title, or a generic title by kind when the subject is secret and this person
  // may not (or no longer) see its content
  title: z.string(),
  secret: z.boolean(),
  masked: z.boolean(),
  subjectType: z.string().nullable(),
  subjectId: z.uuid().nullable(),
  // path inside the app
  link: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationOut = z.infer<typeof notificationOut>;

export const notificationPage = z.object({ items: z.array(notificationOut), nextCursor: z.string().nullable() });

export const unreadCountOut = z.object({ count: z.number().int() });
export const readAllOut = z.object({ updated: z.number().int() });

const texts = z.object({ sv: z.string(), en: z.string() });

export const preferenceOut = z.object({
  kind: z.string(),
  label: texts,
  inApp: z.boolean(),
  email: z.boolean(),
  // no choice stored: the kind's defaults apply
  isDefault: z.boolean(),
});
export const preferencesOut = z.object({ items: z.array(preferenceOut) });
export type PreferencesOut = z.infer<typeof preferencesOut>;

export const preferencesIn = z.strictObject({
  items: z
    .array(z.strictObject({ kind: z.string().min(1).max(60), inApp: z.boolean(), email: z.boolean() }))
    .min(1)
    .max(100),
});
export type PreferencesIn = z.infer<typeof preferencesIn>;

export const calendarFeedOut = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type CalendarFeedOut = z.infer<typeof calendarFeedOut>;

export const calendarFeedCreated = z.object({
  // the address to subscribe to; shown once, only its hash is kept
  url: z.string(),
  createdAt: z.string(),
});

export const calendarParams = z.object({ file: z.string().max(200) });
