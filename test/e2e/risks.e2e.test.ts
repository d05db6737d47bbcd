import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

describe('risk and vulnerability analysis in the browser (D1-02, D1-11, D4-05)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('D1-02 D1-11: create an analysis and a risk, set residual and treatment, approve as owner, heat maps update, take a snapshot', async () => {
    const id = runId();
    const page = ui.page;
    const unit = await api.post('/api/v1/org-units', { name: `Riskförvaltningen ${id}`, type: 'department' });
    const systemName = `Ekonomisystem ${id}`;
    await api.post('/api/v1/systems', { name: systemName, responsibleUnitId: unit.id });
    const me = (await api.get('/api/v1/auth/me')) as { user: { id: string } };
    await signIn(page);

    await page.goto(`${baseUrl()}/risks`);
    await page.getByRole('heading', { level: 1, name: 'Risk- och sårbarhetsanalyser' }).waitFor();
    await expectAccessible(page, 'analyses list');
    await page.getByRole('link', { name: 'Ny analys' }).first().click();
    await page.locator('#analysis-title').fill(`RSA ${id}`);
    await page.locator('#analysis-analysedOn').fill('2026-02-01');
    await page.locator('#analysis-participants').fill('Anna, Bo');
    await expectAccessible(page, 'analysis form');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: `Analys: RSA ${id}` }).waitFor();
    await page.getByText(/Nästa uppdatering: .*2027/).waitFor();

    await page.getByRole('link', { name: 'Ny risk' }).first().click();
    await page.locator('#risk-title').fill(`Intrång ${id}`);
    await page.locator('#risk-threat').fill('Nätfiske mot ekonomiavdelningen');
    await page.getByRole('checkbox', { name: systemName }).check();
    await page.locator('#risk-likelihood').selectOption('3');
    await page.locator('#risk-consequence').selectOption('4');
    await page.locator('#risk-ownerUserId').selectOption(me.user.id);
    await expectAccessible(page, 'risk form');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: `Risk: Intrång ${id}` }).waitFor();
    await page.getByText('12 – Mycket hög').waitFor();

    // residual and treatment
    await page.getByRole('link', { name: 'Ändra' }).click();
    await page.locator('#risk-residualLikelihood').selectOption('1');
    await page.locator('#risk-residualConsequence').selectOption('2');
    await page.locator('#risk-treatment').selectOption('reduce');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('2 – Låg').waitFor();

    // the owner approves
    await page.getByRole('button', { name: 'Godkänn behandling och restrisk' }).click();
    await page.getByText('Godkänd av riskägaren').waitFor();
    await page.locator('#measure-title').fill('Inför MFA');
    await page.getByRole('button', { name: 'Skapa åtgärd' }).click();
    await page.getByRole('link', { name: 'Inför MFA' }).waitFor();
    await page.getByText('(Föreslagen)').waitFor();
    // the affected system and the measure are links
    await page.getByRole('link', { name: systemName }).waitFor();
    await expectAccessible(page, 'risk page');

    // heat maps for the analysis
    await page.getByRole('link', { name: `RSA ${id}` }).click();
    await page.getByRole('link', { name: 'Riskkarta' }).click();
    const before = page.getByRole('region', { name: 'Före åtgärder' });
    const after = page.getByRole('region', { name: 'Efter åtgärder (restrisk)' });
    await before.getByRole('link', { name: '1 risk' }).waitFor();
    await after.getByRole('link', { name: '1 risk' }).waitFor();
    await expectAccessible(page, 'heat map');
    await page.getByRole('button', { name: 'Skriv ut' }).waitFor();
    await after.getByRole('link', { name: '1 risk' }).click();
    await page.getByRole('link', { name: `Intrång ${id}` }).waitFor();

    // the register's filters live in the address; one filter with no match says so (not "no risks yet")
    await page.locator('#risks-filter-treatment').selectOption('accept');
    await page.getByText('Inga risker matchar urvalet.').waitFor();
    expect(page.url()).toContain('treatment=accept');
    await expectAccessible(page, 'risk register with filters');
    await page.getByRole('button', { name: 'Rensa filtren' }).click();
    await page.getByRole('link', { name: `Intrång ${id}` }).waitFor();

    // last year's snapshot (only finished years; once per year: the January job may already have taken it)
    const year = new Date().getFullYear() - 1;
    const taken = ((await api.get('/api/v1/risk-snapshots')) as { items: { year: number }[] }).items.some((s) => s.year === year);
    await page.goto(`${baseUrl()}/risks/snapshots`);
    await page.getByRole('heading', { level: 1, name: 'Ögonblicksbilder' }).waitFor();
    if (taken) {
      await page.getByRole('rowheader', { name: String(year) }).waitFor();
      expect(await page.getByRole('button', { name: `Ta ögonblicksbild för ${year}` }).count()).toBe(0);
    } else {
      await page.getByRole('button', { name: `Ta ögonblicksbild för ${year}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await expectAccessible(page, 'snapshot confirmation');
      await dialog.getByRole('button', { name: 'Ta ögonblicksbild' }).click();
      await page.getByRole('rowheader', { name: String(year) }).waitFor();
      expect(await page.getByRole('button', { name: `Ta ögonblicksbild för ${year}` }).count()).toBe(0);
    }
    await expectAccessible(page, 'snapshots');
    expect(await page.title()).toBe('Ögonblicksbilder – Tillit');
  });
});
