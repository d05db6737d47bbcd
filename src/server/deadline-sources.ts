import { classificationReviewDeadlines, measureDeadlines, riskAnalysisDeadlines } from './modules/notifications/deadlines.sources.js';
import { builtInSubjects } from './modules/notifications/subjects.js';
import { obligationDeadlines } from './modules/incident-obligations/incident-obligations.deadlines.js';
import { exerciseDeadlines, exerciseSubjects } from './modules/exercises/exercises.deadlines.js';
import type { DeadlineSource } from './platform/notify/deadlines.js';
import type { SubjectAccess } from './platform/notify/subjects.js';

// Every module's deadlines for one person (the ICS calendar feed reads them all with that person's
// current access). A module adds one line for its source, like job-handlers.ts.
export const deadlineSources: DeadlineSource[] = [
  measureDeadlines,
  classificationReviewDeadlines,
  riskAnalysisDeadlines,
  obligationDeadlines,
  exerciseDeadlines,
];

// How to find where a notification's subject sits today, by subject type (notifications.subject_type),
// so a secret subject's title is shown only to someone who may see its content now. A module whose
// notifications name a secret subject adds one line here; without it such titles stay masked.
export const notificationSubjects: Record<string, SubjectAccess> = {
  ...builtInSubjects,
  ...exerciseSubjects,
};
