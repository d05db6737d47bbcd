import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../../test/helpers/app.js';
import { entraUser, GROUP, mintToken, rows, scimClient } from '../../../../test/helpers/scim.js';

describe('a group → role mapping change applies at once (D0-15, D3-23)', () => {
  it('D3-23: SCIM-provisioned members of the group gain the role when the mapping is added and lose it when it is removed', async () => {
    const t = await newTenant();
    const { app } = await testApp();
    const scim = scimClient(app, (await mintToken(t)).token);
    const user = (await scim.post('/Users', entraUser(`karin-${Date.now()}@test.example`))).json();
    const group = await scim.post('/Groups', { schemas: [GROUP], displayName: 'IT-avdelningen', members: [{ value: user.id }] });
    expect(group.statusCode).toBe(201);
    const rolesOf = async () =>
      (await rows<{ role: string }>(sql`select role from role_assignments where tenant_id = ${t.tenantId} and user_id = ${user.id}`)).map(
        (r) => r.role,
      );
    expect(await rolesOf()).toEqual([]);
    const mapping = await t.admin.post('/api/v1/group-role-mappings', { groupName: 'it-avdelningen', role: 'it_manager' });
    expect(mapping.statusCode).toBe(201);
    expect(await rolesOf()).toEqual(['it_manager']);
    expect((await t.admin.del(`/api/v1/group-role-mappings/${mapping.json().id}`)).statusCode).toBe(204);
    expect(await rolesOf()).toEqual([]);
    const audit = await rows<{ action: string }>(
      sql`select action from audit_events where tenant_id = ${t.tenantId} and entity_id = ${user.id} and action = 'scim.roles.update'`,
    );
    expect(audit).toHaveLength(2);
  });

  it('D0-15: SSO-granted assignments equal to a removed mapping are removed at once', async () => {
    const t = await newTenant();
    const { database } = await testApp();
    const mapping = (await t.admin.post('/api/v1/group-role-mappings', { groupName: 'Revision', role: 'auditor' })).json();
    const someone = (await t.admin.get('/api/v1/auth/me')).json().user.id as string;
    await database.db.execute(
      sql`insert into role_assignments (tenant_id, user_id, role, source) values (${t.tenantId}, ${someone}, 'auditor', 'sso')`,
    );
    await t.admin.del(`/api/v1/group-role-mappings/${mapping.id}`);
    const left = await rows<{ n: number }>(sql`select count(*)::int n from role_assignments where user_id = ${someone} and source = 'sso'`);
    expect(left[0]!.n).toBe(0);
  });
});
