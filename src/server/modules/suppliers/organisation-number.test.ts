import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOrganisationNumber, luhnValid, normaliseOrganisationNumber } from './organisation-number.js';

describe('Swedish organisation numbers', () => {
  it('accepts real-world numbers in any common written form and stores them as NNNNNN-NNNN', () => {
    // Volvo AB, a municipality (212000-…), an aktiebolag written without the hyphen and with spaces
    expect(checkOrganisationNumber('556012-5790')).toEqual({ ok: true, value: '556012-5790' });
    expect(checkOrganisationNumber('2120000142')).toEqual({ ok: true, value: '212000-0142' });
    expect(checkOrganisationNumber(' 556677 8899 ')).toEqual({ ok: true, value: '556677-8899' });
    expect(normaliseOrganisationNumber('')).toBeNull();
    expect(normaliseOrganisationNumber(null)).toBeNull();
  });

  it('refuses a wrong check digit and anything that is not ten digits', () => {
    expect(checkOrganisationNumber('556012-5791')).toEqual({ ok: false, reason: 'check-digit' });
    for (const bad of ['556012579', '55601257900', '556012+5790', '5560-125790', 'ABCDEF-GHIJ', '１２３４５６-７８９０'])
      expect(checkOrganisationNumber(bad)).toEqual({ ok: false, reason: 'format' });
    expect(() => normaliseOrganisationNumber('556012-5791')).toThrow();
  });

  it('Luhn: exactly one final digit completes any nine digits, and changing one digit breaks it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (nine, pos, delta) => {
        const valid = [...'0123456789'].filter((d) => luhnValid(nine + d));
        expect(valid).toHaveLength(1);
        const full = nine + valid[0]!;
        const changed = full.slice(0, pos) + String((Number(full[pos]) + delta) % 10) + full.slice(pos + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});
