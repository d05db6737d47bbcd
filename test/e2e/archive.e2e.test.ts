import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, launchBrowser, runId, signIn } from './helpers.js';

describe('archiving through the confirmation modal', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiSession>>;
  let system: { id: string; name: string };

  beforeAll(async () => {
    api = await apiSession();
    const unit = await api.post('/api/v1/org-units', { name: `Socialtjänst ${runId()}`, type: 'operation' });
    const created = await api.post('/api/v1/systems', { name: `Journalsystem ${runId()}`, responsibleUnitId: unit.id });
    system = { id: String(created.id), name: String(created.name) };
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const archivedOnServer = async () => (await api.get(`/api/v1/systems/${system.id}`)).archived;

  test('cancel leaves the system as it was; confirm archives it; restore brings it back', async () => {
    await signIn(page);
    await page.goto(`${baseUrl()}/systems/${system.id}`);
    await page.getByRole('heading', { level: 1, name: system.name }).waitFor();
    const archiveButton = page.getByRole('button', { name: 'Arkivera', exact: true });
    const banner = page.getByRole('note').filter({ hasText: 'Systemet är arkiverat.' });

    // Open the modal, then cancel: nothing changes and focus returns to the button that opened it.
    await archiveButton.click();
    const dialog = page.getByRole('dialog', { name: 'Arkivera systemet?' });
    await dialog.waitFor();
    await dialog.getByText('Systemet visas inte längre i listan men finns kvar och kan återställas.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Avbryt');
    await expectAccessible(page, 'archive confirmation modal');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Arkivera');
    expect(await archivedOnServer()).toBe(false);
    expect(await banner.count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Ändra' }).isVisible()).toBe(true);

    // Open again and confirm: the system is archived, the page says so and offers a restore.
    await archiveButton.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Arkivera' }).click();
    await dialog.waitFor({ state: 'detached' });
    await banner.waitFor();
    await page.getByRole('alert').filter({ hasText: 'Systemet är arkiverat.' }).waitFor();
    await page.getByRole('button', { name: 'Återställ' }).waitFor();
    expect(await archiveButton.count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Ändra' }).count()).toBe(0);
    expect(await archivedOnServer()).toBe(true);
    await expectAccessible(page, 'archived system detail');

    // Restore.
    await page.getByRole('button', { name: 'Återställ' }).click();
    await archiveButton.waitFor();
    await page.getByRole('alert').filter({ hasText: 'Systemet är återställt.' }).waitFor();
    expect(await banner.count()).toBe(0);
    await page.getByRole('link', { name: 'Ändra' }).waitFor();
    expect(await archivedOnServer()).toBe(false);
    await expectAccessible(page, 'restored system detail');
  });
});
