import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp, TEST_PASSWORD, uniq } from '../../../../test/helpers/app.js';
import {
  ENTERPRISE,
  entraUser,
  expectScimError,
  GROUP,
  mapGroup,
  mintToken,
  rolesOf,
  rows,
  scimClient,
  signInAs,
  USER,
} from '../../../../test/helpers/scim.js';

describe('SCIM 2.0 provisioning as Entra ID does it (D3-23, D3-26, D1-39, D0-15)', () => {
  // The shared database starts in the hook (longer timeout), not inside the first test.
  beforeAll(async () => void (await testApp()));

  it('D3-23 D3-26: create user → find by userName → group with member → mapped role → deactivate ends the session at once → reactivate → delete', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    await mapGroup(t.tenantId, 'Tillit Systemägare', 'system_owner');
    const tok = await mintToken(t);
    const scim = scimClient(app, tok.token);
    const email = `karin.lind.${uniq()}@kommun.example`;

    // Entra's "test connection": a filter on a userName that does not exist.
    const probe = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${crypto.randomUUID()}"`)}`);
    expect(probe.statusCode).toBe(200);
    expect(probe.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(probe.json()).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await scim.post('/Users', entraUser(email));
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(created.headers.location).toBe(`http://localhost:80/scim/v2/Users/${user.id}`);
    expect(created.headers.etag).toBe('W/"1"');
    expect(user).toMatchObject({
      schemas: [USER, ENTERPRISE],
      userName: email,
      externalId: `ext-${email}`,
      active: true,
      displayName: 'Karin Lind',
      name: { givenName: 'Karin', familyName: 'Lind', formatted: 'Karin Lind' },
      emails: [{ value: email, type: 'work', primary: true }],
      [ENTERPRISE]: { employeeNumber: '4711', department: 'Socialförvaltningen' },
      groups: [],
      meta: { resourceType: 'User', location: created.headers.location, version: 'W/"1"' },
    });
    const [account] = await rows<{ email: string; display_name: string; password_hash: string | null }>(
      sql`select email, display_name, password_hash from users where id = ${user.id}`,
    );
    expect(account).toEqual({ email, display_name: 'Karin Lind', password_hash: null });

    const found = await scim.get(`/Users?filter=${encodeURIComponent(`userName eq "${email.toUpperCase()}"`)}`);
    expect(found.json()).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [{ id: user.id }] });
    const byExt = await scim.get(`/Users?filter=${encodeURIComponent(`externalId eq "ext-${email}"`)}`);
    expect(byExt.json().Resources.map((r: { id: string }) => r.id)).toEqual([user.id]);

    const group = await scim.post('/Groups', {
      schemas: [GROUP],
      displayName: 'Tillit Systemägare',
      externalId: 'grp-1',
      members: [{ value: user.id }],
    });
    expect(group.statusCode, group.body).toBe(201);
    const g = group.json();
    expect(g).toMatchObject({ displayName: 'Tillit Systemägare', members: [{ value: user.id, display: 'Karin Lind' }] });
    expect(await rolesOf(t.tenantId, user.id)).toEqual(['system_owner']);

    // The person signs in (a local password here) and has the role the group maps to.
    const person = await signInAs(user.id, email);
    expect((await person.get('/api/v1/auth/me')).json().roles).toEqual(['system_owner']);
    expect((await scim.get(`/Users/${user.id}`)).json().groups).toMatchObject([{ value: g.id, display: 'Tillit Systemägare' }]);

    // Deactivated the way Entra ID sends it: op capitalised, the boolean as a string.
    const off = await scim.patch(`/Users/${user.id}`, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await person.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await rolesOf(t.tenantId, user.id)).toEqual([]);
    const [disabled] = await rows<{ disabled_at: Date | null }>(sql`select disabled_at from users where id = ${user.id}`);
    expect(disabled!.disabled_at).not.toBeNull();
    expect((await person.request('POST', '/api/v1/auth/login', { email, password: TEST_PASSWORD })).statusCode).toBe(401);

    // Reactivated (no-path replace with an object): the account opens and the roles come back from the groups.
    const on = await scim.patch(`/Users/${user.id}`, [{ op: 'replace', value: { active: true } }]);
    expect(on.json().active).toBe(true);
    expect(await rolesOf(t.tenantId, user.id)).toEqual(['system_owner']);
    const again = await signInAs(user.id, email);
    expect((await again.get('/api/v1/auth/me')).json().roles).toEqual(['system_owner']);

    // Membership removed as Entra ID does it (a value list), then added back.
    const removed = await scim.patch(`/Groups/${g.id}`, [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: user.id }] }]);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().members).toEqual([]);
    expect(await rolesOf(t.tenantId, user.id)).toEqual([]);
    const added = await scim.patch(`/Groups/${g.id}`, [{ op: 'Add', path: 'members', value: [{ $ref: null, value: user.id }] }]);
    expect(added.json().members).toHaveLength(1);
    expect(await rolesOf(t.tenantId, user.id)).toEqual(['system_owner']);

    // Deleted: gone from SCIM, from the group, every role and session; the account is disabled.
    expect((await scim.delete(`/Users/${user.id}`)).statusCode).toBe(204);
    expectScimError(await scim.get(`/Users/${user.id}`), 404);
    expect((await again.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await rolesOf(t.tenantId, user.id)).toEqual([]);
    expect((await scim.get(`/Groups/${g.id}`)).json().members).toEqual([]);
    const [gone] = await rows<{ disabled_at: Date | null }>(sql`select disabled_at from users where id = ${user.id}`);
    expect(gone!.disabled_at).not.toBeNull();

    // Every write is audited, with the token's creator as the actor.
    const audit = await rows<{ action: string; actor_user_id: string }>(
      sql`select action, actor_user_id from audit_events where tenant_id = ${t.tenantId} and action like 'scim.%' order by seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'scim.user.create',
      'scim.group.create',
      'scim.roles.update',
      'scim.user.update',
      'scim.user.deprovision',
      'scim.user.update',
      'scim.user.reactivate',
      'scim.roles.update',
      'scim.group.update',
      'scim.roles.update',
      'scim.group.update',
      'scim.roles.update',
      'scim.user.delete',
      'scim.user.deprovision',
    ]);
    const [creator] = await rows<{ created_by: string }>(sql`select created_by from api_tokens where id = ${tok.id}`);
    expect(new Set(audit.map((a) => a.actor_user_id))).toEqual(new Set([creator!.created_by]));
  });

  it('D3-23: applies attribute changes as Entra ID sends them, keeps the account in step and guards with ETags', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const scim = scimClient(app, (await mintToken(t)).token);
    const email = `per.${uniq()}@kommun.example`;
    const id = (await scim.post('/Users', entraUser(email))).json().id;
    const renamed = `per.berg.${uniq()}@kommun.example`;
    const res = await scim.patch(`/Users/${id}`, [
      { op: 'Replace', path: 'userName', value: renamed },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: renamed },
      { op: 'Replace', path: 'name.familyName', value: 'Berg' },
      { op: 'Replace', path: 'displayName', value: 'Per Berg' },
      { op: 'Add', path: 'title', value: 'Handläggare' },
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '070-1234567' },
      { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Kultur' },
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'chef-1' },
      { op: 'Remove', path: `${ENTERPRISE}:employeeNumber` },
      { op: 'replace', value: { 'name.givenName': 'Per', preferredLanguage: 'sv-SE', id: 'ignored' } },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    const u = res.json();
    expect(u).toMatchObject({
      userName: renamed,
      displayName: 'Per Berg',
      title: 'Handläggare',
      preferredLanguage: 'sv-SE',
      name: { givenName: 'Per', familyName: 'Berg' },
      emails: [{ value: renamed, type: 'work', primary: true }],
      phoneNumbers: [{ type: 'mobile', value: '070-1234567' }],
      [ENTERPRISE]: { department: 'Kultur', manager: { value: 'chef-1' } },
      meta: { version: 'W/"2"' },
    });
    expect(u[ENTERPRISE].employeeNumber).toBeUndefined();
    expect(u.id).toBe(id);
    const [account] = await rows<{ email: string; display_name: string }>(sql`select email, display_name from users where id = ${id}`);
    expect(account).toEqual({ email: renamed, display_name: 'Per Berg' });

    // A stale ETag is refused; the current one works; PUT replaces the whole resource.
    expectScimError(await scim.patch(`/Users/${id}`, [{ op: 'replace', path: 'title', value: 'X' }], { 'if-match': 'W/"1"' }), 412);
    const put = await scim.put(
      `/Users/${id}`,
      { schemas: [USER], userName: renamed, name: { givenName: 'Per', familyName: 'Berg' } },
      {
        'if-match': 'W/"2"',
      },
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().title).toBeUndefined();
    expect(put.json().active).toBe(true);
    const [after] = await rows<{ display_name: string }>(sql`select display_name from users where id = ${id}`);
    expect(after!.display_name).toBe('Per Berg');
    // A change that changes nothing keeps the version.
    const same = await scim.patch(`/Users/${id}`, [{ op: 'replace', path: 'name.givenName', value: 'Per' }]);
    expect(same.headers.etag).toBe(put.headers.etag);

    expectScimError(await scim.patch(`/Users/${id}`, [{ op: 'Remove', path: 'userName' }]), 400, 'invalidValue');
    expectScimError(await scim.patch(`/Users/${id}`, [{ op: 'Replace', path: 'active', value: 'kanske' }]), 400, 'invalidValue');
    expectScimError(await scim.patch(`/Users/${id}`, [{ op: 'Replace', path: 'shoeSize', value: '42' }]), 400, 'invalidPath');
    expectScimError(await scim.patch(`/Users/${id}`, [{ op: 'Move', path: 'title', value: 'x' }]), 400, 'invalidSyntax');
    expectScimError(await scim.patch(`/Users/${id}`, [{ op: 'Remove' }]), 400, 'noTarget');
    expectScimError(await scim.raw('PATCH', `/Users/${id}`, { Operations: [] }), 400, 'invalidSyntax');
  });

  it('links an e-mail address that already has an account instead of duplicating it, without renaming a person another tenant knows', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { app } = await testApp();
    const me = (await b.editor.get('/api/v1/auth/me')).json();
    const scim = scimClient(app, (await mintToken(a)).token);
    const res = await scim.post('/Users', entraUser(me.user.email, { displayName: 'Helt Annat Namn' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().id).toBe(me.user.id);
    expectScimError(await scim.post('/Users', entraUser(me.user.email.toUpperCase())), 409, 'uniqueness');
    // Another tenant's IdP cannot rename the account or move its sign-in address.
    await scim.patch(`/Users/${me.user.id}`, [{ op: 'Replace', path: 'userName', value: `kapad.${uniq()}@evil.example` }]);
    const [account] = await rows<{ email: string; display_name: string }>(
      sql`select email, display_name from users where id = ${me.user.id}`,
    );
    expect(account).toEqual({ email: me.user.email, display_name: me.user.displayName });

    // Deprovisioned in A: A's sessions end at once, but the account and its session in B stay open,
    // where the person still has a role (one tenant's IdP does not sign people out of another).
    await mapGroup(a.tenantId, 'Läsare', 'manager');
    await scim.post('/Groups', { schemas: [GROUP], displayName: 'Läsare', members: [{ value: me.user.id }] });
    expect(await rolesOf(a.tenantId, me.user.id)).toEqual(['manager']);
    await scim.patch(`/Users/${me.user.id}`, [{ op: 'Replace', path: 'active', value: false }]);
    expect(await rolesOf(a.tenantId, me.user.id)).toEqual([]);
    expect(await rolesOf(b.tenantId, me.user.id)).toEqual(['system_owner']);
    expect((await b.editor.get('/api/v1/auth/me')).statusCode).toBe(200);
    const [open] = await rows<{ disabled_at: Date | null }>(sql`select disabled_at from users where id = ${me.user.id}`);
    expect(open!.disabled_at).toBeNull();
  });

  it('D0-15: groups map to roles by name: rename, replace, delete and filter; members must be users of this tenant', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const { app } = await testApp();
    await mapGroup(t.tenantId, 'ISMS Revisorer', 'auditor');
    const scim = scimClient(app, (await mintToken(t)).token);
    const u1 = (await scim.post('/Users', entraUser(`a.${uniq()}@kommun.example`))).json().id;
    const u2 = (await scim.post('/Users', entraUser(`b.${uniq()}@kommun.example`))).json().id;
    const g = (await scim.post('/Groups', { schemas: [GROUP], displayName: 'Alla', members: [{ value: u1 }, { value: u2 }] })).json();
    expect(await rolesOf(t.tenantId, u1)).toEqual([]);

    const renamed = await scim.patch(`/Groups/${g.id}`, [{ op: 'Replace', path: 'displayName', value: 'ISMS Revisorer' }]);
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.headers.etag).toBe('W/"2"');
    expect(await rolesOf(t.tenantId, u1)).toEqual(['auditor']);
    expect(await rolesOf(t.tenantId, u2)).toEqual(['auditor']);

    const byName = await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "isms revisorer"')}&excludedAttributes=members`);
    expect(byName.json().totalResults).toBe(1);
    expect(byName.json().Resources[0].members).toBeUndefined();
    const byMember = await scim.get(`/Groups?filter=${encodeURIComponent(`id eq "${g.id}" and members[value eq "${u2}"]`)}`);
    expect(byMember.json().totalResults).toBe(1);

    // Standard remove by filter, then PUT to a new member list and name.
    await scim.patch(`/Groups/${g.id}`, [{ op: 'remove', path: `members[value eq "${u1}"]` }]);
    expect(await rolesOf(t.tenantId, u1)).toEqual([]);
    const put = await scim.put(`/Groups/${g.id}`, { schemas: [GROUP], displayName: 'ISMS Revisorer', members: [{ value: u1 }] });
    expect(put.json().members.map((m: { value: string }) => m.value)).toEqual([u1]);
    expect(await rolesOf(t.tenantId, u1)).toEqual(['auditor']);
    expect(await rolesOf(t.tenantId, u2)).toEqual([]);

    expectScimError(await scim.post('/Groups', { schemas: [GROUP], displayName: 'isms revisorer' }), 409, 'uniqueness');
    // Another tenant's person (or any id this tenant did not provision) cannot be made a member.
    const stranger = (await other.editor.get('/api/v1/auth/me')).json().user.id;
    expectScimError(
      await scim.patch(`/Groups/${g.id}`, [{ op: 'add', path: 'members', value: [{ value: stranger }] }]),
      400,
      'invalidValue',
    );
    expectScimError(
      await scim.post('/Groups', { schemas: [GROUP], displayName: 'Ny', members: [{ value: 'inte-ett-id' }] }),
      400,
      'invalidValue',
    );
    expect(await rolesOf(t.tenantId, stranger)).toEqual([]);

    expect((await scim.delete(`/Groups/${g.id}`)).statusCode).toBe(204);
    expect(await rolesOf(t.tenantId, u1)).toEqual([]);
    expectScimError(await scim.get(`/Groups/${g.id}`), 404);
  });

  it('keeps tenants apart: a token sees and changes only its own tenant’s users and groups (404 for the rest)', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { app } = await testApp();
    const sa = scimClient(app, (await mintToken(a)).token);
    const sb = scimClient(app, (await mintToken(b)).token);
    const email = `delad.${uniq()}@kommun.example`;
    const ua = (await sa.post('/Users', entraUser(email))).json().id;
    const ga = (await sa.post('/Groups', { schemas: [GROUP], displayName: 'A-gruppen', members: [{ value: ua }] })).json().id;
    expectScimError(await sb.get(`/Users/${ua}`), 404);
    expectScimError(await sb.patch(`/Users/${ua}`, [{ op: 'replace', path: 'active', value: false }]), 404);
    expectScimError(await sb.raw('DELETE', `/Users/${ua}`), 404);
    expectScimError(await sb.get(`/Groups/${ga}`), 404);
    expectScimError(await sb.patch(`/Groups/${ga}`, [{ op: 'replace', path: 'displayName', value: 'Kapad' }]), 404);
    expect((await sb.get(`/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`)).json().totalResults).toBe(0);
    expect((await sb.get('/Users')).json().totalResults).toBe(0);
    expect((await sb.get('/Groups')).json().totalResults).toBe(0);
    expect((await sa.get(`/Users/${ua}`)).json().active).toBe(true);
  });

  it('pages lists with startIndex and count', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const scim = scimClient(app, (await mintToken(t)).token);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await scim.post('/Users', entraUser(`p${i}.${uniq()}@kommun.example`))).json().id);
    const page = (await scim.get('/Users?startIndex=2&count=1')).json();
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.Resources[0].id).toBe(ids[1]);
    expect((await scim.get('/Users?count=0')).json()).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect((await scim.get('/Users?startIndex=-5&count=500')).json()).toMatchObject({ startIndex: 1, itemsPerPage: 3 });
    expectScimError(await scim.get('/Users?count=många'), 400, 'invalidValue');
  });
});
