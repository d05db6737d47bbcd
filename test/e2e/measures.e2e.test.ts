import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('measures and the action plan in the browser (D1-09, D1-11)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('D1-11: create a measure with a basis, move it on the board, plan it, record the decision with Dnr, export', async () => {
    const id = runId();
    const page = ui.page;
    const title = `Inför MFA ${id}`;
    // one plan per year and tenant: a year of its own for this run
    const year = 2040 + Math.floor(Math.random() * 55);
    const unit = await api.post('/api/v1/org-units', { name: `Åtgärdsförvaltningen ${id}`, type: 'department' });
    await signIn(page);

    // The form refuses a measure without basis, then saves it with one.
    await page.goto(`${baseUrl()}/measures/new`);
    await page.getByRole('heading', { level: 1, name: 'Ny åtgärd' }).waitFor();
    await page.locator('#measure-title').fill(title);
    await page.locator('#measure-unitId').selectOption(unit.id as string);
    await page.locator('#measure-dueOn').fill(`${year}-06-30`);
    await page.locator('#measure-plannedCostSek').fill('1234,56');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.locator('#measure-basis-error').waitFor();
    await expectAccessible(page, 'measure form with a basis error');
    await page.locator('#measure-basis').fill('Behovsanalys 2026: inloggning utan andra faktor');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('1 234,56 kr').waitFor();
    await expectAccessible(page, 'measure page');

    // The board: change the status with the card's select (keyboard operable, no dragging).
    await page.goto(`${baseUrl()}/measures`);
    const status = page.getByLabel(`Status för ${title}`);
    await status.waitFor();
    await expectAccessible(page, 'measures board');
    await status.focus();
    await status.selectOption('planned');
    await page.getByText('Statusen är ändrad.').waitFor();
    const planned = page.getByRole('region', { name: /^Planerad/ });
    await planned.getByRole('link', { name: title }).waitFor();

    // A plan for the year: an activity, the measure picked from the unplanned list.
    await page.goto(`${baseUrl()}/action-plans`);
    await page.locator('#plan-year').fill(String(year));
    await page.locator('#plan-title').fill(`Handlingsplan ${year}`);
    await page.getByRole('button', { name: 'Skapa planen' }).click();
    await page.getByRole('heading', { level: 1, name: `Handlingsplan ${year}` }).waitFor();
    await page.locator('#activity-title').fill('Stärk inloggningen');
    await page.locator('#activity-startOn').fill(`${year}-01-01`);
    await page.locator('#activity-endOn').fill(`${year}-12-31`);
    await page.getByRole('button', { name: 'Lägg till aktivitet' }).click();
    await page.getByRole('heading', { level: 3, name: 'Stärk inloggningen' }).waitFor();
    await page.getByRole('button', { name: `Lägg till: ${title}` }).click();
    const activity = page.getByRole('region', { name: 'Stärk inloggningen' });
    await activity.getByRole('link', { name: title }).waitFor();
    await activity.getByText('0 av 1 åtgärder klara').waitFor();
    await expectAccessible(page, 'action plan draft');

    // The decision needs a Dnr; once recorded the plan is locked and says so.
    await page.locator('#decision-decidedOn').fill(`${year}-01-20`);
    await page.locator('#decision-decidedBy').fill('Kommunstyrelsen');
    await page.getByRole('button', { name: 'Registrera beslutet' }).click();
    await page.locator('#decision-caseNumber-error').waitFor();
    await page.locator('#decision-caseNumber').fill(`KS ${year}/17`);
    await page.getByRole('button', { name: 'Registrera beslutet' }).click();
    await page.getByText(`Dnr KS ${year}/17`).waitFor();
    expect(await page.getByRole('button', { name: 'Lägg till aktivitet' }).count()).toBe(0);
    await expectAccessible(page, 'action plan decided');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`handlingsplan-${year}.xlsx`);
  });
});
