import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectAccessible, runId, useBrowser } from './helpers.js';

// This file runs its own server: it needs a second person with a password (a reader), and a person
// with roles in two organisations, and only `tillit create-admin` makes those before the server starts.
// It also changes the organisation's MFA requirement, which must not reach the other files' server.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin/tillit.js');
const TENANT = 'Rollby kommun';
const OTHER_TENANT = 'Grannby kommun';
const COORDINATOR = { email: 'samordnare@rollby.example', password: 'Blåbärssylt på fredagar 77' };
const READER = { email: 'chefen@rollby.example', password: 'Lingonris vid stugan 2026' };
const MASKED = 'Sekretessmarkerad – innehållet visas bara för den som har behörighet';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A person's API session against our server, for fixtures; follows a tenant switch. */
class Session {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: string) {}

  async login(who: { email: string; password: string }): Promise<this> {
    const res = await fetch(`${this.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(who),
    });
    if (!res.ok) throw new Error(`login ${who.email}: ${res.status} ${await res.text()}`);
    this.take(res, (await res.json()) as { csrfToken: string });
    return this;
  }

  private take(res: Response, body: { csrfToken?: string }) {
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (cookie) this.cookie = cookie;
    if (body.csrfToken) this.csrf = body.csrfToken;
  }

  async call<T = Record<string, unknown>>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        cookie: this.cookie,
        'x-csrf-token': this.csrf,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    const json = (text ? JSON.parse(text) : {}) as T & { csrfToken?: string };
    if (url.endsWith('/switch-tenant')) this.take(res, json);
    return { json, etag: res.headers.get('etag') ?? '' };
  }

  async status(url: string): Promise<number> {
    return (await fetch(`${this.base}${url}`, { headers: { cookie: this.cookie } })).status;
  }
}

async function signInAs(page: Page, base: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.locator('#signin-email').fill(who.email);
  await page.locator('#signin-password').fill(who.password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/systems/);
}

/** A Mantine modal once its opening transition is over, so axe sees its final colours. */
async function opened(dialog: Locator): Promise<Locator> {
  await dialog.waitFor();
  await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  return dialog;
}

describe('roles, users, security settings, sessions and secrecy marking in the browser', () => {
  const ui = useBrowser({}, true);
  let base = '';
  let server: ChildProcess | undefined;
  let dataDir = '';
  let output = '';
  let admin: Session;
  let unit: { id: string; name: string };
  let asset: { id: string; name: string; description: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tillit-e2e-roles-'));
    const env = { ...process.env, TILLIT_DATA_DIR: dataDir, TILLIT_DEMO: '0', HOST: '127.0.0.1', DATABASE_URL: '', LOG_LEVEL: 'warn' };
    const createAdmin = (who: { email: string; password: string }, tenant: string) =>
      execFileSync(process.execPath, [bin, 'create-admin', '--email', who.email, '--password', who.password, '--tenant', tenant], {
        cwd: root,
        env,
        stdio: 'pipe',
      });
    createAdmin(COORDINATOR, TENANT);
    // The reader starts as a second administrator; the test turns them into a manager through the API.
    createAdmin(READER, TENANT);
    // A joint IT organisation's coordinator: roles in two municipalities.
    createAdmin(COORDINATOR, OTHER_TENANT);

    const port = await freePort();
    server = spawn(process.execPath, [bin, 'serve'], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-20_000));
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`tillit serve exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`tillit serve not ready:\n${output}`);
      if (
        await fetch(`${base}/readyz`).then(
          (r) => r.status === 200,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 300));
    }

    admin = await new Session(base).login(COORDINATOR);
    const me = (await admin.call<{ tenant: { name: string } }>('GET', '/api/v1/auth/me')).json;
    if (me.tenant.name !== TENANT) await switchTo(admin, TENANT);

    const u = (await admin.call('POST', '/api/v1/org-units', { name: `Individ- och familjeomsorg ${runId()}`, type: 'operation' })).json;
    unit = { id: String(u.id), name: String(u.name) };
    const description = 'Förteckning över invånare med skyddad folkbokföring och rutinerna i deras ärenden.';
    const a = (
      await admin.call('POST', '/api/v1/information-assets', {
        name: `Skyddade personuppgifter ${runId()}`,
        description,
        owner: 'Johan Eriksson',
        unitId: unit.id,
        personalData: 'personnummer',
        secret: true,
        secrecyProvision: '22 kap. 1 § OSL',
      })
    ).json;
    asset = { id: String(a.id), name: String(a.name), description };

    // The reader becomes a manager (chef) for the whole organisation, and nothing else.
    const found = (await admin.call<{ items: { id: string; assignments: { id: string }[] }[] }>('GET', `/api/v1/users?q=${READER.email}`))
      .json.items[0]!;
    await admin.call('POST', `/api/v1/users/${found.id}/assignments`, { role: 'manager', scopeType: 'tenant' });
    for (const old of found.assignments) await admin.call('DELETE', `/api/v1/users/${found.id}/assignments/${old.id}`);
  }, 240_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (process.env.E2E_SERVER_LOG === '1') console.log(output);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function switchTo(session: Session, name: string) {
    const { items } = (await session.call<{ items: { id: string; name: string }[] }>('GET', '/api/v1/auth/tenants')).json;
    await session.call('POST', '/api/v1/auth/switch-tenant', { tenantId: items.find((t) => t.name === name)!.id });
  }

  test('D2-01 D2-05 D1-55: a manager sees a secret-marked information asset masked and cannot edit it; the coordinator sees its content', async () => {
    const { page } = ui;
    await signInAs(page, base, READER);
    // Not an administrator: no user administration in the menu.
    await page.getByRole('navigation').getByRole('link', { name: 'Informationstillgångar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Användare och roller' }).count()).toBe(0);
    // A manager reads but does not add.
    expect(await page.getByRole('link', { name: 'Ny informationstillgång' }).count()).toBe(0);

    // In the list the row is there, its name replaced by the masked text (in italics) and the badge.
    const link = page.getByRole('link', { name: MASKED });
    await link.waitFor();
    expect(
      await link
        .locator('span')
        .first()
        .evaluate((el) => getComputedStyle(el).fontStyle),
    ).toBe('italic');
    const row = page.getByRole('row').filter({ has: link });
    await row.getByText('Sekretess (22 kap. 1 § OSL)').waitFor();
    await row.getByText(unit.name).waitFor();
    expect(await page.getByText(asset.name).count()).toBe(0);
    await expectAccessible(page, 'information assets list with a masked row');

    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Sekretessmarkerad informationstillgång' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`/information-assets/${asset.id}$`));
    await page.getByText(MASKED).waitFor();
    await page.getByText('Uppgifterna omfattas av sekretess enligt 22 kap. 1 § OSL.', { exact: false }).waitFor();
    await page.getByText(unit.name, { exact: true }).waitFor();
    expect(await page.getByText(asset.name).count()).toBe(0);
    expect(await page.getByText(asset.description).count()).toBe(0);
    expect(await page.getByText('Johan Eriksson').count()).toBe(0);
    expect(await page.getByText('null').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Ändra' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Arkivera' }).count()).toBe(0);
    await expectAccessible(page, 'masked information asset');

    // The coordinator sees the content, the marking and may edit.
    await ui.reopen();
    await signInAs(ui.page, base, COORDINATOR);
    await ui.page.goto(`${base}/information-assets/${asset.id}`);
    await ui.page.getByRole('heading', { level: 1, name: asset.name }).waitFor();
    await ui.page.getByText(asset.description).waitFor();
    await ui.page.getByText('Sekretess (22 kap. 1 § OSL)').waitFor();
    expect(await ui.page.getByText(MASKED).count()).toBe(0);
    await ui.page.getByRole('link', { name: 'Ändra' }).click();
    await ui.page.getByRole('heading', { level: 1, name: 'Ändra informationstillgång' }).waitFor();
    expect(await ui.page.getByLabel('Sekretessmarkerad', { exact: true }).isChecked()).toBe(true);
    expect(await ui.page.locator('#asset-secrecyProvision').inputValue()).toBe('22 kap. 1 § OSL');
    // The provision is required while the marking is on: the server's message shows at the field.
    await ui.page.locator('#asset-secrecyProvision').fill('');
    await ui.page.getByRole('button', { name: 'Spara' }).click();
    await ui.page.locator('#asset-secrecyProvision-error').waitFor();
    await expect.poll(() => ui.page.evaluate(() => document.activeElement?.id)).toBe('asset-secrecyProvision');
    await expectAccessible(ui.page, 'information asset form with secrecy marking');
  });

  test('D1-39 D1-55: the coordinator adds a user with a unit-scoped role, gives another role and removes one after confirming', async () => {
    const { page } = ui;
    const email = `systemagare.${runId()}@rollby.example`;
    await signInAs(page, base, COORDINATOR);
    await page.getByRole('navigation').getByRole('link', { name: 'Användare och roller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Användare och roller' }).waitFor();
    await page.getByRole('cell', { name: COORDINATOR.email, exact: true }).waitFor();
    await expectAccessible(page, 'users list');

    await page.getByRole('link', { name: 'Lägg till användare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lägg till användare' }).waitFor();
    await page.locator('#user-email').fill(email);
    await page.locator('#user-displayName').fill('Sara Lind');
    await page.getByLabel('Roll (obligatoriskt)').selectOption({ label: 'Systemägare' });
    // The chosen role says what it may do.
    await page.getByText('Lägger in, ändrar och arkiverar IT-system och informationstillgångar i sitt ansvarsområde').waitFor();
    await page.getByLabel('Gäller').selectOption({ label: 'Enhet med underenheter' });
    await expectAccessible(page, 'new user form');

    // No unit chosen: the server's error shows at the unit field, which gets the focus.
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.locator('[id="user-assignments.0.scopeUnitId-error"]').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('user-assignments.0.scopeUnitId');
    await page.getByLabel('Enhet (obligatoriskt)').selectOption(unit.id);
    await page.getByRole('button', { name: 'Lägg till', exact: true }).click();

    await page.getByRole('heading', { level: 1, name: 'Sara Lind' }).waitFor();
    expect(page.url()).toMatch(/\/admin\/users\/[0-9a-f-]{36}$/);
    const roles = page.getByRole('table', { name: 'Roller som Sara Lind har' });
    await roles.getByRole('row').filter({ hasText: 'Systemägare' }).getByText(`Enhet med underenheter: ${unit.name}`).waitFor();
    await page.getByText('Användaren är inte inloggad just nu.').waitFor();
    await expectAccessible(page, 'user detail');

    // Another role, through the dialog.
    await page.getByRole('button', { name: 'Lägg till roll' }).click();
    const add = await opened(page.getByRole('dialog', { name: 'Ge Sara Lind en roll' }));
    await add.getByLabel('Roll (obligatoriskt)').selectOption({ label: 'Revisor' });
    await expectAccessible(page, 'add role dialog');
    await add.getByRole('button', { name: 'Lägg till roll' }).click();
    await roles.getByRole('row').filter({ hasText: 'Revisor' }).getByText('Hela organisationen').waitFor();

    // Remove the unit role: asked first, cancel keeps it, confirm removes it.
    const remove = page.getByRole('button', { name: `Ta bort rollen Systemägare – Enhet med underenheter: ${unit.name}` });
    await remove.click();
    const confirm = await opened(page.getByRole('dialog', { name: 'Ta bort rollen?' }));
    await confirm.getByText('Sara Lind förlorar rollen Systemägare').waitFor();
    // Cancel has the focus: Enter does not remove the role by accident.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Avbryt');
    await expectAccessible(page, 'remove role confirmation');
    await confirm.getByRole('button', { name: 'Avbryt' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await roles.getByRole('row').filter({ hasText: 'Systemägare' }).count()).toBe(1);
    await remove.click();
    await opened(confirm);
    await confirm.getByRole('button', { name: 'Ta bort', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => roles.getByRole('row').filter({ hasText: 'Systemägare' }).count()).toBe(0);
    await roles.getByRole('row').filter({ hasText: 'Revisor' }).waitFor();

    // The list shows the user with the role left, and the role filter finds them.
    await page.getByRole('navigation').getByRole('link', { name: 'Användare och roller' }).click();
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Revisor' });
    await page.waitForURL(/[?&]role=auditor/);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Sara Lind' }) });
    await row.getByText('Revisor (Hela organisationen)').waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
  });

  test('D1-39: the coordinator requires two-step verification for chosen roles and shortens the idle timeout', async () => {
    const { page } = ui;
    await signInAs(page, base, COORDINATOR);
    await page.getByRole('navigation').getByRole('link', { name: 'Säkerhetsinställningar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Säkerhetsinställningar' }).waitFor();
    await expectAccessible(page, 'tenant settings');

    await page.getByLabel('Vem måste använda tvåstegsverifiering?').selectOption('roles');
    await page.getByText('Bara de som har någon av rollerna nedan måste använda tvåstegsverifiering.', { exact: false }).waitFor();
    await page.getByRole('checkbox', { name: 'Revisor' }).check();
    await page.getByRole('checkbox', { name: 'Systemförvaltare' }).check();
    await page.locator('#settings-idleMinutes').fill('20');
    await expectAccessible(page, 'tenant settings, roles chosen');

    // Out of range: the server's message shows at the field.
    await page.locator('#settings-absoluteHours').fill('30');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.locator('#settings-absoluteHours-error').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('settings-absoluteHours');
    await page.locator('#settings-absoluteHours').fill('10');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Säkerhetsinställningarna är sparade.').waitFor();

    const saved = (
      await admin.call<{ mfaPolicy: string; mfaRoles: string[]; idleMinutes: number; absoluteHours: number }>(
        'GET',
        '/api/v1/tenant/settings',
      )
    ).json;
    expect(saved).toMatchObject({ mfaPolicy: 'roles', idleMinutes: 20, absoluteHours: 10 });
    expect([...saved.mfaRoles].sort()).toEqual(['auditor', 'system_administrator']);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Säkerhetsinställningar' }).waitFor();
    expect(await page.getByLabel('Vem måste använda tvåstegsverifiering?').inputValue()).toBe('roles');
    expect(await page.getByRole('checkbox', { name: 'Revisor' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Chef', exact: true }).isChecked()).toBe(false);
    expect(await page.locator('#settings-idleMinutes').inputValue()).toBe('20');
  });

  test('D1-39: on the account page a user sees their sessions and signs out the others', async () => {
    const { page } = ui;
    const other = await new Session(base).login(COORDINATOR);
    await signInAs(page, base, COORDINATOR);
    await page.goto(`${base}/account`);
    await page.getByRole('heading', { level: 2, name: 'Inloggade sessioner' }).waitFor();
    const table = page.getByRole('table', { name: 'Dina inloggade sessioner' });
    await table.getByText('Den här sessionen').waitFor();
    expect(await table.getByRole('row').count()).toBeGreaterThan(2);
    await expectAccessible(page, 'account with sessions');

    await page.getByRole('button', { name: 'Logga ut alla andra sessioner' }).click();
    const confirm = await opened(page.getByRole('dialog', { name: 'Logga ut alla andra sessioner?' }));
    await confirm.getByRole('button', { name: 'Logga ut alla andra sessioner' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await other.status('/api/v1/auth/me')).toBe(401);
    // The fixture session went too: sign it in again for the next test.
    admin = await new Session(base).login(COORDINATOR);
    await switchTo(admin, TENANT);

    // Ending the session in use signs out, after saying so.
    await page.reload();
    await table.getByText('Den här sessionen').waitFor();
    await table.getByRole('row').filter({ hasText: 'Den här sessionen' }).getByRole('button', { name: 'Avsluta' }).click();
    const signOut = await opened(page.getByRole('dialog', { name: 'Logga ut här?' }));
    await signOut.getByRole('button', { name: 'Avsluta', exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    expect(await admin.status('/api/v1/auth/me')).toBe(200);
  });

  test('a coordinator with roles in two municipalities switches between them; one that demands two-step verification says so', async () => {
    const { page } = ui;
    await signInAs(page, base, COORDINATOR);
    const select = page.getByLabel('Organisation', { exact: true });
    await select.waitFor();
    if ((await select.locator('option:checked').textContent()) !== TENANT) {
      await select.selectOption({ label: TENANT });
      await page.getByText(`Du arbetar nu i ${TENANT}.`).waitFor();
    }
    await expectAccessible(page, 'header with the organisation switch');

    await select.selectOption({ label: OTHER_TENANT });
    await page.getByText(`Du arbetar nu i ${OTHER_TENANT}.`).waitFor();
    await page.getByRole('heading', { level: 1, name: 'IT-system' }).waitFor();
    expect(await select.locator('option:checked').textContent()).toBe(OTHER_TENANT);
    // The other municipality has none of this one's records.
    await page.goto(`${base}/information-assets`);
    await page.getByRole('heading', { level: 1, name: 'Informationstillgångar' }).waitFor();
    await page.getByText('Det finns inga informationstillgångar ännu.').waitFor();

    // The other municipality now requires two-step verification of everyone; this session had none.
    const other = await new Session(base).login(COORDINATOR);
    await switchTo(other, OTHER_TENANT);
    const { etag } = await other.call('GET', '/api/v1/tenant/settings');
    await other.call('PATCH', '/api/v1/tenant/settings', { mfaPolicy: 'all' }, { 'If-Match': etag });

    await page.goto(`${base}/systems`);
    const back = page.getByLabel('Organisation', { exact: true });
    await back.selectOption({ label: TENANT });
    await page.getByText(`Du arbetar nu i ${TENANT}.`).waitFor();
    await back.selectOption({ label: OTHER_TENANT });
    await page.getByText(`${OTHER_TENANT} kräver tvåstegsverifiering.`, { exact: false }).waitFor();
    expect(await back.locator('option:checked').textContent()).toBe(TENANT);
  });
});
