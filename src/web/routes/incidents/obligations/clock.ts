import type { TFunction } from 'i18next';

const TZ = 'Europe/Stockholm';
const HOUR = 3_600_000;

/** "tis 24 nov 14:00" in Swedish time (the year too when it is not this year). */
export function formatDue(value: string, lang: string, now = new Date()): string {
  const date = new Date(value);
  const locale = lang === 'en' ? 'en-GB' : 'sv-SE';
  const part = (d: Date, opts: Intl.DateTimeFormatOptions) =>
    Object.fromEntries(
      new Intl.DateTimeFormat(locale, { timeZone: TZ, hourCycle: 'h23', ...opts }).formatToParts(d).map((p) => [p.type, p.value]),
    );
  const p = part(date, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const thisYear = part(now, { year: 'numeric' }).year;
  const month = String(p.month).replace(/\.$/, '');
  const year = p.year === thisYear ? '' : ` ${p.year}`;
  return `${p.weekday} ${p.day} ${month}${year} ${p.hour}:${p.minute}`;
}

/** "46 tim kvar", "12 dagar kvar", "försenad 3 tim": the time to or past a deadline in plain words. */
export function timeLeft(t: TFunction, dueAt: string, now: Date): string {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const hours = Math.floor(Math.abs(ms) / HOUR);
  const span =
    hours < 1
      ? t('obligations.clock.underAnHour')
      : hours < 72
        ? t('obligations.clock.hours', { count: hours })
        : t('obligations.clock.days', { count: Math.floor(hours / 24) });
  return ms >= 0 ? t('obligations.clock.left', { span }) : t('obligations.clock.late', { span });
}
