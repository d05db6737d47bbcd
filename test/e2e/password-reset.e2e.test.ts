import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { baseUrl, expectAccessible, useBrowser } from './helpers.js';

// The only account is the shared administrator: its password is reset here and changed back on the
// account page at the end (and by afterAll if the test stops half-way), so later files still sign in.
const NEW_PASSWORD = 'Vitsippor i backen vid ån';

async function changeBack(): Promise<void> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: inject('adminEmail'), password: NEW_PASSWORD }),
  });
  if (!login.ok) return;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  await fetch(`${baseUrl()}/api/v1/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ currentPassword: NEW_PASSWORD, newPassword: inject('adminPassword') }),
  });
}

describe('password reset by e-mail in the browser', () => {
  const ui = useBrowser();
  let smtp: TestSmtp | undefined;

  beforeAll(async () => {
    if (inject('smtpPort')) smtp = await startSmtp(inject('smtpPort'));
  });
  afterAll(async () => {
    await changeBack();
    await smtp?.close();
  });

  test.skipIf(!inject('smtpPort'))(
    'D1-39 D0-19: forgot password → mail over SMTP → reset page → sign in with the new password; change it back on the account page',
    async () => {
      const { page } = ui;
      const email = inject('adminEmail');

      await page.goto(`${baseUrl()}/sign-in`);
      await page.getByRole('link', { name: 'Glömt lösenordet?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Glömt lösenordet' }).waitFor();
      expect(await page.title()).toBe('Glömt lösenordet – Tillit');
      await expectAccessible(page, 'forgot password');
      await page.locator('#forgot-email').fill(email);
      await page.getByRole('button', { name: 'Skicka länk' }).click();
      await page.getByText('Om adressen finns hos oss har vi skickat en länk. Den gäller i 30 minuter.').waitFor();
      await expectAccessible(page, 'forgot password, sent');

      const mail = await smtp!.waitFor(email, 30_000);
      expect(mail.text).not.toContain(inject('adminPassword'));
      const link = /http:\/\/\S+\/reset-password#token=[\w-]+/.exec(mail.text)?.[0];
      expect(link?.startsWith(`${baseUrl()}/reset-password#token=`)).toBe(true);

      await page.goto(link!);
      await page.getByRole('heading', { level: 1, name: 'Välj nytt lösenord' }).waitFor();
      // The policy is shown before anything is typed.
      await page.getByText('Minst 12 tecken.', { exact: false }).waitFor();
      await page.getByText('Det får inte finnas på listor över vanliga eller läckta lösenord.').waitFor();
      await expectAccessible(page, 'reset password');

      // The two copies differ: the error shows at the second field, which gets the focus.
      await page.locator('#reset-password').fill(NEW_PASSWORD);
      await page.locator('#reset-repeat').fill(`${NEW_PASSWORD}!`);
      await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
      await page.locator('#reset-repeat-error').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reset-repeat');

      // A listed password: the server's Swedish reason shows at the field.
      await page.locator('#reset-password').fill('qwerty123456');
      await page.locator('#reset-repeat').fill('qwerty123456');
      await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
      await page.getByText('Lösenordet finns på listor över vanliga eller läckta lösenord.', { exact: false }).first().waitFor();
      expect(await page.locator('#reset-password').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#reset-password').getAttribute('aria-describedby')).toContain('reset-password-error');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reset-password');
      await expectAccessible(page, 'reset password with errors');

      await page.locator('#reset-password').fill(NEW_PASSWORD);
      await page.locator('#reset-repeat').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Spara nytt lösenord' }).click();
      await page.getByText('Ditt lösenord är bytt. Logga in med det nya lösenordet.').waitFor();
      await expectAccessible(page, 'reset password, done');

      // The old password no longer works; the new one does.
      await page.getByRole('link', { name: 'Till inloggningen' }).click();
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(inject('adminPassword'));
      await page.locator('form button[type="submit"]').click();
      await page.getByText('Fel e-postadress eller lösenord.').waitFor();
      await page.locator('#signin-password').fill(NEW_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL(/\/systems/);

      // Change it back on the account page: the session goes on with its renewed cookie.
      await page.goto(`${baseUrl()}/account`);
      await page.getByRole('heading', { level: 2, name: 'Lösenord' }).waitFor();
      await page.locator('#password-currentPassword').fill(NEW_PASSWORD);
      await page.locator('#password-newPassword').fill(inject('adminPassword'));
      await page.locator('#password-repeat').fill(inject('adminPassword'));
      await page.getByRole('button', { name: 'Byt lösenord' }).click();
      await page.getByText('Lösenordet är bytt. Dina inloggningar på andra enheter har avslutats.').waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 2, name: 'Lösenord' }).waitFor();
      expect(page.url()).toMatch(/\/account$/);
    },
  );
});
