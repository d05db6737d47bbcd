import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { apiSession, baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

const READER_PASSWORD = 'Hjortron i myren vid Hjo 2026';

describe('audit trail in the browser', () => {
  const ui = useBrowser({}, true);
  let system: { id: string; name: string };

  beforeAll(async () => {
    const api = await apiSession();
    const unit = await api.post('/api/v1/org-units', { name: `Kultur och fritid ${runId()}`, type: 'operation' });
    const created = await api.post('/api/v1/systems', { name: `Bokningssystem ${runId()}`, responsibleUnitId: unit.id });
    system = { id: String(created.id), name: String(created.name) };
  });

  test('D1-48 D3-04: the coordinator changes a system, finds and opens the event, checks the chain, exports CSV, takes a checkpoint and reads the system history', async () => {
    const { page } = ui;
    await signIn(page);

    // The change: a new description through the system's edit page.
    const description = `Bokning av lokaler och idrottshallar ${runId()}`;
    await page.goto(`${baseUrl()}/systems/${system.id}/edit`);
    await page.locator('#system-description').fill(description);
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.waitForURL(new RegExp(`/systems/${system.id}$`));

    // The menu leads to the trail.
    await page.getByRole('navigation').getByRole('link', { name: 'Händelselogg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Händelselogg' }).waitFor();
    expect(await page.title()).toBe('Händelselogg – Tillit');
    await page.getByRole('table', { name: 'Händelser, nyast först' }).waitFor();
    await expectAccessible(page, 'audit trail');

    // Filter on changes to IT systems: the newest is ours, linked to the system.
    await page.locator('#audit-entityType').selectOption('system');
    await page.locator('#audit-action').selectOption('system.update');
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('system.update');
    const table = page.getByRole('table', { name: 'Händelser, nyast först' });
    await expect.poll(async () => new Set(await table.getByRole('rowheader').allTextContents())).toEqual(new Set(['Ändrade IT-system']));
    const firstRow = table.locator('tbody > tr').first();
    expect(await firstRow.locator(`a[href="/systems/${system.id}"]`).count()).toBe(1);

    // Open it: the description before and after, and the chain data.
    const toggle = firstRow.getByRole('button', { name: /^Visa detaljer/ });
    await toggle.click();
    expect(await firstRow.getByRole('button', { name: /^Dölj detaljer/ }).getAttribute('aria-expanded')).toBe('true');
    const changes = page.getByRole('table', { name: 'Ändrade uppgifter' });
    await changes.waitFor();
    const descriptionRow = changes.getByRole('row', { name: /Beskrivning/ });
    expect(await descriptionRow.getByRole('cell').nth(0).textContent()).toBe('(tomt)');
    expect(await descriptionRow.getByRole('cell').nth(1).textContent()).toBe(description);
    await page.getByText('Kontrollsumma (hash)').waitFor();
    await expectAccessible(page, 'audit trail, event open');

    // The chain check says intact and how many events it checked.
    await page.getByRole('button', { name: 'Kontrollera kedjan' }).click();
    await page.getByText('Kedjan är hel').waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Kedjan är hel' }).textContent()).toMatch(/\d+ händelser kontrollerades/);

    // CSV export with the filters: only system changes, ours among them.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exportera CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^handelselogg-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(await csvDownload.path(), 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(1);
    expect(csv).toContain(system.id);
    expect(csv).not.toContain('system.create');

    // A checkpoint taken by hand appears in the list.
    await page.getByRole('button', { name: 'Ta kontrollpunkt nu' }).click();
    await page.getByText(/Kontrollpunkten är tagen/).waitFor();
    const checkpoints = page.getByRole('table', { name: 'Kontrollpunkter, nyast först' });
    await expect.poll(() => checkpoints.getByRole('cell', { name: 'Tagen för hand' }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'audit trail, chain checked');

    // The system's own history: created, then changed (with the new description).
    await page.goto(`${baseUrl()}/systems/${system.id}`);
    await page.getByRole('heading', { level: 1, name: system.name }).waitFor();
    const show = page.getByRole('button', { name: 'Visa historik' });
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    await show.click();
    const history = page.getByRole('table', { name: 'Historik, nyast först' });
    await history.waitFor();
    await expect.poll(() => history.getByRole('rowheader', { name: 'Lade in IT-system' }).count()).toBe(1);
    expect(await history.getByRole('rowheader', { name: 'Ändrade IT-system' }).count()).toBe(1);
    await history.getByText(description).waitFor();
    await expectAccessible(page, 'system history');
  });

  test('D3-04: the coordinator sets how long the audit trail is kept, or keeps everything', async () => {
    const { page } = ui;
    await signIn(page);
    await page.goto(`${baseUrl()}/admin/settings`);
    await page.getByRole('group', { name: 'Händelselogg' }).waitFor();
    const keepAll = page.getByRole('radio', { name: 'Behåll allt' });
    expect(await keepAll.isChecked()).toBe(true);

    // Fewer than 90 days: the server's reason shows at the field, which gets the focus.
    await page.getByRole('radio', { name: 'Ett visst antal dagar' }).check();
    const days = page.locator('#settings-auditRetentionDays');
    await days.fill('30');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.locator('#settings-auditRetentionDays-error').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('settings-auditRetentionDays');
    await expectAccessible(page, 'tenant settings, retention error');

    await days.fill('730');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Säkerhetsinställningarna är sparade.').waitFor();
    const api = await apiSession();
    expect((await api.get('/api/v1/tenant/settings')).auditRetentionDays).toBe(730);

    // Back to keeping everything, so the other files' server keeps its trail.
    await keepAll.check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(async () => (await api.get('/api/v1/tenant/settings')).auditRetentionDays).toBeNull();
  });

  describe('a reader without the permission', () => {
    let smtp: TestSmtp | undefined;
    const email = `lasare-${runId()}@e2e.example`;

    beforeAll(async () => {
      if (inject('smtpPort')) smtp = await startSmtp(inject('smtpPort'));
    });
    afterAll(async () => {
      await smtp?.close();
    });

    test.skipIf(!inject('smtpPort'))('D1-48: a manager has no menu entry and is told that /audit is not for them', async () => {
      // A manager for the whole organisation, who chooses a password through the invitation mail.
      const api = await apiSession();
      const user = await api.post('/api/v1/users', {
        email,
        displayName: 'Lena Läsare',
        assignments: [{ role: 'manager', scopeType: 'tenant' }],
      });
      await api.post(`/api/v1/users/${String(user.id)}/invite`, {});
      const mail = await smtp!.waitFor(email, 30_000);
      const token = /reset-password#token=([\w-]+)/.exec(mail.text)?.[1];
      expect(token).toBeTruthy();
      const confirmed = await fetch(`${baseUrl()}/api/v1/auth/password-reset/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: READER_PASSWORD }),
      });
      expect(confirmed.status).toBe(204);

      const { page } = ui;
      await page.goto(`${baseUrl()}/sign-in`);
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(READER_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.waitForURL(/\/systems/);
      await page.getByRole('navigation').getByRole('link', { name: 'IT-system' }).waitFor();
      expect(await page.getByRole('navigation').getByRole('link', { name: 'Händelselogg' }).count()).toBe(0);

      await page.goto(`${baseUrl()}/audit`);
      await page.getByRole('heading', { level: 1, name: 'Du saknar behörighet' }).waitFor();
      expect(await page.getByRole('button', { name: 'Kontrollera kedjan' }).count()).toBe(0);
      await expectAccessible(page, 'audit trail forbidden');
    });
  });
});
