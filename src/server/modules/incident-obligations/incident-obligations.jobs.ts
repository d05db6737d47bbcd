import type { Tx } from '../../db/client.js';
import { stockholmStamp } from '../../../shared/incident-clocks.js';
import { notify } from '../../platform/notify/notify.js';
import type { ClaimedJob, JobContext, JobHandlers } from '../../platform/scheduler/jobs.js';
import { incidentResponsibles } from '../incident-settings/routing.js';
import { isOpen, presentRegime } from './incident-obligations.presenter.js';
import * as repo from './incident-obligations.repository.js';
import { OBLIGATION_REMINDER } from './obligations.lifecycle.js';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

// One reminder stage of one reporting clock. The job holds ids only: what is sent is read now, and a
// clock that was submitted or judged not to apply since it was scheduled is skipped. The recipient
// authority and the due time are not secret; a secret incident's title never reaches the mail.
async function remind(tx: Tx, job: ClaimedJob, ctx: JobContext): Promise<void> {
  const obligationId = typeof job.payload.obligationId === 'string' ? job.payload.obligationId : null;
  const stage = typeof job.payload.stage === 'string' ? job.payload.stage : 'p100';
  if (!obligationId) return;
  const row = await repo.obligationById(tx, job.tenantId, obligationId);
  if (!row || !isOpen(row)) return;
  const incident = await repo.incidentFacts(tx, job.tenantId, row.incidentId);
  if (!incident) return;
  const regime = (await repo.regimesByIds(tx, [row.regimeId])).get(row.regimeId);
  if (!regime) return;
  const sv = presentRegime(regime, 'sv');
  const en = presentRegime(regime, 'en');
  const userIds = await incidentResponsibles(tx, job.tenantId, incident);
  const when = stockholmStamp(row.dueAt);
  const overdue = stage === 'overdue';
  const unassessed = row.applies === 'unassessed';
  const what = { sv: `${lowerFirst(sv.name)} till ${sv.recipient}`, en: `${lowerFirst(en.name)} to ${en.recipient}` };
  const check = unassessed
    ? {
        sv: ' Det är ännu inte bedömt om rapporteringen gäller incidenten: bedöm det, eller ange varför den inte gäller.',
        en: ' Whether the reporting applies to the incident has not been assessed yet: assess it, or state why it does not apply.',
      }
    : { sv: '', en: '' };
  await notify(
    tx,
    {
      tenantId: job.tenantId,
      userIds,
      kind: 'obligation-reminder',
      key: job.key,
      subjectType: 'incident',
      subjectId: incident.id,
      // shown in the app only to those who may see the incident's content now; never put in the mail
      title: `${sv.name}: ${incident.title}`,
      secret: incident.secret,
      link: `/incidents/${incident.id}`,
      dueAt: row.dueAt,
      mail: overdue
        ? {
            subject: { sv: `Försenad: ${what.sv} senast ${when}`, en: `Overdue: ${what.en} by ${when}` },
            intro: {
              sv: `Tidsfristen för ${what.sv} gick ut ${when} (svensk tid) och rapporten är inte markerad som skickad.${check.sv}`,
              en: `The deadline for the ${what.en} passed at ${when} (Swedish time) and the report is not marked as submitted.${check.en}`,
            },
          }
        : {
            subject: { sv: `Påminnelse: ${what.sv} senast ${when}`, en: `Reminder: ${what.en} by ${when}` },
            intro: {
              sv: `En incident ska rapporteras: ${what.sv} senast ${when} (svensk tid).${check.sv}`,
              en: `An incident is to be reported: ${what.en} by ${when} (Swedish time).${check.en}`,
            },
          },
    },
    { publicUrl: ctx.publicUrl },
  );
}

export const incidentObligationJobs: JobHandlers = { [OBLIGATION_REMINDER]: remind };
