import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { acceptInvitation, apiSession, baseUrl, expectAccessible, requestAsAdmin, runId, signIn, useBrowser } from './helpers.js';

const SUPPLIER_PASSWORD = 'Leverantörens eget lösen 2026!';

describe('supplier register: people, systems, contracts in the browser (issue 7)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  let smtp: TestSmtp | undefined;

  beforeAll(async () => {
    api = await apiSession();
    if (inject('smtpPort')) smtp = await startSmtp(inject('smtpPort'));
  });
  afterAll(async () => {
    await smtp?.close();
  });

  test('D0-24 D0-29 D3-29 D3-26 D1-29 D1-18: a coordinator records the profile, adds a super user, links a critical system, logs a meeting and records a contract that lacks clauses', async () => {
    const id = runId();
    const supplier = await api.post('/api/v1/suppliers', { name: `Omsorg ${id} AB`, type: 'care_provider' });
    let unitId = ((await api.get('/api/v1/org-units')) as { items?: { id: string }[] }).items?.[0]?.id;
    unitId ??= String((await api.post('/api/v1/org-units', { name: `Förvaltning ${id}`, type: 'department' })).id);
    const systemName = `Journal ${id}`;
    await api.post('/api/v1/systems', { name: systemName, responsibleUnitId: unitId, critical: true });
    const page = ui.page;
    await signIn(page);
    await page.goto(`${new URL(page.url()).origin}/suppliers/${String(supplier.id)}`);
    await page.getByRole('heading', { level: 1, name: `Omsorg ${id} AB` }).waitFor();
    // D3-29 and D0-29 are flagged on the overview
    await page.getByText('Färre än två aktiva superanvändare (D3-29).').waitFor();
    await expectAccessible(page, 'supplier overview with flags');

    // Profile (D0-24, D0-29): premises in municipal premises → the municipality answers for the building network
    await page.getByRole('tab', { name: 'Uppgifter' }).click();
    await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
    const profile = page.getByRole('dialog', { name: 'Ändra leverantörens uppgifter' });
    await profile.waitFor();
    await page.locator('#profile-profile\\.supportContact\\.name').fill('IT-support');
    await profile
      .getByRole('group', { name: 'Lokaler och fastighetsnät (D0-24, D0-25)' })
      .getByRole('button', { name: 'Lägg till rad' })
      .click();
    await page.locator('#profile-profile\\.premises\\.0\\.address').fill('Storgatan 1');
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAccessible(page, 'supplier profile form');
    await profile.getByRole('button', { name: 'Spara' }).click();
    await profile.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: 'Storgatan 1' }).getByText('Kommunen', { exact: true }).waitFor();
    expect(await page.getByText('Kontakt för intern teknisk support saknas (D0-29).').count()).toBe(0);
    await expectAccessible(page, 'supplier profile');

    // People: add a super user through the form; a missing name is said at the field, which gets focus
    await page.getByRole('tab', { name: 'Personer' }).click();
    await page.getByRole('button', { name: 'Lägg till person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till person' });
    await dialog.waitFor();
    await page.locator('#person-kind').selectOption('super_user');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.locator('#person-name-error').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('person-name');
    await page.locator('#person-name').fill('Anna Superanvändare');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: 'Anna Superanvändare' }).waitFor();
    await expectAccessible(page, 'supplier people');

    // Systems: link the critical system, with "administers its own users" (D3-26)
    await page.getByRole('tab', { name: 'System' }).click();
    await page.getByRole('button', { name: 'Koppla system' }).click();
    const link = page.getByRole('dialog', { name: 'Koppla ett system' });
    await link.waitFor();
    await page.locator('#link-systemId').selectOption({ label: systemName });
    await page.locator('#link-administersOwnUsers').check();
    await expectAccessible(page, 'link system form');
    await link.getByRole('button', { name: 'Spara' }).click();
    await link.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: systemName }).waitFor();
    await expectAccessible(page, 'supplier systems');

    // Collaboration (D1-29): record a meeting
    await page.getByRole('tab', { name: 'Samverkan' }).click();
    await page.getByRole('button', { name: 'Registrera möte' }).click();
    const meeting = page.getByRole('dialog', { name: 'Registrera samverkansmöte' });
    await meeting.waitFor();
    await page.locator('#meeting-topics').fill('Patchning och backup');
    await meeting.getByRole('button', { name: 'Spara' }).click();
    await meeting.waitFor({ state: 'detached' });
    await page.getByText('Ämnen: Patchning och backup').waitFor();
    await expectAccessible(page, 'supplier meetings');

    // Contracts: a new contract for the critical system shows the missing D1-18 clauses
    await page.getByRole('tab', { name: 'Avtal' }).click();
    await page.getByRole('link', { name: 'Nytt avtal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nytt avtal' }).waitFor();
    await expect.poll(() => page.locator('#contract-supplierId').inputValue()).toBe(String(supplier.id));
    await page.locator('#contract-title').fill(`Journalavtal ${id}`);
    await page.getByRole('checkbox', { name: systemName }).check();
    await page.locator('#contract-clauses\\.it_security\\.included').check();
    await page.locator('#contract-clauses\\.logging\\.disclaimer').check();
    await expectAccessible(page, 'contract form');
    await page.getByRole('button', { name: 'Spara' }).click();
    // a disclaimer needs its justification: the field says so and gets focus
    await page.locator('#contract-clauses\\.logging\\.note-error').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contract-clauses.logging.note');
    await page.locator('#contract-clauses\\.logging\\.note').fill('Godkänt av kommundirektören');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: `Journalavtal ${id}` }).waitFor();
    await page.getByText(/Avtalet gäller ett kritiskt system men saknar krav: Informationssäkerhet/).waitFor();
    await page.getByText('Avtalet har friskrivningar: Loggning').waitFor();
    await expectAccessible(page, 'contract detail');
    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.getByRole('table', { name: 'Historik, nyast först' }).waitFor();
    await expectAccessible(page, 'contract history');
    const contracts = (await api.get(`/api/v1/contracts?supplierId=${String(supplier.id)}`)) as { items: { clauseGaps: string[] }[] };
    expect(contracts.items[0]!.clauseGaps).toContain('continuity_heightened_alert');
  });
  test.skipIf(!inject('smtpPort'))(
    'D3-08 D0-11 D0-31: a supplier admin sees only its own organisation, changes its details, confirms its orderers and reports a fault on its system',
    async () => {
      const id = runId();
      const name = `Hemtjänst ${id} AB`;
      const supplier = await api.post('/api/v1/suppliers', { name, type: 'care_provider' });
      const other = await api.post('/api/v1/suppliers', { name: `Konkurrent ${id} AB` });
      let unitId = ((await api.get('/api/v1/org-units')) as { items?: { id: string }[] }).items?.[0]?.id;
      unitId ??= String((await api.post('/api/v1/org-units', { name: `Förvaltning ${id}`, type: 'department' })).id);
      const systemName = `Planering ${id}`;
      const system = await api.post('/api/v1/systems', { name: systemName, responsibleUnitId: unitId });
      await requestAsAdmin('PUT', `/api/v1/suppliers/${String(supplier.id)}/systems/${String(system.id)}`, { worksIn: true });
      const email = `lev-admin-${id}@e2e.example`;
      const user = await api.post('/api/v1/users', {
        email,
        displayName: `Lena Leverantör ${id}`,
        assignments: [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: supplier.id }],
      });
      await acceptInvitation(api, smtp!, { id: user.id, email }, SUPPLIER_PASSWORD);

      // a browser of its own: the first test's session is the coordinator's
      const page = await ui.reopen();
      await page.goto(`${baseUrl()}/sign-in`);
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(SUPPLIER_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Vår organisation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Leverantörer' }).waitFor();
      // its own organisation only
      await page.getByRole('link', { name }).waitFor();
      expect(await page.getByText(`Konkurrent ${id} AB`).count()).toBe(0);
      await page.goto(`${baseUrl()}/suppliers/${String(other.id)}`);
      await page
        .getByRole('heading', { level: 1, name: `Konkurrent ${id} AB` })
        .waitFor({ state: 'detached', timeout: 3000 })
        .catch(() => undefined);
      expect(await page.getByRole('heading', { level: 1, name: `Konkurrent ${id} AB` }).count()).toBe(0);

      // D3-08: the admin changes its details; the form says the municipality is told
      await page.goto(`${baseUrl()}/suppliers/${String(supplier.id)}?tab=profile`);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await page.getByRole('button', { name: 'Ändra uppgifter' }).click();
      const profile = page.getByRole('dialog', { name: 'Ändra leverantörens uppgifter' });
      await profile.getByText('När du sparar får kommunen besked om att uppgifterna har ändrats.').waitFor();
      await page.locator('#profile-profile\\.phone').fill('0470-55 55 55');
      await profile.getByRole('button', { name: 'Spara' }).click();
      await profile.waitFor({ state: 'detached' });
      await page.getByText('0470-55 55 55').waitFor();
      expect((await api.get(`/api/v1/suppliers/${String(supplier.id)}`)).profileChangedAt).not.toBeNull();

      // D0-11: confirms the orderers list; the flag goes away
      await page.getByText('Listan över behöriga beställare har inte bekräftats det senaste halvåret (D0-11).').waitFor();
      await page.getByRole('button', { name: 'Bekräfta att beställarlistan är aktuell' }).click();
      const confirm = page.getByRole('dialog', { name: 'Bekräfta beställarlistan' });
      await confirm.getByRole('button', { name: 'Bekräfta att beställarlistan är aktuell' }).click();
      await confirm.waitFor({ state: 'detached' });
      await page
        .getByText('Listan över behöriga beställare har inte bekräftats det senaste halvåret (D0-11).')
        .waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: 'System' }).click();
      await page.getByRole('row').filter({ hasText: systemName }).waitFor();
      expect(await page.getByRole('button', { name: 'Koppla system' }).count()).toBe(0);
      await expectAccessible(page, 'supplier systems as the supplier admin');

      // D0-31: reports a fault on its own system
      await page.goto(`${baseUrl()}/incidents/report`);
      await page.locator('#report-systemIds').selectOption({ label: systemName });
      await page.locator('#report-title').fill('Planeringen svarar inte');
      await expectAccessible(page, 'incident report as the supplier admin');
      await page.getByRole('button', { name: 'Skicka rapporten' }).click();
      await page.locator('#report-done-heading').waitFor();
    },
  );
});
