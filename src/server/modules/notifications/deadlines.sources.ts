import type { Tx } from '../../db/client.js';
import { can, viewOf, type Actor } from '../../platform/access.js';
import type { Deadline, DeadlineSource } from '../../platform/notify/deadlines.js';
import { maskedTitle } from '../../platform/notify/kinds.js';
import { stockholmMoment } from '../../platform/scheduler/runner-util.js';
import { analysisUpdates, assetReviews, openMeasures, type DatedItem } from './deadlines.repository.js';
import { membersOf, responsiblesFor, type Member } from './responsibles.js';

// The deadlines of measures, classification reviews and risk analyses for one person: the ones they
// are reminded of (reminders.jobs.ts), so the calendar and the reminders agree. A measure belongs to
// its owner and to those responsible for its unit or systems; an ownerless record to its responsibles.

// One member list per transaction: the three sources of one feed share it.
const memberCache = new WeakMap<Tx, Promise<Member[]>>();
const members = (tx: Tx, tenantId: string) => {
  let m = memberCache.get(tx);
  if (!m) memberCache.set(tx, (m = membersOf(tx, tenantId)));
  return m;
};

export function isResponsible(all: readonly Member[], item: DatedItem, userId: string): boolean {
  if (item.ownerUserId === userId) return true;
  const me = all.find((m) => m.actor.userId === userId);
  // the people of the record's unit or systems, whoever owns it
  if (me && me.scoped.length && can({ ...me.actor, grants: me.scoped }, 'update', item.resource, item.scope)) return true;
  return !item.ownerUserId && responsiblesFor(all, item.resource, item.scope).includes(userId);
}

// An all-day deadline is placed at noon in Stockholm: the same calendar day in every zone a client
// may render it in, and in UTC (the feed's all-day dates are written from UTC).
export const dayMoment = (day: string) => stockholmMoment(day, 12);

function toDeadlines(
  items: DatedItem[],
  all: Member[],
  actor: Actor,
  opts: { lang: 'sv' | 'en' },
  kind: string,
  key: string,
  link: (id: string) => string,
): Deadline[] {
  return items.flatMap((item) => {
    if (!can(actor, 'read', item.resource, item.scope) || !isResponsible(all, item, actor.userId)) return [];
    const full = viewOf(actor, item.resource, item.scope) === 'full';
    return [
      {
        key: `${key}:${item.id}`,
        title: full ? item.title : maskedTitle(kind, opts.lang),
        secret: item.secret,
        dueAt: dayMoment(item.on),
        allDay: true,
        link: link(item.id),
        subject: { resource: item.resource, id: item.id, scope: item.scope },
      },
    ];
  });
}

export const measureDeadlines: DeadlineSource = async (tx, actor, opts) =>
  toDeadlines(
    await openMeasures(tx, actor.tenantId),
    await members(tx, actor.tenantId),
    actor,
    opts,
    'measure-due',
    'measure',
    (id) => `/measures/${id}`,
  );

export const classificationReviewDeadlines: DeadlineSource = async (tx, actor, opts) =>
  toDeadlines(
    await assetReviews(tx, actor.tenantId),
    await members(tx, actor.tenantId),
    actor,
    opts,
    'classification-review-due',
    'classification-review',
    (id) => `/information-assets/${id}`,
  );

export const riskAnalysisDeadlines: DeadlineSource = async (tx, actor, opts) =>
  toDeadlines(
    await analysisUpdates(tx, actor.tenantId),
    await members(tx, actor.tenantId),
    actor,
    opts,
    'risk-analysis-update-due',
    'risk-analysis-update',
    (id) => `/risks/analyses/${id}`,
  );
