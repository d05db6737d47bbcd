import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openEmbedded } from '../../src/server/db/client.js';
import { createAuthService } from '../../src/server/modules/auth/auth.service.js';
import { expectAccessible, runId, useBrowser } from './helpers.js';

// Its own server: the users need an MFA policy set in the database before it starts (the tenant
// settings API is not what this tests), and WebAuthn needs a host name ("localhost"), not an IP.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSWORD = 'Tillit-mfa-e2e-Lösen-2026!';
const id = runId();
const users = {
  totp: `totp-${id}@example.se`,
  enrol: `enrol-${id}@example.se`,
  passkey: `passkey-${id}@example.se`,
};

let server: ChildProcess | undefined;
let dataDir = '';
let base = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const totp = (secret: string) => new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
const codeAt = (secret: string, steps = 0) => totp(secret).generate({ timestamp: Date.now() + steps * 30_000 });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'tillit-mfa-e2e-'));
  const database = await openEmbedded(dataDir);
  try {
    await database.migrate();
    const auth = createAuthService(database.db);
    await auth.ensureUser({ tenantName: 'MFA-kommun', email: users.totp, password: PASSWORD, role: 'system_owner' });
    await auth.ensureUser({ tenantName: 'MFA-kommun', email: users.passkey, password: PASSWORD, role: 'system_owner' });
    const strict = await auth.ensureUser({ tenantName: 'Kravkommun', email: users.enrol, password: PASSWORD, role: 'manager' });
    await database.db.execute(sql`update tenants set mfa_policy = 'all' where id = ${strict.tenantId}`);
  } finally {
    await database.close();
  }
  const port = await freePort();
  server = spawn(process.execPath, [path.join(root, 'bin/tillit.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, TILLIT_DATA_DIR: dataDir, TILLIT_DEMO: '0', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  base = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`tillit serve exited (${server.exitCode})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('tillit serve not ready within 120 s');
    await new Promise((r) => setTimeout(r, 300));
  }
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server?.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// Sets up an authenticator app through the API for a user without MFA; returns the secret.
async function enrolThroughApi(email: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const setup = await fetch(`${base}/api/v1/auth/mfa/totp/setup`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
  if (setup.status !== 200) throw new Error(`setup: ${setup.status} ${await setup.text()} ${login.status}`);
  const { secret } = (await setup.json()) as { secret: string };
  const confirm = await fetch(`${base}/api/v1/auth/mfa/totp/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: codeAt(secret) }),
  });
  expect(confirm.status).toBe(200);
  return secret;
}

async function password(page: Page, email: string) {
  await page.goto(`${base}/sign-in`);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
}

describe('two-step verification in the browser', () => {
  const ui = useBrowser({}, true);

  test('D0-08: a user with an authenticator app signs in with a code; a wrong code is refused in plain Swedish', async () => {
    const secret = await enrolThroughApi(users.totp);
    await password(ui.page, users.totp);
    await ui.page.getByRole('heading', { level: 1, name: 'Bekräfta att det är du' }).waitFor();
    const field = ui.page.locator('#mfa-code');
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    expect(await ui.page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await ui.page.title()).toBe('Bekräfta att det är du – Tillit');
    await expectAccessible(ui.page, 'sign-in MFA step');

    const wrong = codeAt(secret) === '000000' ? '111111' : '000000';
    await field.fill(wrong);
    await ui.page.getByRole('button', { name: 'Fortsätt' }).click();
    await ui.page.getByText('Koden stämmer inte. Försök igen.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(ui.page, 'sign-in MFA step with a wrong code');

    // The recovery-code option swaps the field; back again for the app's code.
    await ui.page.getByRole('button', { name: 'Använd en återställningskod' }).click();
    await ui.page.getByLabel('Återställningskod', { exact: false }).waitFor();
    await ui.page.getByRole('button', { name: 'Använd kod från appen' }).click();

    // The confirming code used the current step: the next step's code (within the window) signs in.
    await ui.page.locator('#mfa-code').fill(codeAt(secret, 1));
    await ui.page.getByRole('button', { name: 'Fortsätt' }).click();
    await ui.page.waitForURL(/\/systems/);
    await ui.page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
  });

  test('D1-39: the organisation requires MFA: enrolment page with QR code, the code confirms, recovery codes shown once, then in', async () => {
    await password(ui.page, users.enrol);
    await ui.page.waitForURL(/\/mfa-enrol/);
    await ui.page.getByRole('heading', { level: 1, name: 'Ställ in tvåstegsverifiering' }).waitFor();
    await ui.page.getByText('Din organisation kräver tvåstegsverifiering', { exact: false }).waitFor();
    await ui.page.getByRole('img', { name: 'QR-kod att skanna med appen för engångskoder' }).waitFor();
    expect(await ui.page.title()).toBe('Ställ in tvåstegsverifiering – Tillit');
    await expectAccessible(ui.page, 'MFA enrolment');

    // A reload keeps the user on this step (the session is half-way, not signed out).
    await ui.page.reload();
    await ui.page.getByRole('heading', { level: 1, name: 'Ställ in tvåstegsverifiering' }).waitFor();
    const secret = (await ui.page.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const field = ui.page.locator('#totp-confirm-code');
    expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
    await field.fill(codeAt(secret));
    await ui.page.getByRole('button', { name: 'Bekräfta' }).click();

    await ui.page.getByRole('heading', { level: 2, name: 'Spara dina återställningskoder' }).waitFor();
    const codes = (await ui.page.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) => c.trim());
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{2}$/);
    await expectAccessible(ui.page, 'MFA enrolment recovery codes');
    const next = ui.page.getByRole('button', { name: 'Fortsätt till Tillit' });
    expect(await next.isDisabled()).toBe(true);
    await ui.page.getByLabel('Jag har sparat koderna').check();
    await next.click();
    await ui.page.waitForURL(/\/systems/);
    await ui.page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();

    // Signing in again asks for the second factor; a recovery code works.
    await ui.page.getByRole('button', { name: 'Logga ut' }).click();
    await ui.page.waitForURL(/\/sign-in/);
    await password(ui.page, users.enrol);
    await ui.page.getByRole('button', { name: 'Använd en återställningskod' }).click();
    await ui.page.locator('#mfa-code').fill(codes[0]!);
    await ui.page.getByRole('button', { name: 'Fortsätt' }).click();
    await ui.page.waitForURL(/\/systems/);
  });

  test('D0-08: adds a passkey on the account page and signs in with it (Chromium virtual authenticator)', async () => {
    const cdp = await ui.context.newCDPSession(ui.page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await password(ui.page, users.passkey);
    await ui.page.waitForURL(/\/systems/);
    await ui.page.goto(`${base}/account`);
    await ui.page.getByRole('heading', { level: 2, name: 'Tvåstegsverifiering' }).waitFor();
    await ui.page.getByText('Du har inga nycklar.').waitFor();
    await expectAccessible(ui.page, 'account MFA section');
    await ui.page.getByRole('button', { name: 'Lägg till nyckel' }).click();
    await ui.page.locator('#passkey-name').fill('Jobbdatorn');
    await ui.page.getByRole('button', { name: 'Lägg till nyckel' }).click();
    await ui.page.getByText('Jobbdatorn', { exact: true }).waitFor();
    await ui.page.getByRole('button', { name: 'Ta bort nyckeln Jobbdatorn' }).waitFor();

    // The removal dialog can be cancelled.
    await ui.page.getByRole('button', { name: 'Ta bort nyckeln Jobbdatorn' }).click();
    const dialog = ui.page.getByRole('dialog', { name: 'Ta bort nyckeln Jobbdatorn?' });
    await dialog.waitFor();
    await expectAccessible(ui.page, 'remove passkey dialog');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await ui.page.getByRole('button', { name: 'Logga ut' }).click();
    await ui.page.waitForURL(/\/sign-in/);
    await password(ui.page, users.passkey);
    await ui.page.getByRole('heading', { level: 1, name: 'Bekräfta att det är du' }).waitFor();
    await expectAccessible(ui.page, 'sign-in MFA step with a passkey');
    await ui.page.getByRole('button', { name: 'Använd nyckel (passkey)' }).click();
    await ui.page.waitForURL(/\/systems/);
    await ui.page.goto(`${base}/account`);
    await ui.page.getByText('Senast använd', { exact: false }).waitFor();
  });
});
