import { describe, expect, test } from 'vitest';
import { baseUrl, expectAccessible, requestAsAdmin, runId, signIn, useBrowser } from './helpers.js';

describe('notification centre, preferences and calendar feed', () => {
  const ui = useBrowser();

  test('the bell leads to the centre; preferences save; a calendar address is made, copied and turned off', async () => {
    const { page } = ui;
    await signIn(page);
    const bell = page.getByRole('banner').getByRole('link', { name: /^Aviseringar/ });
    await bell.waitFor();
    await bell.click();
    await page.getByRole('heading', { level: 1, name: 'Aviseringar' }).waitFor();
    await page.getByRole('switch', { name: 'Visa bara olästa' }).waitFor();
    await expectAccessible(page, 'notification centre');

    // an incident with extensive impact tells the crisis roles, the coordinator among them (the incident
    // module's notify): it shows in the centre, its secret title in full for the coordinator
    const title = `Nätverksstörning ${runId()}`;
    const made = await requestAsAdmin('POST', '/api/v1/incidents', { title, awareAt: new Date().toISOString() });
    const { id } = (await made.json()) as { id: string };
    await requestAsAdmin('PATCH', `/api/v1/incidents/${id}`, { severity: 'extensive' }, { 'if-match': made.headers.get('etag') ?? '"v1"' });
    await page.reload();
    const item = page.getByRole('link', { name: new RegExp(title) });
    await item.waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toMatch(/^Aviseringar, \d+ olästa?$/);
    await expectAccessible(page, 'notification centre with an unread notification');
    await page.getByRole('button', { name: new RegExp(`^Markera som läst: .*${title}`) }).click();
    await page.getByText('Markerad som läst.').waitFor();

    await page.getByRole('link', { name: 'Inställningar och kalender' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inställningar för aviseringar' }).waitFor();
    const mail = page.getByRole('switch', { name: 'Skicka e-post: Åtgärd som snart ska vara klar eller är försenad' });
    await mail.waitFor();
    await expectAccessible(page, 'notification settings');
    await mail.click();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Inställningarna är sparade.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: /Skicka e-post: Åtgärd/ }).isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Skapa kalenderadress' }).click();
    const address = page.getByRole('textbox', { name: 'Kalenderadress' });
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/tillit_cal_[A-Za-z0-9_-]{43}\.ics$/);
    await expectAccessible(page, 'calendar address shown once');
    const feed = await fetch(`${baseUrl()}${new URL(url).pathname}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR/);

    await page.getByRole('button', { name: 'Stäng av prenumerationen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Stänga av kalenderprenumerationen?' });
    await dialog.waitFor();
    await expectAccessible(page, 'revoke confirmation');
    await dialog.getByRole('button', { name: 'Stäng av prenumerationen' }).click();
    await page.getByText('Du har ingen kalenderprenumeration.').waitFor();
    expect((await fetch(`${baseUrl()}${new URL(url).pathname}`)).status).toBe(404);
  });
});
