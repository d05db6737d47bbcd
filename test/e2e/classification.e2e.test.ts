import { beforeAll, describe, expect, test } from 'vitest';
import { apiSession, baseUrl, expectAccessible, requestAsAdmin, runId, signIn, useBrowser } from './helpers.js';

describe('information classification in the browser (D2-23, D1-23)', () => {
  const ui = useBrowser();
  let api: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    api = await apiSession();
  });

  test('D2-23 D1-23: classify an asset through the wizard, see the profile and the system’s raised protection level; level 4 is refused', async () => {
    const id = runId();
    const page = ui.page;
    const assetName = `Elevregister ${id}`;
    const unit = await api.post('/api/v1/org-units', { name: `Skolförvaltningen ${id}`, type: 'department' });
    const system = await api.post('/api/v1/systems', { name: `Skolsystem ${id}`, responsibleUnitId: unit.id });
    const asset = await api.post('/api/v1/information-assets', {
      name: assetName,
      unitId: unit.id,
      personalData: 'personnummer',
      systemIds: [system.id],
    });

    // The catalogue the gap analysis draws on (installed once per tenant; a second call adds nothing).
    await api.post('/api/v1/requirements/starter-catalogue', {});

    await signIn(page);
    const origin = new URL(page.url()).origin;
    // Before classification the system has no applicable requirements.
    await page.goto(`${origin}/systems/${system.id}`);
    const gapSection = page.getByRole('region', { name: 'Gap-analys' });
    await gapSection.getByText('Systemet är inte klassat ännu.', { exact: false }).waitFor();
    // …no dead end: the system's information is listed with a direct way to classify it, and the
    // protection level says "not classified" instead of a level 0 that nobody decided.
    await gapSection.getByText('Inte klassad', { exact: true }).waitFor();
    await gapSection.getByRole('link', { name: `Klassa ${assetName}` }).waitFor();
    const unclassified = page.getByRole('region', { name: 'Skyddsnivå' });
    await unclassified
      .getByRole('row', { name: /Konfidentialitet/ })
      .getByText('Inte klassat')
      .waitFor();
    expect(await unclassified.getByText('K0 – Ingen eller försumbar').count()).toBe(0);
    await expectAccessible(page, 'system before classification');
    await page.goto(`${origin}/information-assets/${asset.id}`);
    const section = page.getByRole('region', { name: 'Informationsklassning' });
    await section.getByText('Informationen är inte klassad ännu.').waitFor();
    await expectAccessible(page, 'asset before classification');
    await section.getByRole('link', { name: 'Klassa', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Klassa ${assetName}` }).waitFor();
    await page.getByText('Steg 1 av 5').waitFor();
    await page.getByText(/Bokstäverna betyder K = konfidentialitet, R = riktighet, T = tillgänglighet, S = spårbarhet/).waitFor();
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Konfidentialitet');

    // Confidentiality: an answer chosen with the keyboard; personnummer keeps the level at least 2.
    const individuals = page.getByRole('radiogroup', { name: 'Om obehöriga får se informationen – hur drabbas enskilda personer?' });
    const moderate = individuals.getByRole('radio', { name: '1 – Någon blir besvärad eller irriterad, men det går över.' });
    await moderate.focus();
    await page.keyboard.press('Space');
    expect(await moderate.isChecked()).toBe(true);
    await page.getByText('Lägsta nivå är 2').waitFor();
    expect(await page.locator('#classify-confidentiality\\.level').inputValue()).toBe('2');

    // National security: the refusal is shown and saving is blocked.
    const law = page.getByRole('radiogroup', { name: 'Om obehöriga får se informationen – bryter vi mot lagar, regler eller avtal?' });
    await law.getByRole('radio', { name: 'Det kan skada Sveriges säkerhet (säkerhetsskydd)' }).check();
    await page.getByRole('alert').filter({ hasText: 'Den här informationen kan inte klassas i Tillit' }).waitFor();
    await page
      .getByText(/säkerhetsskyddslagen/)
      .first()
      .waitFor();
    await expectAccessible(page, 'wizard with the national-security refusal');
    await law.getByRole('radio', { name: '1 – Ett mindre fel som vi själva rättar till.' }).check();
    await page.locator('#classify-confidentiality\\.reason').fill('Personnummer för elever.');
    await page.getByRole('button', { name: 'Nästa' }).click();

    // Integrity and traceability follow the answers; availability is serious (3).
    await page.getByRole('heading', { level: 2, name: 'Riktighet' }).waitFor();
    // Focus moves to the new step's heading, which the stepper marks as current.
    expect(await page.evaluate(() => document.activeElement?.tagName + ' ' + document.activeElement?.textContent)).toBe('H2 Riktighet');
    await page.getByText('Steg 2 av 5').waitFor();
    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Riktighet');
    await page.locator('#classify-integrity\\.reason').fill('Fel betyg kan rättas i efterhand.');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tillgänglighet' }).waitFor();
    await page
      .getByRole('radiogroup', { name: 'Om ni inte kommer åt informationen när den behövs – hur drabbas verksamheten?' })
      .getByRole('radio', { name: '3 – Verksamheten kan inte utföra sitt uppdrag.' })
      .check();
    await page.locator('#classify-availability\\.reason').fill('Skolan stannar utan elevlistor.');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { level: 2, name: 'Spårbarhet' }).waitFor();
    await expectAccessible(page, 'wizard, an aspect step');
    // The traceability reason is left out: the failed save lists the step and links to it.
    await page.getByRole('button', { name: 'Nästa' }).click();

    await page.getByRole('heading', { level: 2, name: 'Sammanfattning' }).waitFor();
    await page.getByText('K2 – Betydande').waitFor();
    await page.getByText('T3 – Allvarlig').waitFor();
    await page.getByRole('combobox', { name: 'Deltagare' }).fill('Rektor Anna');
    await page.keyboard.press('Enter');
    await expectAccessible(page, 'wizard summary');
    await page.getByRole('button', { name: 'Spara klassningen' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'Klassningen kunde inte sparas' });
    await problems.getByRole('button', { name: 'Spårbarhet' }).waitFor();
    await page.getByText('S0 · behöver rättas').waitFor();
    await expectAccessible(page, 'wizard with the failed save');
    await problems.getByRole('button', { name: 'Spårbarhet' }).click();
    await page.getByRole('heading', { level: 2, name: 'Spårbarhet' }).waitFor();
    await page.locator('#classify-traceability\\.reason-error').waitFor();
    await page.locator('#classify-traceability\\.reason').fill('Ändringar loggas i dag.');
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('button', { name: 'Spara klassningen' }).click();

    await page.getByText('Klassningen är sparad.').waitFor();
    await section.getByText('K2 – Betydande').waitFor();
    await section.getByText('R0 – Ingen eller försumbar').waitFor();
    await section.getByRole('link', { name: 'Klassa om' }).waitFor();
    await expectAccessible(page, 'asset with its profile');

    // Reclassifying: a lower answer lowers the level, and the earlier level is shown beside it.
    await section.getByRole('link', { name: 'Klassa om' }).click();
    await page.getByRole('heading', { level: 1, name: `Klassa ${assetName}` }).waitFor();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('heading', { level: 2, name: 'Tillgänglighet' }).waitFor();
    expect(await page.locator('#classify-availability\\.level').inputValue()).toBe('3');
    await page
      .getByRole('radiogroup', { name: 'Om ni inte kommer åt informationen när den behövs – hur drabbas verksamheten?' })
      .getByRole('radio', { name: /^1 – / })
      .check();
    expect(await page.locator('#classify-availability\\.level').inputValue()).toBe('1');
    await page.getByText('Tidigare nivå: T3 – Allvarlig.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await section.getByText('T3 – Allvarlig').waitFor();

    // The linked system's protection level follows the information (availability 3 from the asset).
    await page.goto(`${origin}/systems/${system.id}`);
    const protection = page.getByRole('region', { name: 'Skyddsnivå' });
    const row = protection.getByRole('row', { name: /Tillgänglighet/ });
    await row.getByText('T3 – Allvarlig').waitFor();
    await row.getByRole('link', { name: assetName }).waitFor();
    await protection.getByText(/Tillit föreslår att systemet markeras som kritiskt/).waitFor();
    expect(await protection.getByText('Kritiskt system').count()).toBe(0);
    // …and so does its gap list: requirements now apply, none assessed yet.
    const summaryBefore = await gapSection.getByText(/krav gäller/).textContent();
    const applicableBefore = Number(/(\d+) krav gäller/.exec(summaryBefore ?? '')?.[1]);
    expect(applicableBefore).toBeGreaterThan(0);
    expect(summaryBefore).toContain(`${applicableBefore} ej bedömda`);
    await expectAccessible(page, 'system with its protection level');

    // Raise confidentiality with a reason; the level cannot be set below what the information gives.
    await protection.getByRole('button', { name: 'Ändra skyddsnivå' }).click();
    const k = page.locator('#protection-confidentiality\\.level');
    expect(await k.locator('option').allTextContents()).toEqual(['2 – Betydande (följer informationen)', '3 – Allvarlig']);
    await k.selectOption('3');
    await page.locator('#protection-lossOfFunction\\.consequence').fill('Skolan kan inte föra närvaro.');
    await expectAccessible(page, 'protection-level form');
    await page.getByRole('button', { name: 'Spara skyddsnivån' }).click();
    await page.locator('#protection-confidentiality\\.reason-error').waitFor();
    await page.locator('#protection-confidentiality\\.reason').fill('Hela skolans elevuppgifter samlas här (aggregering).');
    await page.getByRole('button', { name: 'Spara skyddsnivån' }).click();
    await page.getByText('Skyddsnivån är sparad.').waitFor();
    await protection
      .getByRole('row', { name: /Konfidentialitet/ })
      .getByText('K3 – Allvarlig')
      .waitFor();
    await protection.getByText('Klart', { exact: true }).waitFor();
    // D1-24: emptying the loss-of-function consequence removes it (the classification is then not complete);
    // the raise stays.
    await protection.getByRole('button', { name: 'Ändra skyddsnivå' }).click();
    await page.locator('#protection-lossOfFunction\\.consequence').fill('');
    await page.getByRole('button', { name: 'Spara skyddsnivån' }).click();
    await page.getByText('Skyddsnivån är sparad.').last().waitFor();
    await protection.getByText(/Inte angiven\. Den behövs för att klassningen ska vara klar\./).waitFor();
    expect(await protection.getByText('Klart', { exact: true }).count()).toBe(0);
    await protection
      .getByRole('row', { name: /Konfidentialitet/ })
      .getByText('K3 – Allvarlig')
      .waitFor();
    // Raising confidentiality to 3 brings the K3 requirements into the gap list.
    await expect
      .poll(async () => Number(/(\d+) krav gäller/.exec((await gapSection.getByText(/krav gäller/).textContent()) ?? '')?.[1]))
      .toBeGreaterThan(applicableBefore);
    await gapSection.getByRole('link', { name: 'Öppna gap-analysen' }).click();
    await page.getByRole('rowheader', { name: 'TIL-K3-01' }).waitFor();
    await expectAccessible(page, 'gap analysis after classification');

    // The coverage page and the scheme settings.
    await page.getByRole('link', { name: 'Klassning', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Klassning' }).waitFor();
    await expectAccessible(page, 'classification coverage');
    await page.getByRole('link', { name: 'Klassningsmodell' }).click();
    await page.getByRole('heading', { level: 1, name: 'Klassningsmodell' }).waitFor();
    await page.getByLabel('Nivå 1 på svenska').waitFor();
    await expectAccessible(page, 'classification scheme settings');
    // Resetting the scheme asks first; cancelling changes nothing.
    await page.getByRole('button', { name: 'Återställ nivåer och regler till Tillits förval' }).click();
    const reset = page.getByRole('dialog', { name: 'Återställ till Tillits förval?' });
    await reset.waitFor();
    await expectAccessible(page, 'scheme reset confirmation');
    await reset.getByRole('button', { name: 'Avbryt' }).click();
    await reset.waitFor({ state: 'hidden' });
  });

  test('D2-23: a classification made on a stale page is refused and reloaded; a later change of personal data puts it below the minimum and asks for a new one', async () => {
    const id = runId();
    const page = ui.page;
    const assetName = `Besöksloggar ${id}`;
    const unit = await api.post('/api/v1/org-units', { name: `Kultur ${id}`, type: 'department' });
    const asset = await api.post('/api/v1/information-assets', { name: assetName, unitId: unit.id, personalData: 'none' });
    const aspect = (level: number) => ({ level, reason: `Nivå ${level} enligt klassningen` });
    await requestAsAdmin('PUT', `/api/v1/information-assets/${asset.id}/classification`, {
      confidentiality: aspect(1),
      integrity: aspect(1),
      availability: aspect(1),
      traceability: aspect(1),
    });

    await signIn(page);
    const origin = new URL(page.url()).origin;
    await page.goto(`${origin}/information-assets/${asset.id}/classify`);
    await page.getByRole('heading', { level: 1, name: `Klassa ${assetName}` }).waitFor();

    // Someone else records personnummer meanwhile (the asset's ETag changes).
    const current = await fetch(`${baseUrl()}/api/v1/information-assets/${asset.id}`, {
      headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    await requestAsAdmin(
      'PATCH',
      `/api/v1/information-assets/${asset.id}`,
      { personalData: 'personnummer' },
      { 'if-match': current.headers.get('etag') ?? '' },
    );

    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Nästa' }).click();
    await page.getByRole('button', { name: 'Spara klassningen' }).click();
    await page.getByText('Posten har ändrats av någon annan. Ladda om och försök igen.').waitFor();
    await expectAccessible(page, 'wizard after a conflict');
    await page.getByRole('button', { name: 'Ladda om' }).click();
    // The wizard starts over from the asset as it is now: personnummer raises the minimum.
    await page.getByText('Steg 1 av 5').waitFor();
    await page.getByText('Lägsta nivå är 2').waitFor();
    await page.getByRole('button', { name: 'Avbryt' }).click();

    // The saved profile is now below the minimum: the asset page says so and offers "Klassa om".
    const section = page.getByRole('region', { name: 'Informationsklassning' });
    const warning = section.getByText('Klassningen är lägre än lägsta nivå');
    await warning.waitFor();
    await section.getByText(/Konfidentialitet är K1, men lägsta nivå är nu K2/).waitFor();
    await expectAccessible(page, 'asset below the minimum');
    await section.getByRole('link', { name: 'Klassa om' }).first().click();
    await page.getByRole('heading', { level: 1, name: `Klassa ${assetName}` }).waitFor();
  });
});
