import { describe, expect, test } from 'vitest';
import { baseUrl, expectAccessible, signIn, useBrowser } from './helpers.js';

describe('accessibility statement (tillgänglighetsredogörelse)', () => {
  const ui = useBrowser({}, true);

  test('DOS law: the statement is linked from the sign-in page and readable without signing in', async () => {
    await ui.page.goto(`${baseUrl()}/sign-in`);
    await ui.page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await ui.page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighet' }).click();
    await ui.page.waitForURL(/\/tillganglighet$/);
    await ui.page.getByRole('heading', { level: 1, name: 'Tillgänglighet för Tillit' }).waitFor();
    expect(await ui.page.title()).toBe('Tillgänglighet – Tillit');
    for (const heading of ['Hur tillgängligt är Tillit?', 'Rapportera brister i tillgängligheten', 'Tillsyn', 'Hur vi har testat Tillit']) {
      await ui.page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    const digg = ui.page.getByRole('link', { name: 'Anmäl bristande tillgänglighet till Digg' });
    expect(await digg.getAttribute('href')).toBe('https://www.digg.se/tdosanmalan');
    await ui.page.getByText('informationssäkerhetssamordnare').first().waitFor();
    expect(await ui.page.locator('time').first().getAttribute('datetime')).toBe('2026-11-22');
    await ui.page.getByText('Den senaste bedömningen gjordes den 22 november 2026.').waitFor();
    await expectAccessible(ui.page, 'accessibility statement');

    // Reloading stays on the page (no redirect to sign-in), and it reads in English too.
    await ui.page.reload();
    await ui.page.getByRole('heading', { level: 1, name: 'Tillgänglighet för Tillit' }).waitFor();
    expect(ui.page.url()).toMatch(/\/tillganglighet$/);
    await ui.page.getByLabel('Språk').selectOption('en');
    await ui.page.getByRole('heading', { level: 1, name: 'Accessibility of Tillit' }).waitFor();
    expect(await ui.page.locator('html').getAttribute('lang')).toBe('en');
    await ui.page.getByRole('link', { name: /^Report inadequate accessibility to Digg/ }).waitFor();
    await expectAccessible(ui.page, 'accessibility statement in English');

    await ui.page.getByRole('link', { name: 'Sign in' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  test('DOS law: signed in, the app menu links to the statement', async () => {
    await signIn(ui.page);
    await ui.page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    await ui.page.getByRole('navigation').getByRole('link', { name: 'Tillgänglighet' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Tillgänglighet för Tillit' }).waitFor();
    await ui.page.getByRole('button', { name: 'Logga ut' }).waitFor();
    await expectAccessible(ui.page, 'accessibility statement signed in');
  });
});
