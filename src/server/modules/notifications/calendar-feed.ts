import { randomBytes } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import type { Deadline } from '../../platform/notify/deadlines.js';

// The calendar feed's address is its only credential (calendar clients send no cookie): 32 random
// bytes, kept as a hash, shown once, revocable.
const TOKEN_FILE = /^(tillit_cal_[A-Za-z0-9_-]{43})\.ics$/;

export const newFeedToken = () => `tillit_cal_${randomBytes(32).toString('base64url')}`;

export function tokenOfFile(file: string): string | null {
  return TOKEN_FILE.exec(file)?.[1] ?? null;
}

export const feedPath = (token: string) => `/api/v1/calendar/${token}.ics`;

const names = {
  sv: { name: 'Tillit – mina tidsfrister', description: 'Tidsfrister i Tillit som du ansvarar för' },
  en: { name: 'Tillit – my deadlines', description: 'Deadlines in Tillit you are responsible for' },
};

// A timed deadline (a legal reporting clock) is a short event at the moment itself; a date (a review
// date) is an all-day event.
export function buildCalendar(deadlines: readonly Deadline[], opts: { publicUrl: string; lang: 'sv' | 'en'; now: Date }): string {
  const cal = ical({
    name: names[opts.lang].name,
    description: names[opts.lang].description,
    prodId: { company: 'Tillit', product: 'Tillit', language: opts.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // calendar clients that honour it refresh hourly
    ttl: 3600,
  });
  const host = new URL(opts.publicUrl).hostname;
  for (const d of deadlines) {
    const url = new URL(d.link, opts.publicUrl).toString();
    cal.createEvent({
      id: `${d.key}@${host}`,
      stamp: opts.now,
      start: d.dueAt,
      ...(d.allDay ? { allDay: true } : { end: new Date(d.dueAt.getTime() + 15 * 60_000) }),
      summary: d.title,
      description: url,
      url,
    });
  }
  return cal.toString();
}
