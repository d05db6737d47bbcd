import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('IT-system register in the browser', () => {
  const ui = useBrowser({ acceptDownloads: true });
  let unit: { id: string; name: string };

  beforeAll(async () => {
    const api = await apiSession();
    const created = await api.post('/api/v1/org-units', { name: `Skolverksamhet ${runId()}`, type: 'operation' });
    unit = { id: String(created.id), name: String(created.name) };
  });

  test('D1-13, D1-20: register a system with its responsible operation, find, edit and export it', async () => {
    const name = `Elevregister ${runId()}`;

    await ui.page.goto(`${baseUrl()}/systems`);
    await ui.page.waitForURL(/\/sign-in/);
    await expect.poll(() => ui.page.locator('html').getAttribute('lang')).toBe('sv');
    await expectAccessible(ui.page, 'sign-in');
    await signIn(ui.page);
    await ui.page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    expect(await ui.page.title()).toBe('IT-system – Tillit');
    await expectAccessible(ui.page, 'systems list');

    // Create with an empty name first: the server's Swedish error shows at the field.
    await ui.page.getByRole('link', { name: 'Nytt IT-system' }).first().click();
    await ui.page.getByRole('heading', { level: 1, name: 'Nytt IT-system' }).waitFor();
    await expectAccessible(ui.page, 'new system form');
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    const nameError = ui.page.locator('#system-name-error');
    await nameError.waitFor();
    expect((await nameError.textContent())?.trim().length).toBeGreaterThan(0);
    expect(await ui.page.locator('#system-name').getAttribute('aria-describedby')).toContain('system-name-error');
    expect(await ui.page.locator('#system-name').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.id)).toBe('system-name');
    await expectAccessible(ui.page, 'new system form with errors');

    // Fix it and save.
    await ui.page.getByLabel('Namn', { exact: false }).first().fill(name);
    await ui.page.locator('#system-responsibleUnitId').selectOption(unit.id);
    await ui.page.locator('#system-systemOwner').fill('Anna Andersson');
    await ui.page.locator('#system-systemAdministrators').fill('Bertil Berg');
    await ui.page.locator('#system-systemAdministrators').press('Enter');
    await ui.page.locator('#system-hosting').selectOption('cloud');
    await ui.page.getByRole('button', { name: 'Lägg till kostnadsrad' }).click();
    await ui.page.locator('[id="system-costs.0.amountSek"]').fill('12 500,50');
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    await ui.page.getByRole('heading', { level: 1, name }).waitFor();
    expect(ui.page.url()).toMatch(/\/systems\/[0-9a-f-]{36}$/);
    await ui.page.getByText(unit.name).first().waitFor();
    await ui.page.getByText('Molntjänst').waitFor();
    await ui.page.getByText('12 500,50 kr').first().waitFor();
    await expectAccessible(ui.page, 'system detail');

    // Find it by search on the list; the search is kept in the URL.
    await ui.page.getByRole('navigation').getByRole('link', { name: 'IT-system' }).click();
    await ui.page.locator('#systems-q').fill(name);
    await ui.page.waitForURL(/[?&]q=/);
    const row = ui.page.getByRole('link', { name, exact: true });
    await row.waitFor();
    await expect.poll(() => ui.page.getByRole('row').count()).toBe(2);
    await expectAccessible(ui.page, 'systems list filtered');

    // Open, edit the status, see the change.
    await row.click();
    await ui.page.getByRole('link', { name: 'Ändra' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Ändra IT-system' }).waitFor();
    await expect.poll(() => ui.page.locator('#system-name').inputValue()).toBe(name);
    await expectAccessible(ui.page, 'edit system form');
    await ui.page.locator('#system-lifecycleStatus').selectOption({ label: 'Under avveckling' });
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    await ui.page.getByRole('heading', { level: 1, name }).waitFor();
    await ui.page.getByText('Under avveckling').waitFor();

    // Export CSV with the current filters; the file holds the system.
    await ui.page.getByRole('navigation').getByRole('link', { name: 'IT-system' }).click();
    await ui.page.locator('#systems-q').fill(name);
    await ui.page.getByRole('link', { name, exact: true }).waitFor();
    const [download] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.getByRole('button', { name: 'Exportera CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(name);

    // The other registers.
    await ui.page.getByRole('navigation').getByRole('link', { name: 'Informationstillgångar' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    await ui.page
      .getByRole('link', { name: /Ny informationstillgång|Lägg in den första/ })
      .first()
      .waitFor();
    await expectAccessible(ui.page, 'information assets list');
    await ui.page.getByRole('link', { name: 'Ny informationstillgång' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Ny informationstillgång' }).waitFor();
    await ui.page.getByText(name).waitFor();
    await expectAccessible(ui.page, 'new information asset form');

    await ui.page.getByRole('navigation').getByRole('link', { name: 'Organisation' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await ui.page.getByText(unit.name, { exact: true }).waitFor();
    await ui.page.getByText('Verksamhet', { exact: true }).first().waitFor();
    await expectAccessible(ui.page, 'organisation');

    await ui.page.getByRole('button', { name: 'Logga ut' }).click();
    await ui.page.waitForURL(/\/sign-in/);
    await ui.page.goto(`${baseUrl()}/systems`);
    await ui.page.waitForURL(/\/sign-in/);
  });
});
