import type { Lifecycle, SystemQuery } from '../../api/types.js';
import { LIFECYCLE } from '../../api/types.js';

/** The list's state lives in the URL so a filtered view can be bookmarked and shared. */
export interface SystemFilters {
  q: string;
  unitId: string;
  owner: string;
  status: string;
  critical: string;
  includeArchived: boolean;
  sort: string;
}

export const SORTABLE = ['name', 'lifecycleStatus', 'updatedAt', 'createdAt'];

export function readFilters(params: URLSearchParams): SystemFilters {
  const sort = params.get('sort') ?? 'name';
  return {
    q: params.get('q') ?? '',
    unitId: params.get('unitId') ?? '',
    owner: params.get('owner') ?? '',
    status: params.get('status') ?? '',
    critical: params.get('critical') ?? '',
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
  if (f.includeArchived) q.includeArchived = 'true';
  return q;
}

/** Query string for exports: same filters and order as the list, no paging. */
export function exportQuery(f: SystemFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(toQuery(f))) p.set(k, String(v));
  return p.toString();
}
