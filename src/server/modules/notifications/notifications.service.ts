import type { Db, Tx } from '../../db/client.js';
import { withTenant } from '../../db/tenant.js';
import { deadlineSources, notificationSubjects } from '../../deadline-sources.js';
import type { Actor } from '../../platform/access.js';
import { recordAudit, type RequestContext } from '../../platform/audit.js';
import { loadGrants, rolesOf } from '../../platform/auth/grants.js';
import { sha256 } from '../../platform/auth/sessions.js';
import { decodeCursor, encodeCursor } from '../../platform/http.js';
import type { Lang } from '../../platform/language.js';
import type { Deadline } from '../../platform/notify/deadlines.js';
import { kindDefaults, notificationKinds } from '../../platform/notify/kinds.js';
import { notFound, Problem } from '../../platform/problems.js';
import { auditSecretReads } from '../../platform/secrecy.js';
import { buildCalendar, feedPath, newFeedToken, tokenOfFile } from './calendar-feed.js';
import { presentNotification, titleShown, type SubjectNow } from './notifications.presenter.js';
import * as repo from './notifications.repository.js';
import type { CalendarFeedOut, NotificationListQuery, NotificationOut, PreferencesIn, PreferencesOut } from './notifications.schemas.js';

// A person's own notification centre, preferences and calendar feed. Nothing here reaches another
// person's rows: every query names the signed-in person. Marking a notification read is the person's
// own reading state, like a mail client's, and leaves no audit entry; preferences and feed addresses do.

const SORT = 'createdAt-desc';

// Where each listed notification's subject sits today, one query per subject type.
async function subjectsNow(tx: Tx, tenantId: string, rows: readonly repo.NotificationRow[]): Promise<Map<string, SubjectNow>> {
  const out = new Map<string, SubjectNow>();
  const byType = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.subjectType || !r.subjectId) continue;
    byType.set(r.subjectType, [...(byType.get(r.subjectType) ?? []), r.subjectId]);
  }
  for (const [type, ids] of byType) {
    const resolve = Object.hasOwn(notificationSubjects, type) ? notificationSubjects[type] : undefined;
    if (!resolve) continue;
    const found = await resolve(tx, tenantId, [...new Set(ids)]);
    for (const [id, s] of found) out.set(`${type}:${id}`, s);
  }
  return out;
}

const subjectOf = (m: Map<string, SubjectNow>, r: repo.NotificationRow) =>
  r.subjectType && r.subjectId ? (m.get(`${r.subjectType}:${r.subjectId}`) ?? null) : null;

function refuseToken(actor: Actor) {
  if (actor.tokenId) throw new Problem('token-not-allowed');
}

export function createNotificationsService(db: Db, opts: { publicUrl: string }) {
  return {
    async list(ctx: RequestContext, query: NotificationListQuery, lang: Lang) {
      const { actor } = ctx;
      const cursor = decodeCursor(query.cursor, SORT);
      return withTenant(db, actor.tenantId, async (tx) => {
        const rows = await repo.listNotifications(tx, actor.tenantId, actor.userId, { unread: query.unread, cursor, limit: query.limit });
        const page = rows.slice(0, query.limit);
        const subjects = await subjectsNow(tx, actor.tenantId, page);
        const items: NotificationOut[] = [];
        const shownSecret: { resource: NonNullable<SubjectNow>['resource']; row: { id: string } & NonNullable<SubjectNow>['scope'] }[] = [];
        for (const r of page) {
          const subject = subjectOf(subjects, r);
          const shown = titleShown(actor, r, subject);
          if (shown && subject?.scope.secret) shownSecret.push({ resource: subject.resource, row: { id: r.subjectId!, ...subject.scope } });
          items.push(presentNotification(r, shown, lang));
        }
        // a secret subject's title shown in full is a read of its content (D1-68)
        for (const s of shownSecret) await auditSecretReads(tx, ctx, s.resource, [s.row]);
        const last = page[page.length - 1];
        const nextCursor = rows.length > query.limit && last ? encodeCursor({ s: SORT, k: last.sortKey, id: last.id }) : null;
        return { items, nextCursor };
      });
    },

    async unreadCount(ctx: RequestContext) {
      const { actor } = ctx;
      return { count: await withTenant(db, actor.tenantId, (tx) => repo.unreadCount(tx, actor.tenantId, actor.userId)) };
    },

    async markRead(ctx: RequestContext, id: string): Promise<void> {
      const { actor } = ctx;
      const mine = await withTenant(db, actor.tenantId, (tx) => repo.markRead(tx, actor.tenantId, actor.userId, id));
      // someone else's notification answers as one that does not exist
      if (!mine) throw notFound();
    },

    async markAllRead(ctx: RequestContext) {
      const { actor } = ctx;
      return { updated: await withTenant(db, actor.tenantId, (tx) => repo.markAllRead(tx, actor.tenantId, actor.userId)) };
    },

    async preferences(ctx: RequestContext): Promise<PreferencesOut> {
      const { actor } = ctx;
      const stored = await withTenant(db, actor.tenantId, (tx) => repo.preferencesOf(tx, actor.tenantId, actor.userId));
      return preferencesView(stored);
    },

    async savePreferences(ctx: RequestContext, input: PreferencesIn): Promise<PreferencesOut> {
      const { actor } = ctx;
      const known = new Set(notificationKinds.map((k) => k.kind));
      const errors = input.items.flatMap((p, i) =>
        known.has(p.kind)
          ? []
          : [{ field: `items.${i}.kind`, code: 'unknown_kind', sv: 'Okänd typ av avisering.', en: 'Unknown kind of notification.' }],
      );
      if (errors.length) throw new Problem('validation', undefined, errors);
      return withTenant(db, actor.tenantId, async (tx) => {
        const before = preferencesView(await repo.preferencesOf(tx, actor.tenantId, actor.userId));
        for (const p of input.items) await repo.savePreference(tx, actor.tenantId, actor.userId, p);
        const after = preferencesView(await repo.preferencesOf(tx, actor.tenantId, actor.userId));
        const brief = (v: PreferencesOut) => Object.fromEntries(v.items.map((i) => [i.kind, { inApp: i.inApp, email: i.email }]));
        await recordAudit(tx, ctx, {
          action: 'notification-preferences.update',
          entityType: 'user',
          entityId: actor.userId,
          before: brief(before),
          after: brief(after),
        });
        return after;
      });
    },

    async feed(ctx: RequestContext): Promise<CalendarFeedOut> {
      const { actor } = ctx;
      const row = await withTenant(db, actor.tenantId, (tx) => repo.activeFeed(tx, actor.tenantId, actor.userId));
      return { active: !!row, createdAt: row?.createdAt.toISOString() ?? null, lastUsedAt: row?.lastUsedAt?.toISOString() ?? null };
    },

    // A new address replaces the old one: a person has one live feed, and making a new one is how a
    // leaked address is retired without losing the calendar.
    async createFeed(ctx: RequestContext) {
      const { actor } = ctx;
      refuseToken(actor);
      const token = newFeedToken();
      const row = await withTenant(db, actor.tenantId, async (tx) => {
        const revoked = await repo.revokeFeeds(tx, actor.tenantId, actor.userId);
        const created = await repo.insertFeed(tx, actor.tenantId, actor.userId, sha256(token));
        await recordAudit(tx, ctx, {
          action: 'calendar-feed.create',
          entityType: 'calendar-feed',
          entityId: created.id,
          after: { replaced: revoked },
        });
        return created;
      });
      return { url: new URL(feedPath(token), opts.publicUrl).toString(), createdAt: row.createdAt.toISOString() };
    },

    async revokeFeed(ctx: RequestContext): Promise<void> {
      const { actor } = ctx;
      refuseToken(actor);
      await withTenant(db, actor.tenantId, async (tx) => {
        const revoked = await repo.revokeFeeds(tx, actor.tenantId, actor.userId);
        for (const id of revoked) await recordAudit(tx, ctx, { action: 'calendar-feed.revoke', entityType: 'calendar-feed', entityId: id });
      });
    },

    // GET /calendar/<token>.ics: the person's deadlines with the access they hold now. An unknown or
    // revoked address, a disabled person or one with no role left in the tenant all answer 404.
    async calendar(file: string, lang: Lang, requestId: string, now = new Date()): Promise<string> {
      const token = tokenOfFile(file);
      const feed = token ? await repo.findFeed(db, sha256(token)) : null;
      if (!feed) throw notFound();
      const grants = await loadGrants(db, feed.userId, feed.tenantId);
      if (grants.length === 0) throw notFound();
      const actor: Actor = {
        userId: feed.userId,
        tenantId: feed.tenantId,
        roles: rolesOf(grants),
        grants,
        email: feed.email,
        displayName: feed.displayName,
      };
      const ctx: RequestContext = { actor, requestId };
      const deadlines = await withTenant(db, feed.tenantId, async (tx) => {
        const all: Deadline[] = [];
        for (const source of deadlineSources) all.push(...(await source(tx, actor, { lang, now })));
        const shown = all.filter((d) => d.subject?.scope.secret);
        for (const d of shown) await auditSecretReads(tx, ctx, d.subject!.resource, [{ id: d.subject!.id, ...d.subject!.scope }]);
        return all;
      });
      // last use at minute precision: a write per poll would cost more than it tells
      if (!feed.lastUsedAt || now.getTime() - feed.lastUsedAt.getTime() > 60_000) await repo.touchFeed(db, feed.id);
      return buildCalendar(deadlines, { publicUrl: opts.publicUrl, lang, now });
    },
  };
}

function preferencesView(stored: { kind: string; inApp: boolean; email: boolean }[]): PreferencesOut {
  const byKind = new Map(stored.map((p) => [p.kind, p]));
  return {
    items: notificationKinds.map((k) => {
      const p = byKind.get(k.kind);
      const d = kindDefaults(k.kind);
      return { kind: k.kind, label: k.label, inApp: p?.inApp ?? d.inApp, email: p?.email ?? d.email, isDefault: !p };
    }),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
