import { and, asc, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { incidentCategories, incidentRoutes, incidentSettings, orgUnits, systems } from '../../db/schema/index.js';

const uuidArray = (ids: readonly string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

export type CategoryRow = typeof incidentCategories.$inferSelect;
export type RouteRow = typeof incidentRoutes.$inferSelect & {
  categoryName: string | null;
  categoryNameEn: string | null;
  systemName: string | null;
  systemUnitId: string | null;
  systemSecret: boolean | null;
  unitName: string | null;
};

// --- categories

export async function countCategories(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(incidentCategories)
    .where(eq(incidentCategories.tenantId, tenantId));
  return row?.n ?? 0;
}

// Two first readers may race: the name index makes the second insert of each name a no-op.
export async function insertStarterCategories(tx: Tx, tenantId: string, list: { name: string; nameEn: string }[]): Promise<number> {
  const rows = await tx
    .insert(incidentCategories)
    .values(list.map((c, i) => ({ tenantId, name: c.name, nameEn: c.nameEn, sortOrder: (i + 1) * 10 })))
    .onConflictDoNothing()
    .returning({ id: incidentCategories.id });
  return rows.length;
}

export async function listCategories(tx: Tx, tenantId: string, includeArchived: boolean): Promise<CategoryRow[]> {
  const where: SQL[] = [eq(incidentCategories.tenantId, tenantId)];
  if (!includeArchived) where.push(isNull(incidentCategories.archivedAt));
  return tx
    .select()
    .from(incidentCategories)
    .where(and(...where))
    .orderBy(asc(incidentCategories.sortOrder), sql`lower(${incidentCategories.name})`, asc(incidentCategories.id));
}

export async function findCategory(tx: Tx, tenantId: string, id: string): Promise<CategoryRow | null> {
  const [row] = await tx
    .select()
    .from(incidentCategories)
    .where(and(eq(incidentCategories.tenantId, tenantId), eq(incidentCategories.id, id)));
  return row ?? null;
}

export async function lockCategory(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ version: incidentCategories.version })
    .from(incidentCategories)
    .where(and(eq(incidentCategories.tenantId, tenantId), eq(incidentCategories.id, id)))
    .for('update');
  return row ?? null;
}

export async function categoryNameTaken(tx: Tx, tenantId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await tx
    .select({ id: incidentCategories.id })
    .from(incidentCategories)
    .where(and(eq(incidentCategories.tenantId, tenantId), sql`lower(${incidentCategories.name}) = lower(${name})`));
  return rows.some((r) => r.id !== exceptId);
}

export async function nextCategoryOrder(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${incidentCategories.sortOrder}), 0)::int + 10` })
    .from(incidentCategories)
    .where(eq(incidentCategories.tenantId, tenantId));
  return row?.n ?? 10;
}

export async function insertCategory(tx: Tx, tenantId: string, v: { name: string; nameEn: string | null; sortOrder: number }) {
  const [row] = await tx
    .insert(incidentCategories)
    .values({ ...v, tenantId })
    .returning({ id: incidentCategories.id });
  return row!.id;
}

export async function updateCategory(tx: Tx, tenantId: string, id: string, values: Partial<typeof incidentCategories.$inferInsert>) {
  await tx
    .update(incidentCategories)
    .set({ ...values, version: sql`${incidentCategories.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(incidentCategories.tenantId, tenantId), eq(incidentCategories.id, id)));
}

// --- routes

const routeSelect = {
  ...getTableColumns(incidentRoutes),
  categoryName: incidentCategories.name,
  categoryNameEn: incidentCategories.nameEn,
  systemName: systems.name,
  systemUnitId: systems.responsibleUnitId,
  systemSecret: systems.secret,
  unitName: orgUnits.name,
};

function selectRoutes(tx: Tx, where: SQL | undefined) {
  return tx
    .select(routeSelect)
    .from(incidentRoutes)
    .leftJoin(
      incidentCategories,
      and(eq(incidentCategories.tenantId, incidentRoutes.tenantId), eq(incidentCategories.id, incidentRoutes.categoryId)),
    )
    .leftJoin(systems, and(eq(systems.tenantId, incidentRoutes.tenantId), eq(systems.id, incidentRoutes.systemId)))
    .leftJoin(orgUnits, and(eq(orgUnits.tenantId, incidentRoutes.tenantId), eq(orgUnits.id, incidentRoutes.handlingUnitId)))
    .where(where);
}

export async function listRoutes(tx: Tx, tenantId: string, includeArchived: boolean): Promise<RouteRow[]> {
  const where: SQL[] = [eq(incidentRoutes.tenantId, tenantId)];
  if (!includeArchived) where.push(isNull(incidentRoutes.archivedAt));
  return selectRoutes(tx, and(...where)).orderBy(asc(incidentRoutes.sortOrder), asc(incidentRoutes.createdAt), asc(incidentRoutes.id));
}

export async function findRoute(tx: Tx, tenantId: string, id: string): Promise<RouteRow | null> {
  const [row] = await selectRoutes(tx, and(eq(incidentRoutes.tenantId, tenantId), eq(incidentRoutes.id, id)));
  return row ?? null;
}

export async function lockRoute(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx
    .select({ version: incidentRoutes.version })
    .from(incidentRoutes)
    .where(and(eq(incidentRoutes.tenantId, tenantId), eq(incidentRoutes.id, id)))
    .for('update');
  return row ?? null;
}

export async function nextRouteOrder(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${incidentRoutes.sortOrder}), 0)::int + 10` })
    .from(incidentRoutes)
    .where(eq(incidentRoutes.tenantId, tenantId));
  return row?.n ?? 10;
}

export type RouteValues = Omit<typeof incidentRoutes.$inferInsert, 'tenantId' | 'id'>;

export async function insertRoute(tx: Tx, tenantId: string, v: RouteValues): Promise<string> {
  const [row] = await tx
    .insert(incidentRoutes)
    .values({ ...v, tenantId })
    .returning({ id: incidentRoutes.id });
  return row!.id;
}

export async function updateRoute(tx: Tx, tenantId: string, id: string, values: Partial<RouteValues>) {
  await tx
    .update(incidentRoutes)
    .set({ ...values, version: sql`${incidentRoutes.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(incidentRoutes.tenantId, tenantId), eq(incidentRoutes.id, id)));
}

// --- references

export async function unitExists(tx: Tx, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, id)));
  return rows.length > 0;
}

// People who can be named: hold a role in the tenant and the account is not disabled.
export async function activeMembers(tx: Tx, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: string; displayName: string }>(
    tx,
    sql`select distinct u.id, u.display_name as "displayName" from users u
      join role_assignments a on a.user_id = u.id and a.tenant_id = ${tenantId}
      where u.disabled_at is null and u.id = any(${uuidArray(ids)})`,
  );
}

// Names of people once named, also after they left: a route or crisis list still shows who it held.
export async function peopleNames(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await queryRows<{ id: string; displayName: string }>(
    tx,
    sql`select id, display_name as "displayName" from users where id = any(${uuidArray(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function members(tx: Tx, tenantId: string) {
  return queryRows<{ id: string; displayName: string }>(
    tx,
    sql`select distinct u.id, u.display_name as "displayName" from users u
      join role_assignments a on a.user_id = u.id and a.tenant_id = ${tenantId}
      where u.disabled_at is null order by u.display_name limit 1000`,
  );
}

// --- settings

export async function findSettings(tx: Tx, tenantId: string) {
  const [row] = await tx.select().from(incidentSettings).where(eq(incidentSettings.tenantId, tenantId));
  return row ?? null;
}

export async function lockSettings(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({ version: incidentSettings.version })
    .from(incidentSettings)
    .where(eq(incidentSettings.tenantId, tenantId))
    .for('update');
  return row ?? null;
}

type SettingsValues = {
  crisisUserIds: string[];
  reminderPercents: number[];
  secretByDefault: boolean;
  defaultSecrecyProvision: string | null;
};

// The first save creates the row; two first saves racing: one inserts, the other finds it taken.
export async function insertSettings(tx: Tx, tenantId: string, v: SettingsValues): Promise<boolean> {
  const rows = await tx
    .insert(incidentSettings)
    .values({ ...v, tenantId, version: 1 })
    .onConflictDoNothing()
    .returning({ tenantId: incidentSettings.tenantId });
  return rows.length > 0;
}

export async function updateSettings(tx: Tx, tenantId: string, v: SettingsValues) {
  await tx
    .update(incidentSettings)
    .set({ ...v, version: sql`${incidentSettings.version} + 1`, updatedAt: sql`now()` })
    .where(eq(incidentSettings.tenantId, tenantId));
}
