import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { addCalendarDays, stockholmDay } from '../../src/shared/access-orders.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import {
  acceptInvitation,
  apiSession,
  baseUrl,
  expectAccessible,
  organisationNumber,
  requestAsAdmin,
  runId,
  signIn,
  useBrowser,
} from './helpers.js';

const ORDERER_PASSWORD = 'Beställ i god tid före start 2026';

describe('access orders in the browser (D0-11, D0-12)', () => {
  const ui = useBrowser();
  let smtp: TestSmtp | undefined;
  const id = runId();
  const email = `bestallare-${id}@e2e.example`;

  beforeAll(async () => {
    if (inject('smtpPort')) smtp = await startSmtp(inject('smtpPort'));
  });
  afterAll(async () => {
    await smtp?.close();
  });

  test.skipIf(!inject('smtpPort'))(
    'D0-12: an authorised orderer submits a new-account order too late, reads why in plain Swedish, and orders on the earliest date',
    async () => {
      // A care provider working in the municipality's care system, with an authorised orderer on its list (D0-11).
      const api = await apiSession();
      const unit = await api.post('/api/v1/org-units', { name: `Äldreomsorg ${id}`, type: 'operation' });
      const system = await api.post('/api/v1/systems', { name: `Omsorgssystem ${id}`, responsibleUnitId: unit.id });
      const supplier = await api.post('/api/v1/suppliers', {
        name: `Omsorg ${id} AB`,
        organisationNumber: organisationNumber(),
        type: 'care_provider',
      });
      await requestAsAdmin('PUT', `/api/v1/suppliers/${String(supplier.id)}/systems/${String(system.id)}`, { worksIn: true });
      const user = await api.post('/api/v1/users', {
        email,
        displayName: `Olle Orderman ${id}`,
        assignments: [{ role: 'authorised_orderer', scopeType: 'supplier', scopeSupplierId: supplier.id }],
      });
      await api.post(`/api/v1/suppliers/${String(supplier.id)}/people`, {
        kind: 'authorised_orderer',
        name: `Olle Orderman ${id}`,
        userId: user.id,
      });
      await acceptInvitation(api, smtp!, { id: user.id, email }, ORDERER_PASSWORD);

      const page = ui.page;
      await page.goto(`${baseUrl()}/sign-in`);
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(ORDERER_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('navigation').getByRole('link', { name: 'Behörighetsbeställningar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Behörighetsbeställningar' }).waitFor();
      await expectAccessible(page, 'access orders list (orderer)');
      await page.getByRole('link', { name: 'Ny beställning' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Ny behörighetsbeställning' }).waitFor();

      // The form tells the lead time before anything is sent.
      const today = stockholmDay(new Date());
      const earliest = addCalendarDays(today, 14);
      await page.getByText(`Ett nytt konto ska beställas minst 14 dagar i förväg. Tidigaste datum: ${earliest}.`).waitFor();
      await page.locator('#access-order-systemId').selectOption({ label: `Omsorgssystem ${id}` });
      await page.locator('#access-order-personName').fill('Sara Sjuksköterska');
      await page.locator('#access-order-permissions').fill('Dokumentation i journal');
      await page.locator('#access-order-startDate').fill(addCalendarDays(today, 5));
      await expectAccessible(page, 'access order form');
      await page.getByRole('button', { name: 'Skicka beställningen' }).click();

      // Refused, with the reason: how many days are needed, how many there are, and the earliest date.
      const alert = page.getByRole('alert').filter({ hasText: 'för sent' });
      await alert.waitFor();
      await expect
        .poll(async () => alert.textContent())
        .toContain(
          `Ett nytt användarkonto ska beställas minst 14 dagar i förväg. Startdatumet ${addCalendarDays(today, 5)} ligger bara 5 dagar efter dagens datum. Tidigaste tillåtna startdatum är ${earliest}.`,
        );
      await page.locator('#access-order-startDate-error').getByText(`Välj ${earliest} eller senare`).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('access-order-startDate');
      await expectAccessible(page, 'access order form with the lead-time error');

      // On the earliest date the order goes in.
      await page.locator('#access-order-startDate').fill(earliest);
      await page.getByRole('button', { name: 'Skicka beställningen' }).click();
      await page.getByRole('heading', { level: 1, name: /^BO-\d{4}-\d+: Nytt konto$/ }).waitFor();
      await page.getByText('Inskickad', { exact: true }).first().waitFor();
      await expectAccessible(page, 'access order page (orderer)');
    },
    120_000,
  );

  test('D0-14: the coordinator executes a termination at once, and sees the settings and the reports', async () => {
    const api = await apiSession();
    const unit = await api.post('/api/v1/org-units', { name: `Kommunledning ${id}`, type: 'operation' });
    const system = await api.post('/api/v1/systems', { name: `Ekonomisystem ${id}`, responsibleUnitId: unit.id });
    const order = await api.post('/api/v1/access-orders', {
      type: 'terminate',
      systemId: system.id,
      personName: `Tore Slutar ${id}`,
      startDate: stockholmDay(new Date()),
    });
    const page = ui.page;
    await signIn(page);
    await page.goto(`${baseUrl()}/access-orders`);
    await page.getByRole('heading', { level: 1, name: 'Behörighetsbeställningar' }).waitFor();
    await page.getByRole('link', { name: String(order.number), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `${String(order.number)}: Avslut av konto` }).waitFor();
    await page.getByText('Hög prioritet').first().waitFor();
    await expectAccessible(page, 'access order page (coordinator)');
    await page.getByRole('button', { name: 'Markera som utförd' }).click();
    await page.getByText('Beställningen är utförd.').first().waitFor();
    await page.getByText('Utförd', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.getByRole('table', { name: 'Historik, nyast först' }).waitFor();
    await expectAccessible(page, 'access order history');

    await page.goto(`${baseUrl()}/access-orders/settings`);
    await page.getByRole('heading', { level: 1, name: 'Inställningar för behörighetsbeställningar' }).waitFor();
    await expect.poll(() => page.locator('#ao-settings-newLeadDays').inputValue()).toBe('14');
    await expectAccessible(page, 'access order settings');
    await page.goto(`${baseUrl()}/access-orders/reports`);
    await page.getByRole('heading', { level: 1, name: 'Rapporter om behörighetsbeställningar' }).waitFor();
    await page.getByRole('table', { name: /Tid från beställt avslut till utfört/ }).waitFor();
    await expectAccessible(page, 'access order reports');
  }, 120_000);
});
