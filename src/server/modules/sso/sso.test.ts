import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { anonymous, Client, newTenant, testApp, TEST_PASSWORD, uniq, type TestTenant } from '../../../../test/helpers/app.js';
import type { Role } from '../../../shared/enums.js';
import { createAuthService } from '../auth/auth.service.js';

const cert = readFileSync('test/fixtures/sso/idp-cert.pem', 'utf8');
const LOA3 = 'http://id.elegnamnden.se/loa/1.0/loa3';

type Provider = Record<string, unknown> & { id: string; version: number };

async function withRole(t: TestTenant, role: Role): Promise<Client> {
  const { app, database } = await testApp();
  const email = `${role}-${uniq()}@test.example`;
  await createAuthService(database.db).ensureUser({ tenantName: t.name, email, password: TEST_PASSWORD, role });
  const c = new Client(app);
  await c.login(email);
  return c;
}

const oidcBody = (extra: Record<string, unknown> = {}) => ({
  kind: 'oidc',
  name: 'Kommunens Entra ID',
  issuer: 'https://login.example.se/tenant/v2.0',
  clientId: 'tillit-client',
  clientSecret: 'hemlig-klienthemlighet-123',
  requiredAssurance: [LOA3],
  ...extra,
});

const samlBody = (extra: Record<string, unknown> = {}) => ({
  kind: 'saml',
  name: 'Sambi',
  entityId: 'https://idp.example.se/idp',
  ssoUrl: 'https://idp.example.se/sso',
  certificate: cert,
  ...extra,
});

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  const { database } = await testApp();
  return ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
}

describe('identity providers admin API (D0-08, D0-09, D3-24)', () => {
  it('D0-08 D3-24: the coordinator adds an OIDC provider; the client secret is sealed, never returned, and only its presence is shown', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/identity-providers', oidcBody());
    expect(res.statusCode).toBe(201);
    const body = res.json<Provider>();
    expect(res.headers.location).toBe(`/api/v1/identity-providers/${body.id}`);
    expect(res.headers.etag).toBe('"v1"');
    expect(body).toMatchObject({
      kind: 'oidc',
      name: 'Kommunens Entra ID',
      enabled: true,
      issuer: 'https://login.example.se/tenant/v2.0',
      clientId: 'tillit-client',
      clientSecretSet: true,
      scopes: 'openid profile email',
      requiredAssurance: [LOA3],
      groupsClaim: 'groups',
      emailClaim: 'email',
      nameClaim: 'name',
      redirectUri: 'http://localhost/api/v1/auth/sso/oidc/callback',
      entityId: null,
      metadataUrl: null,
      allowedActions: ['read', 'update', 'delete'],
    });
    expect(JSON.stringify(body)).not.toContain('hemlig-klienthemlighet');
    const got = await t.admin.get(`/api/v1/identity-providers/${body.id}`);
    expect(got.json()).toEqual(body);
    expect(JSON.stringify((await t.admin.get('/api/v1/identity-providers')).json())).not.toContain('hemlig');

    const [stored] = await rows<{ secret_enc: string; config: unknown }>(
      sql`select secret_enc, config from identity_providers where id = ${body.id}`,
    );
    expect(stored!.secret_enc).toMatch(/^v1\./);
    expect(stored!.secret_enc).not.toContain('hemlig');
    expect(JSON.stringify(stored!.config)).not.toContain('hemlig');
    const audit = await rows<{ action: string; after: unknown }>(
      sql`select action, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${body.id}`,
    );
    expect(audit.map((a) => a.action)).toEqual(['identity-provider.create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('hemlig');
    expect(audit[0]!.after).toMatchObject({ clientSecretSet: true, issuer: 'https://login.example.se/tenant/v2.0' });
  });

  it('D3-24: adds a SAML provider from the PEM certificate (or its bare base64) and shows the SP metadata address to give the IdP', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/identity-providers', samlBody({ requiredAssurance: [LOA3, LOA3] }));
    expect(res.statusCode).toBe(201);
    const body = res.json<Provider>();
    expect(body).toMatchObject({
      kind: 'saml',
      entityId: 'https://idp.example.se/idp',
      ssoUrl: 'https://idp.example.se/sso',
      requiredAssurance: [LOA3],
      clientSecretSet: false,
      issuer: null,
      emailClaim: 'urn:oid:0.9.2342.19200300.100.1.3',
      acsUrl: 'http://localhost/api/v1/auth/sso/saml/acs',
      spEntityId: `http://localhost/api/v1/auth/sso/${body.id}/saml/metadata`,
      metadataUrl: `http://localhost/api/v1/auth/sso/${body.id}/saml/metadata`,
    });
    expect(String(body.certificate)).toContain('-----BEGIN CERTIFICATE-----');
    expect(new Date(String(body.certificateExpiresAt)).getTime()).toBeGreaterThan(Date.now());

    const bare = cert.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    const fromBase64 = await t.admin.post('/api/v1/identity-providers', samlBody({ name: 'Utan rubriker', certificate: bare }));
    expect(fromBase64.statusCode).toBe(201);
    expect(fromBase64.json().certificate).toBe(body.certificate);

    const metadata = await (await anonymous()).get(`/api/v1/auth/sso/${body.id}/saml/metadata`);
    expect(metadata.statusCode).toBe(200);
    expect(metadata.headers['content-type']).toMatch(/^application\/samlmetadata\+xml/);
    expect(metadata.body).toContain(`entityID="http://localhost/api/v1/auth/sso/${body.id}/saml/metadata"`);
    expect(metadata.body).toContain('Location="http://localhost/api/v1/auth/sso/saml/acs"');
    expect(metadata.body).toContain('WantAssertionsSigned="true"');
  });

  it('refuses an unreadable certificate, a non-https address and missing fields with Swedish (or English) field errors', async () => {
    const t = await newTenant();
    const badCert = await t.admin.post(
      '/api/v1/identity-providers',
      samlBody({ certificate: '-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----' }),
    );
    expect(badCert.statusCode).toBe(422);
    expect(badCert.json().errors).toEqual([
      {
        field: 'certificate',
        code: 'invalid_certificate',
        message:
          'Certifikatet kunde inte läsas. Klistra in identitetsleverantörens signeringscertifikat i PEM-format (det börjar med -----BEGIN CERTIFICATE-----).',
      },
    ]);
    const missing = await t.admin.post('/api/v1/identity-providers', {
      kind: 'oidc',
      name: 'Tom',
      issuer: 'http://idp.example.se',
      scopes: 'profile',
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([
      { field: 'issuer', code: 'invalid_url', message: 'Ange en fullständig webbadress som börjar med https://.' },
      { field: 'clientId', code: 'required', message: 'Fältet måste fyllas i.' },
      { field: 'scopes', code: 'invalid_scopes', message: 'Ange scopes åtskilda med mellanslag, och ta med openid.' },
    ]);
    const mixed = await t.admin.post('/api/v1/identity-providers', oidcBody({ certificate: cert }), { 'accept-language': 'en' });
    expect(mixed.json().errors).toEqual([
      { field: 'certificate', code: 'not_for_kind', message: 'This field does not apply to OpenID Connect.' },
    ]);
    const noKind = await t.admin.post('/api/v1/identity-providers', { name: 'Okänd' });
    expect(noKind.statusCode).toBe(422);
    expect(noKind.json().errors[0]).toMatchObject({ field: 'kind', message: 'Ogiltigt val. Tillåtna värden: oidc, saml.' });
    // plain http is only for IdPs on this machine's loopback (tests, development)
    expect((await t.admin.post('/api/v1/identity-providers', oidcBody({ issuer: 'http://127.0.0.1:4000' }))).statusCode).toBe(201);
  });

  it('changes a provider with If-Match: 428 without, 412 when stale; a new secret replaces the old, null removes it', async () => {
    const t = await newTenant();
    const p = (await t.admin.post('/api/v1/identity-providers', oidcBody())).json<Provider>();
    const url = `/api/v1/identity-providers/${p.id}`;
    expect((await t.admin.patch(url, { enabled: false })).statusCode).toBe(428);
    const ok = await t.admin.patch(url, { enabled: false, requiredAssurance: [], clientSecret: 'en-ny-hemlighet' }, { 'if-match': '"v1"' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"v2"');
    expect(ok.json()).toMatchObject({ enabled: false, requiredAssurance: [], clientSecretSet: true, version: 2 });
    expect((await t.admin.patch(url, { name: 'Annat' }, { 'if-match': '"v1"' })).statusCode).toBe(412);
    const same = await t.admin.patch(url, { enabled: false, clientSecret: 'en-ny-hemlighet' }, { 'if-match': '"v2"' });
    expect(same.headers.etag).toBe('"v2"');
    const cleared = await t.admin.patch(url, { clientSecret: null }, { 'if-match': '"v2"' });
    expect(cleared.json()).toMatchObject({ clientSecretSet: false, version: 3 });
    const wrongKind = await t.admin.patch(url, { ssoUrl: 'https://x.example.se' }, { 'if-match': '"v3"' });
    expect(wrongKind.json().errors[0]).toMatchObject({ field: 'ssoUrl', code: 'not_for_kind' });
    const audit = await rows<{ action: string; after: Record<string, unknown> }>(
      sql`select action, after from audit_events where tenant_id = ${t.tenantId} and entity_id = ${p.id} order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual(['identity-provider.create', 'identity-provider.update', 'identity-provider.update']);
    expect(audit[1]!.after).toMatchObject({ enabled: false, clientSecretChanged: true });
    expect(JSON.stringify(audit)).not.toContain('hemlighet');

    expect((await t.admin.request('DELETE', url)).statusCode).toBe(428);
    expect((await t.admin.request('DELETE', url, undefined, { 'if-match': '"v3"' })).statusCode).toBe(204);
    expect((await t.admin.get(url)).statusCode).toBe(404);
  });

  it('D0-09 D1-39: the auditor reads but cannot change; a system owner or a manager gets 403; another tenant’s provider is 404', async () => {
    const t = await newTenant();
    const p = (await t.admin.post('/api/v1/identity-providers', oidcBody())).json<Provider>();
    const url = `/api/v1/identity-providers/${p.id}`;
    const auditor = await withRole(t, 'auditor');
    expect((await auditor.get('/api/v1/identity-providers')).json().items).toHaveLength(1);
    const read = await auditor.get(url);
    expect(read.statusCode).toBe(200);
    expect(read.json().allowedActions).toEqual(['read']);
    expect((await auditor.post('/api/v1/identity-providers', oidcBody())).statusCode).toBe(403);
    expect((await auditor.patch(url, { enabled: false }, { 'if-match': '"v1"' })).statusCode).toBe(403);
    expect((await auditor.request('DELETE', url, undefined, { 'if-match': '"v1"' })).statusCode).toBe(403);
    for (const c of [t.editor, t.reader, await withRole(t, 'it_manager')]) {
      expect((await c.get('/api/v1/identity-providers')).statusCode).toBe(403);
      expect((await c.get(url)).statusCode).toBe(403);
      expect((await c.post('/api/v1/identity-providers', oidcBody())).statusCode).toBe(403);
    }
    const other = await newTenant();
    expect((await other.admin.get(url)).statusCode).toBe(404);
    expect((await other.admin.patch(url, { enabled: false }, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await other.admin.request('DELETE', url, undefined, { 'if-match': '"v1"' })).statusCode).toBe(404);
    expect((await other.admin.get('/api/v1/identity-providers')).json().items).toEqual([]);
    expect((await (await anonymous()).get('/api/v1/identity-providers')).statusCode).toBe(401);
  });

  it('D3-24: the sign-in page lists an organisation’s enabled providers by its short name, with nothing secret; unknown names give an empty list', async () => {
    const t = await newTenant();
    const a = (await t.admin.post('/api/v1/identity-providers', oidcBody({ name: 'BankID via Inera' }))).json<Provider>();
    const b = (await t.admin.post('/api/v1/identity-providers', samlBody({ name: 'Avstängd' }))).json<Provider>();
    await t.admin.patch(`/api/v1/identity-providers/${b.id}`, { enabled: false }, { 'if-match': '"v1"' });
    const [tenant] = await rows<{ slug: string }>(sql`select slug from tenants where id = ${t.tenantId}`);
    const anon = await anonymous();
    const res = await anon.get(`/api/v1/auth/sso/providers?organisation=${tenant!.slug.toUpperCase()}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ id: a.id, name: 'BankID via Inera', kind: 'oidc' }]);
    expect((await anon.get('/api/v1/auth/sso/providers?organisation=finns-inte')).json()).toEqual([]);
    expect((await anon.get('/api/v1/auth/sso/providers')).json()).toEqual([]);
  });

  it('sends a start for an unknown or disabled provider back to the sign-in page with a code, not an error page', async () => {
    const anon = await anonymous();
    const res = await anon.get('/api/v1/auth/sso/00000000-0000-4000-8000-000000000000/start?next=/systems');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/sign-in?sso_error=failed');
    const cb = await anon.get('/api/v1/auth/sso/oidc/callback?code=x&state=nope');
    expect(cb.headers.location).toBe('/sign-in?sso_error=expired');
  });
});
