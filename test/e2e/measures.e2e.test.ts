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

    // The board: move the card with its "Flytta till…" menu (an explicit choice, no dragging); focus
    // follows the card into its new column and a live region says where it went.
    await page.goto(`${baseUrl()}/measures`);
    const move = page.getByRole('button', { name: `Flytta till… – ${title}` });
    await move.waitFor();
    await expectAccessible(page, 'measures board');
    await move.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await expectAccessible(page, 'measures board with the move menu open');
    await page.getByRole('menuitem', { name: 'Planerad' }).click();
    await page.getByText('Statusen är ändrad.').waitFor();
    const planned = page.getByRole('region', { name: /^Planerad/ });
    await planned.getByRole('link', { name: title }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(title);
    await page
      .getByRole('status')
      .filter({ hasText: `${title} flyttades till Planerad.` })
      .waitFor();

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

    // The activity is edited in a dialog; a measure is taken out of it (confirmed) and put back.
    await page.getByRole('button', { name: 'Ändra aktiviteten Stärk inloggningen' }).click();
    const edit = page.getByRole('dialog', { name: 'Ändra aktiviteten' });
    await edit.waitFor();
    await expectAccessible(page, 'edit activity dialog');
    await edit.locator('#edit-activity-yearlyGoal').fill('MFA för alla konton');
    await edit.getByRole('button', { name: 'Spara' }).click();
    await activity.getByText(/Årsmål: MFA för alla konton/).waitFor();
    await activity.getByRole('button', { name: `Ta bort ${title} från aktiviteten` }).click();
    const confirm = page.getByRole('dialog', { name: 'Ta bort åtgärden från aktiviteten?' });
    await confirm.waitFor();
    await expectAccessible(page, 'remove measure dialog');
    await confirm.getByRole('button', { name: 'Ta bort från aktiviteten' }).click();
    await activity.getByText('Inga åtgärder i aktiviteten.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Stärk inloggningen');
    await page.getByRole('button', { name: `Lägg till: ${title}` }).click();
    await activity.getByRole('link', { name: title }).waitFor();

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
  test('the forms that share option lists open one after another without an error page', async () => {
    const id = runId();
    const page = ui.page;
    const systemName = `Delat system ${id}`;
    const unit = await api.post('/api/v1/org-units', { name: `Delningsenheten ${id}`, type: 'department' });
    await api.post('/api/v1/systems', { name: systemName, responsibleUnitId: unit.id });
    await api.post('/api/v1/risk-analyses', { title: `Delad RSA ${id}`, analysedOn: '2026-01-15' });
    await signIn(page);

    // Each form reads the same cached system list; moving between them in the app keeps that cache.
    await page.goto(`${baseUrl()}/measures/new`);
    await page.getByRole('heading', { level: 1, name: 'Ny åtgärd' }).waitFor();
    await page.locator('#measure-systemId option', { hasText: systemName }).waitFor({ state: 'attached' });
    await page.getByRole('link', { name: 'Informationstillgångar', exact: true }).click();
    await page.getByRole('link', { name: 'Ny informationstillgång' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Ny informationstillgång' }).waitFor();
    await page.getByRole('checkbox', { name: systemName }).waitFor();
    await page.getByRole('link', { name: 'Risker', exact: true }).click();
    await page.getByRole('link', { name: `Delad RSA ${id}` }).click();
    await page.getByRole('link', { name: 'Ny risk' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Ny risk' }).waitFor();
    await page.getByRole('checkbox', { name: systemName }).waitFor();
    await page.getByRole('link', { name: 'Loggkontroller', exact: true }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('link', { name: 'Åtgärder', exact: true }).click();
    await page.getByRole('link', { name: 'Ny åtgärd' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny åtgärd' }).waitFor();
    await page.locator('#measure-systemId option', { hasText: systemName }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'measure form after the other forms');
  });
});
