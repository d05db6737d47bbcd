import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { incidentEntries, incidents } from '../../db/schema/index.js';
import type { Actor } from '../../platform/access.js';
import type { Cursor, SortSpec } from '../../platform/http.js';
import { cursorValue, keysetOrder, keysetWhere, likePattern, type SortColumn } from '../../platform/keyset.js';
import { scopeWhere } from '../../platform/scope-sql.js';
import type { IncidentListQuery, incidentSorts } from './incidents.schemas.js';

export type IncidentSort = (typeof incidentSorts)[number];
export type IncidentValues = Partial<typeof incidents.$inferInsert>;
export type LinkedSystem = { id: string; name: string; unitId: string; secret: boolean };

export const uuidArray = (ids: readonly string[]) =>
  ids.length
    ? sql`array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[]`
    : sql`'{}'::uuid[]`;

const sortColumns: Record<IncidentSort, SortColumn> = {
  awareAt: { expr: sql`${incidents.awareAt}`, cast: 'timestamptz' },
  updatedAt: { expr: sql`${incidents.updatedAt}`, cast: 'timestamptz' },
  // numbers as zero-padded text: the keyset compares text
  number: { expr: sql`lpad(${incidents.number}::text, 10, '0')`, cast: 'text' },
  severity: {
    expr: sql`(case ${incidents.severity} when 'extensive' then '4' when 'high' then '3' when 'moderate' then '2' when 'low' then '1' else '0' end)`,
    cast: 'text',
  },
  status: {
    expr: sql`(case ${incidents.status} when 'reported' then '1' when 'triaged' then '2' when 'contained' then '3' when 'resolved' then '4' else '5' end)`,
    cast: 'text',
  },
};

const columns = getTableColumns(incidents);

// Subqueries name the outer table explicitly: drizzle leaves single-table columns unqualified.
const extras = {
  unitName: sql<
    string | null
  >`(select u.name from org_units u where u.tenant_id = incidents.tenant_id and u.id = incidents.handling_unit_id)`,
  systems: sql<LinkedSystem[]>`coalesce((select json_agg(json_build_object('id', s.id, 'name', s.name,
      'unitId', s.responsible_unit_id, 'secret', s.secret) order by lower(s.name), s.id)
    from systems s where s.tenant_id = incidents.tenant_id and s.id = any(incidents.system_ids)), '[]'::json)`,
  // the earliest report still due that applies or is not yet assessed
  nextDeadline: sql<{ code: string; dueAt: string; overdue: boolean } | null>`(select json_build_object('code', o.code,
      'dueAt', o.due_at, 'overdue', o.due_at < now()) from incident_obligations o
    where o.tenant_id = incidents.tenant_id and o.incident_id = incidents.id and o.submitted_at is null and o.applies <> 'no'
    order by o.due_at, o.code limit 1)`,
};

const detailExtras = {
  ...extras,
  categoryName: sql<
    string | null
  >`(select c.name from incident_categories c where c.tenant_id = incidents.tenant_id and c.id = incidents.category_id)`,
  reporterName: sql<string | null>`(select u.display_name from users u where u.id = incidents.reported_by)`,
  handlerName: sql<string | null>`(select u.display_name from users u where u.id = incidents.handler_user_id)`,
  reporterSupplierName: sql<
    string | null
  >`(select s.name from suppliers s where s.tenant_id = incidents.tenant_id and s.id = incidents.reporter_supplier_id)`,
  routeName: sql<
    string | null
  >`(select r.name from incident_routes r where r.tenant_id = incidents.tenant_id and r.id = incidents.route_id)`,
  routeInstructions: sql<
    string | null
  >`(select r.instructions from incident_routes r where r.tenant_id = incidents.tenant_id and r.id = incidents.route_id)`,
};

export type IncidentRow = typeof incidents.$inferSelect & {
  unitName: string | null;
  systems: LinkedSystem[];
  nextDeadline: { code: string; dueAt: string; overdue: boolean } | null;
};
export type IncidentDetailRow = IncidentRow & {
  categoryName: string | null;
  reporterName: string | null;
  handlerName: string | null;
  reporterSupplierName: string | null;
  routeName: string | null;
  routeInstructions: string | null;
};

// Numbers are per tenant and never reused; the transaction-scoped lock makes concurrent reports wait
// for each other's number instead of colliding on the unique index.
export async function nextNumber(tx: Tx, tenantId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(7106, hashtext(${tenantId}))`);
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select coalesce(max(number), 0)::int + 1 as n from incidents where tenant_id = ${tenantId}`,
  );
  return Number(row!.n);
}

export async function insertIncident(tx: Tx, values: typeof incidents.$inferInsert): Promise<string> {
  const [row] = await tx.insert(incidents).values(values).returning({ id: incidents.id });
  return row!.id;
}

export async function findIncident(tx: Tx, tenantId: string, id: string): Promise<IncidentDetailRow | null> {
  const rows = await tx
    .select({ ...columns, ...detailExtras })
    .from(incidents)
    .where(and(eq(incidents.tenantId, tenantId), eq(incidents.id, id)));
  return rows[0] ?? null;
}

export async function lockIncident(tx: Tx, tenantId: string, id: string) {
  const rows = await tx
    .select({ version: incidents.version })
    .from(incidents)
    .where(and(eq(incidents.tenantId, tenantId), eq(incidents.id, id)))
    .for('update');
  return rows[0] ?? null;
}

export async function updateIncident(tx: Tx, tenantId: string, id: string, values: IncidentValues) {
  await tx
    .update(incidents)
    .set({ ...values, version: sql`${incidents.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(incidents.tenantId, tenantId), eq(incidents.id, id)));
}

export async function insertEntry(
  tx: Tx,
  e: {
    tenantId: string;
    incidentId: string;
    kind: 'action' | 'crisis' | 'system';
    text: string;
    party?: 'municipality' | 'supplier';
    authorId: string | null;
    at?: Date;
  },
): Promise<string> {
  const [row] = await tx
    .insert(incidentEntries)
    .values({ ...e, authorId: e.authorId || null, party: e.party ?? 'municipality', ...(e.at ? { at: e.at } : {}) })
    .returning({ id: incidentEntries.id });
  return row!.id;
}

export type EntryRow = {
  id: string;
  kind: 'action' | 'crisis' | 'system';
  at: string;
  text: string;
  party: 'municipality' | 'supplier';
  authorId: string | null;
  authorName: string | null;
};

export async function entriesOf(tx: Tx, tenantId: string, incidentId: string, onlyAuthor?: string): Promise<EntryRow[]> {
  return queryRows<EntryRow>(
    tx,
    sql`select e.id, e.kind, e.at, e.text, e.party, e.author_id as "authorId", u.display_name as "authorName"
      from incident_entries e left join users u on u.id = e.author_id
      where e.tenant_id = ${tenantId} and e.incident_id = ${incidentId} ${onlyAuthor ? sql`and e.author_id = ${onlyAuthor}` : sql``}
      order by e.at, e.created_at, e.id`,
  );
}

// The entries a person wrote on their own reports, for "my reports".
export async function entriesByAuthor(tx: Tx, tenantId: string, userId: string): Promise<(EntryRow & { incidentId: string })[]> {
  return queryRows<EntryRow & { incidentId: string }>(
    tx,
    sql`select e.id, e.incident_id as "incidentId", e.kind, e.at, e.text, e.party, e.author_id as "authorId", u.display_name as "authorName"
      from incident_entries e left join users u on u.id = e.author_id
      where e.tenant_id = ${tenantId} and e.author_id = ${userId} order by e.at, e.created_at, e.id`,
  );
}

export type LinkedMeasure = {
  id: string;
  title: string;
  status: string;
  dueOn: string | null;
  secret: boolean;
  unitId: string | null;
  systemId: string | null;
};

// D1-33: the measures created from this incident (measures keep the link as origin + originId).
export async function measuresOf(tx: Tx, tenantId: string, incidentId: string): Promise<LinkedMeasure[]> {
  return queryRows<LinkedMeasure>(
    tx,
    sql`select m.id, m.title, m.status, m.due_on::text as "dueOn", m.secret, m.unit_id as "unitId", m.system_id as "systemId"
      from measures m where m.tenant_id = ${tenantId} and m.origin = 'incident' and m.origin_id = ${incidentId}
        and m.archived_at is null order by m.created_at, m.id`,
  );
}

type Named = { id: string; name: string };
type Scoped = Named & { unitId: string; secret: boolean; systemIds: string[] };

export async function assetsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<Scoped[]> {
  if (!ids.length) return [];
  return queryRows<Scoped>(
    tx,
    sql`select a.id, a.name, a.unit_id as "unitId", a.secret,
      coalesce((select array_agg(l.system_id) from information_asset_systems l where l.tenant_id = a.tenant_id and l.asset_id = a.id), '{}') as "systemIds"
      from information_assets a where a.tenant_id = ${tenantId} and a.id = any(${uuidArray(ids)}) order by lower(a.name), a.id`,
  );
}

export async function namesByIds(tx: Tx, tenantId: string, table: 'org_units' | 'suppliers', ids: readonly string[]): Promise<Named[]> {
  if (!ids.length) return [];
  return queryRows<Named>(
    tx,
    sql`select id, name from ${sql.identifier(table)} where tenant_id = ${tenantId} and id = any(${uuidArray(ids)}) order by lower(name), id`,
  );
}

export async function systemsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<LinkedSystem[]> {
  if (!ids.length) return [];
  return queryRows<LinkedSystem>(
    tx,
    sql`select id, name, responsible_unit_id as "unitId", secret from systems where tenant_id = ${tenantId} and id = any(${uuidArray(ids)})`,
  );
}

export async function categoryOf(tx: Tx, tenantId: string, id: string) {
  const [row] = await queryRows<{ id: string; archived: boolean }>(
    tx,
    sql`select id, archived_at is not null as archived from incident_categories where tenant_id = ${tenantId} and id = ${id}`,
  );
  return row ?? null;
}

export async function routeName(tx: Tx, tenantId: string, routeId: string): Promise<string | null> {
  const [row] = await queryRows<{ name: string }>(
    tx,
    sql`select name from incident_routes where tenant_id = ${tenantId} and id = ${routeId}`,
  );
  return row?.name ?? null;
}

function filters(actor: Actor, q: IncidentListQuery): SQL[] {
  const where: SQL[] = [
    eq(incidents.tenantId, actor.tenantId),
    // free text looks at content: a secret incident may only match through a grant that sees it in full
    scopeWhere(
      actor,
      'incident',
      {
        unitId: sql`incidents.handling_unit_id`,
        linkedSystems: (ids) => sql`incidents.system_ids && ${ids}`,
        supplierId: sql`incidents.reporter_supplier_id`,
        secret: sql`incidents.secret`,
      },
      !!q.q || !!q.systemId,
    ),
  ];
  const inList = (col: SQL, values: readonly string[] | undefined) => {
    if (values?.length)
      where.push(
        sql`${col} in (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
  };
  inList(sql`incidents.status`, q.status);
  inList(sql`incidents.type`, q.type);
  inList(sql`incidents.severity`, q.severity);
  if (q.systemId) where.push(sql`${q.systemId}::uuid = any(incidents.system_ids)`);
  if (q.from) where.push(sql`incidents.aware_at >= (${q.from}::date)::timestamp at time zone 'Europe/Stockholm'`);
  if (q.to) where.push(sql`incidents.aware_at < ((${q.to}::date + 1)::timestamp at time zone 'Europe/Stockholm')`);
  if (q.open === true) where.push(sql`incidents.status <> 'closed'`);
  if (q.open === false) where.push(sql`incidents.status = 'closed'`);
  if (q.crisis === true) where.push(sql`incidents.crisis_at is not null`);
  if (q.crisis === false) where.push(sql`incidents.crisis_at is null`);
  if (q.q) {
    const p = likePattern(q.q);
    where.push(sql`(incidents.title ilike ${p} or coalesce(incidents.report_text, '') ilike ${p}
      or coalesce(incidents.description, '') ilike ${p} or incidents.number::text = ${q.q.replace(/^INC-\d{4}-/i, '')})`);
  }
  return where;
}

export async function listIncidents(
  tx: Tx,
  actor: Actor,
  q: IncidentListQuery,
  sort: SortSpec<IncidentSort>,
  cursor: Cursor | null,
  limit: number,
) {
  const col = sortColumns[sort.key];
  const where = filters(actor, q);
  const after = keysetWhere(col, sql`${incidents.id}`, sort.desc, cursor);
  if (after) where.push(after);
  return tx
    .select({ ...columns, ...extras, sortKey: cursorValue(col) })
    .from(incidents)
    .where(and(...where))
    .orderBy(keysetOrder(col, sql`${incidents.id}`, sort.desc))
    .limit(limit + 1);
}

// The reporter's own reports, newest first.
export async function reportsBy(tx: Tx, tenantId: string, userId: string, limit = 200): Promise<IncidentDetailRow[]> {
  return tx
    .select({ ...columns, ...detailExtras })
    .from(incidents)
    .where(and(eq(incidents.tenantId, tenantId), eq(incidents.reportedBy, userId)))
    .orderBy(sql`${incidents.createdAt} desc`, sql`${incidents.id} desc`)
    .limit(limit);
}

export type SummaryRow = {
  type: string;
  severity: string | null;
  status: string;
  month: string;
  crisis: boolean;
  systemIds: string[];
  unitId: string | null;
  supplierId: string | null;
  secret: boolean;
};

// D1-34 / D1-72: the facts the follow-up counts, for the incidents the actor may see (no content).
export async function summaryRows(tx: Tx, actor: Actor, from?: string, to?: string): Promise<SummaryRow[]> {
  const where = filters(actor, { limit: 1, from, to });
  return queryRows<SummaryRow>(
    tx,
    sql`select incidents.type, incidents.severity, incidents.status, incidents.crisis_at is not null as crisis,
        incidents.system_ids as "systemIds", incidents.handling_unit_id as "unitId",
        incidents.reporter_supplier_id as "supplierId", incidents.secret,
        to_char(incidents.aware_at at time zone 'Europe/Stockholm', 'YYYY-MM') as month
      from incidents where ${and(...where)}`,
  );
}
