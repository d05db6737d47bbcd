import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, launchBrowser, runId, signIn } from './helpers.js';

describe('IT-system register in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let unit: { id: string; name: string };

  beforeAll(async () => {
    const api = await apiSession();
    const created = await api.post('/api/v1/org-units', { name: `Skolverksamhet ${runId()}`, type: 'operation' });
    unit = { id: String(created.id), name: String(created.name) };
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true, locale: 'sv-SE' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('D1-13, D1-20: register a system with its responsible operation, find, edit and export it', async () => {
    const name = `Elevregister ${runId()}`;

    await page.goto(`${baseUrl()}/systems`);
    await page.waitForURL(/\/sign-in/);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('sv');
    await expectAccessible(page, 'sign-in');
    await signIn(page);
    await page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    expect(await page.title()).toBe('IT-system – Tillit');
    await expectAccessible(page, 'systems list');

    // Create with an empty name first: the server's Swedish error shows at the field.
    await page.getByRole('link', { name: 'Nytt IT-system' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Nytt IT-system' }).waitFor();
    await expectAccessible(page, 'new system form');
    await page.getByRole('button', { name: 'Spara' }).click();
    const nameError = page.locator('#system-name-error');
    await nameError.waitFor();
    expect((await nameError.textContent())?.trim().length).toBeGreaterThan(0);
    expect(await page.locator('#system-name').getAttribute('aria-describedby')).toContain('system-name-error');
    expect(await page.locator('#system-name').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('system-name');
    await expectAccessible(page, 'new system form with errors');

    // Fix it and save.
    await page.getByLabel('Namn', { exact: false }).first().fill(name);
    await page.locator('#system-responsibleUnitId').selectOption(unit.id);
    await page.locator('#system-systemOwner').fill('Anna Andersson');
    await page.locator('#system-systemAdministrators').fill('Bertil Berg');
    await page.locator('#system-systemAdministrators').press('Enter');
    await page.locator('#system-hosting').selectOption('cloud');
    await page.getByRole('button', { name: 'Lägg till kostnadsrad' }).click();
    await page.locator('[id="system-costs.0.amountSek"]').fill('12 500,50');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(page.url()).toMatch(/\/systems\/[0-9a-f-]{36}$/);
    await page.getByText(unit.name).first().waitFor();
    await page.getByText('Molntjänst').waitFor();
    await page.getByText('12 500,50 kr').first().waitFor();
    await expectAccessible(page, 'system detail');

    // Find it by search on the list; the search is kept in the URL.
    await page.getByRole('navigation').getByRole('link', { name: 'IT-system' }).click();
    await page.locator('#systems-q').fill(name);
    await page.waitForURL(/[?&]q=/);
    const row = page.getByRole('link', { name, exact: true });
    await row.waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await expectAccessible(page, 'systems list filtered');

    // Open, edit the status, see the change.
    await row.click();
    await page.getByRole('link', { name: 'Ändra' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ändra IT-system' }).waitFor();
    await expect.poll(() => page.locator('#system-name').inputValue()).toBe(name);
    await expectAccessible(page, 'edit system form');
    await page.locator('#system-lifecycleStatus').selectOption({ label: 'Under avveckling' });
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText('Under avveckling').waitFor();

    // Export CSV with the current filters; the file holds the system.
    await page.getByRole('navigation').getByRole('link', { name: 'IT-system' }).click();
    await page.locator('#systems-q').fill(name);
    await page.getByRole('link', { name, exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera CSV' }).click()]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(name);

    // The other registers.
    await page.getByRole('navigation').getByRole('link', { name: 'Informationstillgångar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    await page
      .getByRole('link', { name: /Ny informationstillgång|Lägg in den första/ })
      .first()
      .waitFor();
    await expectAccessible(page, 'information assets list');
    await page.getByRole('link', { name: 'Ny informationstillgång' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny informationstillgång' }).waitFor();
    await page.getByText(name).waitFor();
    await expectAccessible(page, 'new information asset form');

    await page.getByRole('navigation').getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await page.getByText(unit.name, { exact: true }).waitFor();
    await page.getByText('Verksamhet', { exact: true }).first().waitFor();
    await expectAccessible(page, 'organisation');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${baseUrl()}/systems`);
    await page.waitForURL(/\/sign-in/);
  });
});
