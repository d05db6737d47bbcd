import { createRequire } from 'node:module';
import { fieldProblem } from '../problems.js';

// Password rules after NIST SP 800-63B (5.1.1.2): length is what counts, so at least 12 characters
// (Unicode code points after NFC, so "ö" is one character however it was typed) and up to 256;
// no composition rules; refuse what an attacker tries first: common and breached passwords, one
// short piece repeated or a keyboard/alphabet run, and passwords built only from the user's own
// name, e-mail address, the organisation's name or the product's name.

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export interface PasswordContext {
  email?: string | null;
  displayName?: string | null;
  tenantNames?: readonly (string | null | undefined)[];
}

export type PasswordIssue = 'too_short' | 'too_long' | 'common' | 'repetitive' | 'context';

export interface PasswordVerdict {
  code: PasswordIssue;
  sv: string;
  en: string;
}

const advice = {
  sv: 'Välj ett annat, gärna en fras av flera ord.',
  en: 'Choose another one, preferably a phrase of several words.',
};

const verdicts: Record<PasswordIssue, PasswordVerdict> = {
  too_short: {
    code: 'too_short',
    sv: `Lösenordet är för kort. Det behöver vara minst ${PASSWORD_MIN} tecken; en fras av flera ord är lätt att minnas och svår att gissa.`,
    en: `The password is too short. It needs at least ${PASSWORD_MIN} characters; a phrase of several words is easy to remember and hard to guess.`,
  },
  too_long: {
    code: 'too_long',
    sv: `Lösenordet är för långt. Det får vara högst ${PASSWORD_MAX} tecken.`,
    en: `The password is too long. It may have at most ${PASSWORD_MAX} characters.`,
  },
  common: {
    code: 'common',
    sv: `Lösenordet finns på listor över vanliga eller läckta lösenord. ${advice.sv}`,
    en: `The password is on lists of common or leaked passwords. ${advice.en}`,
  },
  repetitive: {
    code: 'repetitive',
    sv: `Lösenordet är en upprepning eller en följd av tecken (som "aaaa" eller "12345") och är lätt att gissa. ${advice.sv}`,
    en: `The password is a repetition or a run of characters (like "aaaa" or "12345") and easy to guess. ${advice.en}`,
  },
  context: {
    code: 'context',
    sv: `Lösenordet bygger på ditt namn, din e-postadress, organisationens namn eller "Tillit" och är lätt att gissa. ${advice.sv}`,
    en: `The password is based on your name, your e-mail address, the organisation's name or "Tillit" and is easy to guess. ${advice.en}`,
  },
};

// The 49 000 most common passwords of the zxcvbn project (from breach corpora), loaded on first
// use: about 25 ms and a few MB, which a process that never checks a password does not pay.
// Loaded with require so the check stays synchronous for its callers.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as {
      dictionary: { 'passwords-common': string[] };
    };
    common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return common;
}

// Runs that people type when asked for "something long": alphabet, digits, keyboard rows.
const runs = [
  'abcdefghijklmnopqrstuvwxyzåäö',
  '0123456789',
  'qwertyuiopåasdfghjklöäzxcvbnm',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm',
];
const runText = [...runs, ...runs.map((r) => [...r].reverse().join(''))].map((r) => r.repeat(3)).join(' ');

const letters = (s: string) => s.replace(/[^\p{L}\p{N}]+/gu, '');
const trimDigits = (s: string) => s.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');

function contextWords(ctx: PasswordContext): string[] {
  const words = new Set<string>(['tillit']);
  const add = (raw: string | null | undefined, parts = true) => {
    if (!raw) return;
    const v = raw.normalize('NFC').toLowerCase();
    const whole = letters(v);
    if (whole.length >= 3) words.add(whole);
    if (parts) for (const p of v.split(/[^\p{L}\p{N}]+/u)) if (p.length >= 3) words.add(p);
  };
  const [local, domain] = (ctx.email ?? '').split('@');
  add(local);
  add(ctx.email, false);
  // "vaxjo" of anna@vaxjo.se: the organisation's name as its staff know it.
  for (const label of (domain ?? '').split('.').slice(0, -1)) add(label, false);
  add(ctx.displayName);
  for (const t of ctx.tenantNames ?? []) add(t);
  // Longest first, so "annasvensson" goes before "anna" takes a bite out of it.
  return [...words].sort((a, b) => b.length - a.length);
}

/** null when the password may be used, else why not (with a Swedish and an English text). */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordVerdict | null {
  const nfc = password.normalize('NFC');
  const length = [...nfc].length;
  if (length < PASSWORD_MIN) return verdicts.too_short;
  if (length > PASSWORD_MAX) return verdicts.too_long;

  const lower = nfc.toLowerCase();
  const bare = letters(lower);
  // "Password2024!" and "p a s s w o r d 1" are the listed "password" with decoration.
  const variants = new Set([lower, bare, trimDigits(lower), trimDigits(bare), letters(trimDigits(lower))]);
  const list = commonPasswords();
  for (const v of variants) if (v && list.has(v)) return verdicts.common;

  if (/^(.{1,4}?)\1+$/su.test(lower) || /^(.{1,4}?)\1+$/su.test(bare)) return verdicts.repetitive;
  if (bare.length >= 6 && runText.includes(bare)) return verdicts.repetitive;

  // Only context words, digits and punctuation: "Anna.Svensson1984", "tillit-tillit-2026".
  let rest = bare;
  for (const w of contextWords(context)) rest = rest.split(w).join('');
  if (rest !== bare && /^\p{N}*$/u.test(rest)) return verdicts.context;
  return null;
}

/** Throws a 422 field error on `field` when the password may not be used. */
export function assertPasswordAcceptable(field: string, password: string, context: PasswordContext = {}): void {
  const verdict = checkPassword(password, context);
  if (verdict) throw fieldProblem(field, `password_${verdict.code}`, verdict.sv, verdict.en);
}

/** The rules in plain words, for forms and the CLI. */
export const passwordRules = {
  sv: `Minst ${PASSWORD_MIN} tecken. Inga krav på siffror eller specialtecken, men lösenordet får inte finnas på listor över vanliga eller läckta lösenord och får inte bygga på ditt namn, din e-postadress eller organisationens namn.`,
  en: `At least ${PASSWORD_MIN} characters. No rules about digits or special characters, but the password must not be on lists of common or leaked passwords and must not be based on your name, e-mail address or the organisation's name.`,
};
