import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { LOA2, LOA3, startOidcIdp, type OidcIdp } from '../fixtures/sso/oidc-idp.js';
import { baseUrl, expectAccessible, runId, signIn, useBrowser } from './helpers.js';

// A real OpenID provider on loopback, configured as the E2E organisation's identity provider
// through the API of the spawned server; Chromium goes through the whole redirect flow.
const id = runId();
const providerName = `Test-IdP ${id}`;
const group = `e2e-systemagare-${id}`;
const person = { sub: `e2e-${id}`, email: `sso-${id}@e2e.example`, name: `Sigrid SSO ${id}` };
const ORGANISATION = 'e2e-kommun';

let idp: OidcIdp;
let admin: { cookie: string; csrf: string };
let providerId = '';
let mappingId = '';

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      cookie: admin.cookie,
      'x-csrf-token': admin.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : ((await res.json()) as Record<string, unknown>);
}

beforeAll(async () => {
  idp = await startOidcIdp([`${baseUrl()}/api/v1/auth/sso/oidc/callback`]);
  idp.accounts.set(person.sub, { email: person.email, name: person.name, groups: [group] });
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: inject('adminEmail'), password: inject('adminPassword') }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  admin = {
    cookie: login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
    csrf: ((await login.json()) as { csrfToken: string }).csrfToken,
  };
  const provider = await api('POST', '/api/v1/identity-providers', {
    kind: 'oidc',
    name: providerName,
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: 'openid profile email groups',
    requiredAssurance: [LOA3],
  });
  providerId = String(provider!.id);
  mappingId = String((await api('POST', '/api/v1/group-role-mappings', { groupName: group, role: 'system_owner' }))!.id);
});

afterAll(async () => {
  // Leave the shared E2E organisation as it was for the other browser tests.
  if (mappingId) await api('DELETE', `/api/v1/group-role-mappings/${mappingId}`).catch(() => undefined);
  if (providerId) {
    const current = await api('GET', `/api/v1/identity-providers/${providerId}`).catch(() => null);
    if (current)
      await api('DELETE', `/api/v1/identity-providers/${providerId}`, undefined, { 'if-match': `"v${String(current.version)}"` });
  }
  await idp?.close();
});

describe('single sign-on in the browser (D3-24, D0-08, D0-09)', () => {
  const ui = useBrowser({}, true);

  test('D3-24 D0-08: signs in with e-ID through the organisation’s OpenID provider and lands signed in with the mapped role', async () => {
    const page = ui.page;
    await page.goto(`${baseUrl()}/sign-in?organisation=${ORGANISATION}`);
    const button = page.getByRole('link', { name: `Logga in med ${providerName}` });
    await button.waitFor();
    await expectAccessible(page, 'sign-in with SSO buttons');

    idp.nextLogin = { accountId: person.sub, acr: LOA3 };
    await button.click();
    await page.waitForURL(/\/systems/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me).toMatchObject({ user: { email: person.email, displayName: person.name }, roles: ['system_owner'] });
    expect(await page.getByText(person.name).first().isVisible()).toBe(true);
  });

  test('D3-24: asks for the organisation once, and refuses a sign-in at too low a level of assurance with a clear Swedish message', async () => {
    const page = ui.page;
    await page.goto(`${baseUrl()}/sign-in`);
    const field = page.getByLabel('Organisation', { exact: true });
    await field.waitFor();
    await expectAccessible(page, 'sign-in asking for the organisation');
    await field.fill('E2E-kommun');
    await page.getByRole('button', { name: 'Visa inloggningsalternativ' }).click();
    await page.getByRole('link', { name: `Logga in med ${providerName}` }).waitFor();
    // remembered: the next visit needs neither the field nor ?organisation=
    await page.goto(`${baseUrl()}/sign-in`);
    const button = page.getByRole('link', { name: `Logga in med ${providerName}` });
    await button.waitFor();
    idp.nextLogin = { accountId: person.sub, acr: LOA2 };
    await button.click();
    await page.waitForURL(/sso_error=assurance-too-low/);
    const alert = page.getByRole('alert').filter({ hasText: 'för låg tillitsnivå' });
    await alert.waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401);
    await expectAccessible(page, 'sign-in after a refused SSO sign-in');
  });

  test('the coordinator’s SSO settings page lists the provider with its redirect URI and the group table, without axe violations', async () => {
    const page = ui.page;
    await signIn(page);
    await page.getByRole('link', { name: 'Inloggning med SSO' }).click();
    await page.waitForURL(/\/admin\/sso/);
    await page.getByRole('heading', { level: 3, name: providerName }).waitFor();
    expect(await page.getByLabel('Redirect URI (återkomstadress)').first().inputValue()).toBe(`${baseUrl()}/api/v1/auth/sso/oidc/callback`);
    await page.getByRole('rowheader', { name: group }).waitFor();
    await expectAccessible(page, 'admin SSO settings');

    await page.getByRole('button', { name: 'Lägg till SAML' }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByLabel('Signeringscertifikat', { exact: false }).fill('inte ett certifikat');
    await page.getByLabel('Namn på knappen', { exact: false }).fill('Felaktig');
    await page.getByLabel('Identitetsleverantörens entityID', { exact: false }).fill('https://idp.example.se');
    await page.getByLabel('Inloggningsadress', { exact: false }).fill('https://idp.example.se/sso');
    await page.getByRole('dialog').getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Certifikatet kunde inte läsas.', { exact: false }).waitFor();
    await expectAccessible(page, 'admin SSO provider dialog with a field error');
    await page.getByRole('dialog').getByRole('button', { name: 'Avbryt' }).click();

    await page.getByRole('button', { name: 'Lägg till koppling' }).click();
    await page.getByRole('dialog').waitFor();
    // the dialog has finished opening when its first field has the focus (axe misreads a fading dialog)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('mapping-groupName');
    await expectAccessible(page, 'admin SSO group mapping dialog');
  });
});
