import { api, unwrap } from '../../api/client.js';
import type { paths } from '../../api/schema.js';

// The signed-in person's notification centre, preferences and calendar feed.
type ListPath = paths['/api/v1/notifications']['get'];
export type NotificationQuery = NonNullable<ListPath['parameters']['query']>;
export type NotificationPage = ListPath['responses'][200]['content']['application/json'];
export type NotificationItem = NotificationPage['items'][number];
export type Preferences = paths['/api/v1/notifications/preferences']['get']['responses'][200]['content']['application/json'];
export type Preference = Preferences['items'][number];
export type PreferenceInput = paths['/api/v1/notifications/preferences']['put']['requestBody']['content']['application/json'];
export type CalendarFeed = paths['/api/v1/notifications/calendar-feed']['get']['responses'][200]['content']['application/json'];

export const notificationKeys = {
  all: ['notifications'] as const,
  list: (unread: boolean) => ['notifications', 'list', { unread }] as const,
  unread: ['notifications', 'unread-count'] as const,
  preferences: ['notifications', 'preferences'] as const,
  feed: ['notifications', 'calendar-feed'] as const,
};

export const notificationsApi = {
  list: (query: NotificationQuery) => unwrap(api.GET('/api/v1/notifications', { params: { query } })),
  unreadCount: () => unwrap(api.GET('/api/v1/notifications/unread-count')),
  markRead: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
  markAllRead: () => unwrap(api.POST('/api/v1/notifications/read-all')),
  preferences: () => unwrap(api.GET('/api/v1/notifications/preferences')),
  savePreferences: (body: PreferenceInput) => unwrap(api.PUT('/api/v1/notifications/preferences', { body })),
  feed: () => unwrap(api.GET('/api/v1/notifications/calendar-feed')),
  createFeed: () => unwrap(api.POST('/api/v1/notifications/calendar-feed')),
  revokeFeed: () => unwrap(api.DELETE('/api/v1/notifications/calendar-feed')),
};
