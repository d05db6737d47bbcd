import { viewOf, type Actor, type ObjectScope, type Resource } from '../../platform/access.js';
import { maskedTitle } from '../../platform/notify/kinds.js';
import type { NotificationRow } from './notifications.repository.js';
import type { NotificationOut } from './notifications.schemas.js';

// Where a notification's subject sits now (null: no resolver for its type, or the subject is gone).
export type SubjectNow = { resource: Resource; scope: ObjectScope } | null;

// The title shows when the subject is not secret-marked, or when this person may see its content
// today; otherwise the kind's generic title. The subject's marking today decides; a subject that can no
// longer be found keeps the marking the notification was made with (and a secret one stays masked).
export function titleShown(actor: Actor, r: Pick<NotificationRow, 'secret'>, subject: SubjectNow): boolean {
  const secret = subject ? !!subject.scope.secret : r.secret;
  if (!secret) return true;
  return !!subject && viewOf(actor, subject.resource, subject.scope) === 'full';
}

export function presentNotification(r: NotificationRow, shown: boolean, lang: 'sv' | 'en'): NotificationOut {
  return {
    id: r.id,
    kind: r.kind,
    title: shown ? r.title : maskedTitle(r.kind, lang),
    secret: r.secret,
    masked: !shown,
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    link: r.link,
    dueAt: r.dueAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}
