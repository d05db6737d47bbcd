import { invalidValue } from './scim.errors.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export type Kind = 'string' | 'boolean' | 'complex' | 'multi';
export interface AttrDef {
  name: string;
  kind: Kind;
  subs?: readonly string[];
  description: string;
  required?: boolean;
  caseExact?: boolean;
  uniqueness?: 'none' | 'server';
}
export interface ResourceDef {
  attrs: readonly AttrDef[];
  ext?: { urn: string; attrs: readonly AttrDef[] };
}

const s = (name: string, description: string, more: Partial<AttrDef> = {}): AttrDef => ({ name, kind: 'string', description, ...more });
const multi = (name: string, description: string, subs: readonly string[] = ['value', 'display', 'type', 'primary']): AttrDef => ({
  name,
  kind: 'multi',
  subs,
  description,
});

// What Tillit keeps of a provisioned user: the RFC 7643 core attributes an IdP maps by default
// (Entra ID's standard mapping fits), and the enterprise extension. Passwords are never taken over
// SCIM: people sign in through the IdP or set their own.
export const userDef: ResourceDef = {
  attrs: [
    s('userName', 'The e-mail address the person signs in with', { required: true, uniqueness: 'server' }),
    s('externalId', 'The identifier the IdP uses', { caseExact: true }),
    { name: 'active', kind: 'boolean', description: 'false ends every session and removes every role in this organisation' },
    s('displayName', 'Name shown in Tillit'),
    {
      name: 'name',
      kind: 'complex',
      subs: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'],
      description: 'The parts of the person’s name',
    },
    s('nickName', 'Nickname'),
    s('profileUrl', 'Profile address'),
    s('title', 'Job title'),
    s('userType', 'Kind of user, e.g. Employee or Contractor'),
    s('preferredLanguage', 'Preferred language'),
    s('locale', 'Locale'),
    s('timezone', 'Time zone'),
    multi('emails', 'E-mail addresses'),
    multi('phoneNumbers', 'Phone numbers'),
    multi('ims', 'Instant messaging addresses'),
    multi('photos', 'Photo addresses'),
    multi('addresses', 'Postal addresses', [
      'formatted',
      'streetAddress',
      'locality',
      'region',
      'postalCode',
      'country',
      'type',
      'primary',
    ]),
  ],
  ext: {
    urn: ENTERPRISE_SCHEMA,
    attrs: [
      s('employeeNumber', 'Employee number'),
      s('costCenter', 'Cost centre'),
      s('organization', 'Organisation'),
      s('division', 'Division'),
      s('department', 'Department'),
      { name: 'manager', kind: 'complex', subs: ['value', '$ref', 'displayName'], description: 'The person’s manager' },
    ],
  },
};

export const groupDef: ResourceDef = {
  attrs: [
    s('displayName', 'Group name; mapped to roles by the organisation’s group mapping', { required: true, uniqueness: 'server' }),
    s('externalId', 'The identifier the IdP uses', { caseExact: true }),
    multi('members', 'Members (provisioned users of this organisation)', ['value', 'display', 'type', '$ref']),
  ],
};

// Attributes a client may send that are the server's to set, or that Tillit does not take: dropped.
const ignored = new Set(['id', 'meta', 'schemas', 'groups', 'password', 'x509certificates', 'entitlements', 'roles']);

export const findAttr = (attrs: readonly AttrDef[], name: string) => attrs.find((a) => a.name.toLowerCase() === name.toLowerCase());
export const findSub = (def: AttrDef, name: string) => def.subs?.find((x) => x.toLowerCase() === name.toLowerCase());

const MAX_TEXT = 1000;
export const MAX_MEMBERS = 20_000;

function text(path: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') throw invalidValue(`${path} must be a string`);
  if (v.length > MAX_TEXT) throw invalidValue(`${path} is too long (at most ${MAX_TEXT} characters)`);
  if (v.includes('\u0000')) throw invalidValue(`${path} contains a character that is not allowed`);
  return v;
}

// Entra ID sends booleans as strings in PATCH ("False"); both forms are accepted.
export function bool(path: string, v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  throw invalidValue(`${path} must be true or false`);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

// One complex value with its sub-attributes under their canonical names; unknown ones dropped.
export function complexValue(def: AttrDef, path: string, v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  // A manager given as a bare id, as Entra ID sends it.
  if (typeof v === 'string' && findSub(def, 'value')) return { value: text(path, v) };
  if (!isObject(v)) throw invalidValue(`${path} must be an object`);
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(v)) {
    const sub = findSub(def, k);
    if (!sub || raw === null || raw === undefined) continue;
    out[sub] = sub === 'primary' ? bool(`${path}.${sub}`, raw) : text(`${path}.${sub}`, raw);
  }
  return out;
}

function attrValue(def: AttrDef, path: string, v: unknown): unknown {
  switch (def.kind) {
    case 'string':
      return text(path, v);
    case 'boolean':
      return v === null || v === undefined ? null : bool(path, v);
    case 'complex': {
      const c = complexValue(def, path, v);
      return c && Object.keys(c).length ? c : null;
    }
    case 'multi': {
      if (v === null || v === undefined) return null;
      const list = Array.isArray(v) ? v : [v];
      const limit = def.name === 'members' ? MAX_MEMBERS : 50;
      if (list.length > limit) throw invalidValue(`${path} has too many values (at most ${limit})`);
      const out = list.map((x, i) => complexValue(def, `${path}[${i}]`, x) ?? {}).filter((x) => Object.keys(x).length > 0);
      return out.length ? out : null;
    }
  }
}

// A resource as the client sent it (or as a PATCH left it) → canonical attribute names, checked
// values, unknown attributes dropped.
export function normalize(def: ResourceDef, raw: unknown): Record<string, unknown> {
  if (!isObject(raw)) throw new Error('not an object');
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(raw)) {
    if (def.ext && key.toLowerCase() === def.ext.urn.toLowerCase()) {
      if (v === null || v === undefined) continue;
      if (!isObject(v)) throw invalidValue(`${def.ext.urn} must be an object`);
      const ext: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const a = findAttr(def.ext.attrs, k);
        if (!a) continue;
        const val = attrValue(a, a.name, x);
        if (val !== null) ext[a.name] = val;
      }
      if (Object.keys(ext).length) out[def.ext.urn] = ext;
      continue;
    }
    if (ignored.has(key.toLowerCase())) continue;
    const a = findAttr(def.attrs, key);
    if (!a) continue;
    const val = attrValue(a, a.name, v);
    if (val !== null) out[a.name] = val;
  }
  return out;
}

export interface UserDoc {
  userName: string;
  externalId: string | null;
  active: boolean;
  // everything else the IdP sent that Tillit keeps (names, e-mails, enterprise extension)
  attributes: Record<string, unknown>;
}

// userName is the sign-in e-mail address, unique across Tillit.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

// `activeIfMissing`: true for a new user; the current value for a replacement.
export function parseUser(raw: unknown, activeIfMissing: boolean): UserDoc {
  if (!isObject(raw)) throw invalidValue('The request body must be a SCIM User object');
  const n = normalize(userDef, raw);
  const { userName, externalId, active, ...attributes } = n;
  if (typeof userName !== 'string' || userName.trim() === '') throw invalidValue('userName is required');
  const name = userName.trim();
  if (name.length > 320 || !EMAIL.test(name)) throw invalidValue('userName must be an e-mail address');
  return {
    userName: name,
    externalId: typeof externalId === 'string' && externalId !== '' ? externalId : null,
    active: typeof active === 'boolean' ? active : activeIfMissing,
    attributes,
  };
}

export interface GroupDoc {
  displayName: string;
  externalId: string | null;
  memberIds: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

export function parseGroup(raw: unknown): GroupDoc {
  if (!isObject(raw)) throw invalidValue('The request body must be a SCIM Group object');
  const n = normalize(groupDef, raw);
  const displayName = typeof n.displayName === 'string' ? n.displayName.trim() : '';
  if (!displayName) throw invalidValue('displayName is required');
  if (displayName.length > 200) throw invalidValue('displayName is too long (at most 200 characters)');
  const members = (n.members as { value?: string }[] | undefined) ?? [];
  const ids = new Set<string>();
  for (const m of members) {
    // Nested groups are not supported: every member must be a user this organisation provisioned.
    if (!isUuid(m.value)) throw invalidValue(`Member "${String(m.value ?? '')}" is not a provisioned user`);
    ids.add(m.value.toLowerCase());
  }
  return {
    displayName,
    externalId: typeof n.externalId === 'string' && n.externalId !== '' ? n.externalId : null,
    memberIds: [...ids],
  };
}

// What GET returns of a user: the stored attributes with the columns Tillit keeps apart.
export const userDocument = (d: UserDoc): Record<string, unknown> => ({
  userName: d.userName,
  ...(d.externalId ? { externalId: d.externalId } : {}),
  active: d.active,
  ...d.attributes,
});
