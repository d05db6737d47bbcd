import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('archiving through the confirmation modal', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;
  let system: { id: string; name: string };

  beforeAll(async () => {
    api = await apiSession();
    const unit = await api.post('/api/v1/org-units', { name: `Socialtjänst ${runId()}`, type: 'operation' });
    const created = await api.post('/api/v1/systems', { name: `Journalsystem ${runId()}`, responsibleUnitId: unit.id });
    system = { id: String(created.id), name: String(created.name) };
  });

  const archivedOnServer = async () => (await api.get(`/api/v1/systems/${system.id}`)).archived;

  test('cancel leaves the system as it was; confirm archives it; restore brings it back', async () => {
    await signIn(ui.page);
    await ui.page.goto(`${baseUrl()}/systems/${system.id}`);
    await ui.page.getByRole('heading', { level: 1, name: system.name }).waitFor();
    const archiveButton = ui.page.getByRole('button', { name: 'Arkivera', exact: true });
    const banner = ui.page.getByRole('note').filter({ hasText: 'Systemet är arkiverat.' });

    // Open the modal, then cancel: nothing changes and focus returns to the button that opened it.
    await archiveButton.click();
    const dialog = ui.page.getByRole('dialog', { name: 'Arkivera systemet?' });
    await dialog.waitFor();
    await dialog.getByText('Systemet visas inte längre i listan men finns kvar och kan återställas.').waitFor();
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Avbryt');
    await expectAccessible(ui.page, 'archive confirmation modal');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Arkivera');
    expect(await archivedOnServer()).toBe(false);
    expect(await banner.count()).toBe(0);
    expect(await ui.page.getByRole('link', { name: 'Ändra' }).isVisible()).toBe(true);

    // Open again and confirm: the system is archived, the page says so and offers a restore.
    await archiveButton.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Arkivera' }).click();
    await dialog.waitFor({ state: 'detached' });
    await banner.waitFor();
    await ui.page.getByRole('alert').filter({ hasText: 'Systemet är arkiverat.' }).waitFor();
    await ui.page.getByRole('button', { name: 'Återställ' }).waitFor();
    expect(await archiveButton.count()).toBe(0);
    expect(await ui.page.getByRole('link', { name: 'Ändra' }).count()).toBe(0);
    expect(await archivedOnServer()).toBe(true);
    await expectAccessible(ui.page, 'archived system detail');

    // Restore.
    await ui.page.getByRole('button', { name: 'Återställ' }).click();
    await archiveButton.waitFor();
    await ui.page.getByRole('alert').filter({ hasText: 'Systemet är återställt.' }).waitFor();
    expect(await banner.count()).toBe(0);
    await ui.page.getByRole('link', { name: 'Ändra' }).waitFor();
    expect(await archivedOnServer()).toBe(false);
    await expectAccessible(ui.page, 'restored system detail');
  });
});
