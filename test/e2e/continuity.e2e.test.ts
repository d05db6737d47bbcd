import { beforeAll, describe, expect, inject, test } from 'vitest';
import { startSmtp } from '../helpers/smtp.js';
import { apiSession, baseUrl, expectAccessible, requestAsAdmin, runId, signIn, useBrowser } from './helpers.js';

const MANAGEMENT_PASSWORD = 'Beslut i kommunstyrelsen 2026';

describe('continuity in the browser (D1-25, D1-26, D1-27, D1-42)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('overview → accepted outage on the system page → exercise with a measure → restore order by keyboard', async () => {
    const id = runId();
    const page = ui.page;
    const unit = await api.post('/api/v1/org-units', { name: `Kontinuitetsenheten ${id}`, type: 'department' });
    const first = `Journalsystem ${id}`;
    const second = `Ekonomisystem ${id}`;
    const a = await api.post('/api/v1/systems', { name: first, responsibleUnitId: unit.id, critical: true });
    await api.post('/api/v1/systems', { name: second, responsibleUnitId: unit.id, critical: true });
    await signIn(page);

    // D1-25: the overview lists the critical system with its gaps in words
    await page.goto(`${baseUrl()}/continuity`);
    await page.getByRole('heading', { level: 1, name: 'Kontinuitet' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(first) }) });
    await row.getByText('Aldrig övat').waitFor();
    await row.getByText('Inte beslutad').waitFor();
    await expectAccessible(page, 'continuity overview');

    // D1-26: an outage time needs who decided it and when
    await row.getByRole('link', { name: first }).click();
    await page.getByRole('heading', { level: 1, name: first }).waitFor();
    const section = page.getByRole('region', { name: 'Kontinuitet' });
    await section.getByText('Kritiskt IT-system').waitFor();
    await section.getByRole('button', { name: 'Ändra kontinuitet' }).click();
    await page.locator('#continuity-acceptedOutageMinutes').fill('4');
    await section.getByRole('button', { name: 'Spara', exact: true }).click();
    await page.locator('#continuity-outageDecidedBy-error').waitFor();
    await expectAccessible(page, 'continuity form with errors');
    await page.locator('#continuity-outageDecidedBy').fill('Socialnämnden');
    await page.locator('#continuity-outageDecidedOn').fill('2026-01-20');
    await page.locator('#continuity-outageDnr').fill('SN 2026/4');
    await section.getByRole('button', { name: 'Spara', exact: true }).click();
    await section.getByText('Accepterad avbrottstid: 4 timmar').waitFor();
    // a restore plan starts secret-marked
    await section.getByRole('button', { name: 'Lägg till dokument' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till plan eller rutin' });
    await dialog.locator('#document-kind').selectOption('restore_plan');
    await dialog.locator('#document-title').fill('Återställningsplan');
    expect(await dialog.locator('#document-secrecyProvision').inputValue()).toBe('18 kap. 8 § OSL');
    await expectAccessible(page, 'add continuity document dialog');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await section.getByText('Återställningsplan: Återställningsplan').waitFor();
    await expectAccessible(page, 'system page with continuity');
    // each plan keeps its history
    await section.getByRole('button', { name: 'Historik för Återställningsplan' }).click();
    const history = page.getByRole('dialog', { name: 'Historik: Återställningsplan' });
    await history.getByRole('rowheader', { name: 'Lade till plan eller rutin' }).waitFor();
    await expectAccessible(page, 'continuity document history');
    await history.getByRole('button', { name: 'Stäng' }).click();
    await history.waitFor({ state: 'hidden' });

    // D1-42: an exercise of the system, and a lesson turned into a measure
    await page.goto(`${baseUrl()}/continuity/exercises/new`);
    await page.getByRole('heading', { level: 1, name: 'Registrera övning' }).waitFor();
    await page.locator('#exercise-title').fill(`Strömavbrott ${id}`);
    await page.locator('#exercise-heldOn').fill('2026-02-10');
    await page.getByRole('checkbox', { name: first }).check();
    await page.locator('#exercise-lessons').fill('Telefonlistan var inaktuell.');
    await expectAccessible(page, 'exercise form');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: `Strömavbrott ${id}` }).waitFor();
    await page.locator('#lesson-title').fill(`Uppdatera telefonlistan ${id}`);
    await page.getByRole('button', { name: 'Skapa åtgärd' }).click();
    await page.getByRole('link', { name: `Uppdatera telefonlistan ${id}` }).waitFor();
    await page.getByRole('button', { name: 'Visa historik' }).click();
    await page.getByRole('rowheader', { name: 'Registrerade övning' }).waitFor();
    await expectAccessible(page, 'exercise page');
    const status = (await api.get(`/api/v1/systems/${a.id as string}/continuity`)) as { lastExerciseOn: string };
    expect(status.lastExerciseOn).toBe('2026-02-10');

    // D1-27: the coordinator orders the critical systems with buttons only
    await page.goto(`${baseUrl()}/continuity/restore-priority`);
    await page.getByRole('heading', { level: 1, name: 'Återställningsordning' }).waitFor();
    // a draft from an earlier run of this file is taken up; otherwise a new one is made
    await page
      .getByRole('button', { name: /^(Skapa förslag|Spara ordningen)$/ })
      .first()
      .waitFor();
    const create = page.getByRole('button', { name: 'Skapa förslag' });
    if (await create.count()) await create.click();
    await page.getByRole('button', { name: 'Spara ordningen' }).waitFor();
    await page.getByRole('button', { name: `Lägg till ${first} sist i ordningen` }).click();
    await page.getByRole('button', { name: `Lägg till ${second} sist i ordningen` }).click();
    const up = page.getByRole('button', { name: `Flytta upp ${second}` });
    await up.focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${second} har nu plats`).waitFor();
    // the keyboard stays on the moved system's buttons
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(new RegExp(second));
    const items = page.locator('#priority-items li');
    const names = await items.allTextContents();
    expect(names.findIndex((n) => n.includes(second))).toBeLessThan(names.findIndex((n) => n.includes(first)));
    await page.getByRole('button', { name: 'Spara ordningen' }).click();
    await page.getByText('Ordningen är sparad.').waitFor();
    await page.getByRole('button', { name: 'Skriv ut' }).waitFor();
    await expectAccessible(page, 'restore priority draft');
    // the menu marks the most specific page: "Återställningsordning", not also "Kontinuitet"
    expect(await page.locator('#main-nav [aria-current="page"]').allTextContents()).toEqual(['Återställningsordning']);

    await page.goto(`${baseUrl()}/continuity/exercises`);
    await page.getByRole('link', { name: `Strömavbrott ${id}` }).waitFor();
    await expectAccessible(page, 'exercise list');
  });

  test.skipIf(!inject('smtpPort'))('D1-27: management is asked before the decision locks the order', async () => {
    const id = runId();
    const smtp = await startSmtp(inject('smtpPort'));
    try {
      // a draft order with at least one critical system in it, made by the coordinator
      const unit = await api.post('/api/v1/org-units', { name: `Ledningsenheten ${id}`, type: 'department' });
      const system = await api.post('/api/v1/systems', { name: `Växeln ${id}`, responsibleUnitId: unit.id, critical: true });
      const orders = (await api.get('/api/v1/restore-priorities?limit=50')).items as { id: string; status: string }[];
      const draftId =
        orders.find((o) => o.status === 'draft')?.id ?? (await api.post('/api/v1/restore-priorities', { title: `Förslag ${id}` })).id;
      const current = await requestAsAdmin('GET', `/api/v1/restore-priorities/${String(draftId)}`, undefined);
      const order = (await current.json()) as { items: { system: { id: string }; note: string | null }[] };
      await requestAsAdmin(
        'PUT',
        `/api/v1/restore-priorities/${String(draftId)}/items`,
        { items: [...order.items.map((i) => ({ systemId: i.system.id, note: i.note })), { systemId: system.id, note: null }] },
        { 'If-Match': current.headers.get('etag')! },
      );

      // someone in management, who chooses a password through the invitation mail
      const email = `ledning-${id}@e2e.example`;
      const user = await api.post('/api/v1/users', {
        email,
        displayName: `Lena Ledning ${id}`,
        assignments: [{ role: 'management', scopeType: 'tenant' }],
      });
      await api.post(`/api/v1/users/${String(user.id)}/invite`, {});
      const token = /reset-password#token=([\w-]+)/.exec((await smtp.waitFor(email, 30_000)).text)?.[1];
      const confirmed = await fetch(`${baseUrl()}/api/v1/auth/password-reset/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password: MANAGEMENT_PASSWORD }),
      });
      expect(confirmed.status).toBe(204);

      const page = await ui.reopen();
      await page.goto(`${baseUrl()}/sign-in`);
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(MANAGEMENT_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('navigation').getByRole('link', { name: 'Återställningsordning' }).click();
      await page.getByRole('heading', { level: 1, name: 'Återställningsordning' }).waitFor();
      await page.locator('#priority-decision-dnr').fill(`KS 2026/${id}`);
      await page.getByRole('button', { name: 'Registrera beslutet' }).click();
      const decision = page.getByRole('dialog', { name: 'Registrera beslutet?' });
      await decision.getByText(`Dnr KS 2026/${id}`).waitFor();
      await expectAccessible(page, 'restore priority decision confirmation');
      // cancelled: the order stays a draft (and later runs of this file take it up)
      await decision.getByRole('button', { name: 'Avbryt' }).click();
      await decision.waitFor({ state: 'hidden' });
      expect((await api.get(`/api/v1/restore-priorities/${String(draftId)}`)).status).toBe('draft');
    } finally {
      await smtp.close();
    }
  });

  test('D0-26: a supplier reserve routine answers the scenario checklist; a missing scenario shows as a gap', async () => {
    const id = runId();
    const page = ui.page;
    const supplier = await api.post('/api/v1/suppliers', { name: `Driftleverantören ${id}` });
    await signIn(page);
    await page.goto(`${baseUrl()}/suppliers/${supplier.id as string}`);
    const section = page.getByRole('region', { name: 'Reservrutiner' });
    await section.getByText('Leverantören har inga reservrutiner registrerade.').waitFor();
    await section.getByRole('button', { name: 'Lägg till dokument' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till plan eller rutin' });
    await dialog.locator('#document-title').fill('Reservrutiner vid avbrott');
    await dialog.getByRole('radiogroup', { name: 'Strömavbrott' }).getByRole('radio', { name: 'Ja, täcks' }).check();
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.locator('#document-scenarios\\.mobileNetwork-error').waitFor();
    await expectAccessible(page, 'supplier routine with unanswered scenarios');
    for (const name of ['Störning i mobilnätet', 'Störning i nätverket', 'Planerat avbrott'])
      await dialog.getByRole('radiogroup', { name }).getByRole('radio', { name: 'Ja, täcks' }).check();
    await dialog.getByRole('radiogroup', { name: 'Akut (oplanerat) avbrott' }).getByRole('radio', { name: 'Nej, saknas' }).check();
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await section.getByText('Saknas: Akut (oplanerat) avbrott').waitFor();
    await expectAccessible(page, 'supplier page with a reserve routine');
  });
});
