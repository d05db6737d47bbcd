import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, requestAsAdmin, runId, signIn, useBrowser } from './helpers.js';

// Today in Swedish time, as the server counts the period.
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

describe('credentials and the charge-back report in the browser (D0-17, D0-18, D3-25)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('a coordinator hands over an e-ID card with the identity check and sees it in the charge-back report', async () => {
    const id = runId();
    const supplierName = `Hemtjänst ${id} AB`;
    const supplier = await api.post('/api/v1/suppliers', { name: supplierName, organisationNumber: null, type: 'care_provider' });
    // a SITHS card already handed over today, and an e-ID card waiting for its hand-over
    const siths = await api.post('/api/v1/credentials', { kind: 'siths_card', holderName: `Sara SITHS ${id}`, supplierId: supplier.id });
    await requestAsAdmin(
      'POST',
      `/api/v1/credentials/${String(siths.id)}/hand-over`,
      { identityMethod: 'passport' },
      { 'if-match': '"v1"' },
    );
    const holder = `Erik Kortsson ${id}`;
    const card = await api.post('/api/v1/credentials', {
      kind: 'e_id_card',
      holderName: holder,
      supplierId: supplier.id,
      serial: `EK-${id}`,
    });

    const page = ui.page;
    await signIn(page);
    // D0-18: the hand-over dialog asks how the identity was verified
    await page.goto(`${baseUrl()}/credentials/${String(card.id)}`);
    await page.getByRole('heading', { level: 1, name: holder }).waitFor();
    await page.getByText('Beställt').first().waitFor();
    await expectAccessible(page, 'credential detail');
    await page.getByRole('button', { name: 'Lämna ut' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lämna ut behörighetsbevis' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Lämna ut' }).click();
    await page.locator('#handover-identityMethod-error').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('handover-identityMethod');
    await expectAccessible(page, 'hand-over dialog with an error');
    await page.locator('#handover-identityMethod').selectOption('id_card');
    await page.locator('#handover-identityNote').fill('Nationellt id-kort visades');
    await dialog.getByRole('button', { name: 'Lämna ut' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Aktivt').first().waitFor();
    await page.getByText('ID-kort', { exact: true }).waitFor();
    // the hand-over is in the card's history
    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.getByRole('table', { name: 'Historik, nyast först' }).waitFor();
    await expectAccessible(page, 'credential history');

    // D0-17, D3-25: the charge-back report from the menu counts the cards per supplier for the period
    await page.getByRole('navigation').getByRole('link', { name: 'Debiteringsunderlag' }).click();
    await page.getByRole('heading', { level: 1, name: 'Debiteringsunderlag' }).waitFor();
    expect(await page.locator('#charge-to').inputValue()).toBe(today());
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: supplierName }) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    // e-ID cards, SITHS cards, tokens, keys, phones, SIM, MDM
    expect(cells).toEqual(['1', '1', '0', '0', '0', '0', '0']);
    await expectAccessible(page, 'charge-back report');

    // the same report as an Excel file
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ladda ner Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^debitering-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);

    // a period that ends before it starts is refused at the field, with focus there
    await page.locator('#charge-from').fill('2001-02-01');
    await page.locator('#charge-to').fill('2001-01-31');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.getByText('Slutdatumet kan inte vara före startdatumet.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('charge-to');

    // a period without anything issued says so
    await page.locator('#charge-from').fill('2001-01-01');
    await page.locator('#charge-to').fill('2001-01-31');
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.getByText('Inget att debitera under perioden.').waitFor();
    await expectAccessible(page, 'charge-back report, empty period');

    // the credentials register lists the card as active
    await page.getByRole('navigation').getByRole('link', { name: 'Behörighetsbevis och kort' }).click();
    await page.getByRole('heading', { level: 1, name: 'Behörighetsbevis och e-tjänstekort' }).waitFor();
    await page.getByRole('rowheader', { name: holder }).waitFor();
    await expectAccessible(page, 'credentials list');

    // D0-15: a recertification shows its progress; keeping an account counts it as reviewed
    const unit = await api.post('/api/v1/org-units', { name: `Omprövningsenheten ${id}`, type: 'department' });
    const system = await api.post('/api/v1/systems', { name: `Verksamhetssystem ${id}`, responsibleUnitId: unit.id });
    const campaign = await api.post('/api/v1/recertification-campaigns', {
      systemId: system.id,
      title: `Omprövning ${id}`,
      dueOn: '2030-01-31',
      populate: false,
    });
    await api.post(`/api/v1/recertification-campaigns/${String(campaign.id)}/items`, {
      personName: holder,
      accountName: `ek-${id}`,
      supplierId: supplier.id,
    });
    await page.goto(`${baseUrl()}/recertifications/${String(campaign.id)}`);
    await page.getByRole('heading', { level: 1, name: `Omprövning ${id}` }).waitFor();
    await page.getByText('0 av 1 granskade').waitFor();
    await expectAccessible(page, 'recertification campaign');
    await page.getByRole('button', { name: `Behåll kontot för ${holder}` }).click();
    await page.getByText('1 av 1 granskade').waitFor();
    await page.getByText('Behålls', { exact: true }).waitFor();
  });
});
