import type { Locator } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

/** Waits for a modal's opening transition to end, so axe measures the colours people see. */
const settled = (dialog: Locator) => expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');

describe('API tokens in the browser', () => {
  const ui = useBrowser();

  test('D1-39 D0-15: a coordinator creates a provisioning token, sees it once, uses it for SCIM and revokes it', async () => {
    const name = `Entra ID ${runId()}`;
    const { page } = ui;
    await signIn(page);
    await page.getByRole('navigation').getByRole('link', { name: 'API-nycklar' }).click();
    await page.getByRole('heading', { level: 1, name: 'API-nycklar' }).waitFor();
    expect(await page.title()).toBe('API-nycklar – Tillit');
    expect(await page.getByTestId('scim-url').textContent()).toBe(`${baseUrl()}/scim/v2`);
    await expectAccessible(page, 'api tokens page');

    await page.getByRole('button', { name: 'Ny API-nyckel' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny API-nyckel' });
    await dialog.waitFor();
    await settled(dialog);
    await expectAccessible(page, 'new api token dialog');
    // Nothing chosen: the roles group says so and gets focus.
    await dialog.getByLabel('Namn').fill(name);
    await dialog.getByRole('button', { name: 'Skapa nyckel' }).click();
    await dialog.getByText('Välj minst en roll.').waitFor();
    await dialog.getByRole('checkbox', { name: 'Provisionering (SCIM)' }).check();
    await dialog.getByRole('button', { name: 'Skapa nyckel' }).click();

    const shown = page.getByRole('dialog', { name: 'Nyckeln är skapad' });
    await shown.waitFor();
    await shown.getByText('Kopiera nyckeln nu. Den visas inte igen.').waitFor();
    await settled(shown);
    const token = await shown.getByLabel('API-nyckel').inputValue();
    expect(token).toMatch(/^tillit_[0-9a-f]{8}_[\w-]{43}$/);
    await expectAccessible(page, 'api token shown once');

    const scim = () => fetch(`${baseUrl()}/scim/v2/Users?count=1`, { headers: { authorization: `Bearer ${token}` } });
    expect((await scim()).status).toBe(200);

    await shown.getByRole('button', { name: 'Klar' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText('Aktiv').waitFor();
    await row.getByText('Provisionering (SCIM)').waitFor();
    // The list never shows the token again, only its start.
    expect(await page.content()).not.toContain(token);
    await row.getByText(token.slice(0, 15)).waitFor();

    await page.getByRole('button', { name: `Återkalla ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Återkalla API-nyckeln?' });
    await confirm.waitFor();
    await settled(confirm);
    // Focus starts on the safe choice.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Avbryt');
    await expectAccessible(page, 'revoke api token dialog');
    await confirm.getByRole('button', { name: 'Återkalla' }).click();
    await row.getByText('Återkallad').waitFor();
    expect((await scim()).status).toBe(401);
    await expectAccessible(page, 'api tokens page with a revoked token');
  });
});
