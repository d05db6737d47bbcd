import type { TFunction } from 'i18next';

// Readable words for what the audit trail stores as codes: action names, object types, field names
// and values. Unknown names fall back to something a person can still read, never to a blank.

/** A translated string at `key`, or null when there is none (or it is a group, not a text). */
function text(t: TFunction, key: string): string | null {
  const value: unknown = t(key, { returnObjects: true, defaultValue: '' });
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A table whose keys contain dots ("system.create"): read whole, since i18next splits keys at dots. */
function table(t: TFunction, key: string): Record<string, string> {
  const value: unknown = t(key, { returnObjects: true, defaultValue: {} });
  return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

const humanise = (code: string): string => {
  const words = code.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function entityTypeLabel(t: TFunction, type: string): string {
  return table(t, 'audit.entityTypes')[type] ?? humanise(type);
}

/** "system.update" → "Ändrade IT-system"; an unknown "x.y" → "<object type>: <verb>". */
export function actionLabel(t: TFunction, action: string): string {
  const known = table(t, 'audit.actions')[action];
  if (known) return known;
  const dot = action.indexOf('.');
  if (dot < 0) return humanise(action);
  const object = entityTypeLabel(t, action.slice(0, dot));
  const verbCode = action.slice(dot + 1);
  const verb = table(t, 'audit.verbs')[verbCode] ?? humanise(verbCode).toLowerCase();
  return t('audit.actionFallback', { object, verb });
}

// Where each object type's own page keeps its field labels, and the page of one object.
const featureOf: Record<string, string> = {
  system: 'systems',
  'information-asset': 'assets',
  'org-unit': 'orgUnits',
  supplier: 'suppliers',
  user: 'users',
  tenant: 'tenantSettings',
  'tenant-settings': 'tenantSettings',
  incident: 'incidents.fields',
  exercise: 'continuity.auditFields',
  continuity: 'continuity.auditFields',
  // issue 7: the supplier portal's records (their pages keep the labels at these keys)
  contract: 'contracts',
  'change-notice': 'changeNotices.field',
  credential: 'credentials',
  'access-order': 'accessOrders',
  recertification: 'recertifications',
};
// Where a page's key for a field is not the field's name ("title" is the page's own heading there).
const fieldKeyOf: Record<string, Record<string, string>> = {
  contract: { title: 'contracts.titleField' },
  credential: { status: 'credentials.statusLabel' },
  recertification: { title: 'audit.fields.title', status: 'recertifications.statusLabel' },
};
export function entityPath(type: string, id: string | null): string | null {
  if (!id) return null;
  switch (type) {
    case 'system':
      return `/systems/${id}`;
    case 'information-asset':
      return `/information-assets/${id}`;
    case 'supplier':
      return `/suppliers/${id}`;
    case 'org-unit':
      return `/org-units/${id}/edit`;
    default:
      return null;
  }
}

export function fieldLabel(t: TFunction, entityType: string, field: string): string {
  const own = fieldKeyOf[entityType]?.[field];
  if (own) return text(t, own) ?? humanise(field);
  const feature = featureOf[entityType];
  return (feature && text(t, `${feature}.${field}`)) ?? table(t, 'audit.fields')[field] ?? humanise(field);
}

const INCIDENT_ENUMS: Record<string, string> = {
  type: 'incidents.type',
  severity: 'incidents.severity',
  status: 'incidents.status',
  personalData: 'incidents.personalDataValue',
  costPayer: 'incidents.payer',
};

const PORTAL_ENUMS: Record<string, Record<string, string>> = {
  credential: { kind: 'credentials.kinds', status: 'credentials.status', identityMethod: 'credentials.identityMethods' },
  'access-order': { type: 'accessOrders.types', status: 'accessOrders.statuses' },
  'change-notice': { kind: 'changeNotices.kind', status: 'changeNotices.status' },
  recertification: { status: 'recertifications.status', decision: 'recertifications.decisions', reviewer: 'recertifications.reviewers' },
};

// Fields whose values are codes with labels elsewhere in the app.
function enumGroup(entityType: string, field: string): string | null {
  if (field === 'lifecycleStatus') return 'enums.lifecycle';
  if (field === 'hosting') return 'enums.hosting';
  if (field === 'authenticationMethod') return 'enums.auth';
  if (entityType === 'incident') {
    const group = INCIDENT_ENUMS[field];
    if (group) return group;
  }
  if (field === 'kind' && entityType === 'exercise') return 'continuity.exerciseKinds';
  if (field === 'kind' && entityType === 'continuity') return 'continuity.kinds';
  if (field === 'personalData') return 'enums.personalData';
  if (field === 'mfaPolicy') return 'tenantSettings.mfaPolicies';
  if (field === 'role') return 'roles.names';
  if (field === 'type' && entityType === 'org-unit') return 'enums.orgType';
  if (field === 'type' && entityType === 'supplier') return 'suppliers.types';
  // issue 7: the supplier portal's codes
  const portal = PORTAL_ENUMS[entityType]?.[field];
  if (portal) return portal;
  return null;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
export const isHashedValue = (v: unknown): boolean => typeof v === 'string' && v.startsWith('hmac-sha256:');

export function formatDateTime(value: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(value));
}

/** One field's value as text: secret values as "hidden value (hash)", codes as their labels. */
export function formatValue(t: TFunction, lang: string, entityType: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('audit.emptyValue');
  if (isHashedValue(value)) return t('audit.hiddenValue');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const group = enumGroup(entityType, field);
    if (group) return text(t, `${group}.${value}`) ?? value;
    return ISO_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? formatDateTime(value, lang) : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('audit.emptyValue');
    return value.map((v) => formatValue(t, lang, entityType, field, v)).join(', ');
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A reference to another record reads as its name when the event has one; the trail keeps only the
    // id of linked records (their names may be secret), which reads as the id.
    if (typeof o.name === 'string' && !isHashedValue(o.name)) return o.name;
    if (typeof o.id === 'string' && Object.keys(o).length === 1) return o.id;
    // Parts keyed by their id (an action plan's activities): one line each, without the id as a label.
    if (Object.keys(o).length === 0) return t('audit.emptyValue');
    if (isKeyedById(o))
      return Object.values(o)
        .map((v) => formatValue(t, lang, entityType, field, v))
        .join('\n');
    return Object.entries(o)
      .map(([k, v]) => `${fieldLabel(t, entityType, k)}: ${formatValue(t, lang, entityType, k, v)}`)
      .join('; ');
  }
  return String(value);
}

// Bookkeeping that changes with every write, and the viewer-specific flag: they say nothing to a reader.
const NOISE = new Set(['id', 'version', 'updatedAt', 'masked', 'tenantId']);
const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isKeyedById(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o);
  return keys.length > 0 && keys.every((k) => UUID.test(k));
}
// Of parts keyed by id, only those added, removed or changed; the rest would bury the change.
function changedParts(before: unknown, after: unknown): { before: unknown; after: unknown } {
  if (!isRecord(before) || !isRecord(after) || !(isKeyedById(before) || isKeyedById(after))) return { before, after };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    if (k in before) b[k] = before[k];
    if (k in after) a[k] = after[k];
  }
  return { before: b, after: a };
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The changed fields of an event: the server stores only those, so every key present is a change. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    return before === null && after === null ? [] : [{ field: '', before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  // "unitId" beside "unit" ({ id, name }) is the same fact twice: keep the one that reads as a name.
  const fields = [...keys].filter((f) => !NOISE.has(f) && !(f.endsWith('Id') && keys.has(f.slice(0, -2))));
  const changes = fields.map((field) => ({ field, ...changedParts(b[field] ?? null, a[field] ?? null) }));
  // A new record lists what it was given, not every field left empty.
  return isRecord(before) ? changes : changes.filter((c) => !isEmpty(c.after));
}

/** A name for the object an event is about, from its own before/after when it carries one. */
export function objectName(before: unknown, after: unknown): string | null {
  for (const v of [after, before]) {
    if (isRecord(v) && typeof v.name === 'string' && v.name && !isHashedValue(v.name)) return v.name;
  }
  return null;
}
