import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { apiSession, baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

const EMPLOYEE_PASSWORD = 'Kanelbullar i fikarummet 2026';

describe('incidents in the browser (D1-52, D1-53, GDPR art. 33)', () => {
  const ui = useBrowser();
  let smtp: TestSmtp | undefined;
  const id = runId();
  const email = `medarbetare-${id}@e2e.example`;

  beforeAll(async () => {
    if (inject('smtpPort')) smtp = await startSmtp(inject('smtpPort'));
  });
  afterAll(async () => {
    await smtp?.close();
  });

  test.skipIf(!inject('smtpPort'))(
    'an employee reports an incident; the coordinator triages it with personal data involved and sees the IMY 72 h clock',
    async () => {
      // An employee who chooses a password through the invitation mail.
      const api = await apiSession();
      const user = await api.post('/api/v1/users', {
        email,
        displayName: `Maja Medarbetare ${id}`,
        assignments: [{ role: 'employee', scopeType: 'tenant' }],
      });
      await api.post(`/api/v1/users/${String(user.id)}/invite`, {});
      const mail = await smtp!.waitFor(email, 30_000);
      const token = /reset-password#token=([\w-]+)/.exec(mail.text)?.[1];
      const confirmed = await fetch(`${baseUrl()}/api/v1/auth/password-reset/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: EMPLOYEE_PASSWORD }),
      });
      expect(confirmed.status).toBe(204);

      // The employee reports from the menu: a short form, "when noticed" filled in with now.
      let page = ui.page;
      await page.goto(`${baseUrl()}/sign-in`);
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(EMPLOYEE_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Rapportera incident' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapportera en incident' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Incidenter', exact: true }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Rapportera incident' }).getAttribute('aria-current')).toBe('page');
      // "when noticed" is now, in Swedish time whatever the browser's zone
      const nowInStockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short' }).format(new Date());
      expect(await page.locator('#report-awareAt').inputValue()).toMatch(new RegExp(`^${nowInStockholm}T\\d{2}:\\d{2}$`));
      // D1-35: the reporting routes are visible to those reporting
      await page.getByRole('link', { name: 'Se rapporteringsvägarna' }).waitFor();
      await expectAccessible(page, 'incident report form');
      // without a title the form says what is missing and puts focus there
      await page.getByRole('button', { name: 'Skicka rapporten' }).click();
      await page.locator('#report-title-error').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('report-title');
      const title = `Skickade kundlista till fel mottagare ${id}`;
      await page.locator('#report-title').fill(title);
      await page.locator('#report-reportText').fill('Excelfil med namn och personnummer mejlades till en extern adress.');
      await page.getByRole('button', { name: 'Skicka rapporten' }).click();
      const received = page.getByText(/Rapporten har tagits emot med nummer INC-\d{4}-\d+/);
      await received.waitFor();
      // the page changed without a new address: focus is on its new heading
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('report-done-heading');
      const reference = /INC-\d{4}-\d+/.exec((await received.textContent()) ?? '')![0];
      await expectAccessible(page, 'incident report received');
      await page.getByRole('link', { name: 'Mina rapporter' }).first().click();
      await page.getByRole('heading', { level: 2, name: `${reference} ${title}` }).waitFor();
      await expectAccessible(page, 'my reports');

      // The coordinator finds it in the register and opens it.
      page = await ui.reopen();
      await signIn(page);
      await page.goto(`${baseUrl()}/incidents`);
      const link = page.getByRole('link', { name: reference, exact: true });
      await link.waitFor();
      await expectAccessible(page, 'incident register');
      await link.click();
      await page.getByRole('heading', { level: 1, name: `${reference} ${title}` }).waitFor();
      await expectAccessible(page, 'incident page');
      // the menu marks the register on an incident's page, and only it
      expect(await page.locator('#main-nav [aria-current="page"]').allTextContents()).toEqual(['Incidenter']);

      // Triage with the keyboard-usable form: personal data involved, moderate severity.
      await page.locator('#triage-personalData').selectOption('yes');
      await page.locator('#triage-severity').selectOption('moderate');
      await page.locator('#triage-status').selectOption('triaged');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.getByText('Incidenten har sparats.').waitFor();
      await expect.poll(() => page.locator('#triage-personalData').inputValue()).toBe('yes');

      // The IMY clock: 72 hours from when the municipality became aware, shown in Swedish time.
      const incidentId = new URL(page.url()).pathname.split('/').pop()!;
      const detail = await api.get(`/api/v1/incidents/${incidentId}`);
      const obligations = detail.obligations as { code: string; dueAt: string }[];
      const art33 = obligations.find((o) => o.code === 'gdpr-art33')!;
      expect(Date.parse(art33.dueAt) - Date.parse(String(detail.awareAt))).toBe(72 * 3_600_000);
      const stockholm = (opts: Intl.DateTimeFormatOptions) =>
        new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hourCycle: 'h23', ...opts }).format(new Date(art33.dueAt));
      const dueTime = stockholm({ hour: '2-digit', minute: '2-digit' });
      const dueDay = stockholm({ day: 'numeric' });
      // the obligations panel (the reports to authorities) names IMY and the due time, 72 h on
      const panel = page.getByRole('region', { name: 'Rapportering till myndigheter' });
      const gdpr = panel.getByRole('alert').filter({ hasText: 'IMY' });
      await gdpr.waitFor();
      const text = (await gdpr.textContent()) ?? '';
      expect(text).toContain('72 timmar');
      expect(text).toContain(dueTime);
      expect(text).toMatch(new RegExp(`\\b${dueDay} `));
      await expectAccessible(page, 'incident page after triage');

      // D1-36: an extensive impact tells the crisis group, so the form asks first; cancelling saves nothing
      await page.locator('#triage-severity').selectOption('extensive');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      const crisis = page.getByRole('dialog', { name: 'Hantera som extraordinär händelse?' });
      await crisis.waitFor();
      await expectAccessible(page, 'crisis confirmation');
      await crisis.getByRole('button', { name: 'Avbryt' }).click();
      await crisis.waitFor({ state: 'hidden' });
      expect((await api.get(`/api/v1/incidents/${incidentId}`)).severity).toBe('moderate');
      await page.locator('#triage-severity').selectOption('moderate');

      // the incident's history: who changed what, in words
      await page.getByRole('button', { name: 'Visa historik' }).click();
      await page.getByRole('rowheader', { name: 'Ändrade incident' }).first().waitFor();
      await page.getByRole('rowheader', { name: 'Rapporterade incident' }).waitFor();
      await expectAccessible(page, 'incident history');

      // Closing without the documentation is refused, field by field (D1-53).
      await page.locator('#triage-status').selectOption('closed');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page.locator('#triage-description-error').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('triage-description');
      await expectAccessible(page, 'incident triage with closing errors');
    },
  );
});
