import type { AuditFilter } from '../../api/audit.js';

export const FILTER_KEYS = ['actorId', 'entityType', 'entityId', 'action', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Record<FilterKey, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(params: URLSearchParams): FilterValues {
  const out = {} as FilterValues;
  for (const key of FILTER_KEYS) out[key] = params.get(key) ?? '';
  return out;
}

// Stockholm's UTC offset at an instant, e.g. "+01:00" (winter) or "+02:00" (summer).
function stockholmOffset(instant: string): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' })
      .formatToParts(new Date(instant))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}:\d{2})/.exec(name);
  return m ? m[1]! : '+00:00';
}

/**
 * The filter as the API takes it. The dates a person picks are Stockholm days: "from" starts at that
 * day's midnight, "to" includes the whole day (the server alone would read them as UTC days).
 * The offsets are read where no clock change falls between them and the time meant.
 */
export function apiFilter(v: FilterValues): AuditFilter {
  const filter: AuditFilter = {};
  if (v.actorId) filter.actorId = v.actorId;
  if (v.entityType) filter.entityType = v.entityType;
  if (v.entityId) filter.entityId = v.entityId;
  if (v.action) filter.action = v.action;
  if (DATE.test(v.from)) filter.from = `${v.from}T00:00:00${stockholmOffset(`${v.from}T00:00:00Z`)}`;
  if (DATE.test(v.to)) filter.to = `${v.to}T23:59:59.999${stockholmOffset(`${v.to}T21:00:00Z`)}`;
  return filter;
}

export const anyFilter = (v: FilterValues): boolean => FILTER_KEYS.some((k) => v[k] !== '');
