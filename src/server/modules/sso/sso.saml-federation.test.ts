import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOA3 } from '../../../../test/fixtures/sso/oidc-idp.js';
import { idpCertificate, readForm, startSamlIdp, type SamlIdp } from '../../../../test/fixtures/sso/saml-idp.js';
import { newTenant, testApp, uniq } from '../../../../test/helpers/app.js';

// A federation IdP as Sweden Connect runs one: it refuses unsigned AuthnRequests and encrypts the
// assertion to the SP certificate it found in Tillit's metadata.
let idp: SamlIdp;
beforeAll(async () => {
  idp = await startSamlIdp({ federation: true });
});
afterAll(async () => {
  await idp?.close();
});

describe('SAML with a federation IdP (signed requests, encrypted assertions)', () => {
  it('D3-24: Tillit signs its AuthnRequest and reads the encrypted assertion; the metadata carries the SP certificate', async () => {
    const { app } = await testApp();
    const t = await newTenant();
    const created = await t.admin.post('/api/v1/identity-providers', {
      kind: 'saml',
      name: 'Sweden Connect (test)',
      entityId: idp.entityId,
      ssoUrl: idp.ssoUrl,
      certificate: idpCertificate,
      requiredAssurance: [LOA3],
      emailClaim: 'mail',
      groupsClaim: 'groups',
    });
    const providerId = created.json<{ id: string }>().id;
    const metadata = (await app.inject({ url: `/api/v1/auth/sso/${providerId}/saml/metadata` })).body;
    expect(metadata).toMatch(/<(md:)?KeyDescriptor use="signing"/);
    expect(metadata).toMatch(/<(md:)?KeyDescriptor use="encryption"/);
    expect(metadata).not.toMatch(/PRIVATE KEY/);
    idp.addServiceProvider(metadata);
    await t.admin.post('/api/v1/group-role-mappings', { groupName: 'tillit-revisorer', role: 'auditor' });

    const email = `fed-${uniq()}@kommun.example`;
    idp.nextLogin = { nameId: `p-${uniq()}`, authnContextClassRef: LOA3, attributes: { mail: [email], groups: ['tillit-revisorer'] } };
    const start = await app.inject({ url: `/api/v1/auth/sso/${providerId}/start` });
    const location = new URL(start.headers.location as string);
    expect(location.searchParams.get('Signature')).toBeTruthy();
    expect(location.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    const bind = start.cookies.find((c) => c.name === 'tillit_sso')!.value;
    const page = await fetch(location);
    expect(page.status).toBe(200);
    const form = readForm(await page.text());
    expect(Buffer.from(form.SAMLResponse, 'base64').toString('utf8')).toMatch(/EncryptedAssertion/);

    const acs = await app.inject({
      method: 'POST',
      url: new URL(form.action).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(idp.ssoUrl).origin },
      payload: new URLSearchParams({ SAMLResponse: form.SAMLResponse, RelayState: form.RelayState }).toString(),
    });
    expect(acs.statusCode).toBe(303);
    const finish = await app.inject({ url: acs.headers.location as string, cookies: { tillit_sso: bind } });
    const session = finish.cookies.find((c) => c.name === 'tillit_session' && c.value)!.value;
    const me = (await app.inject({ url: '/api/v1/auth/me', cookies: { tillit_session: session } })).json();
    expect(me).toMatchObject({ user: { email }, roles: ['auditor'] });

    // an unsigned request (the signature stripped) is refused by the IdP
    const again = await app.inject({ url: `/api/v1/auth/sso/${providerId}/start` });
    const unsigned = new URL(again.headers.location as string);
    unsigned.searchParams.delete('Signature');
    expect((await fetch(unsigned)).status).toBe(400);
  });
});
