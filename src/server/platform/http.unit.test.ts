import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, parseSort, requireIfMatch } from './http.js';
import { Problem } from './problems.js';

const req = (ifMatch?: string) => ({ headers: ifMatch === undefined ? {} : { 'if-match': ifMatch } }) as never;

describe('request helpers', () => {
  it('reads the version from If-Match, strong or weak, and refuses a missing or foreign tag', () => {
    expect(requireIfMatch(req('"v7"'))).toBe(7);
    expect(requireIfMatch(req('W/"v12"'))).toBe(12);
    expect(() => requireIfMatch(req())).toThrow(expect.objectContaining({ kind: 'precondition-required' }));
    expect(() => requireIfMatch(req('*'))).toThrow(expect.objectContaining({ kind: 'precondition-failed' }));
    expect(() => requireIfMatch(req('"abc"'))).toThrow(Problem);
  });

  it('parses sort fields with a minus for descending and refuses unknown ones', () => {
    expect(parseSort(undefined, ['name', 'updatedAt'], 'name')).toEqual({ key: 'name', desc: false });
    expect(parseSort('-updatedAt', ['name', 'updatedAt'], 'name')).toEqual({ key: 'updatedAt', desc: true });
    expect(() => parseSort('password', ['name'], 'name')).toThrow(Problem);
  });

  it('round-trips cursors and refuses tampered ones or ones made for another sort', () => {
    const c = { s: 'name', k: 'pulsen combine', id: '6f1c3c1e-8d7a-4b5e-9a51-0c2f7d8e9a10' };
    expect(decodeCursor(encodeCursor(c), 'name')).toEqual(c);
    expect(() => decodeCursor(encodeCursor(c), '-name')).toThrow(Problem);
    expect(() => decodeCursor('eyJ4IjoxfQ', 'name')).toThrow(Problem);
    expect(decodeCursor(undefined, 'name')).toBeNull();
  });

  it('seals cursors: the last row’s sort value cannot be read from one, and a changed byte is refused', () => {
    const c = { s: 'title', k: 'hemlig brandväggsregel', id: '6f1c3c1e-8d7a-4b5e-9a51-0c2f7d8e9a10' };
    const sealed = encodeCursor(c);
    const readable = sealed
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('utf8'))
      .join(' ');
    expect(readable).not.toContain('brandvägg');
    expect(readable).not.toContain(c.id);
    // the first character of the ciphertext part covers whole bits of its first byte
    const parts = sealed.split('.');
    const data = parts[3]!;
    parts[3] = (data[0] === 'A' ? 'B' : 'A') + data.slice(1);
    expect(() => decodeCursor(parts.join('.'), 'title')).toThrow(Problem);
  });
});
