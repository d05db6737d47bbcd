import { describe, expect, it } from 'vitest';
import { anonymous, memberWith, newTenant, TEST_PASSWORD } from '../../../../test/helpers/app.js';

describe('users and roles (D1-39, D0-15: only authorised people, only the permissions they need)', () => {
  it('D1-39: a coordinator adds a person with scoped roles; the list and detail show each role with its scope', async () => {
    const t = await newTenant();
    const res = await t.admin.post('/api/v1/users', {
      email: `Ny.Person-${Date.now()}@test.example`,
      displayName: 'Nina Systemägare',
      assignments: [{ role: 'system_owner', scopeType: 'unit', scopeUnitId: t.unitId }, { role: 'employee' }],
    });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user.assignments).toHaveLength(2);
    expect(user.assignments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: 'system_owner',
          scopeType: 'unit',
          scopeUnit: { id: t.unitId, name: 'Kommunledningsförvaltningen' },
          source: 'manual',
        }),
        expect.objectContaining({ role: 'employee', scopeType: 'tenant', scopeUnit: null }),
      ]),
    );
    expect(user).toMatchObject({ hasPassword: false, disabled: false, mfa: { totp: false, passkeys: 0 } });
    const list = await t.admin.get('/api/v1/users?q=Nina');
    expect(list.json().items.map((u: { id: string }) => u.id)).toEqual([user.id]);
    const audit = await t.admin.get(`/api/v1/users/${user.id}`);
    expect(audit.statusCode).toBe(200);
  });

  it('refuses a supplier role without a supplier, a municipal role scoped to a supplier, and a unit of another tenant', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const email = `x-${Date.now()}@test.example`;
    const bad = async (assignments: unknown[]) => (await t.admin.post('/api/v1/users', { email, displayName: 'X', assignments })).json();
    expect((await bad([{ role: 'super_user' }])).errors[0]).toMatchObject({ field: 'assignments.0.scopeSupplierId', code: 'required' });
    expect((await bad([{ role: 'super_user', scopeType: 'tenant' }])).errors[0]).toMatchObject({
      field: 'assignments.0.scopeType',
      code: 'supplier_scope_required',
    });
    expect((await bad([{ role: 'manager', scopeType: 'supplier', scopeSupplierId: t.unitId }])).errors[0].code).toBe(
      'supplier_scope_not_allowed',
    );
    expect((await bad([{ role: 'manager', scopeType: 'unit', scopeUnitId: other.unitId }])).errors[0]).toMatchObject({
      field: 'assignments.0.scopeUnitId',
      code: 'unknown_unit',
    });
    expect((await bad([{ role: 'manager', scopeType: 'unit' }])).errors[0].code).toBe('required');
    expect((await bad([])).status).toBe(422);
  });

  it('D1-39: only a tenant-wide coordinator administers users; others get 403, another tenant’s user is 404', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const scopedCoordinator = await memberWith(t, [{ role: 'coordinator', scopeType: 'unit', scopeUnitId: t.unitId }]);
    const auditor = await memberWith(t, [{ role: 'auditor' }]);
    for (const c of [t.editor, t.reader, scopedCoordinator]) {
      expect((await c.get('/api/v1/users')).statusCode).toBe(403);
      expect((await c.post('/api/v1/users', { email: 'a@b.se', displayName: 'A', assignments: [{ role: 'employee' }] })).statusCode).toBe(
        403,
      );
    }
    // the auditor reads but does not change
    expect((await auditor.get('/api/v1/users')).statusCode).toBe(200);
    expect((await auditor.post(`/api/v1/users/${auditor.userId}/assignments`, { role: 'coordinator' })).statusCode).toBe(403);
    const theirs = (await other.admin.get('/api/v1/users')).json().items[0].id;
    expect((await t.admin.get(`/api/v1/users/${theirs}`)).statusCode).toBe(404);
    expect((await t.admin.post(`/api/v1/users/${theirs}/assignments`, { role: 'employee' })).statusCode).toBe(404);
    expect((await t.admin.post(`/api/v1/users/${theirs}/deactivate`)).statusCode).toBe(404);
  });

  it('a granted or revoked role applies on the next request of that user, and is audited', async () => {
    const t = await newTenant();
    const person = await memberWith(t, [{ role: 'employee' }]);
    expect((await person.get('/api/v1/information-assets')).statusCode).toBe(403);
    const granted = await t.admin.post(`/api/v1/users/${person.userId}/assignments`, { role: 'manager' });
    expect(granted.statusCode).toBe(200);
    expect((await person.get('/api/v1/information-assets')).statusCode).toBe(200);
    const manager = granted.json().assignments.find((a: { role: string }) => a.role === 'manager');
    const revoked = await t.admin.request('DELETE', `/api/v1/users/${person.userId}/assignments/${manager.id}`);
    expect(revoked.statusCode).toBe(200);
    expect((await person.get('/api/v1/information-assets')).statusCode).toBe(403);
    const me = await person.get('/api/v1/auth/me');
    expect(me.json().roles).toEqual(['employee']);
  });

  it('the organisation keeps at least one tenant-wide coordinator', async () => {
    const t = await newTenant();
    const me = (await t.admin.get('/api/v1/auth/me')).json();
    const self = (await t.admin.get(`/api/v1/users/${me.user.id}`)).json();
    const coord = self.assignments.find((a: { role: string }) => a.role === 'coordinator');
    const res = await t.admin.request('DELETE', `/api/v1/users/${me.user.id}/assignments/${coord.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/minst en informationssäkerhetssamordnare/);
    expect((await t.admin.post(`/api/v1/users/${me.user.id}/deactivate`)).statusCode).toBe(409);
  });

  it('D3-23 D0-14: deactivating ends the person’s access at once: roles gone, sessions ended, the account disabled when it has no other organisation', async () => {
    const t = await newTenant();
    const person = await memberWith(t, [{ role: 'manager' }]);
    expect((await person.get('/api/v1/systems')).statusCode).toBe(200);
    const res = await t.admin.post(`/api/v1/users/${person.userId}/deactivate`);
    expect(res.json()).toEqual({ sessionsEnded: 1, disabled: true });
    expect((await person.get('/api/v1/systems')).statusCode).toBe(401);
    const again = await anonymous();
    expect((await again.request('POST', '/api/v1/auth/login', { email: person.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await t.admin.get(`/api/v1/users/${person.userId}`)).statusCode).toBe(404);
  });

  it('a joint IT organisation’s person keeps one account: added to a second tenant by e-mail, deactivated there only', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const person = await memberWith(a, [{ role: 'it_manager' }]);
    const added = await b.admin.post('/api/v1/users', {
      email: person.email.toUpperCase(),
      displayName: 'Samma person',
      assignments: [{ role: 'it_manager' }],
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().id).toBe(person.userId);
    expect(
      (await b.admin.post('/api/v1/users', { email: person.email, displayName: 'Igen', assignments: [{ role: 'employee' }] })).statusCode,
    ).toBe(409);
    const gone = await b.admin.post(`/api/v1/users/${person.userId}/deactivate`);
    expect(gone.json()).toEqual({ sessionsEnded: 0, disabled: false });
    expect((await person.get('/api/v1/systems')).statusCode).toBe(200);
  });

  it('an admin lists and ends another user’s sessions in the organisation', async () => {
    const t = await newTenant();
    const person = await memberWith(t, [{ role: 'manager' }]);
    const list = await t.admin.get(`/api/v1/users/${person.userId}/sessions`);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ authMethods: ['password'], current: false });
    expect((await t.admin.post(`/api/v1/users/${person.userId}/sessions/end`)).json()).toEqual({ sessionsEnded: 1 });
    expect((await person.get('/api/v1/systems')).statusCode).toBe(401);
    expect((await t.editor.post(`/api/v1/users/${person.userId}/sessions/end`)).statusCode).toBe(403);
  });
});

describe('removing the last role', () => {
  it('D3-23: takes the person out of the organisation; the answer shows no roles', async () => {
    const t = await newTenant();
    const person = await memberWith(t, [{ role: 'manager' }]);
    const user = (await t.admin.get(`/api/v1/users/${person.userId}`)).json();
    const res = await t.admin.del(`/api/v1/users/${person.userId}/assignments/${user.assignments[0].id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().assignments).toEqual([]);
    expect((await person.get('/api/v1/systems')).statusCode).toBe(403);
    expect((await t.admin.get(`/api/v1/users/${person.userId}`)).statusCode).toBe(404);
  });
});

describe('the one account of a person in several organisations', () => {
  it('is renamed only where the person belongs to one organisation', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const person = await memberWith(a, [{ role: 'manager' }]);
    expect((await a.admin.patch(`/api/v1/users/${person.userId}`, { displayName: 'Nytt Namn' })).json().displayName).toBe('Nytt Namn');
    await b.admin.post('/api/v1/users', { email: person.email, displayName: 'X', assignments: [{ role: 'manager' }] });
    const res = await b.admin.patch(`/api/v1/users/${person.userId}`, { displayName: 'Kapat Namn' });
    expect(res.statusCode).toBe(409);
    expect((await a.admin.get(`/api/v1/users/${person.userId}`)).json().displayName).toBe('Nytt Namn');
  });
});
