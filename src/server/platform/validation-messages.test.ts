import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localizeIssues } from './validation-messages.js';

const schema = z.strictObject({
  name: z.string().trim().min(1).max(5),
  unitId: z.uuid(),
  amount: z.number().multipleOf(0.01),
  status: z.enum(['planned', 'in_use']),
  on: z.iso.date(),
});

function messages(input: unknown, lang: 'sv' | 'en' = 'sv') {
  const r = schema.safeParse(input);
  if (r.success) return [];
  return localizeIssues(
    r.error.issues.map((i) => {
      const { code, path, message, ...params } = i;
      return { code, path: path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message, params };
    }),
    lang,
  );
}

describe('validation messages in plain Swedish and English', () => {
  it('tells a missing, empty or null value apart from a wrong one', () => {
    const m = messages({ name: '   ', unitId: '', amount: null, status: 'x', on: '2026-13-01' });
    expect(m).toEqual([
      { field: 'name', code: 'too_small', message: 'Fältet får inte vara tomt.' },
      { field: 'unitId', code: 'invalid_format', message: 'Fältet måste fyllas i.' },
      { field: 'amount', code: 'invalid_type', message: 'Fältet måste fyllas i.' },
      { field: 'status', code: 'invalid_value', message: 'Ogiltigt val. Tillåtna värden: planned, in_use.' },
      { field: 'on', code: 'invalid_format', message: 'Ange ett datum som ÅÅÅÅ-MM-DD.' },
    ]);
  });

  it('names wrong types, limits and unknown fields, in English when asked', () => {
    const m = messages({ name: 'för långt', unitId: 'abc', amount: 'tio', status: 'planned', on: '2026-01-01', extra: 1, more: 2 }, 'en');
    expect(m).toEqual([
      { field: 'name', code: 'too_big', message: 'At most 5 characters.' },
      { field: 'unitId', code: 'invalid_format', message: 'Invalid id.' },
      { field: 'amount', code: 'invalid_type', message: 'Enter a number.' },
      { field: 'extra', code: 'unrecognized_keys', message: 'Unknown field.' },
      { field: 'more', code: 'unrecognized_keys', message: 'Unknown field.' },
    ]);
  });
});
