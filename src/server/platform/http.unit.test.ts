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
});
