import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('information-asset register in the browser', () => {
  const ui = useBrowser({ acceptDownloads: true });
  let unit: { id: string; name: string };
  let system: { id: string; name: string };

  beforeAll(async () => {
    const api = await apiSession();
    const createdUnit = await api.post('/api/v1/org-units', { name: `Bygglovsenheten ${runId()}`, type: 'operation' });
    unit = { id: String(createdUnit.id), name: String(createdUnit.name) };
    const createdSystem = await api.post('/api/v1/systems', { name: `Ärendesystem ${runId()}`, responsibleUnitId: unit.id });
    system = { id: String(createdSystem.id), name: String(createdSystem.name) };
  });

  test('D2-22: register an information asset linked to a system', async () => {
    const name = `Bygglovsärenden ${runId()}`;

    await signIn(ui.page);
    await ui.page.getByRole('navigation').getByRole('link', { name: 'Informationstillgångar' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    expect(await ui.page.title()).toBe('Informationstillgångar – Tillit');
    await ui.page.getByRole('button', { name: 'Exportera CSV' }).waitFor();

    // Register it with owner, unit, personal data and the linked system.
    await ui.page.getByRole('link', { name: 'Ny informationstillgång' }).first().click();
    await ui.page.getByRole('heading', { level: 1, name: 'Ny informationstillgång' }).waitFor();
    await ui.page.getByLabel(system.name, { exact: true }).waitFor();
    await expectAccessible(ui.page, 'new information asset form');
    await ui.page.locator('#asset-name').fill(name);
    await ui.page.locator('#asset-description').fill('Ansökningar om bygglov med handlingar och beslut.');
    await ui.page.locator('#asset-owner').fill('Cecilia Ceder');
    await ui.page.locator('#asset-unitId').selectOption(unit.id);
    await ui.page.locator('#asset-personalData').selectOption({ label: 'Personnummer' });
    await ui.page.getByLabel(system.name, { exact: true }).check();
    await ui.page.getByRole('button', { name: 'Spara' }).click();

    // Its page shows what was entered and links to the system.
    await ui.page.getByRole('heading', { level: 1, name }).waitFor();
    expect(ui.page.url()).toMatch(/\/information-assets\/[0-9a-f-]{36}$/);
    expect(await ui.page.title()).toBe(`${name} – Tillit`);
    await ui.page.getByText('Cecilia Ceder').waitFor();
    await ui.page.getByText(unit.name, { exact: true }).waitFor();
    await ui.page.getByText('Personnummer', { exact: true }).waitFor();
    await ui.page.getByRole('heading', { level: 2, name: 'Kopplade IT-system' }).waitFor();
    await expectAccessible(ui.page, 'information asset detail');

    // Follow the link: the system's page lists the asset.
    await ui.page.getByRole('link', { name: system.name, exact: true }).click();
    await ui.page.getByRole('heading', { level: 1, name: system.name }).waitFor();
    expect(ui.page.url()).toMatch(new RegExp(`/systems/${system.id}$`));
    await ui.page.getByRole('heading', { level: 2, name: 'Informationstillgångar' }).waitFor();
    // (the gap-analysis section lists it too, with a link to classify it: the system is not classified yet)
    await ui.page
      .getByRole('list', { name: /^Information som systemet/ })
      .getByRole('link', { name, exact: true })
      .waitFor();
    await expectAccessible(ui.page, 'system detail with its information asset');

    // Find it by search on the list; the search is kept in the URL.
    await ui.page.getByRole('navigation').getByRole('link', { name: 'Informationstillgångar' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    await ui.page.locator('#assets-q').fill(name);
    await ui.page.waitForURL(/[?&]q=/);
    const row = ui.page.getByRole('row').filter({ has: ui.page.getByRole('link', { name, exact: true }) });
    await row.waitFor();
    await expect.poll(() => ui.page.getByRole('row').count()).toBe(2);
    await row.getByText(system.name).waitFor();
    await row.getByText('Personnummer').waitFor();
    await expectAccessible(ui.page, 'information assets list filtered');

    // Export CSV with the current search: the file holds the asset with its system.
    const [csvDownload] = await Promise.all([
      ui.page.waitForEvent('download'),
      ui.page.getByRole('button', { name: 'Exportera CSV' }).click(),
    ]);
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
      ui.page.waitForEvent('download'),
      ui.page.getByRole('button', { name: 'Exportera Excel' }).click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toBe('informationstillgangar.xlsx');
    const xlsx = await readFile(await xlsxDownload.path());
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
