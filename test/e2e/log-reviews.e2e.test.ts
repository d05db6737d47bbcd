import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('log-control reviews in the browser (D0-16, D3-04)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('D0-16 D3-04: an overdue review on arrival, attach the extract, record deviations with confirmation, close the follow-up', async () => {
    const id = runId();
    const systemName = `Verksamhetssystem ${id}`;
    const page = ui.page;
    const unit = await api.post('/api/v1/org-units', { name: `Loggförvaltningen ${id}`, type: 'department' });
    const system = await api.post('/api/v1/systems', { name: systemName, responsibleUnitId: unit.id });
    const me = (await api.get('/api/v1/auth/me')) as { user: { id: string } };
    await api.post('/api/v1/log-review-plans', { systemId: system.id, reviewerUserId: me.user.id, firstDueOn: '2025-03-31' });

    // The start shows the overdue review with a link to it.
    await signIn(page);
    const overdue = page.getByRole('region', { name: 'Försenade loggkontroller' });
    const link = overdue.getByRole('link', { name: new RegExp(`^${systemName}, förföll`) });
    await link.waitFor();
    await expectAccessible(page, 'start with overdue log reviews');
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Loggkontroll: ${systemName}` }).waitFor();
    expect(await page.title()).toBe(`Loggkontroll: ${systemName} – Tillit`);
    await page.getByText('Resultatet kan registreras när loggutdraget är bifogat.').waitFor();
    await expectAccessible(page, 'log review, planned');

    // The municipality attaches the log extract (a file), which can then be downloaded.
    await page.locator('#material-file').setInputFiles({
      name: 'loggutdrag-mars.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('tid;användare;händelse\n2025-03-02;anna;inloggning\n'),
    });
    await page.getByRole('button', { name: 'Bifoga filen' }).click();
    await page.getByText('loggutdrag-mars.csv (Uppladdad fil)').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Ladda ned loggutdraget' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('loggutdrag-mars.csv');
    await expectAccessible(page, 'log review, material attached');

    // Deviations need a comment; the outcome is confirmed in a dialog before it is final.
    await page.getByRole('radio', { name: 'Avvikelser' }).check();
    await page.getByRole('button', { name: 'Registrera resultatet' }).click();
    const commentError = page.locator('#outcome-comment-error');
    await commentError.waitFor();
    expect((await commentError.textContent())?.trim()).toBe('Beskriv avvikelserna som hittades.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('outcome-comment');

    await page.locator('#outcome-comment').fill('Ett konto för en slutad medarbetare användes.');
    await page.getByRole('button', { name: 'Registrera resultatet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrera resultatet?' });
    await dialog.waitFor();
    await expectAccessible(page, 'confirm the outcome');
    await dialog.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.getByText('Resultatet är registrerat.').waitFor();
    const followUps = page.getByRole('table', { name: 'Uppföljningar av avvikelser' });
    await followUps.getByRole('rowheader', { name: 'Ett konto för en slutad medarbetare användes.' }).waitFor();
    await expectAccessible(page, 'log review, done with a follow-up');

    await followUps.getByRole('button', { name: 'Stäng uppföljningen: Ett konto för en slutad medarbetare användes.' }).click();
    await followUps.getByText('Stängd').waitFor();

    // The system's page has its log-review section; the plan shows the next review one interval later.
    await page.goto(`${new URL(page.url()).origin}/systems/${system.id}`);
    const section = page.getByRole('region', { name: 'Loggkontroll', exact: true });
    await section.getByRole('link', { name: 'Var 3:e månad' }).waitFor();
    await expectAccessible(page, 'system with its log-review section');
    await section.getByRole('link', { name: 'Var 3:e månad' }).click();
    await page.getByRole('heading', { level: 1, name: systemName }).waitFor();
    await page.getByRole('link', { name: '30 juni 2025' }).first().waitFor();
    await expectAccessible(page, 'log-review plan');
  });

  test('D3-04: plan a review for a system in the form, and filter the review list', async () => {
    const id = runId();
    const systemName = `Ärendesystem ${id}`;
    const page = ui.page;
    const unit = await api.post('/api/v1/org-units', { name: `Planförvaltningen ${id}`, type: 'department' });
    await api.post('/api/v1/systems', { name: systemName, responsibleUnitId: unit.id });

    await page.getByRole('navigation').getByRole('link', { name: 'Loggkontroller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Loggkontroller' }).waitFor();
    await expectAccessible(page, 'log-review list');
    await page.getByRole('link', { name: 'Ny plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny plan för loggkontroll' }).waitFor();
    await expectAccessible(page, 'new log-review plan');
    await page.locator('#plan-systemId').selectOption({ label: systemName });
    await page.locator('#plan-intervalMonths').fill('30');
    await page.locator('#plan-reviewerUserId').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.locator('#plan-intervalMonths-error').waitFor();
    await page.locator('#plan-intervalMonths').fill('6');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: systemName }).waitFor();
    await page.getByText('Var 6:e månad').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Loggkontroller' }).click();
    await page.locator('#log-reviews-system').selectOption({ label: systemName });
    await page.waitForURL(/[?&]systemId=/);
    await page.getByRole('link', { name: systemName }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Loggkontroller' }).getByRole('row').count()).toBe(2);
    await expectAccessible(page, 'log-review list filtered by system');
  });
});
