import { reminderJobs, reminderDailyKinds } from './modules/notifications/reminders.jobs.js';
import { incidentObligationJobs } from './modules/incident-obligations/incident-obligations.jobs.js';
import { exerciseDailyKinds, exerciseJobs } from './modules/exercises/exercises.jobs.js';
// change notices + portal home
import { changeNoticeDailyKinds, changeNoticeJobs } from './modules/change-notices/change-notices.jobs.js';
import { orderersDailyKinds, orderersJobs } from './modules/portal/orderers.jobs.js';
// access orders
import { accessOrderDailyKinds, accessOrderJobs } from './modules/access-orders/access-orders.jobs.js';
import type { JobHandlers } from './platform/scheduler/jobs.js';

// Every module's scheduled work, by kind; the scheduler runner (platform/scheduler) takes this record.
// A module adds one spread line for its `*.jobs.ts` export.
export const jobHandlers: JobHandlers = {
  ...reminderJobs,
  ...incidentObligationJobs,
  ...exerciseJobs,
  // change notices + portal home
  ...changeNoticeJobs,
  ...orderersJobs,
  // access orders
  ...accessOrderJobs,
};

// The kinds that run once a day per tenant (ensureDailyJobs makes the job, key `<kind>:<YYYY-MM-DD>`);
// each needs its handler above. A module adds its daily kind here.
export const dailyJobKinds: string[] = [
  ...reminderDailyKinds,
  ...exerciseDailyKinds,
  // change notices + portal home
  ...changeNoticeDailyKinds,
  ...orderersDailyKinds,
  // access orders
  ...accessOrderDailyKinds,
];
