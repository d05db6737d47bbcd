import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('Follow-up of the IT-system register in the browser', () => {
  const ui = useBrowser();
  let unit: { id: string; name: string };
  let reviewed: string;
  let never: string;

  beforeAll(async () => {
    const api = await apiSession();
    const id = runId();
    // The test's own operation keeps other tests' systems out of the filtered list.
    const created = await api.post('/api/v1/org-units', { name: `Granskningsverksamhet ${id}`, type: 'operation' });
    unit = { id: String(created.id), name: String(created.name) };
    reviewed = `Lönesystem ${id}`;
    never = `Bokningssystem ${id}`;
    await api.post('/api/v1/systems', { name: reviewed, responsibleUnitId: unit.id, lastReviewedOn: '2024-01-10' });
    await api.post('/api/v1/systems', { name: never, responsibleUnitId: unit.id, lastReviewedOn: null });
  });

  test("D1-13: confirm a system's details and find the ones not reviewed", async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const rows = ui.page.getByRole('table').getByRole('row');
    const rowOf = (name: string) => rows.filter({ has: ui.page.getByRole('link', { name, exact: true }) });

    await signIn(ui.page);
    await ui.page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    await ui.page.locator('#systems-unit').selectOption(unit.id);
    await ui.page.waitForURL(/[?&]unitId=/);

    // The quick choice fills in the date twelve months back.
    await ui.page.getByRole('button', { name: 'Mer än 12 månader sedan' }).click();
    const [y, m, d] = today.split('-');
    const yearAgo = `${Number(y) - 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
    await expect.poll(() => ui.page.getByLabel('Ej granskade sedan').inputValue()).toBe(yearAgo);
    await ui.page.waitForURL(new RegExp(`[?&]reviewedBefore=${yearAgo}`));

    // Not reviewed since 1 January 2025: both, the one reviewed in 2024 and the one never reviewed.
    await ui.page.getByLabel('Ej granskade sedan').fill('2025-01-01');
    await ui.page.waitForURL(/[?&]reviewedBefore=2025-01-01/);
    await rowOf(reviewed).waitFor();
    await rowOf(never).waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rowOf(reviewed).locator('time').getAttribute('datetime')).toBe('2024-01-10');
    await rowOf(never).getByRole('cell', { name: 'Aldrig', exact: true }).waitFor();
    await expectAccessible(ui.page, 'systems not reviewed since');
    const filteredUrl = ui.page.url();

    // Open the one reviewed in 2024 and confirm that its details are correct.
    await ui.page.getByRole('link', { name: reviewed, exact: true }).click();
    await ui.page.getByRole('heading', { level: 1, name: reviewed }).waitFor();
    const lastReviewed = ui.page.locator('.mantine-DataList-item').filter({ hasText: 'Senast granskat' });
    await expect.poll(() => lastReviewed.locator('time').getAttribute('datetime')).toBe('2024-01-10');
    await expectAccessible(ui.page, 'system detail before review');
    await ui.page.getByRole('button', { name: 'Bekräfta att uppgifterna stämmer' }).click();
    await ui.page.getByText('Granskningen är registrerad.').waitFor();
    await expect.poll(() => lastReviewed.locator('time').getAttribute('datetime')).toBe(today);
    const shown = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(
      new Date(`${today}T12:00:00`),
    );
    expect(await lastReviewed.locator('time').textContent()).toBe(shown);
    await expectAccessible(ui.page, 'system detail after review');

    // Back on the filtered list only the one never reviewed is left.
    await ui.page.goBack();
    await ui.page.waitForURL(filteredUrl);
    await expect.poll(() => ui.page.getByLabel('Ej granskade sedan').inputValue()).toBe('2025-01-01');
    await rowOf(never).waitFor();
    await expect.poll(() => rows.count()).toBe(2);
    expect(await ui.page.getByRole('link', { name: reviewed, exact: true }).count()).toBe(0);
    await expectAccessible(ui.page, 'systems not reviewed since, after review');
  });
});
