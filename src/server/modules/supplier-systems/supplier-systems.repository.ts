import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { supplierSystems } from '../../db/schema/index.js';

export interface LinkRow {
  supplierId: string;
  systemId: string;
  name: string;
  unitId: string;
  secret: boolean;
  critical: boolean;
  delivers: boolean;
  worksIn: boolean;
  administersOwnUsers: boolean;
  note: string | null;
  createdAt: Date | string;
}

export async function linksOf(tx: Tx, tenantId: string, supplierId: string, systemId?: string): Promise<LinkRow[]> {
  const one = systemId ? sql` and l.system_id = ${systemId}` : sql``;
  return queryRows<LinkRow>(
    tx,
    sql`select l.supplier_id as "supplierId", l.system_id as "systemId", s.name, s.responsible_unit_id as "unitId", s.secret,
          s.critical, l.delivers, l.works_in as "worksIn", l.administers_own_users as "administersOwnUsers", l.note,
          l.created_at as "createdAt"
        from supplier_systems l join systems s on s.tenant_id = l.tenant_id and s.id = l.system_id
        where l.tenant_id = ${tenantId} and l.supplier_id = ${supplierId}${one}
        order by lower(s.name), s.id`,
  );
}

export async function upsertLink(
  tx: Tx,
  v: {
    tenantId: string;
    supplierId: string;
    systemId: string;
    delivers: boolean;
    worksIn: boolean;
    administersOwnUsers: boolean;
    note: string | null;
  },
) {
  await tx
    .insert(supplierSystems)
    .values(v)
    .onConflictDoUpdate({
      target: [supplierSystems.tenantId, supplierSystems.supplierId, supplierSystems.systemId],
      set: { delivers: v.delivers, worksIn: v.worksIn, administersOwnUsers: v.administersOwnUsers, note: v.note },
    });
}

export async function deleteLink(tx: Tx, tenantId: string, supplierId: string, systemId: string) {
  await tx
    .delete(supplierSystems)
    .where(and(eq(supplierSystems.tenantId, tenantId), eq(supplierSystems.supplierId, supplierId), eq(supplierSystems.systemId, systemId)));
}
