import type { Tx } from '../../db/client.js';
import { addDays, stockholmToday } from '../../platform/calendar.js';
import { notify } from '../../platform/notify/notify.js';
import type { ClaimedJob, JobContext, JobHandlers } from '../../platform/scheduler/jobs.js';
import { supplierAdmins } from '../change-notices/change-notices.repository.js';
import { orderersUnconfirmed } from './portal.repository.js';
import { ORDERERS_CONFIRMATION_DAYS } from './portal.schemas.js';

export const orderersConfirmationCheck = 'orderers-confirmation-check';

// Days between two reminders of the same supplier while its list stays unconfirmed.
const REMIND_EVERY_DAYS = 7;

// D0-11: once a day, suppliers whose list of authorised orderers has not been confirmed in 180 days
// (or never) are asked to confirm it; their supplier admins hear of it on the first day and then
// weekly (the key: the days since the epoch, in 7-day steps) until someone confirms.
async function checkOrderersConfirmation(tx: Tx, job: ClaimedJob, ctx: JobContext): Promise<void> {
  const today = stockholmToday(ctx.now);
  const since = new Date(`${addDays(today, -ORDERERS_CONFIRMATION_DAYS)}T00:00:00Z`);
  const suppliers = await orderersUnconfirmed(tx, job.tenantId, since);
  if (!suppliers.length) return;
  const admins = await supplierAdmins(
    tx,
    job.tenantId,
    suppliers.map((s) => s.id),
  );
  const period = Math.floor(Date.parse(`${today}T00:00:00Z`) / 86_400_000 / REMIND_EVERY_DAYS);
  for (const s of suppliers) {
    await notify(
      tx,
      {
        tenantId: job.tenantId,
        userIds: admins.filter((a) => a.supplierId === s.id).map((a) => a.userId),
        kind: 'orderers-confirmation-due',
        key: `orderers-confirmation:${s.id}:${period}`,
        subjectType: 'supplier',
        subjectId: s.id,
        title: s.name,
        secret: false,
        link: '/portal',
        mail: {
          subject: { sv: 'Bekräfta listan över behöriga beställare', en: 'Confirm your list of authorised orderers' },
          intro: {
            sv: 'Kommunen behöver en aktuell lista över era behöriga beställare. Kontrollera listan i leverantörsportalen och bekräfta att den stämmer.',
            en: 'The municipality needs a current list of your authorised orderers. Check the list in the supplier portal and confirm that it is correct.',
          },
        },
      },
      { publicUrl: ctx.publicUrl },
    );
  }
}

export const orderersJobs: JobHandlers = { [orderersConfirmationCheck]: checkOrderersConfirmation };
export const orderersDailyKinds = [orderersConfirmationCheck];
