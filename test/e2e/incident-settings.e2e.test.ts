import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('incident settings and communication in the browser (D1-35, D1-40, D3-37)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('D1-35: the coordinator keeps categories and reporting routes; reporters read the routes', async () => {
    const id = runId();
    const page = ui.page;
    const unit = await api.post('/api/v1/org-units', { name: `IT-enheten ${id}`, type: 'department' });
    await signIn(page);

    // Categories: the starter list (D3-37 among them), and one of our own.
    await page.goto(`${baseUrl()}/admin/incident-settings`);
    await page.getByRole('heading', { level: 1, name: 'Incidentinställningar' }).waitFor();
    await page.getByRole('rowheader', { name: 'Obehörig kopiering eller överföring av uppgifter' }).waitFor();
    await expectAccessible(page, 'incident settings: categories');
    await page.locator('#category-name').fill(`Bedrägeri ${id}`);
    await page.locator('#category-nameEn').fill(`Fraud ${id}`);
    await page.getByRole('button', { name: 'Lägg till kategori' }).click();
    await page.getByRole('rowheader', { name: `Bedrägeri ${id}` }).waitFor();

    // Routes: a route that catches serious incidents, added in its dialog.
    await page.getByRole('tab', { name: 'Rapporteringsvägar' }).click();
    await page.getByText(/Den första väg som matchar gäller/).waitFor();
    await page.getByRole('button', { name: 'Lägg till rapporteringsväg' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny rapporteringsväg' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await page.locator('#route-name-error').waitFor();
    await expectAccessible(page, 'new reporting route dialog with errors');
    await page.locator('#route-name').fill(`Allvarliga händelser ${id}`);
    await page.locator('#route-minSeverity').selectOption('high');
    await page.locator('#route-handlingUnitId').selectOption(unit.id as string);
    await page.locator('#route-instructions').fill('Ring IT-jouren på 0500-49 50 00 utanför kontorstid.');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(`Allvarliga händelser ${id}`) });
    await row.getByText('Lägsta allvarlighetsgrad: minst hög').waitFor();
    await page.getByText('Första matchande väg gäller.').waitFor();
    await expectAccessible(page, 'incident settings: routes');

    // Reminders: stages out of order are refused with a field error, then put right.
    await page.getByRole('tab', { name: 'Påminnelser' }).click();
    await page.getByRole('button', { name: 'Lägg till påminnelse' }).click();
    await page.locator('#reminders-reminderPercents\\.3').fill('90');
    await page.getByRole('button', { name: 'Spara påminnelser' }).click();
    await page.getByText('Ange stegen i stigande ordning, varje procentsats en gång.').waitFor();
    await expectAccessible(page, 'incident settings: reminders with an error');
    await page.getByRole('button', { name: 'Ta bort påminnelse 4' }).click();
    await page.getByRole('button', { name: 'Spara påminnelser' }).click();
    await page.getByText('Inställningarna är sparade.').waitFor();

    await page.getByRole('tab', { name: 'Krisledning' }).click();
    await page.locator('#crisis-crisisUserIds').waitFor();
    await expectAccessible(page, 'incident settings: crisis group');
    await page.getByRole('tab', { name: 'Sekretess' }).click();
    await page.locator('#secrecy-defaultSecrecyProvision').waitFor();
    await expectAccessible(page, 'incident settings: secrecy');

    // The routes as those who report see them (D1-35: visible to those reporting).
    await page.getByRole('navigation').getByRole('link', { name: 'Rapporteringsvägar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rapporteringsvägar' }).waitFor();
    await page.getByText('Ring IT-jouren på 0500-49 50 00 utanför kontorstid.').waitFor();
    expect(await page.getByRole('button', { name: /^Ändra rapporteringsvägen/ }).count()).toBe(0);
    await expectAccessible(page, 'reporting routes for reporters');
  });

  test('D1-40: stakeholders on the system page, a notice sent after confirmation, the status page', async () => {
    const id = runId();
    const page = ui.page;
    const unit = await api.post('/api/v1/org-units', { name: `Omsorgen ${id}`, type: 'department' });
    const system = await api.post('/api/v1/systems', { name: `Journal ${id}`, responsibleUnitId: unit.id });
    await signIn(page);

    // Stakeholders: two added, one removed after confirmation.
    await page.goto(`${baseUrl()}/systems/${String(system.id)}`);
    const section = page.getByRole('region', { name: 'Intressenter vid avbrott' });
    await section.waitFor();
    await page.locator('#stakeholder-kind').selectOption('external');
    await page.getByRole('button', { name: 'Lägg till intressent' }).click();
    await page.locator('#stakeholder-name-error').waitFor();
    await page.locator('#stakeholder-name').fill('Region Väst');
    await page.locator('#stakeholder-email').fill(`it-${id}@region.example`);
    await page.getByRole('button', { name: 'Lägg till intressent' }).click();
    await section.getByRole('rowheader', { name: 'Region Väst' }).waitFor();
    await page.locator('#stakeholder-name').fill('Fel mottagare');
    await page.locator('#stakeholder-email').fill(`fel-${id}@example.org`);
    await page.getByRole('button', { name: 'Lägg till intressent' }).click();
    await section.getByRole('rowheader', { name: 'Fel mottagare' }).waitFor();
    await expectAccessible(page, 'system page with stakeholders');
    await page.getByRole('button', { name: 'Ta bort intressenten Fel mottagare' }).click();
    const confirmRemove = page.getByRole('dialog', { name: 'Ta bort intressent?' });
    await confirmRemove.waitFor();
    await expectAccessible(page, 'remove stakeholder dialog');
    await confirmRemove.getByRole('button', { name: 'Ta bort' }).click();
    await section.getByRole('rowheader', { name: 'Fel mottagare' }).waitFor({ state: 'detached' });

    // The notice from the incident page: recipients ticked, a confirmation with the count, the log.
    const incident = await api.post('/api/v1/incidents', {
      title: `Hemlig rubrik ${id}`,
      awareAt: new Date().toISOString(),
      systemIds: [system.id],
      type: 'outage',
    });
    await page.goto(`${baseUrl()}/incidents/${String(incident.id)}`);
    const panel = page.getByRole('region', { name: 'Information till berörda' });
    await panel.waitFor();
    await expect.poll(() => page.getByRole('checkbox', { name: /Region Väst/ }).isChecked()).toBe(true);
    await page.locator('#notice-message').fill('Journalen fungerar inte sedan 08.10. Vi räknar med att den är igång före lunch.');
    await page.locator('#notice-publicStatus').fill('Journalen ligger nere. Felsökning pågår.');
    await panel.getByRole('button', { name: 'Skicka' }).click();
    const confirm = page.getByRole('dialog', { name: 'Skicka driftinformation?' });
    await confirm.getByText('Skicka till 1 mottagare?').waitFor();
    await expectAccessible(page, 'send notice confirmation');
    await confirm.getByRole('button', { name: 'Skicka' }).click();
    await panel.getByRole('cell', { name: /Journalen fungerar inte sedan 08.10/ }).waitFor();
    await panel.getByText(`Region Väst (it-${id}@region.example)`).waitFor();
    await expectAccessible(page, 'incident page with the communication log');

    // The system's page lists its incidents (links underlined in the running text).
    await page.goto(`${baseUrl()}/systems/${String(system.id)}`);
    await page
      .getByRole('region', { name: 'Incidenter' })
      .getByRole('link', { name: String(incident.reference) })
      .waitFor();
    await expectAccessible(page, 'system page with an incident');

    // The status page: the system and the status line, never the incident's title; also in English.
    await page.getByRole('navigation').getByRole('link', { name: 'Pågående störningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pågående störningar' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `Journal ${id}` }).waitFor();
    await page.getByText('Journalen ligger nere. Felsökning pågår.').first().waitFor();
    expect(await page.getByText(`Hemlig rubrik ${id}`).count()).toBe(0);
    await expectAccessible(page, 'status page');
    await page.evaluate(() => localStorage.setItem('tillit.language', 'en'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ongoing disruptions' }).waitFor();
    await expectAccessible(page, 'status page in English');
    await page.evaluate(() => localStorage.setItem('tillit.language', 'sv'));
  });
});
