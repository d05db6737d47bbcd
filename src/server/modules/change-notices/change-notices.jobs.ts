import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { stockholmToday } from '../../platform/calendar.js';
import { notify } from '../../platform/notify/notify.js';
import type { ClaimedJob, JobContext, JobHandlers } from '../../platform/scheduler/jobs.js';
import { supplierAdmins } from './change-notices.repository.js';

export const changeNoticeOverdueCheck = 'change-notice-overdue-check';

const mail = {
  subject: { sv: 'Förändringsmeddelande väntar på bekräftelse', en: 'Change notice awaiting acknowledgement' },
  supplier: {
    sv: 'Kommunen väntar på er bekräftelse av ett förändringsmeddelande. Sista dag för bekräftelse har passerat.',
    en: 'The municipality is waiting for your acknowledgement of a change notice. The last day to acknowledge has passed.',
  },
  publisher: {
    sv: 'En eller flera leverantörer har inte bekräftat ett förändringsmeddelande du skickat, och sista dagen har passerat.',
    en: 'One or more suppliers have not acknowledged a change notice you sent, and the last day has passed.',
  },
};

// D3-33 (and D0-06, D0-46): once a day, every published notice whose acknowledge-by day is over is
// followed up: each supplier that has not acknowledged is reminded (its supplier admins), and the
// person who published it is told how many are missing. One reminder per recipient and day (the key).
async function checkOverdueNotices(tx: Tx, job: ClaimedJob, ctx: JobContext): Promise<void> {
  const today = stockholmToday(ctx.now);
  const overdue = await queryRows<{
    noticeId: string;
    title: string;
    supplierId: string;
    publishedBy: string | null;
    acknowledgeBy: string;
  }>(
    tx,
    sql`select n.id as "noticeId", n.title, r.supplier_id as "supplierId", n.published_by as "publishedBy", n.acknowledge_by::text as "acknowledgeBy"
      from change_notices n join change_notice_recipients r on r.tenant_id = n.tenant_id and r.notice_id = n.id
      where n.tenant_id = ${job.tenantId} and n.published_at is not null and n.archived_at is null
        and n.acknowledge_by < ${today}::date and r.acknowledged_at is null
      order by n.id, r.supplier_id`,
  );
  if (!overdue.length) return;
  const admins = await supplierAdmins(tx, job.tenantId, [...new Set(overdue.map((o) => o.supplierId))]);
  const seed = (o: (typeof overdue)[number]) => ({
    tenantId: job.tenantId,
    kind: 'change-notice-overdue',
    subjectType: 'change-notice',
    subjectId: o.noticeId,
    title: o.title,
    secret: false,
    link: `/change-notices/${o.noticeId}`,
    dueAt: new Date(`${o.acknowledgeBy}T22:00:00Z`),
  });
  for (const o of overdue) {
    await notify(
      tx,
      {
        ...seed(o),
        userIds: admins.filter((a) => a.supplierId === o.supplierId).map((a) => a.userId),
        key: `change-notice-overdue:${o.noticeId}:${o.supplierId}:${today}`,
        mail: { subject: mail.subject, intro: mail.supplier },
      },
      { publicUrl: ctx.publicUrl },
    );
    await tx.execute(
      sql`update change_notice_recipients set reminded_at = ${ctx.now} where tenant_id = ${job.tenantId}
        and notice_id = ${o.noticeId} and supplier_id = ${o.supplierId}`,
    );
  }
  for (const noticeId of new Set(overdue.map((o) => o.noticeId))) {
    const o = overdue.find((x) => x.noticeId === noticeId)!;
    if (!o.publishedBy) continue;
    await notify(
      tx,
      {
        ...seed(o),
        userIds: [o.publishedBy],
        key: `change-notice-overdue:${noticeId}:publisher:${today}`,
        mail: { subject: mail.subject, intro: mail.publisher },
      },
      { publicUrl: ctx.publicUrl },
    );
  }
}

export const changeNoticeJobs: JobHandlers = { [changeNoticeOverdueCheck]: checkOverdueNotices };
export const changeNoticeDailyKinds = [changeNoticeOverdueCheck];
