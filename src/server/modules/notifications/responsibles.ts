import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { can, type Actor, type Grant, type ObjectScope, type Resource } from '../../platform/access.js';
import { grantsFromRows, grantsJson, rolesOf, type GrantRow } from '../../platform/auth/grants.js';

// Who is reminded of a record that has no named owner (a classification due for review, a risk
// analysis due for update): the people closest to it. Those who may change it through a unit or
// systems grant that covers it; only when nobody is, those who may change it tenant-wide (the
// coordinator). Without the first rule every reminder of the municipality lands with the coordinator.
// The ICS feed uses the same rule, so a person's calendar shows what they are reminded of.

export interface Member {
  actor: Actor;
  scoped: Grant[];
  tenantWide: Grant[];
}

export async function membersOf(tx: Tx, tenantId: string): Promise<Member[]> {
  const rows = await queryRows<{ id: string; email: string; display_name: string; grants: GrantRow[] }>(
    tx,
    sql`select u.id, u.email, u.display_name, ${grantsJson(sql`u.id`, sql`${tenantId}::uuid`)} as grants
        from users u
        where u.disabled_at is null
          and exists (select 1 from role_assignments ra where ra.tenant_id = ${tenantId} and ra.user_id = u.id)`,
  );
  return rows.map((r) => {
    const grants = grantsFromRows(r.grants);
    return {
      actor: { userId: r.id, tenantId, roles: rolesOf(grants), grants, email: r.email, displayName: r.display_name },
      scoped: grants.filter((g) => g.scope.type === 'unit' || g.scope.type === 'systems'),
      tenantWide: grants.filter((g) => g.scope.type === 'tenant'),
    };
  });
}

const mayChangeWith = (m: Member, grants: Grant[], resource: Resource, scope: ObjectScope) =>
  grants.length > 0 && can({ ...m.actor, grants }, 'update', resource, scope);

export function responsiblesFor(members: readonly Member[], resource: Resource, scope: ObjectScope): string[] {
  const near = members.filter((m) => mayChangeWith(m, m.scoped, resource, scope));
  const chosen = near.length ? near : members.filter((m) => mayChangeWith(m, m.tenantWide, resource, scope));
  return chosen.map((m) => m.actor.userId);
}
