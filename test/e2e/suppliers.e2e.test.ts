import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

/** A random organisation number with its Luhn check digit, so reruns against one server do not collide. */
function organisationNumber(): { compact: string; written: string; wrongCheckDigit: string } {
  const nine = `556${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const luhn = (d: string) =>
    [...d].reduce((sum, c, i) => {
      const n = Number(c) * ((d.length - i) % 2 === 0 ? 2 : 1);
      return sum + (n > 9 ? n - 9 : n);
    }, 0) %
      10 ===
    0;
  const check = [...'0123456789'].find((c) => luhn(nine + c))!;
  const compact = nine + check;
  const written = `${compact.slice(0, 6)}-${compact.slice(6)}`;
  return { compact, written, wrongCheckDigit: `${written.slice(0, -1)}${(Number(check) + 1) % 10}` };
}

describe('supplier register in the browser', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('register a supplier with a checked organisation number, find it, edit it and archive it with the keyboard', async () => {
    const id = runId();
    const name = `Omsorgsbolaget ${id} AB`;
    const renamed = `Omsorgsbolaget Nord ${id} AB`;
    const page = ui.page;
    const orgNo = organisationNumber();

    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Leverantörer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leverantörer' }).waitFor();
    expect(await page.title()).toBe('Leverantörer – Tillit');
    await expectAccessible(page, 'supplier list');

    // A wrong check digit first: the server's Swedish error shows at the field, which gets focus.
    await page.getByRole('link', { name: 'Ny leverantör' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Ny leverantör' }).waitFor();
    await expectAccessible(page, 'new supplier form');
    await page.locator('#supplier-name').fill(name);
    await page.locator('#supplier-organisationNumber').fill(orgNo.wrongCheckDigit);
    await page.locator('#supplier-type').selectOption('care_provider');
    await page.getByRole('button', { name: 'Spara' }).click();
    const numberError = page.locator('#supplier-organisationNumber-error');
    await numberError.waitFor();
    expect((await numberError.textContent())?.trim()).toBe(
      'Organisationsnumret stämmer inte: den sista siffran (kontrollsiffran) är fel. Kontrollera numret.',
    );
    expect(await page.locator('#supplier-organisationNumber').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#supplier-organisationNumber').getAttribute('aria-describedby')).toContain(
      'supplier-organisationNumber-error',
    );
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('supplier-organisationNumber');
    await page.getByRole('alert').filter({ hasText: 'Rätta de markerade fälten och spara igen.' }).waitFor();
    await expectAccessible(page, 'new supplier form with errors');

    // Fixed, written without the hyphen, and saved with Enter from the field.
    await page.locator('#supplier-organisationNumber').fill(orgNo.compact);
    await page.locator('#supplier-organisationNumber').press('Enter');
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(page.url()).toMatch(/\/suppliers\/[0-9a-f-]{36}$/);
    const supplierId = /\/suppliers\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    await page.getByText(orgNo.written, { exact: true }).waitFor();
    await page.getByText('Utförare (vård och omsorg)', { exact: true }).waitFor();
    await expectAccessible(page, 'supplier detail');

    // Found on the list by part of its organisation number.
    await page.getByRole('navigation').getByRole('link', { name: 'Leverantörer' }).click();
    await page.locator('#suppliers-q').fill(orgNo.compact.slice(0, 8));
    await page.waitForURL(/[?&]q=\d{8}/);
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await row.getByText(orgNo.written).waitFor();
    await expectAccessible(page, 'supplier list with a search');

    // Rename it.
    await row.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('link', { name: 'Ändra' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ändra leverantör' }).waitFor();
    await expect.poll(() => page.locator('#supplier-organisationNumber').inputValue()).toBe(orgNo.written);
    await expectAccessible(page, 'edit supplier form');
    await page.locator('#supplier-name').fill(renamed);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: renamed }).waitFor();

    // Archive with the keyboard only: Escape cancels, Enter on the confirm button archives.
    const archiveButton = page.getByRole('button', { name: 'Arkivera', exact: true });
    await archiveButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Arkivera leverantören?' });
    await dialog.waitFor();
    // The safe choice has focus once the modal has opened.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Avbryt');
    // Contrast is measured once the modal has faded in, not half-way.
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAccessible(page, 'supplier archive confirmation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await api.get(`/api/v1/suppliers/${supplierId}`)).archived).toBe(false);
    await archiveButton.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Arkivera' }).focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('note').filter({ hasText: 'Leverantören är arkiverad.' }).waitFor();
    expect((await api.get(`/api/v1/suppliers/${supplierId}`)).archived).toBe(true);

    // Gone from the list unless archived ones are shown.
    await page.getByRole('navigation').getByRole('link', { name: 'Leverantörer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Leverantörer' }).waitFor();
    await page.locator('#suppliers-q').fill(id);
    await page.getByText('Inga leverantörer matchar sökningen.').waitFor();
    await page.getByLabel('Visa arkiverade').check();
    await page.getByRole('row').filter({ hasText: renamed }).waitFor();
    await expectAccessible(page, 'supplier list with archived');
  });
});
