import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('organisation register in the browser', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  /** The id of a unit from its edit link on the organisation ui.page. */
  const unitId = async (name: string): Promise<string> => {
    const href = await ui.page.getByRole('link', { name: `Ändra ${name}`, exact: true }).getAttribute('href');
    const id = /\/org-units\/([0-9a-f-]{36})\/edit$/.exec(href ?? '')?.[1];
    if (!id) throw new Error(`no edit link for ${name}: ${href}`);
    return id;
  };

  test('D2-07: create an organisation unit under a förvaltning', async () => {
    const id = runId();
    const department = `Barn- och utbildningsförvaltningen ${id}`;
    const operation = `Grundskola ${id}`;
    const renamed = `Grundskola och fritidshem ${id}`;

    await signIn(ui.page);
    await ui.page.getByRole('navigation').getByRole('link', { name: 'Organisation' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    expect(await ui.page.title()).toBe('Organisation – Tillit');

    // An empty name first: the server's Swedish error shows at the field, which gets focus.
    await ui.page.getByRole('link', { name: 'Ny organisationsenhet' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Ny organisationsenhet' }).waitFor();
    await expectAccessible(ui.page, 'new org unit form');
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    const nameError = ui.page.locator('#org-name-error');
    await nameError.waitFor();
    expect((await nameError.textContent())?.trim()).toBe('Fältet får inte vara tomt.');
    expect(await ui.page.locator('#org-name').getAttribute('aria-invalid')).toBe('true');
    expect(await ui.page.locator('#org-name').getAttribute('aria-describedby')).toContain('org-name-error');
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.id)).toBe('org-name');
    await ui.page.getByRole('alert').filter({ hasText: 'Rätta de markerade fälten och spara igen.' }).waitFor();
    await expectAccessible(ui.page, 'new org unit form with errors');

    // The förvaltning at the top level.
    await ui.page.locator('#org-name').fill(department);
    await ui.page.locator('#org-type').selectOption('department');
    expect(await ui.page.locator('#org-parentId').inputValue()).toBe('');
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    await ui.page.waitForURL(/\/org-units$/);
    await ui.page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await ui.page.getByText('Enheten är sparad.').first().waitFor();
    const departmentId = await unitId(department);

    // A verksamhet under it: the parent select lists the förvaltning with its type.
    await ui.page.getByRole('link', { name: 'Ny organisationsenhet' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Ny organisationsenhet' }).waitFor();
    await ui.page.locator('#org-name').fill(operation);
    expect(await ui.page.locator('#org-type').inputValue()).toBe('operation');
    const parentOption = ui.page.locator('#org-parentId option', { hasText: department });
    expect((await parentOption.textContent())?.trim()).toBe(`${department} (Förvaltning)`);
    await ui.page.locator('#org-parentId').selectOption(departmentId);
    await ui.page.locator('#org-description').fill('Kommunens grundskolor.');
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    await ui.page.waitForURL(/\/org-units$/);

    // The tree: the verksamhet comes right after its förvaltning, indented, each with its type.
    const departmentItem = ui.page.getByRole('listitem').filter({ hasText: department });
    const operationItem = ui.page.getByRole('listitem').filter({ hasText: operation });
    await operationItem.waitFor();
    await departmentItem.getByText('Förvaltning', { exact: true }).waitFor();
    await operationItem.getByText('Verksamhet', { exact: true }).waitFor();
    expect(await departmentItem.evaluate((li) => li.nextElementSibling?.textContent)).toContain(operation);
    const [parentBox, childBox] = await Promise.all([departmentItem.boundingBox(), operationItem.boundingBox()]);
    expect(childBox!.x).toBeGreaterThan(parentBox!.x);
    await expectAccessible(ui.page, 'organisation tree');

    // Rename the verksamhet.
    await ui.page.getByRole('link', { name: `Ändra ${operation}`, exact: true }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Ändra organisationsenhet' }).waitFor();
    await expect.poll(() => ui.page.locator('#org-name').inputValue()).toBe(operation);
    expect(await ui.page.locator('#org-parentId').inputValue()).toBe(departmentId);
    await expectAccessible(ui.page, 'edit org unit form');
    await ui.page.locator('#org-name').fill(renamed);
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    await ui.page.waitForURL(/\/org-units$/);
    const renamedItem = ui.page.getByRole('listitem').filter({ hasText: renamed });
    await renamedItem.waitFor();
    expect(await ui.page.getByText(operation, { exact: true }).count()).toBe(0);
    const operationId = await unitId(renamed);

    // A system is responsible to the unit (fixture through the API): archiving is refused with a 409,
    // and the confirmation dialog shows the server's explanation.
    await api.post('/api/v1/systems', { name: `Skolplattform ${id}`, responsibleUnitId: operationId });
    await ui.page.getByRole('button', { name: `Arkivera ${renamed}`, exact: true }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Arkivera enheten?' });
    await dialog.waitFor();
    await dialog.getByText(`Enheten ${renamed} visas inte längre men finns kvar och kan återställas.`).waitFor();
    await dialog.getByRole('button', { name: 'Arkivera' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    await refusal.getByText('Åtgärden krockar med befintliga uppgifter').waitFor();
    await refusal
      .getByText('Enheten har 0 aktiva underenheter, 1 system och 0 informationstillgångar. Flytta eller arkivera dem först.')
      .waitFor();
    await expectAccessible(ui.page, 'org unit archive refused');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await api.get(`/api/v1/org-units/${operationId}`)).archived).toBe(false);
    await ui.page.getByRole('button', { name: `Arkivera ${renamed}`, exact: true }).waitFor();

    // The dialog opens again without the old error.
    await ui.page.getByRole('button', { name: `Arkivera ${renamed}`, exact: true }).click();
    await dialog.waitFor();
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
