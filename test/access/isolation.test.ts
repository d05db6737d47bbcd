import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { withTenant } from '../../src/server/db/tenant.js';
import { newTenant, testApp } from '../helpers/app.js';

// Identity tables are read before a tenant is known (sign-in, SSO callbacks, SCIM and token
// bearers) and carry no row-level security by design; their repositories filter by tenant.
const crossTenantTables = new Set([
  'role_assignments',
  'sessions',
  'identity_providers',
  'group_role_mappings',
  'api_tokens',
  'scim_users',
  'scim_groups',
  // the scheduler, the mail sender and the calendar feed work across tenants (ids, addresses, hashes;
  // no content) before any tenant is chosen; their queries name the tenant of each row they act on
  'scheduled_jobs',
  'mail_outbox',
  'calendar_feed_tokens',
]);

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

describe('tenant isolation in the database', () => {
  it('every table with a tenant_id has row-level security, unless it is one of the named tables read before a tenant is chosen', async () => {
    const { database } = await testApp();
    const rows = rowsOf<{ table: string; rls: boolean }>(
      await database.db.execute(sql`select c.relname as table, c.relrowsecurity as rls from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname = current_schema()
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        order by 1`),
    );
    const unprotected = rows.filter((r) => !r.rls && !crossTenantTables.has(r.table)).map((r) => r.table);
    expect(unprotected).toEqual([]);
    expect(rows.filter((r) => r.rls).map((r) => r.table)).toEqual(
      expect.arrayContaining(['org_units', 'systems', 'information_assets', 'suppliers', 'audit_events']),
    );
  });

  it('a query that forgets the tenant filter still sees only its own tenant’s rows, in every protected table', async () => {
    const a = await newTenant();
    const b = await newTenant();
    for (const t of [a, b]) {
      const unit = t.unitId;
      const sys = await t.admin.post('/api/v1/systems', { name: `System ${t.name}`, responsibleUnitId: unit });
      await t.admin.post('/api/v1/information-assets', { name: `Tillgång ${t.name}`, unitId: unit, systemIds: [sys.json().id] });
    }
    const { database } = await testApp();
    const protectedTables = rowsOf<{ table: string }>(
      await database.db.execute(sql`select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind = 'r' and n.nspname = current_schema() and c.relrowsecurity order by 1`),
    ).map((r) => r.table);
    for (const table of protectedTables) {
      const seen = await withTenant(database.db, a.tenantId, async (tx) =>
        rowsOf<{ tenant_id: string }>(await tx.execute(sql`select distinct tenant_id from ${sql.identifier(table)}`)),
      );
      // shipped reference rows (the reporting regimes) belong to no tenant and are everyone's
      expect(
        seen.filter((r) => r.tenant_id !== a.tenantId && r.tenant_id !== null),
        table,
      ).toEqual([]);
    }
    // and the same transaction cannot write into another tenant
    await expect(
      withTenant(database.db, a.tenantId, (tx) =>
        tx.execute(sql`insert into suppliers (tenant_id, name) values (${b.tenantId}, 'Intrång AB')`),
      ),
    ).rejects.toThrow();
  });
});
