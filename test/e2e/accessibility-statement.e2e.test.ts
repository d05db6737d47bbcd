import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, signIn } from './helpers.js';

describe('accessibility statement (tillgänglighetsredogörelse)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ locale: 'sv-SE' });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  test('DOS law: the statement is linked from the sign-in page and readable without signing in', async () => {
    await page.goto(`${baseUrl()}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighet' }).click();
    await page.waitForURL(/\/tillganglighet$/);
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighet för Tillit' }).waitFor();
    expect(await page.title()).toBe('Tillgänglighet – Tillit');
    for (const heading of ['Hur tillgängligt är Tillit?', 'Rapportera brister i tillgängligheten', 'Tillsyn', 'Hur vi har testat Tillit']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    const digg = page.getByRole('link', { name: 'Anmäl bristande tillgänglighet till Digg' });
    expect(await digg.getAttribute('href')).toBe('https://www.digg.se/tdosanmalan');
    await page.getByText('informationssäkerhetssamordnare').first().waitFor();
    expect(await page.locator('time').first().getAttribute('datetime')).toBe('2026-11-22');
    await page.getByText('Den senaste bedömningen gjordes den 22 november 2026.').waitFor();
    await expectAccessible(page, 'accessibility statement');

    // Reloading stays on the page (no redirect to sign-in), and it reads in English too.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighet för Tillit' }).waitFor();
    expect(page.url()).toMatch(/\/tillganglighet$/);
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Accessibility of Tillit' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: /^Report inadequate accessibility to Digg/ }).waitFor();
    await expectAccessible(page, 'accessibility statement in English');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  });

  test('DOS law: signed in, the app menu links to the statement', async () => {
    await signIn(page);
    await page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Tillgänglighet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tillgänglighet för Tillit' }).waitFor();
    await page.getByRole('button', { name: 'Logga ut' }).waitFor();
    await expectAccessible(page, 'accessibility statement signed in');
  });
});
