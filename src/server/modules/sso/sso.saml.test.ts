import { inflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOA2, LOA3 } from '../../../../test/fixtures/sso/oidc-idp.js';
import {
  idpCertificate,
  readForm,
  startSamlIdp,
  type PostedForm,
  type SamlIdp,
  type SamlLogin,
} from '../../../../test/fixtures/sso/saml-idp.js';
import { newTenant, testApp, uniq } from '../../../../test/helpers/app.js';

let idp: SamlIdp;
beforeAll(async () => {
  idp = await startSamlIdp();
});
afterAll(async () => {
  await idp?.close();
});

async function samlTenant(extra: Record<string, unknown> = {}) {
  const { app } = await testApp();
  const t = await newTenant();
  const res = await t.admin.post('/api/v1/identity-providers', {
    kind: 'saml',
    name: 'Test-SAML',
    entityId: idp.entityId,
    ssoUrl: idp.ssoUrl,
    certificate: idpCertificate,
    requiredAssurance: [LOA3],
    emailClaim: 'urn:oid:0.9.2342.19200300.100.1.3',
    nameClaim: 'urn:oid:2.16.840.1.113730.3.1.241',
    groupsClaim: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  const providerId = res.json<{ id: string }>().id;
  idp.addServiceProvider((await app.inject({ url: `/api/v1/auth/sso/${providerId}/saml/metadata` })).body);
  expect((await t.admin.post('/api/v1/group-role-mappings', { groupName: 'tillit-it-chefer', role: 'it_manager' })).statusCode).toBe(201);
  return { t, providerId };
}

function login(groups: string[], acr = LOA3, extra: Partial<SamlLogin> = {}): SamlLogin & { email: string } {
  const email = `saml-${uniq()}@kommun.example`;
  return {
    nameId: `persistent-${uniq()}`,
    email,
    authnContextClassRef: acr,
    attributes: {
      'urn:oid:0.9.2342.19200300.100.1.3': [email],
      'urn:oid:2.16.840.1.113730.3.1.241': ['Sam Lind'],
      'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups': groups,
    },
    ...extra,
  };
}

// start (app) → AuthnRequest by redirect to the IdP → the IdP's auto-posting form
async function toIdp(providerId: string, who: SamlLogin, next = '/systems') {
  const { app } = await testApp();
  idp.nextLogin = who;
  const start = await app.inject({ url: `/api/v1/auth/sso/${providerId}/start?next=${encodeURIComponent(next)}` });
  expect(start.statusCode).toBe(302);
  const location = new URL(start.headers.location as string);
  expect(location.origin + location.pathname).toBe(idp.ssoUrl);
  const bind = start.cookies.find((c) => c.name === 'tillit_sso')!.value;
  const page = await fetch(location);
  expect(page.status).toBe(200);
  return { location, bind, form: readForm(await page.text()) };
}

// The form posted by the browser from the IdP's origin, then the same-browser finish step.
async function post(form: PostedForm, bind: string | null) {
  const { app } = await testApp();
  const acs = await app.inject({
    method: 'POST',
    url: new URL(form.action).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(idp.ssoUrl).origin },
    payload: new URLSearchParams({ SAMLResponse: form.SAMLResponse, RelayState: form.RelayState }).toString(),
  });
  if (acs.statusCode !== 303) return { acs, finish: null, session: undefined };
  const finish = await app.inject({ url: acs.headers.location as string, ...(bind ? { cookies: { tillit_sso: bind } } : {}) });
  const session = finish.cookies.find((c) => c.name === 'tillit_session' && c.value)?.value;
  return { acs, finish, session };
}

const rewrite = (form: PostedForm, change: (xml: string) => string): PostedForm => ({
  ...form,
  SAMLResponse: Buffer.from(change(Buffer.from(form.SAMLResponse, 'base64').toString('utf8'))).toString('base64'),
});

async function me(session: string) {
  const { app } = await testApp();
  return (await app.inject({ url: '/api/v1/auth/me', cookies: { tillit_session: session } })).json();
}

describe('SAML sign-in against a real SAML IdP (D3-24, D0-08, D0-09)', () => {
  it('D3-24 D0-08: AuthnRequest with the required AuthnContextClassRef → signed response → just-in-time user with roles from the groups attribute', async () => {
    const { t, providerId } = await samlTenant();
    const who = login(['tillit-it-chefer', 'alla-anstallda']);
    const { location, bind, form } = await toIdp(providerId, who, '/org-units');
    const authnRequest = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    expect(authnRequest).toContain(
      `<saml:AuthnContextClassRef xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${LOA3}</saml:AuthnContextClassRef>`,
    );
    expect(authnRequest).toContain('AssertionConsumerServiceURL="http://localhost/api/v1/auth/sso/saml/acs"');
    expect(form.action).toBe('http://localhost/api/v1/auth/sso/saml/acs');

    const { acs, finish, session } = await post(form, bind);
    expect(acs.statusCode).toBe(303);
    expect(finish!.statusCode).toBe(302);
    expect(finish!.headers.location).toBe('/org-units');
    const who2 = await me(session!);
    expect(who2).toMatchObject({ user: { email: who.email, displayName: 'Sam Lind' }, tenant: { id: t.tenantId }, roles: ['it_manager'] });
    const { database } = await testApp();
    const methods = (await database.db.execute(sql`select auth_methods from sessions where user_id = ${who2.user.id}`)) as unknown as {
      rows: { auth_methods: string[] }[];
    };
    expect(methods.rows[0]!.auth_methods).toEqual(['saml', `idp:${providerId}`]);

    // the next sign-in finds the same user by the persistent NameID
    const again = await toIdp(providerId, {
      ...who,
      attributes: { ...who.attributes, 'urn:oid:0.9.2342.19200300.100.1.3': ['ny@kommun.example'] },
    });
    const second = await post(again.form, again.bind);
    expect((await me(second.session!)).user.id).toBe(who2.user.id);
  });

  it('D3-24: a weaker AuthnContextClassRef than required is refused with sso_error=assurance-too-low', async () => {
    const { providerId } = await samlTenant();
    const who = login(['tillit-it-chefer'], LOA2);
    const { bind, form } = await toIdp(providerId, who);
    const { acs, session } = await post(form, bind);
    expect(acs.statusCode).toBe(302);
    expect(acs.headers.location).toBe('/sign-in?sso_error=assurance-too-low');
    expect(session).toBeUndefined();
  });

  it('refuses a tampered response, an unsigned one and one signed with another key', async () => {
    const { providerId } = await samlTenant();
    const cases: [string, (f: PostedForm) => PostedForm, Partial<SamlLogin>][] = [
      ['tampered', (f) => rewrite(f, (xml) => xml.replace('>alla-anstallda<', '>tillit-it-chefer<')), {}],
      ['unsigned', (f) => rewrite(f, (xml) => xml.replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/g, '')), {}],
      ['other key', (f) => f, { signer: 'other' }],
    ];
    for (const [label, change, extra] of cases) {
      const { bind, form } = await toIdp(providerId, login(['alla-anstallda'], LOA3, extra));
      if (label !== 'other key') expect(Buffer.from(form.SAMLResponse, 'base64').toString()).toContain('<ds:Signature');
      const { acs, session } = await post(change(form), bind);
      expect(acs.headers.location, label).toBe('/sign-in?sso_error=failed');
      expect(session, label).toBeUndefined();
    }
  });

  it('refuses a replayed response (InResponseTo single use) and a response to another request', async () => {
    const { providerId } = await samlTenant();
    const who = login(['tillit-it-chefer']);
    const first = await toIdp(providerId, who);
    expect((await post(first.form, first.bind)).session).toBeTruthy();
    const replay = await post(first.form, first.bind);
    expect(replay.acs.headers.location).toBe('/sign-in?sso_error=expired');

    // the old response under the RelayState of a new sign-in: InResponseTo names another request
    const second = await toIdp(providerId, who);
    const swapped = await post({ ...first.form, RelayState: second.form.RelayState }, second.bind);
    expect(swapped.acs.headers.location).toBe('/sign-in?sso_error=failed');
    expect(swapped.session).toBeUndefined();
  });

  it('finishes only in the browser that started the sign-in (no login CSRF with a posted response)', async () => {
    const { providerId } = await samlTenant();
    const { form } = await toIdp(providerId, login(['tillit-it-chefer']));
    const { acs, finish, session } = await post(form, null);
    expect(acs.statusCode).toBe(303);
    expect(finish!.headers.location).toBe('/sign-in?sso_error=failed');
    expect(session).toBeUndefined();
  });

  it('D0-09: a person without a mapped group is refused; metadata of an unknown provider is 404', async () => {
    const { app } = await testApp();
    const { providerId } = await samlTenant({ requiredAssurance: [] });
    const { bind, form } = await toIdp(providerId, login(['alla-anstallda'], LOA2));
    const { finish, session } = await post(form, bind);
    expect(finish!.headers.location).toBe('/sign-in?sso_error=no-access');
    expect(session).toBeUndefined();
    expect((await app.inject({ url: '/api/v1/auth/sso/00000000-0000-4000-8000-000000000000/saml/metadata' })).statusCode).toBe(404);
  });
});
