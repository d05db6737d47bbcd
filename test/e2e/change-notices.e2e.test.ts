import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { acceptInvitation, apiSession, baseUrl, expectAccessible, organisationNumber, runId, signIn, useBrowser } from './helpers.js';

const SUPPLIER_PASSWORD = 'Hemtjänst med kaffe och kaka 2026';

describe('change notices and the supplier portal in the browser (D0-06, D3-33, D0-11)', () => {
  const ui = useBrowser();
  let smtp: TestSmtp | undefined;
  const id = runId();
  const email = `leverantor-${id}@e2e.example`;

  beforeAll(async () => {
    if (inject('smtpPort')) smtp = await startSmtp(inject('smtpPort'));
  });
  afterAll(async () => {
    await smtp?.close();
  });

  test.skipIf(!inject('smtpPort'))(
    'D0-06: the coordinator sends a change notice; the supplier admin sees it on the portal home and acknowledges it',
    async () => {
      // A supplier with an admin who chooses a password through the invitation mail.
      const api = await apiSession();
      const supplierName = `Omsorg ${id} AB`;
      const supplier = await api.post('/api/v1/suppliers', {
        name: supplierName,
        organisationNumber: organisationNumber(),
        type: 'care_provider',
      });
      const user = await api.post('/api/v1/users', {
        email,
        displayName: `Lena Leverantör ${id}`,
        assignments: [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: supplier.id }],
      });
      await acceptInvitation(api, smtp!, { id: user.id, email }, SUPPLIER_PASSWORD);

      // The coordinator writes the notice (a new instruction, D3-33) and sends it to the supplier.
      let page = ui.page;
      await signIn(page);
      await page.goto(`${baseUrl()}/change-notices/new`);
      await page.getByRole('heading', { level: 1, name: 'Nytt förändringsmeddelande' }).waitFor();
      await page.locator('#notice-kind').selectOption('instruction');
      const title = `Ny lösenordsanvisning ${id}`;
      await page.locator('#notice-title').fill(title);
      await page.locator('#notice-body').fill('Lösenord ska vara minst 14 tecken från och med nästa månad.');
      await page.getByRole('checkbox', { name: supplierName }).check();
      await expectAccessible(page, 'change notice form');
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      // sending without the adaptation date is refused with the reason
      await page.getByRole('button', { name: 'Skicka till leverantörerna' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Skicka till leverantörerna' }).click();
      await dialog.getByText('Ange när leverantörerna senast ska ha anpassat sig till anvisningen.').waitFor();
      await expectAccessible(page, 'publish refused');
      await dialog.getByRole('button', { name: 'Avbryt' }).click();
      await page.getByRole('link', { name: 'Ändra' }).click();
      const adaptBy = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + 30 * 86_400_000));
      await page.locator('#notice-effectiveOn').fill(adaptBy);
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('button', { name: 'Skicka till leverantörerna' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Skicka till leverantörerna' }).click();
      const table = page.getByRole('table', { name: 'Leverantörer som fått meddelandet' });
      await table.getByRole('rowheader', { name: supplierName }).waitFor();
      await expect.poll(() => table.getByRole('row', { name: new RegExp(supplierName) }).textContent()).toContain('Inte bekräftat');
      await expectAccessible(page, 'change notice sent');

      // The supplier admin starts at the portal: the notice waits there.
      page = await ui.reopen();
      await page.goto(`${baseUrl()}/sign-in`);
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(SUPPLIER_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Portalens startsida' }).click();
      // the menu holds the portal's pages only: the municipality's supplier work is not theirs
      const portalMenu = nav.getByRole('group', { name: 'Leverantörsportalen' });
      await portalMenu.getByRole('link', { name: 'Förändringsmeddelanden' }).waitFor();
      await portalMenu.getByRole('link', { name: 'Vår organisation' }).waitFor();
      expect(await nav.getByRole('group', { name: 'Leverantörer och behörigheter' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Avtal' }).count()).toBe(0);
      await page.getByRole('heading', { level: 1, name: 'Leverantörsportalen' }).waitFor();
      await page.getByRole('heading', { level: 2, name: supplierName }).waitFor();
      await page.getByRole('heading', { name: 'Förändringsmeddelanden att bekräfta (1)' }).waitFor();
      // D0-11: the orderers list has never been confirmed
      await page.getByText('Listan har aldrig bekräftats.').waitFor();
      // D0-32, D3-31: where the staff turn for help (no super users registered yet: said so)
      await page.getByRole('heading', { level: 3, name: 'Vart vänder vi oss?' }).waitFor();
      await page.getByText('Inga aktiva superanvändare är registrerade. Utförare ska ha minst två.').waitFor();
      await expectAccessible(page, 'portal home');
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Er bekräftelse' }).waitFor();
      // the notice's history is the municipality's (the server answers 404 to supplier users)
      expect(await page.getByRole('heading', { level: 2, name: 'Historik' }).count()).toBe(0);
      await expectAccessible(page, 'change notice for the supplier');
      await page.locator('#ack-comment').fill('Vi har informerat all personal.');
      await page.getByRole('button', { name: 'Bekräfta att vi tagit del' }).click();
      await page.getByText(/Bekräftat .* av Lena Leverantör/).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ack-heading');
      await expectAccessible(page, 'change notice acknowledged');
      await page.getByRole('link', { name: 'Leverantörsportalen' }).last().click();
      await page.getByText('Inga förändringsmeddelanden väntar på bekräftelse.').waitFor();

      // The coordinator sees the acknowledgement with the comment.
      page = await ui.reopen();
      await signIn(page);
      await page.goto(`${baseUrl()}/change-notices`);
      await page.getByRole('link', { name: title }).click();
      const row = page
        .getByRole('table', { name: 'Leverantörer som fått meddelandet' })
        .getByRole('row', { name: new RegExp(supplierName) });
      await expect.poll(() => row.textContent()).toContain('Vi har informerat all personal.');
      await page.getByRole('button', { name: 'Visa historik' }).click();
      await page.getByRole('table', { name: 'Historik, nyast först' }).waitFor();
      await expectAccessible(page, 'change notice history');
    },
  );
});
