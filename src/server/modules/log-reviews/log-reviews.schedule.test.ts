import { describe, expect, it } from 'vitest';
import { addDays, addMonths, stockholmToday } from '../../platform/calendar.js';
import { nextDueOn, periodFor } from './log-reviews.schedule.js';

describe('log-review schedule dates (D3-04)', () => {
  it('adds months on calendar dates, keeping month ends without drifting', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-02-28', 3, 30)).toBe('2027-05-30');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-04-01', -3)).toBe('2026-01-01');
    expect(addMonths('2026-01-01', 24)).toBe('2028-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('D3-04: the next review is due one interval after the previous one, and each covers the interval before it', () => {
    const plan = { intervalMonths: 3, firstDueOn: '2026-01-31' };
    expect(nextDueOn(plan, null)).toBe('2026-01-31');
    expect(nextDueOn(plan, '2026-01-31')).toBe('2026-04-30');
    expect(nextDueOn(plan, '2026-04-30')).toBe('2026-07-31');
    expect(periodFor({ intervalMonths: 3, firstDueOn: '2026-04-01' }, '2026-04-01')).toEqual({
      periodFrom: '2026-01-01',
      periodTo: '2026-03-31',
    });
    expect(periodFor(plan, '2026-07-31')).toEqual({ periodFrom: '2026-04-30', periodTo: '2026-07-30' });
  });

  it('counts today in Europe/Stockholm, not in the server’s zone', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Stockholm.
    expect(stockholmToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(stockholmToday(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });
});
