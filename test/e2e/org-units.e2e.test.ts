import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, launchBrowser, runId, signIn } from './helpers.js';

describe('organisation register in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'sv-SE' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** The id of a unit from its edit link on the organisation page. */
  const unitId = async (name: string): Promise<string> => {
    const href = await page.getByRole('link', { name: `Ändra ${name}`, exact: true }).getAttribute('href');
    const id = /\/org-units\/([0-9a-f-]{36})\/edit$/.exec(href ?? '')?.[1];
    if (!id) throw new Error(`no edit link for ${name}: ${href}`);
    return id;
  };

  test('D2-07: create an organisation unit under a förvaltning', async () => {
    const id = runId();
    const department = `Barn- och utbildningsförvaltningen ${id}`;
    const operation = `Grundskola ${id}`;
    const renamed = `Grundskola och fritidshem ${id}`;

    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    expect(await page.title()).toBe('Organisation – Tillit');

    // An empty name first: the server's Swedish error shows at the field, which gets focus.
    await page.getByRole('link', { name: 'Ny organisationsenhet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny organisationsenhet' }).waitFor();
    await expectAccessible(page, 'new org unit form');
    await page.getByRole('button', { name: 'Spara' }).click();
    const nameError = page.locator('#org-name-error');
    await nameError.waitFor();
    expect((await nameError.textContent())?.trim()).toBe('Fältet får inte vara tomt.');
    expect(await page.locator('#org-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#org-name').getAttribute('aria-describedby')).toContain('org-name-error');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('org-name');
    await page.getByRole('alert').filter({ hasText: 'Rätta de markerade fälten och spara igen.' }).waitFor();
    await expectAccessible(page, 'new org unit form with errors');

    // The förvaltning at the top level.
    await page.locator('#org-name').fill(department);
    await page.locator('#org-type').selectOption('department');
    expect(await page.locator('#org-parentId').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/\/org-units$/);
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await page.getByText('Enheten är sparad.').first().waitFor();
    const departmentId = await unitId(department);

    // A verksamhet under it: the parent select lists the förvaltning with its type.
    await page.getByRole('link', { name: 'Ny organisationsenhet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny organisationsenhet' }).waitFor();
    await page.locator('#org-name').fill(operation);
    expect(await page.locator('#org-type').inputValue()).toBe('operation');
    const parentOption = page.locator('#org-parentId option', { hasText: department });
    expect((await parentOption.textContent())?.trim()).toBe(`${department} (Förvaltning)`);
    await page.locator('#org-parentId').selectOption(departmentId);
    await page.locator('#org-description').fill('Kommunens grundskolor.');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/\/org-units$/);

    // The tree: the verksamhet comes right after its förvaltning, indented, each with its type.
    const departmentItem = page.getByRole('listitem').filter({ hasText: department });
    const operationItem = page.getByRole('listitem').filter({ hasText: operation });
    await operationItem.waitFor();
    await departmentItem.getByText('Förvaltning', { exact: true }).waitFor();
    await operationItem.getByText('Verksamhet', { exact: true }).waitFor();
    expect(await departmentItem.evaluate((li) => li.nextElementSibling?.textContent)).toContain(operation);
    const [parentBox, childBox] = await Promise.all([departmentItem.boundingBox(), operationItem.boundingBox()]);
    expect(childBox!.x).toBeGreaterThan(parentBox!.x);
    await expectAccessible(page, 'organisation tree');

    // Rename the verksamhet.
    await page.getByRole('link', { name: `Ändra ${operation}`, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ändra organisationsenhet' }).waitFor();
    await expect.poll(() => page.locator('#org-name').inputValue()).toBe(operation);
    expect(await page.locator('#org-parentId').inputValue()).toBe(departmentId);
    await expectAccessible(page, 'edit org unit form');
    await page.locator('#org-name').fill(renamed);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(/\/org-units$/);
    const renamedItem = page.getByRole('listitem').filter({ hasText: renamed });
    await renamedItem.waitFor();
    expect(await page.getByText(operation, { exact: true }).count()).toBe(0);
    const operationId = await unitId(renamed);

    // A system is responsible to the unit (fixture through the API): archiving is refused with a 409,
    // and the confirmation dialog shows the server's explanation.
    await api.post('/api/v1/systems', { name: `Skolplattform ${id}`, responsibleUnitId: operationId });
    await page.getByRole('button', { name: `Arkivera ${renamed}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Arkivera enheten?' });
    await dialog.waitFor();
    await dialog.getByText(`Enheten ${renamed} visas inte längre men finns kvar och kan återställas.`).waitFor();
    await dialog.getByRole('button', { name: 'Arkivera' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    await refusal.getByText('Åtgärden krockar med befintliga uppgifter').waitFor();
    await refusal
      .getByText('Enheten har 0 aktiva underenheter, 1 system och 0 informationstillgångar. Flytta eller arkivera dem först.')
      .waitFor();
    await expectAccessible(page, 'org unit archive refused');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api.get(`/api/v1/org-units/${operationId}`)).archived).toBe(false);
    await page.getByRole('button', { name: `Arkivera ${renamed}`, exact: true }).waitFor();

    // The dialog opens again without the old error.
    await page.getByRole('button', { name: `Arkivera ${renamed}`, exact: true }).click();
    await dialog.waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
