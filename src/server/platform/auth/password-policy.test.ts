import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { Problem } from '../problems.js';
import { assertPasswordAcceptable, checkPassword } from './password-policy.js';

const anna = { email: 'anna.svensson@vaxjo.se', displayName: 'Anna Svensson', tenantNames: ['Östra Göinge kommun'] };
const code = (password: string) => checkPassword(password, anna)?.code ?? null;

describe('password policy after NIST SP 800-63B (D0-19, D0-20)', () => {
  it('D0-19: needs at least 12 characters counted as Unicode code points after NFC, and at most 256', () => {
    expect(code('Kort-lösen1')).toBe('too_short');
    // Twelve "ö" typed decomposed (o + combining diaeresis) are 24 UTF-16 units but 12 characters.
    expect(code('Björnbär-och-göken'.normalize('NFD'))).toBeNull();
    expect(code('ö'.normalize('NFD').repeat(11) + 'x')).toBeNull();
    expect(code('ö'.normalize('NFD').repeat(11))).toBe('too_short');
    // Emoji count as one character each.
    expect(code('🐻🐻🐻🐻🐻🐻🐻🐻🐻🐻🐻')).toBe('too_short');
    const longest = 'Lång fras om blåbär och lingon. '.repeat(9).slice(0, 256);
    expect([...longest]).toHaveLength(256);
    expect(code(longest)).toBeNull();
    expect(code(`${longest}!`)).toBe('too_long');
    expect(code('x'.repeat(257))).toBe('too_long');
  });

  it('D0-19: refuses passwords on the shipped list of common and breached passwords, also with decoration', () => {
    for (const p of ['qwerty123456', '123qweasdzxc', 'LeaveMeAlone', 'Password2024!!', 'p a s s w o r d 1 2 3 4', '!!iloveyou2025']) {
      expect(code(p), p).toBe('common');
    }
  });

  it('D0-19: refuses repetitions and keyboard or alphabet runs', () => {
    for (const p of ['aaaaaaaaaaaa', 'abcabcabcabc', '1234567890123', 'abcdefghijklmn', 'asdfghjklöäzx', '0987654321098']) {
      expect(code(p), p).toBe('repetitive');
    }
  });

  it('D0-19: refuses passwords that are only the user’s name, e-mail, the organisation or "Tillit" with digits', () => {
    for (const p of [
      'Anna.Svensson1984',
      'svenssonanna1990',
      'anna.svensson@vaxjo.se',
      'Tillit-tillit-2026',
      'ÖstraGöinge2026',
      'Vaxjo2024vaxjo',
    ]) {
      expect(code(p), p).toBe('context');
    }
    // Without that context the same words are just words.
    expect(checkPassword('Anna.Svensson1984')).toBeNull();
  });

  it('D0-19 D0-20: accepts a long passphrase, with no rules about digits or special characters', () => {
    for (const p of ['hund katt häst fågel', 'korrekthästbatterihäftklammer', TEST_PASSWORD, 'Anna tycker om blåbärspaj', '739284610573']) {
      expect(code(p), p).toBeNull();
    }
  });

  it('D0-20: explains in Swedish and English why and what to do, as a 422 field error', () => {
    expect(checkPassword('qwerty123456')).toEqual({
      code: 'common',
      sv: 'Lösenordet finns på listor över vanliga eller läckta lösenord. Välj ett annat, gärna en fras av flera ord.',
      en: 'The password is on lists of common or leaked passwords. Choose another one, preferably a phrase of several words.',
    });
    let thrown: unknown;
    try {
      assertPasswordAcceptable('newPassword', 'kort');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).status).toBe(422);
    expect((thrown as Problem).fieldErrors).toEqual([
      {
        field: 'newPassword',
        code: 'password_too_short',
        sv: expect.stringMatching(/minst 12 tecken/),
        en: expect.stringMatching(/at least 12/),
      },
    ]);
  });
});
