import { fieldProblem } from '../../platform/problems.js';

// The Luhn (mod 10) check digit Swedish identity numbers end with: doubling every other digit from
// the left, the sum over all ten digits is a multiple of ten.
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]);
    // from the right, every second digit before the check digit is doubled
    if ((digits.length - i) % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export type OrganisationNumberCheck = { ok: true; value: string } | { ok: false; reason: 'format' | 'check-digit' };

// Organisationsnummer: ten digits, written NNNNNN-NNNN. People paste it with or without the hyphen
// and with spaces; it is stored in the one written form so it can be compared and searched.
// A sole trader's (enskild firma) number is the owner's personnummer, so the third digit is not
// required to be 2 or more as it is for legal persons.
export function checkOrganisationNumber(raw: string): OrganisationNumberCheck {
  const compact = raw.replace(/\s+/g, '');
  const m = /^(\d{6})-?(\d{4})$/.exec(compact);
  if (!m) return { ok: false, reason: 'format' };
  const digits = `${m[1]}${m[2]}`;
  if (!luhnValid(digits)) return { ok: false, reason: 'check-digit' };
  return { ok: true, value: `${m[1]}-${m[2]}` };
}

// The stored form, or a field error people can act on.
export function normaliseOrganisationNumber(raw: string | null | undefined, field = 'organisationNumber'): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const r = checkOrganisationNumber(raw);
  if (r.ok) return r.value;
  if (r.reason === 'format')
    throw fieldProblem(
      field,
      'invalid_organisation_number',
      'Ange organisationsnumret med tio siffror, till exempel 556677-8899.',
      'Enter the organisation number as ten digits, for example 556677-8899.',
    );
  throw fieldProblem(
    field,
    'invalid_check_digit',
    'Organisationsnumret stämmer inte: den sista siffran (kontrollsiffran) är fel. Kontrollera numret.',
    'The organisation number is not valid: the last digit (the check digit) is wrong. Check the number.',
  );
}
