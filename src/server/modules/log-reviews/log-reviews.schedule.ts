// The review schedule, on calendar dates (see platform/calendar.ts).
import { addDays, addMonths } from '../../platform/calendar.js';

const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];

export interface Plan {
  intervalMonths: number;
  firstDueOn: string;
}

const anchorOf = (plan: Plan) => parts(plan.firstDueOn)[2];

// The next scheduled review after one that was due on `previousDueOn` (or the first one).
export function nextDueOn(plan: Plan, previousDueOn: string | null): string {
  return previousDueOn ? addMonths(previousDueOn, plan.intervalMonths, anchorOf(plan)) : plan.firstDueOn;
}

// A review due on a date covers the interval before it: due 1 April every 3 months covers
// 1 January – 31 March, so consecutive reviews cover the time without gaps or overlaps.
export function periodFor(plan: Plan, dueOn: string): { periodFrom: string; periodTo: string } {
  return { periodFrom: addMonths(dueOn, -plan.intervalMonths, anchorOf(plan)), periodTo: addDays(dueOn, -1) };
}
