import { SUPPLIER_TYPES, type SupplierQuery, type SupplierType } from '../../api/resources.js';

/** The list's state lives in the URL so a filtered view can be bookmarked and shared. */
export interface SupplierFilters {
  q: string;
  type: string;
  includeArchived: boolean;
  sort: string;
}

export const SORTABLE = ['name', 'updatedAt', 'createdAt'];

const isType = (v: string): v is SupplierType => (SUPPLIER_TYPES as readonly string[]).includes(v);

export function readFilters(params: URLSearchParams): SupplierFilters {
  const sort = params.get('sort') ?? 'name';
  const type = params.get('type') ?? '';
  return {
    q: params.get('q') ?? '',
    type: isType(type) ? type : '',
    includeArchived: params.get('includeArchived') === 'true',
    sort: SORTABLE.includes(sort.replace(/^-/, '')) ? sort : 'name',
  };
}

export function writeFilters(f: SupplierFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.type) p.set('type', f.type);
  if (f.includeArchived) p.set('includeArchived', 'true');
  if (f.sort !== 'name') p.set('sort', f.sort);
  return p;
}

export function toQuery(f: SupplierFilters): SupplierQuery {
  const q: SupplierQuery = { sort: f.sort };
  if (f.q) q.q = f.q;
  if (isType(f.type)) q.type = f.type;
  if (f.includeArchived) q.includeArchived = 'true';
  return q;
}

/** Query string for exports: same filters and order as the list, no paging. */
export function exportQuery(f: SupplierFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(toQuery(f))) p.set(k, String(v));
  return p.toString();
}
