import type { JobHandlers } from './platform/scheduler/jobs.js';

// Every module's scheduled work, by kind; the scheduler runner (platform/scheduler) takes this record.
// A module adds one spread line for its `*.jobs.ts` export.
export const jobHandlers: JobHandlers = {};
