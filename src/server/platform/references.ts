import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { can, type Actor } from './access.js';

const uuidArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

// A record may only name systems and suppliers of its own tenant that the actor may read (the id
// arrays carry no foreign keys). Each answers the ids that fail, unknown or out of reach alike, so the
// answer never tells that a record the actor may not see exists.

export async function unreachableSystems(tx: Tx, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await queryRows<{ id: string; unitId: string; secret: boolean }>(
    tx,
    sql`select id, responsible_unit_id as "unitId", secret from systems where tenant_id = ${actor.tenantId} and id = any(${uuidArray(unique)})`,
  );
  const linked = await supplierLinkedSystems(tx, actor);
  const ok = new Set(
    found
      .filter(
        (s) => (!s.secret && linked.has(s.id)) || can(actor, 'read', 'system', { unitId: s.unitId, systemIds: [s.id], secret: s.secret }),
      )
      .map((s) => s.id),
  );
  return unique.filter((id) => !ok.has(id));
}

// D0-31: a supplier's users report faults on the systems their organisation works in or delivers,
// though they may not read the system register; those links (not secret-marked systems) may be named.
export async function supplierLinkedSystems(tx: Tx, actor: Actor): Promise<Set<string>> {
  const supplierIds = actor.grants.flatMap((g) => (g.scope.type === 'supplier' ? [g.scope.supplierId] : []));
  if (supplierIds.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select system_id as id from supplier_systems where tenant_id = ${actor.tenantId} and supplier_id = any(${uuidArray(supplierIds)})`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function unreachableSuppliers(tx: Tx, actor: Actor, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const found = await queryRows<{ id: string }>(
    tx,
    sql`select id from suppliers where tenant_id = ${actor.tenantId} and id = any(${uuidArray(unique)})`,
  );
  const ok = new Set(found.filter((s) => can(actor, 'read', 'supplier', { supplierId: s.id })).map((s) => s.id));
  return unique.filter((id) => !ok.has(id));
}
