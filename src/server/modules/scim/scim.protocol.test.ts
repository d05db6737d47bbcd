import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp, uniq } from '../../../../test/helpers/app.js';
import { entraUser, expectScimError, GROUP, mintToken, rows, scimClient, USER } from '../../../../test/helpers/scim.js';
import { parseFilter } from './scim.filter.js';
import { applyPatch } from './scim.patch.js';
import { groupDef, userDef } from './scim.schema.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

describe('SCIM protocol: authentication, errors, discovery (D0-15, D1-39)', () => {
  // The shared database starts in the hook (longer timeout), not inside the first test.
  beforeAll(async () => void (await testApp()));

  it('D1-39: only a bearer API token that may provision gets in; everything else is refused in SCIM form', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const anon = await scimClient(app, null).get('/Users');
    expectScimError(anon, 401);
    expect(anon.headers['www-authenticate']).toMatch(/^Bearer/);
    expectScimError(await scimClient(app, 'tillit_00000000_' + 'A'.repeat(43)).get('/Users'), 401);
    expectScimError(await scimClient(app, null, { authorization: 'Basic dTpw' }).get('/Users'), 401);
    // A coordinator's browser session is not enough: SCIM takes tokens only.
    const cookie = (t.admin as unknown as { cookie: string }).cookie;
    expectScimError(await scimClient(app, null, { cookie }).get('/Users'), 401);
    expectScimError(await scimClient(app, null, { cookie, 'x-csrf-token': t.admin.csrfToken }).post('/Users', entraUser('x@y.se')), 401);
    // A token whose roles do not include provisioning rights: 403, also before reading the body.
    const reader = await mintToken(t, ['manager']);
    expectScimError(await scimClient(app, reader.token).get('/Users'), 403);
    expectScimError(await scimClient(app, reader.token).raw('POST', '/Users', '{not json'), 403);
    // A coordinator's token may provision (the role holds 'scim'); a revoked one may not.
    const coord = await mintToken(t, ['coordinator']);
    expect((await scimClient(app, coord.token).get('/Users')).statusCode).toBe(200);
    await t.admin.post(`/api/v1/api-tokens/${coord.id}/revoke`);
    expectScimError(await scimClient(app, coord.token).get('/Users'), 401);
    // And a provisioning token reaches nothing in /api/v1.
    const prov = await mintToken(t);
    const api = await app.inject({ url: '/api/v1/systems', headers: { authorization: `Bearer ${prov.token}` } });
    expect(api.statusCode).toBe(403);
  });

  it('answers bad input with SCIM errors: invalid filter, unknown id, malformed JSON, missing userName, duplicates, unknown endpoint', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const scim = scimClient(app, (await mintToken(t)).token);
    for (const filter of [
      'userName eq',
      'userName co "x"',
      'userName eq "x" or userName eq "y"',
      '(userName eq "x")',
      'emails.value eq "x"',
      'userName eq x',
    ]) {
      expectScimError(await scim.get(`/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
    }
    expectScimError(await scim.get(`/Groups?filter=${encodeURIComponent('members eq "x"')}`), 400, 'invalidFilter');
    expectScimError(await scim.get(`/Users/${crypto.randomUUID()}`), 404);
    expectScimError(await scim.get('/Users/inte-ett-id'), 404);
    expectScimError(await scim.patch(`/Groups/${crypto.randomUUID()}`, [{ op: 'add', path: 'members', value: [] }]), 404);
    expectScimError(await scim.raw('DELETE', `/Groups/${crypto.randomUUID()}`), 404);
    expectScimError(await scim.raw('POST', '/Users', '{"userName": '), 400, 'invalidSyntax');
    expectScimError(await scim.post('/Users', { schemas: [USER], displayName: 'Utan namn' }), 400, 'invalidValue');
    expectScimError(await scim.post('/Users', { schemas: [USER], userName: 'inte-en-adress' }), 400, 'invalidValue');
    expectScimError(await scim.post('/Users', { schemas: [USER], userName: 'a@b.se', displayName: 'x\u0000y' }), 400, 'invalidValue');
    expectScimError(await scim.post('/Users', [1, 2]), 400, 'invalidValue');
    expectScimError(await scim.post('/Groups', { schemas: [GROUP] }), 400, 'invalidValue');
    const email = `dubbel.${uniq()}@kommun.example`;
    expect((await scim.post('/Users', entraUser(email))).statusCode).toBe(201);
    expectScimError(await scim.post('/Users', entraUser(email)), 409, 'uniqueness');
    expectScimError(await scim.get('/Nonsense'), 404);
    // Plain application/json is accepted too.
    const json = await app.inject({
      method: 'POST',
      url: '/scim/v2/Users',
      headers: { authorization: `Bearer ${(await mintToken(t)).token}`, 'content-type': 'application/json' },
      payload: entraUser(`json.${uniq()}@kommun.example`),
    });
    expect(json.statusCode).toBe(201);
    expect(json.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(json.headers['cache-control']).toBe('no-store');
  });

  it('publishes ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const scim = scimClient(app, (await mintToken(t)).token);
    const spc = await scim.get('/ServiceProviderConfig');
    expect(spc.statusCode).toBe(200);
    expect(spc.json()).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
    });
    const types = (await scim.get('/ResourceTypes')).json();
    expect(types.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    expect((await scim.get('/ResourceTypes/User')).json().endpoint).toBe('/Users');
    const schemas = (await scim.get('/Schemas')).json();
    expect(schemas.totalResults).toBe(3);
    const user = (await scim.get(`/Schemas/${USER}`)).json();
    expect(user.attributes.find((a: { name: string }) => a.name === 'userName')).toMatchObject({ required: true, uniqueness: 'server' });
    expectScimError(await scim.get('/Schemas/urn:nope'), 404);
  });

  it('writes nothing when a SCIM write fails half-way (one transaction)', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const scim = scimClient(app, (await mintToken(t)).token);
    const u = (await scim.post('/Users', entraUser(`halv.${uniq()}@kommun.example`))).json().id;
    const g = (await scim.post('/Groups', { schemas: [GROUP], displayName: `Grupp ${uniq()}` })).json().id;
    // The rename is valid, the second member is not: neither may stick.
    const res = await scim.patch(`/Groups/${g}`, [
      { op: 'replace', path: 'displayName', value: 'Nytt namn' },
      { op: 'add', path: 'members', value: [{ value: u }, { value: crypto.randomUUID() }] },
    ]);
    expectScimError(res, 400, 'invalidValue');
    const got = (await scim.get(`/Groups/${g}`)).json();
    expect(got.displayName).not.toBe('Nytt namn');
    expect(got.members).toEqual([]);
    const audit = await rows<{ n: number }>(sql`select count(*)::int n from audit_events where entity_id = ${g}`);
    expect(audit[0]!.n).toBe(1);
  });
});

describe('SCIM filter and PATCH semantics', () => {
  it('parses eq comparisons joined by and, with schema URNs and value filters', () => {
    expect(parseFilter('userName eq "a\\"b@c.se"')).toEqual([{ attr: 'userName', value: 'a"b@c.se' }]);
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName EQ "x"')).toEqual([{ attr: 'userName', value: 'x' }]);
    expect(parseFilter('id eq "1" and members[value eq "2"]')).toEqual([
      { attr: 'id', value: '1' },
      { attr: 'members', sub: 'value', value: '2' },
    ]);
    expect(parseFilter('active eq true')).toEqual([{ attr: 'active', value: true }]);
  });

  it('applies add, replace and remove with paths, filters and value lists', () => {
    const base = { userName: 'a@b.se', emails: [{ value: 'a@b.se', type: 'work' }], name: { givenName: 'A' } };
    const patch = (ops: unknown[], doc: Record<string, unknown> = base) =>
      applyPatch(userDef, doc, { schemas: [PATCH_OP], Operations: ops });
    expect(patch([{ op: 'add', path: 'emails', value: [{ value: 'x@b.se', type: 'home' }] }]).emails).toEqual([
      { value: 'a@b.se', type: 'work' },
      { value: 'x@b.se', type: 'home' },
    ]);
    expect(patch([{ op: 'replace', path: 'name', value: { familyName: 'B' } }]).name).toEqual({ givenName: 'A', familyName: 'B' });
    expect(patch([{ op: 'remove', path: 'emails[type eq "work"]' }]).emails).toEqual([]);
    expect(patch([{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'c@b.se' }]).emails).toEqual([
      { value: 'c@b.se', type: 'work' },
    ]);
    // The input is not changed in place.
    expect(base.emails).toEqual([{ value: 'a@b.se', type: 'work' }]);
    const group = { displayName: 'G', members: [{ value: '1' }, { value: '2' }, { value: '3' }] };
    const g = (ops: unknown[]) => applyPatch(groupDef, group, { schemas: [PATCH_OP], Operations: ops });
    expect(g([{ op: 'Remove', path: 'members', value: [{ value: '2' }] }]).members).toEqual([{ value: '1' }, { value: '3' }]);
    expect(g([{ op: 'remove', path: 'members' }]).members).toEqual([]);
    expect(g([{ op: 'add', path: 'members', value: [{ value: '3' }, { value: '4' }] }]).members).toHaveLength(4);
    expect(g([{ op: 'replace', path: 'members', value: [{ value: '9' }] }]).members).toEqual([{ value: '9' }]);
    expect(g([{ op: 'Replace', value: { id: 'x', displayName: 'Nytt' } }]).displayName).toBe('Nytt');
  });
});
