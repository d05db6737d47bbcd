import { describe, expect, it } from 'vitest';
import {
  addStockholmMonths,
  computeDueAt,
  computeOrder,
  effectiveRegime,
  fromStockholmWall,
  hoursLeft,
  reminderStages,
  stockholmDate,
  stockholmStamp,
  stockholmWall,
} from './incident-clocks.js';

const at = (iso: string) => new Date(iso);
const H = 3_600_000;
const hours72 = { kind: 'hours', hours: 72 } as const;
const finalReport = { kind: 'months-after', after: 'nis2-notification', months: 1 } as const;

describe('incident clocks (D1-37)', () => {
  it('D1-37: counts hours from awareness whatever offset the time was given with', () => {
    const expected = '2026-11-24T13:00:00.000Z';
    expect(computeDueAt(hours72, at('2026-11-21T14:00:00+01:00')).toISOString()).toBe(expected);
    expect(computeDueAt(hours72, at('2026-11-21T13:00:00Z')).toISOString()).toBe(expected);
    expect(computeDueAt(hours72, at('2026-11-21T15:00:00+02:00')).toISOString()).toBe(expected);
    expect(stockholmStamp(at(expected))).toBe('2026-11-24 14:00');
  });

  it('D1-37: 72 h across the October DST change is 72 real hours (the wall clock moves an hour)', () => {
    const aware = at('2026-10-24T12:00:00+02:00');
    const due = computeDueAt(hours72, aware);
    expect(due.getTime() - aware.getTime()).toBe(72 * H);
    expect(due.toISOString()).toBe('2026-10-27T10:00:00.000Z');
    expect(stockholmStamp(due)).toBe('2026-10-27 11:00');
  });

  it('D1-37: 24 h across the March DST change is 24 real hours', () => {
    const aware = at('2026-03-28T12:00:00+01:00');
    const due = computeDueAt({ kind: 'hours', hours: 24 }, aware);
    expect(due.getTime() - aware.getTime()).toBe(24 * H);
    expect(stockholmStamp(due)).toBe('2026-03-29 13:00');
  });

  it('D1-37: a breach at 02:00 on the Saturday of the October change has its IMY clock 72 h later', () => {
    const aware = at('2026-10-24T02:00:00+02:00');
    const due = computeDueAt(hours72, aware);
    expect(due.getTime() - aware.getTime()).toBe(72 * H);
    expect(stockholmStamp(due)).toBe('2026-10-27 01:00');
  });

  it('D1-37: "snarast" is the local target in real hours', () => {
    const aware = at('2026-03-29T01:30:00+01:00');
    expect(computeDueAt({ kind: 'asap', targetHours: 72 }, aware).getTime() - aware.getTime()).toBe(72 * H);
  });

  it('D1-37: one calendar month keeps the Stockholm clock time across DST', () => {
    expect(addStockholmMonths(at('2026-03-10T14:00:00+01:00'), 1).toISOString()).toBe('2026-04-10T12:00:00.000Z');
    expect(addStockholmMonths(at('2026-10-10T09:00:00+02:00'), 1).toISOString()).toBe('2026-11-10T08:00:00.000Z');
  });

  it('D1-37: 31 January plus one month is the last day of February', () => {
    expect(stockholmStamp(addStockholmMonths(at('2026-01-31T10:00:00+01:00'), 1))).toBe('2026-02-28 10:00');
    expect(stockholmStamp(addStockholmMonths(at('2028-01-31T10:00:00+01:00'), 1))).toBe('2028-02-29 10:00');
    // late in the evening in Stockholm is already the next day in UTC: the Stockholm day counts
    expect(stockholmStamp(addStockholmMonths(at('2026-01-31T23:30:00+01:00'), 1))).toBe('2026-02-28 23:30');
  });

  it('D1-37: a month that lands in the skipped March hour moves past the gap; a doubled October hour takes the first', () => {
    expect(addStockholmMonths(at('2027-02-28T02:30:00+01:00'), 1).toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(addStockholmMonths(at('2026-09-25T02:30:00+02:00'), 1).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const wall = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, ms: 0 };
    expect(fromStockholmWall(wall).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(stockholmWall(at('2026-10-25T01:30:00Z'))).toMatchObject({ hour: 2, minute: 30 });
  });

  it('D2-26: the final report is due one month after the notification was submitted, else after its due time', () => {
    const notificationDue = at('2026-11-24T13:00:00Z');
    expect(computeDueAt(finalReport, at('2026-11-21T13:00:00Z'), { dueAt: notificationDue, submittedAt: null }).toISOString()).toBe(
      '2026-12-24T13:00:00.000Z',
    );
    const submitted = at('2026-11-22T08:15:00+01:00');
    expect(stockholmStamp(computeDueAt(finalReport, at('2026-11-21T13:00:00Z'), { dueAt: notificationDue, submittedAt: submitted }))).toBe(
      '2026-12-22 08:15',
    );
  });

  it('D1-37: an edited awareness time moves every clock by the same real time', () => {
    const before = at('2026-11-21T14:00:00+01:00');
    const after = at('2026-11-20T22:00:00+01:00');
    for (const rule of [hours72, { kind: 'hours', hours: 24 } as const, { kind: 'asap', targetHours: 72 } as const]) {
      expect(computeDueAt(rule, before).getTime() - computeDueAt(rule, after).getTime()).toBe(16 * H);
    }
    const base = (a: Date) => ({ dueAt: computeDueAt(hours72, a), submittedAt: null });
    expect(stockholmStamp(computeDueAt(finalReport, after, base(after)))).toBe('2026-12-23 22:00');
  });

  it('computes a months-after clock after the clock it counts from', () => {
    const items = [
      { code: 'nis2-final-report', deadline: finalReport },
      { code: 'gdpr-art33', deadline: hours72 },
      { code: 'nis2-notification', deadline: hours72 },
    ];
    const order = computeOrder(items).map((i) => i.code);
    expect(order).toHaveLength(3);
    expect(order.indexOf('nis2-notification')).toBeLessThan(order.indexOf('nis2-final-report'));
  });

  it('D1-37: the effective regime is the tenant’s own newest version valid at awareness, else the shipped one', () => {
    const versions = [
      { id: 'shipped1', tenantId: null, code: 'nis2-early-warning', version: 1, validFrom: '2026-01-15' },
      { id: 'shipped2', tenantId: null, code: 'nis2-early-warning', version: 2, validFrom: '2026-07-01' },
      { id: 'own3', tenantId: 't', code: 'nis2-early-warning', version: 3, validFrom: '2026-03-01' },
      { id: 'own4', tenantId: 't', code: 'nis2-early-warning', version: 4, validFrom: '2027-01-01' },
    ];
    const pick = (iso: string) => effectiveRegime(versions, 'nis2-early-warning', at(iso))?.id;
    expect(pick('2026-02-01T12:00:00+01:00')).toBe('shipped1');
    expect(pick('2026-08-01T12:00:00+02:00')).toBe('own3');
    expect(pick('2027-02-01T12:00:00+01:00')).toBe('own4');
    // before the law took effect the first shipped version still gives a clock to assess
    expect(pick('2025-06-01T12:00:00+02:00')).toBe('shipped1');
    // validity is the Stockholm calendar day: 23:30 UTC on 28 Feb is 1 March in Stockholm
    expect(stockholmDate(at('2026-02-28T23:30:00Z'))).toBe('2026-03-01');
    expect(pick('2026-02-28T23:30:00Z')).toBe('own3');
    expect(effectiveRegime(versions, 'lex-maria', at('2026-02-01T12:00:00Z'))).toBeNull();
  });

  it('D1-37: reminders at the tenant’s percents of the clock and an hour after it', () => {
    const aware = at('2026-11-21T14:00:00+01:00');
    const stages = reminderStages(aware, computeDueAt(hours72, aware), [100, 50, 80, 50, 0, 120]);
    expect(stages.map((s) => [s.stage, (s.at.getTime() - aware.getTime()) / H])).toEqual([
      ['p50', 36],
      ['p80', 57.6],
      ['p100', 72],
      ['overdue', 73],
    ]);
  });

  it('tells whole hours left or past', () => {
    expect(hoursLeft(at('2026-11-24T13:00:00Z'), at('2026-11-22T14:30:00Z'))).toBe(46);
    expect(hoursLeft(at('2026-11-24T13:00:00Z'), at('2026-11-24T16:10:00Z'))).toBe(-3);
  });
});
