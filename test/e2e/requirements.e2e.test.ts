import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, expectAccessible, requestAsAdmin, runId, signIn, useBrowser } from './helpers.js';

const aspect = (level: number) => ({ level, reason: `Nivå ${level} enligt klassningen` });

const put = (path: string, body: unknown) => requestAsAdmin('PUT', path, body);

describe('requirement catalogue and gap analysis in the browser (D2-24, D1-23)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('D2-24: install the starter catalogue, import a file after a preview, assess a classified system and see the measure it creates', async () => {
    const id = runId();
    const page = ui.page;
    await signIn(page);
    const origin = new URL(page.url()).origin;

    // The catalogue: install the starter catalogue (from the empty state, or the action if already there).
    await page.getByRole('link', { name: 'Kravkatalog' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kravkatalog' }).waitFor();
    await page.getByRole('button', { name: 'Installera startkatalogen' }).first().click();
    await page
      .getByText(/krav lades till\.|Startkatalogen finns redan/)
      .first()
      .waitFor();
    const table = page.getByRole('table', { name: 'Kravkatalogen' });
    await table.getByRole('rowheader', { name: 'TIL-K2-01' }).waitFor();
    // The kind is explained, not a bare "ÄR"/"SKA".
    await table.getByText('ÄR-krav (hur ni arbetar)').first().waitFor();
    await expectAccessible(page, 'requirement catalogue');

    // Import: the file is checked and previewed before anything is saved.
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Importera krav från fil' });
    await dialog.waitFor();
    await page.locator('#import-file').setInputFiles({
      name: 'krav.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`Kod;Krav;Aspekt;Nivå;Typ;Område\nE2E-${id};Besökare skrivs in i besöksliggaren;K;1;ÄR;Fysiskt\n`),
    });
    await dialog.getByRole('button', { name: 'Granska filen' }).click();
    await dialog.getByText('1 nya krav och 0 som uppdateras. Inget är sparat ännu.').waitFor();
    await expectAccessible(page, 'import preview');
    await dialog.getByRole('button', { name: 'Importera 1 krav' }).click();
    await page.getByText('Importen är klar: 1 nya och 0 uppdaterade krav.').waitFor();
    await table.getByRole('rowheader', { name: `E2E-${id}` }).waitFor();

    // A system with classified information (confidentiality 2).
    const unit = await api.post('/api/v1/org-units', { name: `Kravförvaltningen ${id}`, type: 'department' });
    const system = await api.post('/api/v1/systems', { name: `Ärendesystem ${id}`, responsibleUnitId: unit.id });
    const asset = await api.post('/api/v1/information-assets', { name: `Ärenden ${id}`, unitId: unit.id, systemIds: [system.id] });
    await put(`/api/v1/information-assets/${asset.id}/classification`, {
      confidentiality: aspect(2),
      integrity: aspect(1),
      availability: aspect(1),
      traceability: aspect(1),
    });

    // The system's page sums the gap analysis up and links to it.
    await page.goto(`${origin}/systems/${system.id}`);
    const section = page.getByRole('region', { name: 'Gap-analys' });
    await section.getByText(/krav gäller, 0 saknas, 0 delvis, \d+ ej bedömda/).waitFor();
    await section.getByRole('link', { name: 'Öppna gap-analysen' }).click();
    await page.getByRole('heading', { level: 1, name: `Gap-analys för Ärendesystem ${id}` }).waitFor();
    const gap = page.getByRole('table', { name: 'Krav som gäller för systemet och hur de uppfylls' });
    await gap.getByRole('rowheader', { name: 'TIL-K2-01' }).waitFor();
    expect(await gap.getByRole('rowheader', { name: 'TIL-K3-01' }).count()).toBe(0);
    await expectAccessible(page, 'gap analysis');

    // Mark one requirement missing: the deficiency is asked for, and a measure is created.
    await gap.getByRole('button', { name: 'Bedöm TIL-K2-01' }).click();
    const assess = page.getByRole('dialog', { name: 'Bedöm krav TIL-K2-01' });
    // Nothing chosen: the browser asks for the status instead of saving a guess.
    await assess.getByRole('button', { name: 'Spara' }).click();
    await assess.getByText('Välj om kravet uppfylls.').waitFor();
    await expectAccessible(page, 'assess modal with a missing status');
    await assess.getByRole('radio', { name: 'Saknas' }).check();
    await assess.getByRole('button', { name: 'Spara' }).click();
    await assess.getByText('Välj hur allvarlig bristen är.').waitFor();
    await assess.getByLabel('Hur allvarlig är bristen?').selectOption('significant');
    await expectAccessible(page, 'assess a requirement');
    await assess.getByRole('button', { name: 'Spara' }).click();
    await page.getByText(/Bedömningen har sparats och en åtgärd har skapats: Åtgärda brist: TIL-K2-01/).waitFor();
    const row = gap.getByRole('row', { name: /TIL-K2-01/ });
    await row.getByText('Saknas').waitFor();
    await row.getByText(/^Åtgärda brist: TIL-K2-01/).waitFor();
    await page.getByText(/krav gäller, 1 saknas, 0 delvis/).waitFor();
    await expectAccessible(page, 'gap analysis with a missing requirement');
    // The measure is a link to its own page.
    expect(await row.getByRole('link', { name: /^Åtgärda brist: TIL-K2-01/ }).getAttribute('href')).toMatch(/^\/measures\/[0-9a-f-]{36}$/);

    // Someone else assesses the same requirement while the modal is open: the stale save is refused
    // (412) and "Ladda om" shows what they saved.
    await gap.getByRole('button', { name: 'Bedöm TIL-K2-01' }).click();
    await assess.getByRole('radio', { name: 'Saknas' }).waitFor();
    const analysis = (await api.get(`/api/v1/systems/${system.id}/gap-analysis`)) as {
      items: { requirement: { id: string; code: string } }[];
    };
    const k201 = analysis.items.find((i) => i.requirement.code === 'TIL-K2-01')!.requirement.id;
    await put(`/api/v1/systems/${system.id}/gap-analysis/${k201}`, {
      status: 'partly',
      deficiency: 'moderate',
      howMet: 'Rutin för en del av användarna',
    });
    await assess.getByLabel('Hur allvarlig är bristen?').selectOption('serious');
    await assess.getByRole('button', { name: 'Spara' }).click();
    await assess.getByText('Posten har ändrats av någon annan. Ladda om och försök igen.').waitFor();
    await expectAccessible(page, 'assess modal after a conflict');
    await assess.getByRole('button', { name: 'Ladda om' }).click();
    await expect.poll(() => assess.getByRole('radio', { name: 'Delvis' }).isChecked()).toBe(true);
    expect(await assess.locator('#gap-howMet').inputValue()).toBe('Rutin för en del av användarna');
    await assess.getByRole('button', { name: 'Avbryt' }).click();
    await row.getByText('Delvis').waitFor();
  });
});
