import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeEach, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, expectAccessible, launchBrowser, signIn } from './helpers.js';

describe('app shell', () => {
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
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });

  test('the language switch turns the UI into English and remembers it', async () => {
    await signIn(page);
    await page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'IT systems' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('navigation').getByRole('link', { name: 'Information assets' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectAccessible(page, 'systems list in English');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'IT systems' }).waitFor();
    expect(await page.title()).toBe('IT systems – Tillit');
  });

  test('the skip link moves keyboard focus to the main content', async () => {
    await signIn(page);
    await page.goto(`${baseUrl()}/systems`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Hoppa till huvudinnehåll');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expectAccessible(page, 'systems list with skip link focused');
  });

  test('on a small screen the menu sits behind a burger button and is skipped by Tab while closed', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    page = await context.newPage();
    await signIn(page);
    await page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    const burger = page.getByRole('button', { name: 'Visa eller dölj menyn' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    // The closed menu is inert: Tab goes from the last header control past the hidden links.
    expect(await page.locator('#main-nav').getAttribute('inert')).not.toBeNull();
    await page.getByRole('button', { name: 'Logga ut' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#main-nav')))).toBe(false);
    await expectAccessible(page, 'systems list on a small screen');

    await burger.click();
    expect(await burger.getAttribute('aria-expanded')).toBe('true');
    const link = page.getByRole('navigation').getByRole('link', { name: 'Organisation' });
    await link.waitFor();
    await expectAccessible(page, 'menu open on a small screen');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
  });
});
