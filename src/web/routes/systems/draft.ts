import type { CostCategory, System, SystemInput } from '../../api/types.js';

/** Form state keeps Mantine NumberInput values: a number, or the text while it is not one yet. */
export interface CostDraft {
  category: CostCategory;
  amountSek: number | string;
  year: number | string;
  note: string;
}
export interface SystemDraft {
  name: string;
  description: string;
  responsibleUnitId: string;
  systemOwner: string;
  systemAdministrators: string[];
  operationsResponsible: string;
  supplier: string;
  hosting: string;
  authenticationMethod: string;
  critical: boolean;
  lifecycleStatus: string;
  lastReviewedOn: string;
  costs: CostDraft[];
  secret: boolean;
  secrecyProvision: string;
}

export const FIELD_ORDER = [
  'name',
  'description',
  'secret',
  'secrecyProvision',
  'responsibleUnitId',
  'systemOwner',
  'systemAdministrators',
  'operationsResponsible',
  'supplier',
  'hosting',
  'authenticationMethod',
  'critical',
  'lifecycleStatus',
  'lastReviewedOn',
  'costs',
];

export const emptyDraft = (): SystemDraft => ({
  name: '',
  description: '',
  responsibleUnitId: '',
  systemOwner: '',
  systemAdministrators: [],
  operationsResponsible: '',
  supplier: '',
  hosting: '',
  authenticationMethod: '',
  critical: false,
  lifecycleStatus: 'in_use',
  lastReviewedOn: '',
  costs: [],
  secret: false,
  secrecyProvision: '',
});

export const newCost = (): CostDraft => ({
  category: 'licence',
  amountSek: '',
  year: new Date().getFullYear(),
  note: '',
});

export function fromSystem(s: System): SystemDraft {
  return {
    // A masked record has no name to edit; the form is not offered then (no update in allowedActions).
    name: s.name ?? '',
    description: s.description ?? '',
    responsibleUnitId: s.responsibleUnitId ?? s.responsibleUnit?.id ?? '',
    systemOwner: s.systemOwner ?? '',
    systemAdministrators: s.systemAdministrators ?? [],
    operationsResponsible: s.operationsResponsible ?? '',
    supplier: s.supplier ?? '',
    hosting: s.hosting ?? '',
    authenticationMethod: s.authenticationMethod ?? '',
    critical: s.critical,
    lifecycleStatus: s.lifecycleStatus,
    lastReviewedOn: s.lastReviewedOn ?? '',
    costs: (s.costs ?? []).map((c) => ({
      category: c.category,
      amountSek: c.amountSek,
      year: c.year,
      note: c.note ?? '',
    })),
    secret: s.secret,
    secrecyProvision: s.secrecyProvision ?? '',
  };
}

const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/** Swedish users write "1 234,50"; the API wants 1234.5. Bad input goes through for the server to reject. */
export function parseAmount(v: number | string): number {
  if (typeof v === 'number') return v;
  const n = Number(v.replace(/[\s\u00a0]/g, '').replace(',', '.'));
  return v.trim() === '' ? Number.NaN : n;
}

const parseYear = (v: number | string): number => (typeof v === 'number' ? v : Number.parseInt(v, 10));

export function toInput(d: SystemDraft): SystemInput {
  return {
    name: d.name.trim(),
    description: orNull(d.description),
    // Left out when empty so the server reports a missing value rather than an invalid id.
    responsibleUnitId: d.responsibleUnitId || (undefined as unknown as string),
    systemOwner: orNull(d.systemOwner),
    systemAdministrators: d.systemAdministrators,
    operationsResponsible: orNull(d.operationsResponsible),
    supplier: orNull(d.supplier),
    hosting: (orNull(d.hosting) as SystemInput['hosting']) ?? null,
    authenticationMethod: (orNull(d.authenticationMethod) as SystemInput['authenticationMethod']) ?? null,
    critical: d.critical,
    lifecycleStatus: d.lifecycleStatus as SystemInput['lifecycleStatus'],
    lastReviewedOn: orNull(d.lastReviewedOn),
    costs: d.costs.map((c) => ({
      category: c.category,
      amountSek: parseAmount(c.amountSek),
      year: parseYear(c.year),
      note: orNull(c.note),
    })),
    secret: d.secret,
    // The provision belongs to the marking: lifting the marking clears it.
    secrecyProvision: d.secret ? orNull(d.secrecyProvision) : null,
  };
}
