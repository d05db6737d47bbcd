import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, followIdp, LOA2, LOA3, startOidcIdp, type OidcIdp } from '../../../../test/fixtures/sso/oidc-idp.js';
import { newTenant, testApp, TEST_PASSWORD, uniq, type TestTenant } from '../../../../test/helpers/app.js';
import { createAuthService } from '../auth/auth.service.js';

// The app is reached through inject (Host localhost:80); the IdP is a real server on loopback.
const CALLBACK = 'http://localhost/api/v1/auth/sso/oidc/callback';

let idp: OidcIdp;
beforeAll(async () => {
  idp = await startOidcIdp([CALLBACK]);
});
afterAll(async () => {
  await idp?.close();
});

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function oidcTenant(extra: Record<string, unknown> = {}) {
  const t = await newTenant();
  const res = await t.admin.post('/api/v1/identity-providers', {
    kind: 'oidc',
    name: 'Test-IdP',
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    scopes: 'openid profile email groups',
    requiredAssurance: [LOA3],
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return { t, providerId: res.json<{ id: string }>().id };
}

async function mapGroup(t: TestTenant, groupName: string, role: string) {
  const res = await t.admin.post('/api/v1/group-role-mappings', { groupName, role });
  expect(res.statusCode).toBe(201);
}

function account(groups: string[], email = `sso-${uniq()}@kommun.example`) {
  const id = `sub-${uniq()}`;
  idp.accounts.set(id, { email, name: 'Siri Svensson', groups });
  return { id, email };
}

interface Flow {
  start: Awaited<ReturnType<Awaited<ReturnType<typeof testApp>>['app']['inject']>>;
  callbackUrl: URL;
  callback: Awaited<ReturnType<Awaited<ReturnType<typeof testApp>>['app']['inject']>>;
  session: string | undefined;
  bind: string;
}

// start (app) → authorization, login, consent (IdP) → callback (app), like a browser would.
async function signInFlow(providerId: string, accountId: string, acr: string, next = '/systems'): Promise<Flow> {
  const { app } = await testApp();
  idp.nextLogin = { accountId, acr };
  const start = await app.inject({ url: `/api/v1/auth/sso/${providerId}/start?next=${encodeURIComponent(next)}` });
  expect(start.statusCode).toBe(302);
  const bind = start.cookies.find((c) => c.name === 'tillit_sso')!.value;
  const callbackUrl = await followIdp(start.headers.location as string, new CookieJar(), idp.issuer);
  expect(callbackUrl.href.startsWith(CALLBACK)).toBe(true);
  const callback = await app.inject({ url: callbackUrl.pathname + callbackUrl.search, cookies: { tillit_sso: bind } });
  const session = callback.cookies.find((c) => c.name === 'tillit_session' && c.value)?.value;
  return { start, callbackUrl, callback, session, bind };
}

async function me(session: string) {
  const { app } = await testApp();
  return app.inject({ url: '/api/v1/auth/me', cookies: { tillit_session: session } });
}

describe('OIDC sign-in against a real OpenID provider (D3-24, D0-08, D0-09, D1-39)', () => {
  it('D3-24 D0-08: authorization code + PKCE with the required acr → just-in-time user with roles from IdP groups, signed in', async () => {
    const { t, providerId } = await oidcTenant();
    await mapGroup(t, 'Tillit-Systemagare', 'system_owner');
    await mapGroup(t, 'tillit-revisorer', 'auditor');
    const person = account(['tillit-systemagare', 'andra-gruppen']);
    const flow = await signInFlow(providerId, person.id, LOA3, '/systems/123?tab=cost');

    const authz = new URL(flow.start.headers.location as string);
    expect(authz.origin).toBe(idp.issuer);
    expect(authz.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authz.searchParams.get('code_challenge')).toBeTruthy();
    expect(authz.searchParams.get('nonce')).toBeTruthy();
    expect(authz.searchParams.get('acr_values')).toBe(LOA3);
    expect(authz.searchParams.get('redirect_uri')).toBe(CALLBACK);

    expect(flow.callback.statusCode).toBe(302);
    expect(flow.callback.headers.location).toBe('/systems/123?tab=cost');
    const cookie = flow.callback.cookies.find((c) => c.name === 'tillit_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const who = await me(flow.session!);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({
      user: { email: person.email, displayName: 'Siri Svensson' },
      tenant: { id: t.tenantId },
      roles: ['system_owner'],
    });
    const [session] = await rows<{ auth_methods: string[]; stage: string }>(
      sql`select auth_methods, stage from sessions where user_id = ${who.json().user.id}`,
    );
    expect(session).toEqual({ auth_methods: ['oidc', `idp:${providerId}`], stage: 'full' });
    const [user] = await rows<{ password_hash: string | null }>(sql`select password_hash from users where id = ${who.json().user.id}`);
    expect(user!.password_hash).toBeNull();
    const audit = await rows<{ action: string; actor_user_id: string; after: Record<string, unknown> }>(
      sql`select action, actor_user_id, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${who.json().user.id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'user.roles-from-sso', 'auth.sign-in']);
    expect(audit.every((a) => a.actor_user_id === who.json().user.id)).toBe(true);
    expect(audit[1]!.after).toMatchObject({ assignments: [{ role: 'system_owner', scopeType: 'tenant' }] });
  });

  it('D0-09 D1-39: each sign-in recomputes the roles from the groups; leaving every mapped group ends the access', async () => {
    const { t, providerId } = await oidcTenant();
    await mapGroup(t, 'tillit-systemagare', 'system_owner');
    await mapGroup(t, 'tillit-revisorer', 'auditor');
    const person = account(['tillit-systemagare']);
    const first = await signInFlow(providerId, person.id, LOA3);
    expect((await me(first.session!)).json().roles).toEqual(['system_owner']);

    idp.accounts.get(person.id)!.groups = ['tillit-revisorer'];
    const second = await signInFlow(providerId, person.id, LOA3);
    expect((await me(second.session!)).json().roles).toEqual(['auditor']);
    // sessions read their roles afresh, so an older session of the same person changes with it
    expect((await me(first.session!)).json().roles).toEqual(['auditor']);

    idp.accounts.get(person.id)!.groups = ['nagot-annat'];
    const third = await signInFlow(providerId, person.id, LOA3);
    expect(third.callback.headers.location).toBe('/sign-in?sso_error=no-access');
    expect(third.session).toBeUndefined();
    const left = await rows<{ n: number }>(
      sql`select count(*)::int n from role_assignments where tenant_id = ${t.tenantId} and user_id = (select id from users where email = ${person.email})`,
    );
    expect(left[0]!.n).toBe(0);
  });

  it('D3-24: a sign-in at a lower assurance level than required is refused: no session, sso_error=assurance-too-low', async () => {
    const { t, providerId } = await oidcTenant();
    await mapGroup(t, 'tillit-systemagare', 'system_owner');
    const person = account(['tillit-systemagare']);
    const flow = await signInFlow(providerId, person.id, LOA2);
    expect(flow.callback.statusCode).toBe(302);
    expect(flow.callback.headers.location).toBe('/sign-in?sso_error=assurance-too-low');
    expect(flow.session).toBeUndefined();
    expect(await rows(sql`select id from users where email = ${person.email}`)).toEqual([]);
  });

  it('accepts any assurance level when none is required', async () => {
    const { t, providerId } = await oidcTenant({ requiredAssurance: [] });
    await mapGroup(t, 'tillit-chefer', 'manager');
    const person = account(['tillit-chefer']);
    const flow = await signInFlow(providerId, person.id, LOA2);
    expect(flow.callback.headers.location).toBe('/systems');
    expect((await me(flow.session!)).json().roles).toEqual(['manager']);
    expect(new URL(flow.start.headers.location as string).searchParams.has('acr_values')).toBe(false);
  });

  it('refuses a reused state, a callback in another browser, and a state that has expired', async () => {
    const { app } = await testApp();
    const { t, providerId } = await oidcTenant();
    await mapGroup(t, 'tillit-systemagare', 'system_owner');
    const person = account(['tillit-systemagare']);
    const flow = await signInFlow(providerId, person.id, LOA3);
    expect(flow.session).toBeTruthy();
    const replay = await app.inject({ url: flow.callbackUrl.pathname + flow.callbackUrl.search, cookies: { tillit_sso: flow.bind } });
    expect(replay.headers.location).toBe('/sign-in?sso_error=expired');
    expect(replay.cookies.find((c) => c.name === 'tillit_session' && c.value)).toBeUndefined();

    // login CSRF: someone else's callback link opened in a browser that did not start the sign-in
    idp.nextLogin = { accountId: person.id, acr: LOA3 };
    const start = await app.inject({ url: `/api/v1/auth/sso/${providerId}/start` });
    const stolen = await followIdp(start.headers.location as string, new CookieJar(), idp.issuer);
    const elsewhere = await app.inject({ url: stolen.pathname + stolen.search });
    expect(elsewhere.headers.location).toBe('/sign-in?sso_error=failed');

    const late = await app.inject({ url: `/api/v1/auth/sso/${providerId}/start` });
    const lateState = new URL(late.headers.location as string).searchParams.get('state')!;
    const { database } = await testApp();
    await database.db.execute(sql`update sso_states set expires_at = now() - interval '1 second' where provider_id = ${providerId}`);
    const expired = await app.inject({
      url: `/api/v1/auth/sso/oidc/callback?code=abc&state=${lateState}`,
      cookies: { tillit_sso: late.cookies.find((c) => c.name === 'tillit_sso')!.value },
    });
    expect(expired.headers.location).toBe('/sign-in?sso_error=expired');
  });

  it('D0-09: a person the group table gives no role is refused and no account is created', async () => {
    const { t, providerId } = await oidcTenant();
    await mapGroup(t, 'tillit-systemagare', 'system_owner');
    const person = account(['hela-kommunen']);
    const flow = await signInFlow(providerId, person.id, LOA3);
    expect(flow.callback.headers.location).toBe('/sign-in?sso_error=no-access');
    expect(flow.session).toBeUndefined();
    expect(await rows(sql`select id from users where email = ${person.email}`)).toEqual([]);
  });

  it('links an existing account with a role in the tenant by e-mail, but not an account that belongs to another organisation', async () => {
    const { app, database } = await testApp();
    const { t, providerId } = await oidcTenant();
    const auth = createAuthService(database.db);
    const known = `chef-${uniq()}@kommun.example`;
    await auth.ensureUser({ tenantName: t.name, email: known, password: TEST_PASSWORD, role: 'manager' });
    const person = account([], known.toUpperCase());
    const flow = await signInFlow(providerId, person.id, LOA3);
    expect(flow.callback.headers.location).toBe('/systems');
    expect((await me(flow.session!)).json()).toMatchObject({ user: { email: known }, roles: ['manager'] });
    const links = await rows<{ n: number }>(sql`select count(*)::int n from external_identities where provider_id = ${providerId}`);
    expect(links[0]!.n).toBe(1);

    const other = await newTenant();
    const stranger = `annan-${uniq()}@kommun.example`;
    await auth.ensureUser({ tenantName: other.name, email: stranger, password: TEST_PASSWORD, role: 'coordinator' });
    await mapGroup(t, 'tillit-systemagare', 'system_owner');
    const claimer = account(['tillit-systemagare'], stranger);
    const refused = await signInFlow(providerId, claimer.id, LOA3);
    expect(refused.callback.headers.location).toBe('/sign-in?sso_error=no-access');
    void app;
  });

  it('sends the browser back with sso_error=unavailable when the IdP cannot be reached, and never to another site after sign-in', async () => {
    const { app } = await testApp();
    const { providerId } = await oidcTenant({ issuer: 'http://127.0.0.1:9' });
    const res = await app.inject({ url: `/api/v1/auth/sso/${providerId}/start` });
    expect(res.headers.location).toBe('/sign-in?sso_error=unavailable');

    const { t, providerId: ok } = await oidcTenant();
    await mapGroup(t, 'tillit-systemagare', 'system_owner');
    const person = account(['tillit-systemagare']);
    const flow = await signInFlow(ok, person.id, LOA3, '//evil.example/phish');
    expect(flow.callback.headers.location).toBe('/');
  });

  it('D1-39: one tenant’s IdP cannot claim a person another tenant also answers for, unless the same IdP already vouches for them there', async () => {
    const { t: a, providerId: aIdp } = await oidcTenant();
    await mapGroup(a, 'tillit-it', 'it_manager');
    const b = await newTenant();
    // someone of tenant B, whom A's coordinator adds to A and then tries to sign in as through A's IdP
    const { memberWith } = await import('../../../../test/helpers/app.js');
    const victim = await memberWith(b, [{ role: 'coordinator' }]);
    expect(
      (await a.admin.post('/api/v1/users', { email: victim.email, displayName: 'Offer', assignments: [{ role: 'employee' }] })).statusCode,
    ).toBe(201);
    const claim = await signInFlow(aIdp, account(['tillit-it'], victim.email).id, LOA3);
    expect(claim.callback.headers.location).toBe('/sign-in?sso_error=no-access');
    expect(claim.session).toBeUndefined();
  });

  it('D1-39: a session from one tenant’s IdP switches only into tenants that link the person to the same IdP', async () => {
    const { t: a, providerId: aIdp } = await oidcTenant();
    await mapGroup(a, 'tillit-it', 'it_manager');
    const person = account(['tillit-it']);
    const first = await signInFlow(aIdp, person.id, LOA3);
    const who = (await me(first.session!)).json();
    const { t: b, providerId: bIdp } = await oidcTenant();
    expect(
      (await b.admin.post('/api/v1/users', { email: person.email, displayName: 'IT', assignments: [{ role: 'it_manager' }] })).statusCode,
    ).toBe(201);
    const { app } = await testApp();
    const switchTo = (session: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/switch-tenant',
        cookies: { tillit_session: session },
        headers: { 'x-csrf-token': who.csrfToken },
        payload: { tenantId: b.tenantId },
      });
    const refused = await switchTo(first.session!);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/inloggning/);
    // B has the same IdP (same issuer) and the person signs in through it once: now B trusts the link
    await mapGroup(b, 'tillit-it', 'it_manager');
    const viaB = await signInFlow(bIdp, person.id, LOA3);
    expect((await me(viaB.session!)).json().tenant.id).toBe(b.tenantId);
    const second = await signInFlow(aIdp, person.id, LOA3);
    const csrf = (await me(second.session!)).json().csrfToken as string;
    const moved = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/switch-tenant',
      cookies: { tillit_session: second.session! },
      headers: { 'x-csrf-token': csrf },
      payload: { tenantId: b.tenantId },
    });
    expect(moved.statusCode).toBe(200);
  });

  it('D1-39: pointing a provider at another issuer drops the links made under the old one', async () => {
    const { t, providerId } = await oidcTenant();
    await mapGroup(t, 'tillit-it', 'it_manager');
    await signInFlow(providerId, account(['tillit-it']).id, LOA3);
    const links = async () =>
      (await rows<{ n: number }>(sql`select count(*)::int n from external_identities where provider_id = ${providerId}`))[0]!.n;
    expect(await links()).toBe(1);
    const current = await t.admin.get(`/api/v1/identity-providers/${providerId}`);
    const res = await t.admin.patch(
      `/api/v1/identity-providers/${providerId}`,
      { issuer: 'https://annan-idp.example.se' },
      { 'if-match': current.headers.etag as string },
    );
    expect(res.statusCode).toBe(200);
    expect(await links()).toBe(0);
  });
});
