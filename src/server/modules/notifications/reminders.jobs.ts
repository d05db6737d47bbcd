import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { can } from '../../platform/access.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';
import { notify } from '../../platform/notify/notify.js';
import type { ClaimedJob, JobContext, JobHandlers } from '../../platform/scheduler/jobs.js';
import { analysisUpdates, assetReviews, openMeasures, reviewReminderDays, type DatedItem } from './deadlines.repository.js';
import { dayMoment } from './deadlines.sources.js';
import { membersOf, responsiblesFor, type Member } from './responsibles.js';

// Daily reminders of the dated records that exist today: a measure due within a week or overdue
// (its owner), a classification due for review (those responsible for the asset) and a risk and
// vulnerability analysis due for update (those responsible for its unit). Each item and stage is told
// once per person: the notification key names the item, its current date and the stage, so a moved
// date reminds again and a retried or repeated run adds nothing.

type Stage = 'soon' | 'overdue';
type Texts = { sv: string; en: string };

interface ReminderSpec {
  kind: string;
  subjectType: string;
  load: (tx: Tx, tenantId: string) => Promise<DatedItem[]>;
  // days ahead that count as "soon"
  aheadDays: (tx: Tx, tenantId: string) => Promise<number>;
  link: (id: string) => string;
  mail: Record<Stage, { subject: Texts; intro: Texts }>;
}

const specs: Record<string, ReminderSpec> = {
  'measure-reminders': {
    kind: 'measure-due',
    subjectType: 'measure',
    load: openMeasures,
    aheadDays: async () => 7,
    link: (id) => `/measures/${id}`,
    mail: {
      soon: {
        subject: { sv: 'En åtgärd ska vara klar inom en vecka', en: 'A measure is due within a week' },
        intro: {
          sv: 'En åtgärd som du ansvarar för ska vara klar inom en vecka.',
          en: 'A measure you are responsible for is due within a week.',
        },
      },
      overdue: {
        subject: { sv: 'En åtgärd är försenad', en: 'A measure is overdue' },
        intro: {
          sv: 'En åtgärd som du ansvarar för har passerat sitt slutdatum.',
          en: 'A measure you are responsible for is past its due date.',
        },
      },
    },
  },
  'classification-review-reminders': {
    kind: 'classification-review-due',
    subjectType: 'information-asset',
    load: assetReviews,
    aheadDays: reviewReminderDays,
    link: (id) => `/information-assets/${id}`,
    mail: {
      soon: {
        subject: { sv: 'En klassning ska ses över', en: 'A classification is due for review' },
        intro: {
          sv: 'Klassningen av en informationsmängd som du ansvarar för ska snart ses över.',
          en: 'The classification of an information asset you are responsible for is due for review soon.',
        },
      },
      overdue: {
        subject: { sv: 'En klassning skulle ha setts över', en: 'A classification review is overdue' },
        intro: {
          sv: 'Klassningen av en informationsmängd som du ansvarar för skulle ha setts över.',
          en: 'The classification of an information asset you are responsible for is past its review date.',
        },
      },
    },
  },
  'risk-analysis-update-reminders': {
    kind: 'risk-analysis-update-due',
    subjectType: 'risk-analysis',
    load: analysisUpdates,
    aheadDays: async () => 30,
    link: (id) => `/risks/analyses/${id}`,
    mail: {
      soon: {
        subject: { sv: 'En risk- och sårbarhetsanalys ska uppdateras', en: 'A risk and vulnerability analysis is due for update' },
        intro: {
          sv: 'En risk- och sårbarhetsanalys som du ansvarar för ska uppdateras inom en månad.',
          en: 'A risk and vulnerability analysis you are responsible for is due for update within a month.',
        },
      },
      overdue: {
        subject: {
          sv: 'En risk- och sårbarhetsanalys skulle ha uppdaterats',
          en: 'A risk and vulnerability analysis is overdue for update',
        },
        intro: {
          sv: 'En risk- och sårbarhetsanalys som du ansvarar för skulle ha uppdaterats.',
          en: 'A risk and vulnerability analysis you are responsible for is past its update date.',
        },
      },
    },
  },
};

export const reminderDailyKinds = Object.keys(specs);

function recipients(all: readonly Member[], item: DatedItem): string[] {
  const mayRead = (id: string) => {
    const m = all.find((x) => x.actor.userId === id);
    return !!m && can(m.actor, 'read', item.resource, item.scope);
  };
  // a named owner who may still read the record; otherwise those responsible for it
  if (item.ownerUserId && mayRead(item.ownerUserId)) return [item.ownerUserId];
  return responsiblesFor(all, item.resource, item.scope).filter(mayRead);
}

async function alreadyTold(tx: Tx, tenantId: string, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ key: string; user_id: string }>(
    tx,
    sql`select key, user_id from notifications where tenant_id = ${tenantId} and key = any(array[${sql.join(
      keys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[])`,
  );
  return new Set(rows.map((r) => `${r.user_id} ${r.key}`));
}

async function remind(spec: ReminderSpec, tx: Tx, job: ClaimedJob, ctx: JobContext): Promise<void> {
  const today = stockholmToday(ctx.now);
  const horizon = addDays(today, await spec.aheadDays(tx, job.tenantId));
  const due = (await spec.load(tx, job.tenantId)).flatMap((item) => {
    const stage: Stage | null = item.on < today ? 'overdue' : item.on <= horizon ? 'soon' : null;
    return stage ? [{ item, stage, key: `${spec.kind}:${item.id}:${item.on}:${stage}` }] : [];
  });
  if (due.length === 0) return;
  const all = await membersOf(tx, job.tenantId);
  const told = await alreadyTold(
    tx,
    job.tenantId,
    due.map((d) => d.key),
  );
  for (const { item, stage, key } of due) {
    const userIds = recipients(all, item).filter((id) => !told.has(`${id} ${key}`));
    if (userIds.length === 0) continue;
    await notify(
      tx,
      {
        tenantId: job.tenantId,
        userIds,
        kind: spec.kind,
        key,
        subjectType: spec.subjectType,
        subjectId: item.id,
        title: item.title,
        secret: item.secret,
        link: spec.link(item.id),
        dueAt: dayMoment(item.on),
        mail: spec.mail[stage],
      },
      { publicUrl: ctx.publicUrl },
    );
  }
}

export const reminderJobs: JobHandlers = Object.fromEntries(
  Object.entries(specs).map(([jobKind, spec]) => [jobKind, (tx: Tx, job: ClaimedJob, ctx: JobContext) => remind(spec, tx, job, ctx)]),
);
