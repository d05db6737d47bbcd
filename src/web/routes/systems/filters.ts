import type { Lifecycle, SystemQuery } from '../../api/types.js';
import { LIFECYCLE } from '../../api/types.js';

/** The list's state lives in the URL so a filtered view can be bookmarked and shared. */
export interface SystemFilters {
  q: string;
  unitId: string;
  owner: string;
  status: string;
  critical: string;
  /** `YYYY-MM-DD` or '': systems not reviewed since this date (D1-13). */
  reviewedBefore: string;
  includeArchived: boolean;
  sort: string;
}

export const SORTABLE = ['name', 'lifecycleStatus', 'updatedAt', 'createdAt'];

/** A complete date the server accepts; a date input passes through years like 0002 while typing. */
export function usableDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && Number(value.slice(0, 4)) >= 1900;
}

/** Today's date in Stockholm (`YYYY-MM-DD`), as the server dates a review. */
export function todayInStockholm(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
}

/** The same day `months` months earlier; a day the month lacks becomes its last day (29 Feb → 28 Feb). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function readFilters(params: URLSearchParams): SystemFilters {
  const sort = params.get('sort') ?? 'name';
  return {
    q: params.get('q') ?? '',
    unitId: params.get('unitId') ?? '',
    owner: params.get('owner') ?? '',
    status: params.get('status') ?? '',
    critical: params.get('critical') ?? '',
    reviewedBefore: usableDate(params.get('reviewedBefore') ?? '') ? (params.get('reviewedBefore') ?? '') : '',
    includeArchived: params.get('includeArchived') === 'true',
    sort: SORTABLE.includes(sort.replace(/^-/, '')) ? sort : 'name',
  };
}

export function writeFilters(f: SystemFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.unitId) p.set('unitId', f.unitId);
  if (f.owner) p.set('owner', f.owner);
  if (f.status) p.set('status', f.status);
  if (f.critical) p.set('critical', f.critical);
  if (f.reviewedBefore) p.set('reviewedBefore', f.reviewedBefore);
  if (f.includeArchived) p.set('includeArchived', 'true');
  if (f.sort !== 'name') p.set('sort', f.sort);
  return p;
}

export function toQuery(f: SystemFilters): SystemQuery {
  const q: SystemQuery = { sort: f.sort };
  if (f.q) q.q = f.q;
  if (f.unitId) q.unitId = f.unitId;
  if (f.owner) q.owner = f.owner;
  if ((LIFECYCLE as readonly string[]).includes(f.status)) q.status = f.status as Lifecycle;
  if (f.critical === 'true' || f.critical === 'false') q.critical = f.critical;
  if (usableDate(f.reviewedBefore)) q.reviewedBefore = f.reviewedBefore;
  if (f.includeArchived) q.includeArchived = 'true';
  return q;
}

/** Query string for exports: same filters and order as the list, no paging. */
export function exportQuery(f: SystemFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(toQuery(f))) p.set(k, String(v));
  return p.toString();
}
