import { describe, expect, test } from 'vitest';
import { baseUrl, expectAccessible, signIn, useBrowser } from './helpers.js';

describe('app shell', () => {
  const ui = useBrowser({}, true);

  test('the language switch turns the UI into English and remembers it', async () => {
    await signIn(ui.page);
    await ui.page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    await ui.page.getByLabel('Språk').selectOption('en');
    await ui.page.getByRole('heading', { level: 1, name: 'IT systems' }).waitFor();
    expect(await ui.page.locator('html').getAttribute('lang')).toBe('en');
    await ui.page.getByRole('navigation').getByRole('link', { name: 'Information assets' }).waitFor();
    await ui.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectAccessible(ui.page, 'systems list in English');

    await ui.page.reload();
    await ui.page.getByRole('heading', { level: 1, name: 'IT systems' }).waitFor();
    expect(await ui.page.title()).toBe('IT systems – Tillit');
  });

  test('the skip link moves keyboard focus to the main content', async () => {
    await signIn(ui.page);
    await ui.page.goto(`${baseUrl()}/systems`);
    await ui.page.getByRole('heading', { level: 1 }).waitFor();
    await ui.page.keyboard.press('Tab');
    const focused = await ui.page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Hoppa till huvudinnehåll');
    expect(await ui.page.locator('.skip-link').isVisible()).toBe(true);
    await ui.page.keyboard.press('Enter');
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.id)).toBe('main');
    await expectAccessible(ui.page, 'systems list with skip link focused');
  });

  test('on a small screen the menu sits behind a burger button and is skipped by Tab while closed', async () => {
    await ui.reopen({ viewport: { width: 390, height: 800 } });
    await signIn(ui.page);
    await ui.page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    const burger = ui.page.getByRole('button', { name: 'Visa eller dölj menyn' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    // The closed menu is inert: Tab goes from the last header control past the hidden links.
    expect(await ui.page.locator('#main-nav').getAttribute('inert')).not.toBeNull();
    await ui.page.getByRole('button', { name: 'Logga ut' }).focus();
    await ui.page.keyboard.press('Tab');
    expect(await ui.page.evaluate(() => Boolean(document.activeElement?.closest('#main-nav')))).toBe(false);
    await expectAccessible(ui.page, 'systems list on a small screen');

    await burger.click();
    expect(await burger.getAttribute('aria-expanded')).toBe('true');
    const link = ui.page.getByRole('navigation').getByRole('link', { name: 'Organisation' });
    await link.waitFor();
    await expectAccessible(ui.page, 'menu open on a small screen');
    await link.click();
    await ui.page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await expect.poll(() => burger.getAttribute('aria-expanded')).toBe('false');
  });
});
