import { invalidPath, invalidSyntax, invalidValue, noTarget } from './scim.errors.js';
import { matchesElement, parseFilter, type Comparison } from './scim.filter.js';
import { complexValue, findAttr, findSub, type AttrDef, type ResourceDef } from './scim.schema.js';

// RFC 7644 §3.5.2 PATCH, applied to the resource as a plain object; the caller then checks the
// result exactly as it checks a PUT. Written for what identity providers send: Entra ID capitalises
// ops ("Replace"), sends booleans as strings, removes members with a value list, and uses no-path
// replaces whose keys are themselves paths ("name.givenName").

type Doc = Record<string, unknown>;
type Op = 'add' | 'replace' | 'remove';

interface Target {
  def: AttrDef;
  ext: boolean;
  filter?: Comparison[];
  sub?: string;
}

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;
const PATH = /^([A-Za-z$][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z$][\w$-]*))?$/s;

const isObject = (v: unknown): v is Doc => !!v && typeof v === 'object' && !Array.isArray(v);

// null: the path names nothing Tillit keeps (a no-path value may carry such keys; they are skipped).
function resolve(def: ResourceDef, path: string): Target | null {
  let rest = path.trim();
  let ext = false;
  if (def.ext && rest.toLowerCase().startsWith(`${def.ext.urn.toLowerCase()}:`)) {
    rest = rest.slice(def.ext.urn.length + 1);
    ext = true;
  } else rest = rest.replace(CORE_PREFIX, '');
  const m = PATH.exec(rest);
  if (!m) throw invalidPath(`The path "${path}" is malformed`);
  const attr = findAttr(ext ? def.ext!.attrs : def.attrs, m[1]!);
  if (!attr) return null;
  const t: Target = { def: attr, ext };
  if (m[2] !== undefined) {
    if (attr.kind !== 'multi') throw invalidPath(`"${attr.name}" has no values to filter`);
    try {
      t.filter = parseFilter(m[2]);
    } catch {
      throw invalidPath(`The filter in "${path}" is not supported`);
    }
  }
  if (m[3] !== undefined) {
    const sub = attr.kind === 'complex' || attr.kind === 'multi' ? findSub(attr, m[3]) : undefined;
    if (!sub) throw invalidPath(`"${attr.name}" has no sub-attribute "${m[3]}"`);
    t.sub = sub;
  }
  return t;
}

const resolveOrSkip = (def: ResourceDef, path: string): Target | null => {
  try {
    return resolve(def, path);
  } catch {
    return null;
  }
};

const elements = (v: unknown): Doc[] => (Array.isArray(v) ? v.filter(isObject) : isObject(v) ? [v] : []);

// A value given for a multi-valued attribute: one or many, sub-attributes under canonical names.
function asElements(def: AttrDef, value: unknown): Doc[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v, i) => complexValue(def, `${def.name}[${i}]`, v) ?? {});
}

const keyOf = (e: Doc) => (typeof e.value === 'string' ? e.value.toLowerCase() : null);

function dedupe(list: Doc[]): Doc[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = keyOf(e);
    if (k === null) return true;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// An element a filter describes (`emails[type eq "work"]` → {type: "work"}), to add when none matches.
function elementFrom(filter: Comparison[]): Doc | null {
  const out: Doc = {};
  for (const c of filter) {
    if (c.sub || c.value === null) return null;
    out[c.attr] = c.value;
  }
  return out;
}

function applyAt(doc: Doc, def: ResourceDef, op: Op, t: Target, value: unknown): void {
  const container: Doc = t.ext ? ((doc[def.ext!.urn] as Doc | undefined) ?? {}) : doc;
  if (t.ext) doc[def.ext!.urn] = container;
  const name = t.def.name;
  if (op !== 'remove' && value === undefined) throw invalidValue(`"${op}" needs a value`);

  if (t.def.kind === 'multi') {
    let list = elements(container[name]);
    if (t.filter) {
      let hits = list.filter((e) => matchesElement(t.filter!, e));
      if (op === 'remove') {
        if (t.sub) hits.forEach((e) => delete e[t.sub!]);
        else list = list.filter((e) => !hits.includes(e));
      } else {
        if (hits.length === 0) {
          const fresh = elementFrom(t.filter);
          if (!fresh) throw noTarget(`No value of "${name}" matches the filter`);
          list.push(fresh);
          hits = [fresh];
        }
        for (const e of hits) {
          if (t.sub) e[t.sub] = value;
          else {
            if (!isObject(value)) throw invalidValue(`A value of "${name}" must be an object`);
            const v = asElements(t.def, value)[0]!;
            const i = list.indexOf(e);
            list[i] = op === 'replace' ? v : { ...e, ...v };
          }
        }
      }
    } else if (t.sub) {
      if (op === 'remove') list.forEach((e) => delete e[t.sub!]);
      else {
        if (list.length === 0) list.push({});
        list.forEach((e) => (e[t.sub!] = value));
      }
    } else if (op === 'remove') {
      // Entra ID removes members by listing them in `value`; without a value the attribute goes.
      const gone = value === undefined || value === null ? null : asElements(t.def, value).map(keyOf);
      list = gone ? list.filter((e) => !gone.includes(keyOf(e))) : [];
    } else {
      const added = asElements(t.def, value);
      list = dedupe(op === 'add' ? [...list, ...added] : added);
    }
    container[name] = list;
    return;
  }

  if (t.def.kind === 'complex') {
    const current = isObject(container[name]) ? (container[name] as Doc) : {};
    if (t.sub) {
      if (op === 'remove') delete current[t.sub];
      else current[t.sub] = value;
      container[name] = current;
    } else if (op === 'remove') delete container[name];
    // add and replace both merge sub-attributes into a complex value (RFC 7644 §3.5.2.1, §3.5.2.3)
    else container[name] = { ...current, ...complexValue(t.def, name, value) };
    return;
  }

  if (op === 'remove') delete container[name];
  else container[name] = value;
}

export function applyPatch(def: ResourceDef, doc: Doc, body: unknown): Doc {
  if (!isObject(body)) throw invalidSyntax('The request body must be a PatchOp message');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA)) throw invalidSyntax(`schemas must contain ${PATCH_SCHEMA}`);
  const ops = body.Operations ?? body.operations;
  if (!Array.isArray(ops) || ops.length === 0) throw invalidSyntax('Operations must be a non-empty list');
  if (ops.length > 1000) throw invalidValue('Too many operations (at most 1000)');
  const out = structuredClone(doc);
  for (const raw of ops) {
    if (!isObject(raw)) throw invalidSyntax('Each operation must be an object');
    const op = String(raw.op ?? '').toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw invalidSyntax(`Unknown op "${String(raw.op)}"`);
    const path = raw.path;
    if (path !== undefined && path !== null && (typeof path !== 'string' || path.length > 500)) throw invalidPath('path must be a string');
    if (typeof path === 'string' && path.trim() !== '') {
      const t = resolve(def, path);
      if (!t) throw invalidPath(`"${path}" is not an attribute Tillit keeps`);
      applyAt(out, def, op, t, raw.value);
      continue;
    }
    if (op === 'remove') throw noTarget('remove needs a path');
    if (!isObject(raw.value)) throw invalidValue(`"${op}" without a path needs an object value`);
    for (const [key, v] of Object.entries(raw.value)) {
      if (def.ext && key.toLowerCase() === def.ext.urn.toLowerCase()) {
        if (!isObject(v)) throw invalidValue(`${def.ext.urn} must be an object`);
        for (const [k, x] of Object.entries(v)) {
          const t = resolve(def, `${def.ext.urn}:${k}`);
          if (t) applyAt(out, def, op, t, x);
        }
        continue;
      }
      // Keys may be attribute names or paths ("name.givenName"); read-only or unknown ones are skipped.
      const t = resolveOrSkip(def, key);
      if (t) applyAt(out, def, op, t, v);
    }
  }
  return out;
}
