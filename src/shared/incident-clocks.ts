// Legal reporting clocks (domain.md, "Incident reporting clocks"), pure so the server computes every
// due time and the web can show the same times without asking. Hours are real elapsed hours: a clock of
// 72 h that crosses a DST change in Europe/Stockholm is still 72 h. Months are calendar months as the
// municipality counts them, in Stockholm local time.

export const STOCKHOLM = 'Europe/Stockholm';
const HOUR_MS = 3_600_000;

export type RegimeDeadline =
  { kind: 'hours'; hours: number } | { kind: 'months-after'; after: string; months: number } | { kind: 'asap'; targetHours: number };

interface Wall {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: STOCKHOLM,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

// The wall-clock time in Stockholm at an instant.
export function stockholmWall(at: Date): Wall {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return {
    year: p.year!,
    month: p.month!,
    day: p.day!,
    hour: p.hour!,
    minute: p.minute!,
    second: p.second!,
    ms: at.getTime() - Math.floor(at.getTime() / 1000) * 1000,
  };
}

const wallAsUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);

// Stockholm's offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer).
export const stockholmOffsetMs = (at: Date) => wallAsUtc(stockholmWall(at)) - at.getTime();

// The instant a Stockholm wall-clock time names. A time that occurs twice (the October change) is the
// first one, so a deadline is never later than the reader may think; a time skipped in March (02:30)
// is read with the winter offset, i.e. the hour after the gap (03:30 summer time).
export function fromStockholmWall(w: Wall): Date {
  const guess = wallAsUtc(w);
  const before = stockholmOffsetMs(new Date(guess - 12 * HOUR_MS));
  const after = stockholmOffsetMs(new Date(guess + 12 * HOUR_MS));
  const fits = [...new Set([before, after])]
    .map((o) => guess - o)
    .filter((t) => wallAsUtc(stockholmWall(new Date(t))) === guess)
    .sort((a, b) => a - b);
  return new Date(fits[0] ?? guess - before);
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

// Calendar months later in Stockholm local time, same clock time; a day the month lacks becomes its last
// day (31 January + 1 month = 28 or 29 February).
export function addStockholmMonths(at: Date, months: number): Date {
  const w = stockholmWall(at);
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromStockholmWall({ ...w, year, month, day: Math.min(w.day, daysIn(year, month)) });
}

export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR_MS);

// What a `months-after` clock counts from: the base obligation's submitted time, or its due time while
// it is not submitted (the contract's final-report rule).
export interface BaseObligation {
  dueAt: Date;
  submittedAt: Date | null;
}

export function computeDueAt(deadline: RegimeDeadline, awareAt: Date, base?: BaseObligation | null): Date {
  switch (deadline.kind) {
    case 'hours':
      return addHours(awareAt, deadline.hours);
    case 'asap':
      return addHours(awareAt, deadline.targetHours);
    case 'months-after': {
      // without its base (a tenant removed nothing; shipped regimes always have it) count from awareness
      const from = base ? (base.submittedAt ?? base.dueAt) : awareAt;
      return addStockholmMonths(from, deadline.months);
    }
  }
}

export const isLocalTarget = (deadline: RegimeDeadline) => deadline.kind === 'asap';

// The order to compute codes in: a `months-after` clock after the clock it counts from.
export function computeOrder<T extends { code: string; deadline: RegimeDeadline }>(items: readonly T[]): T[] {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const out: T[] = [];
  const seen = new Set<string>();
  const visit = (item: T, path: Set<string>) => {
    if (seen.has(item.code) || path.has(item.code)) return;
    path.add(item.code);
    if (item.deadline.kind === 'months-after') {
      const base = byCode.get(item.deadline.after);
      if (base) visit(base, path);
    }
    seen.add(item.code);
    out.push(item);
  };
  for (const item of items) visit(item, new Set());
  return out;
}

// The Stockholm calendar date of an instant (YYYY-MM-DD), which regime validity dates are compared with.
export function stockholmDate(at: Date): string {
  const w = stockholmWall(at);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

export interface RegimeVersionLike {
  tenantId: string | null;
  code: string;
  version: number;
  validFrom: string;
}

const newest = <T extends RegimeVersionLike>(list: T[]) =>
  list.sort((a, b) => (a.validFrom === b.validFrom ? b.version - a.version : a.validFrom < b.validFrom ? 1 : -1))[0] ?? null;

// The regime version that governs an incident of a tenant that became aware at `awareAt`: the tenant's
// own newest version valid by then, else the newest shipped one valid by then, else the first shipped
// one (so every incident has every clock, e.g. one from before a law took effect, to assess as "no").
export function effectiveRegime<T extends RegimeVersionLike>(versions: readonly T[], code: string, awareAt: Date): T | null {
  const day = stockholmDate(awareAt);
  const ofCode = versions.filter((v) => v.code === code);
  const valid = ofCode.filter((v) => v.validFrom <= day);
  return (
    newest(valid.filter((v) => v.tenantId !== null)) ??
    newest(valid.filter((v) => v.tenantId === null)) ??
    ofCode
      .filter((v) => v.tenantId === null)
      .sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.version - b.version))[0] ??
    null
  );
}

export interface ReminderStage {
  // 'p50', 'p80', 'p100' or 'overdue'
  stage: string;
  at: Date;
  percent: number | null;
}

// When to remind about one clock: at each percent of the time between awareness and the due time, and
// once an hour after the due time when it is still open.
export function reminderStages(awareAt: Date, dueAt: Date, percents: readonly number[]): ReminderStage[] {
  const span = dueAt.getTime() - awareAt.getTime();
  const stages = [...new Set(percents)]
    .filter((p) => Number.isInteger(p) && p > 0 && p <= 100)
    .sort((a, b) => a - b)
    .map((p) => ({ stage: `p${p}`, percent: p, at: new Date(awareAt.getTime() + Math.round((span * p) / 100)) }));
  return [...stages, { stage: 'overdue', percent: null, at: new Date(dueAt.getTime() + HOUR_MS) }];
}

// "2026-11-25 14:00" in Stockholm: mail subjects and documents, where a plain readable time is wanted.
export function stockholmStamp(at: Date): string {
  const w = stockholmWall(at);
  return `${stockholmDate(at)} ${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

// Whole hours left until (positive) or past (negative) the due time, rounded toward zero.
export function hoursLeft(dueAt: Date, now: Date): number {
  return Math.trunc((dueAt.getTime() - now.getTime()) / HOUR_MS);
}
