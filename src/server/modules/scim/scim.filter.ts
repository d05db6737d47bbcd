import { invalidFilter } from './scim.errors.js';

// The part of the SCIM filter language (RFC 7644 §3.4.2.2) identity providers use to find what
// they provisioned: `eq` comparisons joined by `and`, with `attr[sub eq "v"]` for multi-valued
// attributes. Anything else is answered with invalidFilter rather than guessed at.
export interface Comparison {
  attr: string;
  sub?: string;
  value: string | boolean | null;
}

const CORE_URNS = ['urn:ietf:params:scim:schemas:core:2.0:user:', 'urn:ietf:params:scim:schemas:core:2.0:group:'];

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  skip() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
  done() {
    this.skip();
    return this.i >= this.s.length;
  }
  peek() {
    this.skip();
    return this.s[this.i];
  }
  word(): string {
    this.skip();
    // Attribute paths may carry a schema URN (`urn:…:2.0:User:userName`): colons and dots belong to it.
    const m = /^[A-Za-z$][\w$:.-]*/.exec(this.s.slice(this.i));
    if (!m) throw invalidFilter(`Expected a name at position ${this.i + 1}`);
    this.i += m[0].length;
    return m[0];
  }
  value(): string | boolean | null {
    this.skip();
    if (this.s[this.i] === '"') {
      let j = this.i + 1;
      while (j < this.s.length && this.s[j] !== '"') j += this.s[j] === '\\' ? 2 : 1;
      if (j >= this.s.length) throw invalidFilter('Unterminated string');
      const raw = this.s.slice(this.i, j + 1);
      this.i = j + 1;
      try {
        return JSON.parse(raw) as string;
      } catch {
        throw invalidFilter('Malformed string');
      }
    }
    const w = this.word().toLowerCase();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    throw invalidFilter('Values must be quoted strings, true, false or null');
  }
  expect(ch: string) {
    if (this.peek() !== ch) throw invalidFilter(`Expected "${ch}" at position ${this.i + 1}`);
    this.i++;
  }
}

function splitPath(path: string): { attr: string; sub?: string } {
  let p = path;
  const lower = p.toLowerCase();
  for (const urn of CORE_URNS) if (lower.startsWith(urn)) p = p.slice(urn.length);
  const parts = p.split('.');
  if (parts.length > 2 || parts.some((x) => x === '')) throw invalidFilter(`Unsupported attribute path "${path}"`);
  return parts.length === 2 ? { attr: parts[0]!, sub: parts[1]! } : { attr: parts[0]! };
}

function comparison(sc: Scanner): Comparison {
  const path = splitPath(sc.word());
  if (sc.peek() === '[') {
    if (path.sub) throw invalidFilter('Unexpected "["');
    sc.expect('[');
    const inner = comparison(sc);
    sc.expect(']');
    if (inner.sub) throw invalidFilter('Nested attribute paths are not supported inside "[ ]"');
    return { attr: path.attr, sub: inner.attr, value: inner.value };
  }
  const op = sc.word().toLowerCase();
  if (op !== 'eq') throw invalidFilter(`Operator "${op}" is not supported; use eq`);
  return { ...path, value: sc.value() };
}

export function parseFilter(text: string): Comparison[] {
  if (text.length > 1000) throw invalidFilter('The filter is too long');
  const sc = new Scanner(text);
  if (sc.done()) throw invalidFilter('The filter is empty');
  const out = [comparison(sc)];
  while (!sc.done()) {
    if (sc.peek() === ']') break;
    const w = sc.word().toLowerCase();
    if (w !== 'and') throw invalidFilter(`"${w}" is not supported; only "and" joins comparisons`);
    out.push(comparison(sc));
  }
  if (!sc.done()) throw invalidFilter(`Unexpected text at position ${sc.i + 1}`);
  return out;
}

// For PATCH paths such as `emails[type eq "work"]`: does this element match every comparison?
export function matchesElement(filter: Comparison[], el: unknown): boolean {
  if (!el || typeof el !== 'object') return false;
  const entries = Object.entries(el as Record<string, unknown>);
  return filter.every((c) => {
    if (c.sub) return false;
    const v = entries.find(([k]) => k.toLowerCase() === c.attr.toLowerCase())?.[1];
    if (c.value === null) return v === undefined || v === null;
    if (typeof c.value === 'boolean') return v === c.value || String(v).toLowerCase() === String(c.value);
    return typeof v === 'string' && v.toLowerCase() === c.value.toLowerCase();
  });
}
