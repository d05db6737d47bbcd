import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { calendarFeedTokens, notificationPreferences, notifications, tenants, users } from '../../db/schema/index.js';
import type { Cursor } from '../../platform/http.js';

// Every query names the person and the tenant: a notification is only ever its recipient's.

export type NotificationRow = typeof notifications.$inferSelect & { sortKey: string };

export async function listNotifications(
  tx: Tx,
  tenantId: string,
  userId: string,
  opts: { unread?: boolean | undefined; cursor: Cursor | null; limit: number },
): Promise<NotificationRow[]> {
  const key = sql<string>`(${notifications.createdAt})::text`;
  return tx
    .select({ ...notificationColumns, sortKey: key })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        eq(notifications.userId, userId),
        opts.unread ? isNull(notifications.readAt) : undefined,
        opts.cursor
          ? sql`(${notifications.createdAt}, ${notifications.id}) < (cast(${String(opts.cursor.k)} as timestamptz), ${opts.cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit + 1);
}

const notificationColumns = {
  id: notifications.id,
  tenantId: notifications.tenantId,
  userId: notifications.userId,
  kind: notifications.kind,
  key: notifications.key,
  subjectType: notifications.subjectType,
  subjectId: notifications.subjectId,
  title: notifications.title,
  secret: notifications.secret,
  link: notifications.link,
  dueAt: notifications.dueAt,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
};

export async function unreadCount(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

// True when the notification is the person's (read already or now).
export async function markRead(tx: Tx, tenantId: string, userId: string, id: string): Promise<boolean> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), eq(notifications.id, id)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(tx: Tx, tenantId: string, userId: string): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function preferencesOf(tx: Tx, tenantId: string, userId: string) {
  return tx
    .select({ kind: notificationPreferences.kind, inApp: notificationPreferences.inApp, email: notificationPreferences.email })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.tenantId, tenantId), eq(notificationPreferences.userId, userId)));
}

export async function savePreference(tx: Tx, tenantId: string, userId: string, p: { kind: string; inApp: boolean; email: boolean }) {
  await tx
    .insert(notificationPreferences)
    .values({ tenantId, userId, kind: p.kind, inApp: p.inApp, email: p.email })
    .onConflictDoUpdate({
      target: [notificationPreferences.tenantId, notificationPreferences.userId, notificationPreferences.kind],
      set: { inApp: p.inApp, email: p.email, updatedAt: sql`now()` },
    });
}

export async function activeFeed(tx: Tx, tenantId: string, userId: string) {
  const [row] = await tx
    .select({ id: calendarFeedTokens.id, createdAt: calendarFeedTokens.createdAt, lastUsedAt: calendarFeedTokens.lastUsedAt })
    .from(calendarFeedTokens)
    .where(and(eq(calendarFeedTokens.tenantId, tenantId), eq(calendarFeedTokens.userId, userId), isNull(calendarFeedTokens.revokedAt)))
    .orderBy(desc(calendarFeedTokens.createdAt))
    .limit(1);
  return row ?? null;
}

// Revokes every live feed address of the person; returns the ids revoked.
export async function revokeFeeds(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .update(calendarFeedTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeedTokens.tenantId, tenantId), eq(calendarFeedTokens.userId, userId), isNull(calendarFeedTokens.revokedAt)))
    .returning({ id: calendarFeedTokens.id });
  return rows.map((r) => r.id);
}

export async function insertFeed(tx: Tx, tenantId: string, userId: string, tokenHash: string) {
  const [row] = await tx
    .insert(calendarFeedTokens)
    .values({ tenantId, userId, tokenHash })
    .returning({ id: calendarFeedTokens.id, createdAt: calendarFeedTokens.createdAt });
  return row!;
}

// Before any tenant is known (the feed request carries only the token): a live token of an enabled
// person, with the tenant it belongs to.
export async function findFeed(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: calendarFeedTokens.id,
      tenantId: calendarFeedTokens.tenantId,
      userId: calendarFeedTokens.userId,
      lastUsedAt: calendarFeedTokens.lastUsedAt,
      email: users.email,
      displayName: users.displayName,
      tenantName: tenants.name,
    })
    .from(calendarFeedTokens)
    .innerJoin(users, eq(users.id, calendarFeedTokens.userId))
    .innerJoin(tenants, eq(tenants.id, calendarFeedTokens.tenantId))
    .where(and(eq(calendarFeedTokens.tokenHash, tokenHash), isNull(calendarFeedTokens.revokedAt), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

export async function touchFeed(db: Db, id: string) {
  await db
    .update(calendarFeedTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(calendarFeedTokens.id, id));
}
