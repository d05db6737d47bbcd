import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import {
  acceptInvitation,
  apiSession,
  baseUrl,
  expectAccessible,
  organisationNumber,
  requestAsAdmin,
  runId,
  signIn,
  useBrowser,
} from './helpers.js';

const SUPPLIER_PASSWORD = 'Underlag i pärmen på hyllan 2026';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('supplier follow-ups in the browser (D1-17, D0-19)', () => {
  const ui = useBrowser();
  let smtp: TestSmtp | undefined;
  const id = runId();
  const email = `uppfoljning-${id}@e2e.example`;

  beforeAll(async () => {
    if (inject('smtpPort')) smtp = await startSmtp(inject('smtpPort'));
  });
  afterAll(async () => {
    await smtp?.close();
  });

  test.skipIf(!inject('smtpPort'))(
    'D1-17: the coordinator sends a follow-up; a supplier user answers it with a file (a disguised executable is refused) and hands it in',
    async () => {
      // A consultant firm with a short checklist of the tenant's own wording, and its admin with a password.
      const api = await apiSession();
      const supplierName = `Konsult ${id} AB`;
      const supplier = await api.post('/api/v1/suppliers', {
        name: supplierName,
        organisationNumber: organisationNumber(),
        type: 'consultant',
      });
      const template = await api.get('/api/v1/follow-up-templates/consultant');
      await requestAsAdmin(
        'PUT',
        '/api/v1/follow-up-templates/consultant',
        {
          items: [
            { code: 'D0-19', area: 'security', text: 'Vi har en lösenordspolicy. Bifoga den.', evidenceRequired: true, sources: ['D0-19'] },
            {
              code: 'D0-37',
              area: 'communication',
              text: 'Vi lämnar fasta telefonnummer till kunder.',
              evidenceRequired: false,
              sources: ['D0-37'],
            },
          ],
        },
        { 'if-match': `"v${String(template.version)}"` },
      );
      const user = await api.post('/api/v1/users', {
        email,
        displayName: `Karin Konsult ${id}`,
        assignments: [{ role: 'supplier_admin', scopeType: 'supplier', scopeSupplierId: supplier.id }],
      });
      await acceptInvitation(api, smtp!, { id: user.id, email }, SUPPLIER_PASSWORD);

      // The coordinator plans the follow-up and sends it.
      let page = ui.page;
      await signIn(page);
      await page.goto(`${baseUrl()}/supplier-follow-ups`);
      await page.getByRole('heading', { level: 1, name: 'Leverantörsuppföljningar' }).waitFor();
      await expectAccessible(page, 'follow-ups list');
      await page.getByRole('link', { name: 'Planera uppföljning' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Planera uppföljning' }).waitFor();
      const title = `Uppföljning ${id}`;
      await page.locator('#follow-up-supplierId').selectOption({ label: supplierName });
      await page.locator('#follow-up-title').fill(title);
      await expectAccessible(page, 'follow-up form');
      await page.getByRole('button', { name: 'Spara' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('button', { name: 'Skicka till leverantören' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Bekräfta' }).click();
      await page.getByRole('region', { name: /D0-19: Vi har en lösenordspolicy/ }).waitFor();
      await expectAccessible(page, 'follow-up sent');

      // The supplier user finds it in the portal and answers.
      page = await ui.reopen();
      await page.goto(`${baseUrl()}/sign-in`);
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill(SUPPLIER_PASSWORD);
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('navigation').getByRole('link', { name: 'Uppföljningar att besvara' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uppföljningar att besvara' }).waitFor();
      await expectAccessible(page, 'portal follow-ups');
      await page.getByRole('link', { name: title }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expectAccessible(page, 'answering page');

      const policy = page.getByRole('region', { name: /D0-19:/ });
      await policy.getByRole('radio', { name: 'Ja' }).check();
      await policy.getByLabel('Kommentar').fill('Policyn gäller sedan januari.');
      await policy.getByRole('button', { name: /Spara svar/ }).click();
      await page.getByText('Svaret är sparat.').waitFor();
      // an executable named like a PDF is refused, with the reason
      await policy.getByLabel(/Bifoga fil/).setInputFiles({ name: 'losenordspolicy.pdf', mimeType: 'application/pdf', buffer: EXE });
      await policy.getByRole('button', { name: 'Bifoga', exact: true }).click();
      await policy.getByText('Filtypen är inte tillåten', { exact: false }).first().waitFor();
      await expectAccessible(page, 'upload refused');
      await policy.getByLabel(/Bifoga fil/).setInputFiles({ name: 'losenordspolicy.pdf', mimeType: 'application/pdf', buffer: PDF });
      await policy.getByRole('button', { name: 'Bifoga', exact: true }).click();
      await policy.getByRole('button', { name: 'Ladda ned losenordspolicy.pdf' }).waitFor();

      const phones = page.getByRole('region', { name: /D0-37:/ });
      await phones.getByRole('radio', { name: 'Ja' }).check();
      await phones.getByRole('button', { name: /Spara svar/ }).click();
      await expect.poll(() => phones.getByText('Leverantörens svar: Ja').count()).toBe(1);
      await expectAccessible(page, 'answers given');

      await page.getByRole('button', { name: 'Lämna in svaren' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Bekräfta' }).click();
      await page.getByText('Besvarad', { exact: true }).first().waitFor();
      await expect.poll(() => page.getByRole('button', { name: 'Lämna in svaren' }).count()).toBe(0);
      await expectAccessible(page, 'answers handed in');

      // The coordinator sees the answer and downloads the evidence as a file.
      page = await ui.reopen();
      await signIn(page);
      await page.goto(`${baseUrl()}/supplier-follow-ups`);
      await page.getByRole('link', { name: title }).click();
      const evidence = page.getByRole('region', { name: /D0-19:/ });
      await evidence.getByText('Policyn gäller sedan januari.').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        evidence.getByRole('button', { name: 'Ladda ned losenordspolicy.pdf' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('losenordspolicy.pdf');
      await expectAccessible(page, 'follow-up answered (municipality)');
    },
  );
});
