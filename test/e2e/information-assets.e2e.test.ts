import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, launchBrowser, runId, signIn } from './helpers.js';

describe('information-asset register in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let unit: { id: string; name: string };
  let system: { id: string; name: string };

  beforeAll(async () => {
    const api = await apiSession();
    const createdUnit = await api.post('/api/v1/org-units', { name: `Bygglovsenheten ${runId()}`, type: 'operation' });
    unit = { id: String(createdUnit.id), name: String(createdUnit.name) };
    const createdSystem = await api.post('/api/v1/systems', { name: `Ärendesystem ${runId()}`, responsibleUnitId: unit.id });
    system = { id: String(createdSystem.id), name: String(createdSystem.name) };
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true, locale: 'sv-SE' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  test('D2-22: register an information asset linked to a system', async () => {
    const name = `Bygglovsärenden ${runId()}`;

    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Informationstillgångar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    expect(await page.title()).toBe('Informationstillgångar – Tillit');
    await page.getByRole('button', { name: 'Exportera CSV' }).waitFor();

    // Register it with owner, unit, personal data and the linked system.
    await page.getByRole('link', { name: 'Ny informationstillgång' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Ny informationstillgång' }).waitFor();
    await page.getByLabel(system.name, { exact: true }).waitFor();
    await expectAccessible(page, 'new information asset form');
    await page.locator('#asset-name').fill(name);
    await page.locator('#asset-description').fill('Ansökningar om bygglov med handlingar och beslut.');
    await page.locator('#asset-owner').fill('Cecilia Ceder');
    await page.locator('#asset-unitId').selectOption(unit.id);
    await page.locator('#asset-personalData').selectOption({ label: 'Personnummer' });
    await page.getByLabel(system.name, { exact: true }).check();
    await page.getByRole('button', { name: 'Spara' }).click();

    // Its page shows what was entered and links to the system.
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(page.url()).toMatch(/\/information-assets\/[0-9a-f-]{36}$/);
    expect(await page.title()).toBe(`${name} – Tillit`);
    await page.getByText('Cecilia Ceder').waitFor();
    await page.getByText(unit.name, { exact: true }).waitFor();
    await page.getByText('Personnummer', { exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kopplade IT-system' }).waitFor();
    await expectAccessible(page, 'information asset detail');

    // Follow the link: the system's page lists the asset.
    await page.getByRole('link', { name: system.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: system.name }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/systems/${system.id}$`));
    await page.getByRole('heading', { level: 2, name: 'Informationstillgångar' }).waitFor();
    await page.getByRole('link', { name, exact: true }).waitFor();
    await expectAccessible(page, 'system detail with its information asset');

    // Find it by search on the list; the search is kept in the URL.
    await page.getByRole('navigation').getByRole('link', { name: 'Informationstillgångar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    await page.locator('#assets-q').fill(name);
    await page.waitForURL(/[?&]q=/);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await row.waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await row.getByText(system.name).waitFor();
    await row.getByText('Personnummer').waitFor();
    await expectAccessible(page, 'information assets list filtered');

    // Export CSV with the current search: the file holds the asset with its system.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('informationstillgangar.csv');
    const csv = await readFile(await csvDownload.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(name);
    expect(lines[1]).toContain('Personnummer');
    expect(lines[1]).toContain(system.name);

    // And Excel.
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exportera Excel' }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toBe('informationstillgangar.xlsx');
    const xlsx = await readFile(await xlsxDownload.path());
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
