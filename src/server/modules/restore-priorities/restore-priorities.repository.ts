import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { restorePriorities, restorePriorityItems } from '../../db/schema/index.js';

export type PriorityRow = typeof restorePriorities.$inferSelect & { decidedByName: string | null };

export interface SystemRow {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  secret: boolean;
  critical: boolean;
  archived: boolean;
  acceptedOutageMinutes: number | null;
}

const systemColumns = sql`s.id, s.name, s.responsible_unit_id as "unitId", u.name as "unitName", s.secret, s.critical,
  s.archived_at is not null as archived, c.accepted_outage_minutes as "acceptedOutageMinutes"`;
const systemJoins = sql`join org_units u on u.tenant_id = s.tenant_id and u.id = s.responsible_unit_id
  left join system_continuity c on c.tenant_id = s.tenant_id and c.system_id = s.id`;

export async function findPriority(tx: Tx, tenantId: string, id: string, lock = false): Promise<PriorityRow | null> {
  const rows = await queryRows<PriorityRow>(
    tx,
    sql`select p.id, p.tenant_id as "tenantId", p.version, p.created_at as "createdAt", p.updated_at as "updatedAt", p.title, p.status,
        p.decided_on::text as "decidedOn", p.dnr, p.decided_by as "decidedBy", p.decision_note as "decisionNote",
        (select display_name from users where id = p.decided_by) as "decidedByName"
      from restore_priorities p where p.tenant_id = ${tenantId} and p.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  const r = rows[0];
  return r ? { ...r, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) } : null;
}

export async function listPriorities(tx: Tx, tenantId: string, limit: number) {
  return queryRows<{
    id: string;
    title: string;
    status: string;
    decidedOn: string | null;
    dnr: string | null;
    itemCount: number;
    createdAt: string;
  }>(
    tx,
    sql`select p.id, p.title, p.status, p.decided_on::text as "decidedOn", p.dnr, p.created_at as "createdAt",
        (select count(*)::int from restore_priority_items i where i.tenant_id = p.tenant_id and i.priority_id = p.id) as "itemCount"
      from restore_priorities p where p.tenant_id = ${tenantId}
      order by case p.status when 'draft' then 0 when 'decided' then 1 else 2 end, p.created_at desc, p.id limit ${limit}`,
  );
}

export async function itemsOf(tx: Tx, tenantId: string, priorityId: string) {
  return queryRows<SystemRow & { rank: number; note: string | null }>(
    tx,
    sql`select i.rank, i.note, ${systemColumns} from restore_priority_items i
      join systems s on s.tenant_id = i.tenant_id and s.id = i.system_id ${systemJoins}
      where i.tenant_id = ${tenantId} and i.priority_id = ${priorityId} order by i.rank`,
  );
}

// Critical systems in use: what the order ranks.
export async function criticalSystems(tx: Tx, tenantId: string) {
  return queryRows<SystemRow>(
    tx,
    sql`select ${systemColumns} from systems s ${systemJoins}
      where s.tenant_id = ${tenantId} and s.critical and s.archived_at is null order by lower(s.name), s.id`,
  );
}

export async function systemsByIds(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return queryRows<SystemRow>(
    tx,
    sql`select ${systemColumns} from systems s ${systemJoins}
      where s.tenant_id = ${tenantId} and s.id = any(array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[])`,
  );
}

export async function insertPriority(tx: Tx, tenantId: string, title: string): Promise<string> {
  const [row] = await tx.insert(restorePriorities).values({ tenantId, title }).returning({ id: restorePriorities.id });
  return row!.id;
}

export async function currentDecided(tx: Tx, tenantId: string) {
  const rows = await tx
    .select({ id: restorePriorities.id })
    .from(restorePriorities)
    .where(and(eq(restorePriorities.tenantId, tenantId), eq(restorePriorities.status, 'decided')))
    .orderBy(desc(restorePriorities.decidedOn))
    .for('update');
  return rows;
}

export async function replaceItems(
  tx: Tx,
  tenantId: string,
  priorityId: string,
  items: readonly { systemId: string; note?: string | null }[],
) {
  await tx
    .delete(restorePriorityItems)
    .where(and(eq(restorePriorityItems.tenantId, tenantId), eq(restorePriorityItems.priorityId, priorityId)));
  if (items.length)
    await tx
      .insert(restorePriorityItems)
      .values(items.map((it, i) => ({ tenantId, priorityId, systemId: it.systemId, rank: i + 1, note: it.note ?? null })));
}

export async function updatePriority(tx: Tx, tenantId: string, id: string, values: Partial<typeof restorePriorities.$inferInsert>) {
  await tx
    .update(restorePriorities)
    .set({ ...values, version: sql`${restorePriorities.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(restorePriorities.tenantId, tenantId), eq(restorePriorities.id, id)));
}
