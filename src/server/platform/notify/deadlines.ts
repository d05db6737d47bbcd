import type { Tx } from '../../db/client.js';
import type { Actor, ObjectScope, Resource } from '../access.js';

// A date someone has to act by, as one module sees it for one person: the ICS calendar feed (and any
// "my deadlines" view) asks every source in `src/server/deadline-sources.ts` with the person's own,
// current access. A source returns only what the person may read, and a secret record's title only
// when the person may see its content (otherwise `title` is a generic text such as "Sekretessmarkerad
// incident"; `secret` stays true either way).
export interface Deadline {
  // stable across calls (the calendar event's UID is built from it), e.g. `measure:<id>`
  key: string;
  title: string;
  secret: boolean;
  dueAt: Date;
  // a date without a time (a review date) rather than a moment (a legal reporting clock); an all-day
  // deadline's dueAt is any moment of that day in Stockholm (noon is safe)
  allDay: boolean;
  // path inside the app, e.g. /measures/<id>
  link: string;
  // the record, so a feed that shows a secret title in full leaves the read in the audit trail
  subject?: { resource: Resource; id: string; scope: ObjectScope };
}

// `opts` may be ignored by a source that needs neither the language nor the clock.
export type DeadlineSource = (tx: Tx, actor: Actor, opts: { lang: 'sv' | 'en'; now: Date }) => Promise<Deadline[]>;
