import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../shared/enums.js';
import { can, permissionsOf, policy, viewOf, type Actor, type Grant } from './access.js';

const actor = (...grants: Grant[]): Actor => ({
  userId: 'u',
  tenantId: 't',
  roles: [...new Set(grants.map((g) => g.role))],
  grants,
  email: 'a@b.se',
  displayName: 'A',
});
const everywhere = (role: Role): Grant => ({ role, scope: { type: 'tenant' } });

describe('the policy table: what each role of the seeds may do', () => {
  it('has a rule for every role, and only the coordinator administers users, settings, IdPs and tokens', () => {
    expect(Object.keys(policy).sort()).toEqual([...roles].sort());
    for (const role of roles) {
      const admin = ['user', 'identity-provider', 'api-token'].some((r) => can(actor(everywhere(role)), 'create', r as 'user'));
      expect([role, admin]).toEqual([role, role === 'coordinator']);
    }
  });

  it('D4-14 D4-15 D4-16 D4-18: IT manager, operations lead, system owner and system administrator divide the system register as the policy says', () => {
    const p = (role: Role) => permissionsOf(actor(everywhere(role)));
    expect(p('it_manager').system).toEqual(['read', 'create', 'update', 'archive', 'restore']);
    expect(p('operations_manager').system).toEqual(['read', 'update']);
    expect(p('system_owner').system).toEqual(['read', 'create', 'update', 'archive', 'restore']);
    expect(p('system_owner')['information-asset']).toEqual(['read', 'create', 'update', 'archive', 'restore']);
    expect(p('system_administrator').system).toEqual(['read', 'update']);
    expect(p('system_administrator')['information-asset']).toEqual(['read', 'create', 'update']);
  });

  it('management and elected officials get reports; the auditor reads all and changes nothing but may report an incident like everyone (D1-52); an employee reads systems only', () => {
    const p = (role: Role) => permissionsOf(actor(everywhere(role)));
    expect(p('management').report).toEqual(['read']);
    expect(p('elected_official')).toMatchObject({ report: ['read'], system: [], 'information-asset': [] });
    const { incident, ...auditor } = p('auditor');
    expect(
      Object.values(auditor)
        .flat()
        .every((a) => a === 'read'),
    ).toBe(true);
    // a report is a new record, not a change to the records under audit
    expect(incident).toEqual(['read', 'create']);
    expect(p('employee')).toMatchObject({ system: ['read'], 'information-asset': [], user: [], incident: ['create'] });
    expect(p('elected_official').incident).toEqual(['create']);
  });

  it('a secret record is seen in full by need-to-know roles, masked by the others that read the register, and not at all by employees', () => {
    const secret = { unitId: 'x', systemIds: ['s'], secret: true };
    expect(viewOf(actor(everywhere('system_owner')), 'system', secret)).toBe('full');
    expect(viewOf(actor(everywhere('auditor')), 'system', secret)).toBe('full');
    expect(viewOf(actor(everywhere('management')), 'system', secret)).toBe('masked');
    expect(viewOf(actor(everywhere('employee')), 'system', secret)).toBeNull();
    expect(viewOf(actor(everywhere('employee')), 'system', { ...secret, secret: false })).toBe('full');
  });

  it('scopes: a unit grant reaches its subtree, a systems grant its systems, a supplier grant its organisation; the best grant wins', () => {
    const unit: Grant = { role: 'system_owner', scope: { type: 'unit', unitId: 'a', unitIds: ['a', 'a1'] } };
    expect(can(actor(unit), 'update', 'system', { unitId: 'a1', systemIds: ['s1'] })).toBe(true);
    expect(can(actor(unit), 'update', 'system', { unitId: 'b', systemIds: ['s2'] })).toBe(false);
    const named: Grant = { role: 'system_administrator', scope: { type: 'systems', systemIds: ['s2'] } };
    expect(can(actor(named), 'update', 'system', { unitId: 'b', systemIds: ['s2'] })).toBe(true);
    const supplier: Grant = { role: 'supplier_admin', scope: { type: 'supplier', supplierId: 'p1' } };
    expect(can(actor(supplier), 'update', 'supplier', { supplierId: 'p1' })).toBe(true);
    expect(can(actor(supplier), 'read', 'supplier', { supplierId: 'p2' })).toBe(false);
    // the supplier register is common to the municipality: a unit-scoped owner reads all of it
    expect(can(actor(unit), 'read', 'supplier', { supplierId: 'p2' })).toBe(true);
    expect(can(actor(unit), 'update', 'supplier', { supplierId: 'p2' })).toBe(false);
    // a masked tenant-wide view and a full view in the unit: the unit's records are seen in full
    const both = actor(everywhere('manager'), unit);
    expect(viewOf(both, 'system', { unitId: 'a', secret: true })).toBe('full');
    expect(viewOf(both, 'system', { unitId: 'b', secret: true })).toBe('masked');
  });
});

describe('tenant administration needs a tenant-wide grant', () => {
  it('a coordinator scoped to a unit cannot administer users, settings, identity providers, tokens or provisioning', () => {
    const scoped = actor({ role: 'coordinator', scope: { type: 'unit', unitId: 'a', unitIds: ['a'] } });
    const p = permissionsOf(scoped);
    expect([p.user, p['tenant-settings'], p['identity-provider'], p['api-token'], p.scim]).toEqual([[], [], [], [], []]);
    expect(p.system).toEqual(['read', 'create', 'update', 'archive', 'restore']);
  });
});
