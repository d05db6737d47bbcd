import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { roleAssignments, scimGroupMembers, scimGroups, scimUsers, users } from '../../db/schema/index.js';
import { invalidFilter } from './scim.errors.js';
import type { Comparison } from './scim.filter.js';
import { isUuid } from './scim.schema.js';

export type ScimUserRow = typeof scimUsers.$inferSelect;
export type ScimGroupRow = typeof scimGroups.$inferSelect;
export interface GroupRef {
  id: string;
  displayName: string;
}
export interface MemberRef {
  userId: string;
  display: string;
}

const textEq = (col: SQL, v: Comparison['value']) =>
  typeof v === 'string' ? sql`${col} = ${v}` : v === null ? sql`${col} is null` : sql`false`;
const textIeq = (col: SQL, v: Comparison['value']) => (typeof v === 'string' ? sql`lower(${col}) = lower(${v})` : sql`false`);
// An id that is not a UUID names nothing: no match, rather than a database error.
const idEq = (col: SQL, v: Comparison['value']) => (isUuid(v) ? sql`${col} = ${v}::uuid` : sql`false`);

function userFilter(c: Comparison): SQL {
  const attr = c.attr.toLowerCase();
  if (!c.sub && attr === 'username') return textIeq(sql`${scimUsers.userName}`, c.value);
  if (!c.sub && attr === 'externalid') return textEq(sql`${scimUsers.externalId}`, c.value);
  if (!c.sub && attr === 'id') return idEq(sql`${scimUsers.userId}`, c.value);
  if (!c.sub && attr === 'active' && typeof c.value === 'boolean') return sql`${scimUsers.active} = ${c.value}`;
  throw invalidFilter(`Filtering users on "${c.attr}${c.sub ? `.${c.sub}` : ''}" is not supported (userName, externalId, id, active)`);
}

function groupFilter(c: Comparison): SQL {
  const attr = c.attr.toLowerCase();
  if (!c.sub && attr === 'displayname') return textIeq(sql`${scimGroups.displayName}`, c.value);
  if (!c.sub && attr === 'externalid') return textEq(sql`${scimGroups.externalId}`, c.value);
  if (!c.sub && attr === 'id') return idEq(sql`${scimGroups.id}`, c.value);
  if (attr === 'members' && c.sub?.toLowerCase() === 'value') {
    return isUuid(c.value)
      ? sql`exists (select 1 from scim_group_members m where m.group_id = scim_groups.id and m.user_id = ${c.value}::uuid)`
      : sql`false`;
  }
  throw invalidFilter(
    `Filtering groups on "${c.attr}${c.sub ? `.${c.sub}` : ''}" is not supported (displayName, externalId, id, members.value)`,
  );
}

// ---- provisioned users

export async function findUser(tx: Tx, tenantId: string, userId: string, lock = false): Promise<ScimUserRow | null> {
  if (!isUuid(userId)) return null;
  const q = tx
    .select()
    .from(scimUsers)
    .where(and(eq(scimUsers.tenantId, tenantId), eq(scimUsers.userId, userId)));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function findUserByUserName(tx: Tx, tenantId: string, userName: string): Promise<ScimUserRow | null> {
  const rows = await tx
    .select()
    .from(scimUsers)
    .where(and(eq(scimUsers.tenantId, tenantId), sql`lower(${scimUsers.userName}) = lower(${userName})`));
  return rows[0] ?? null;
}

export async function listUsers(tx: Tx, tenantId: string, filter: Comparison[], offset: number, limit: number) {
  const where = and(eq(scimUsers.tenantId, tenantId), ...filter.map(userFilter));
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(scimUsers)
    .where(where);
  const rows =
    limit === 0
      ? []
      : await tx.select().from(scimUsers).where(where).orderBy(asc(scimUsers.createdAt), asc(scimUsers.userId)).offset(offset).limit(limit);
  return { total: count?.n ?? 0, rows };
}

export async function insertUser(tx: Tx, v: typeof scimUsers.$inferInsert): Promise<void> {
  await tx.insert(scimUsers).values(v);
}

export async function updateUser(
  tx: Tx,
  tenantId: string,
  userId: string,
  v: Pick<ScimUserRow, 'userName' | 'externalId' | 'active' | 'attributes'>,
): Promise<void> {
  await tx
    .update(scimUsers)
    .set({ ...v, version: sql`${scimUsers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(scimUsers.tenantId, tenantId), eq(scimUsers.userId, userId)));
}

// A membership change changes the users' `groups`, so their versions move too.
export async function touchUsers(tx: Tx, tenantId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .update(scimUsers)
    .set({ version: sql`${scimUsers.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(scimUsers.tenantId, tenantId), inArray(scimUsers.userId, userIds)));
}

export async function deleteUser(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx.delete(scimUsers).where(and(eq(scimUsers.tenantId, tenantId), eq(scimUsers.userId, userId)));
}

// Locked in id order, so two provisioning runs touching the same people cannot deadlock.
export async function lockUsers(tx: Tx, tenantId: string, userIds: string[]): Promise<ScimUserRow[]> {
  if (userIds.length === 0) return [];
  return tx
    .select()
    .from(scimUsers)
    .where(and(eq(scimUsers.tenantId, tenantId), inArray(scimUsers.userId, userIds)))
    .orderBy(asc(scimUsers.userId))
    .for('update');
}

// Which of these ids are users this tenant provisioned (members must be).
export async function provisioned(tx: Tx, tenantId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ id: scimUsers.userId })
    .from(scimUsers)
    .where(and(eq(scimUsers.tenantId, tenantId), inArray(scimUsers.userId, userIds)));
  return new Set(rows.map((r) => r.id));
}

export async function groupsOfUsers(tx: Tx, tenantId: string, userIds: string[]): Promise<Map<string, GroupRef[]>> {
  const out = new Map<string, GroupRef[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return out;
  const rows = await tx
    .select({ userId: scimGroupMembers.userId, id: scimGroups.id, displayName: scimGroups.displayName })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(and(eq(scimGroups.tenantId, tenantId), inArray(scimGroupMembers.userId, userIds)))
    .orderBy(asc(sql`lower(${scimGroups.displayName})`));
  for (const r of rows) out.get(r.userId)?.push({ id: r.id, displayName: r.displayName });
  return out;
}

// ---- the global account behind a provisioned user

export { accountById as findAccount, accountByEmail as findAccountByEmail, insertAccount } from '../../platform/auth/accounts.js';

export async function updateAccount(tx: Tx, userId: string, v: { email?: string; displayName?: string }): Promise<void> {
  if (Object.keys(v).length === 0) return;
  await tx.update(users).set(v).where(eq(users.id, userId));
}

export async function setDisabled(tx: Tx, userId: string, disabled: boolean): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ disabledAt: disabled ? sql`now()` : null })
    .where(and(eq(users.id, userId), disabled ? sql`${users.disabledAt} is null` : sql`${users.disabledAt} is not null`))
    .returning({ id: users.id });
  return rows.length > 0;
}

// Does another organisation know this person (a role there, or its own provisioning)?
export async function belongsElsewhere(tx: Tx, userId: string, tenantId: string): Promise<boolean> {
  const res = await tx.execute(sql`select
    exists (select 1 from ${roleAssignments} where user_id = ${userId} and tenant_id <> ${tenantId})
    or exists (select 1 from ${scimUsers} where user_id = ${userId} and tenant_id <> ${tenantId}) as elsewhere`);
  return (res as unknown as { rows: { elsewhere: boolean }[] }).rows[0]?.elsewhere ?? false;
}

// ---- role assignments

export interface RoleRef {
  role: string;
  scopeType: string;
  source: string;
}

export async function rolesIn(tx: Tx, tenantId: string, userId: string, source?: string): Promise<RoleRef[]> {
  return tx
    .select({ role: roleAssignments.role, scopeType: roleAssignments.scopeType, source: roleAssignments.source })
    .from(roleAssignments)
    .where(
      and(
        eq(roleAssignments.tenantId, tenantId),
        eq(roleAssignments.userId, userId),
        ...(source ? [eq(roleAssignments.source, source)] : []),
      ),
    )
    .orderBy(asc(roleAssignments.role));
}

export async function deleteRolesIn(tx: Tx, tenantId: string, userId: string): Promise<RoleRef[]> {
  return tx
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId)))
    .returning({ role: roleAssignments.role, scopeType: roleAssignments.scopeType, source: roleAssignments.source });
}

export async function hasAnyRole(tx: Tx, userId: string): Promise<boolean> {
  const rows = await tx.select({ id: roleAssignments.id }).from(roleAssignments).where(eq(roleAssignments.userId, userId)).limit(1);
  return rows.length > 0;
}

// ---- groups

export async function findGroup(tx: Tx, tenantId: string, id: string, lock = false): Promise<ScimGroupRow | null> {
  if (!isUuid(id)) return null;
  const q = tx
    .select()
    .from(scimGroups)
    .where(and(eq(scimGroups.tenantId, tenantId), eq(scimGroups.id, id)));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function findGroupByName(tx: Tx, tenantId: string, displayName: string, except?: string): Promise<ScimGroupRow | null> {
  const rows = await tx
    .select()
    .from(scimGroups)
    .where(
      and(
        eq(scimGroups.tenantId, tenantId),
        sql`lower(${scimGroups.displayName}) = lower(${displayName})`,
        ...(except ? [ne(scimGroups.id, except)] : []),
      ),
    );
  return rows[0] ?? null;
}

export async function listGroups(tx: Tx, tenantId: string, filter: Comparison[], offset: number, limit: number) {
  const where = and(eq(scimGroups.tenantId, tenantId), ...filter.map(groupFilter));
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(scimGroups)
    .where(where);
  const rows =
    limit === 0
      ? []
      : await tx.select().from(scimGroups).where(where).orderBy(asc(scimGroups.createdAt), asc(scimGroups.id)).offset(offset).limit(limit);
  return { total: count?.n ?? 0, rows };
}

export async function insertGroup(tx: Tx, tenantId: string, displayName: string, externalId: string | null): Promise<string> {
  const [row] = await tx.insert(scimGroups).values({ tenantId, displayName, externalId }).returning({ id: scimGroups.id });
  return row!.id;
}

export async function updateGroup(tx: Tx, tenantId: string, id: string, v: { displayName: string; externalId: string | null }) {
  await tx
    .update(scimGroups)
    .set({ ...v, version: sql`${scimGroups.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(scimGroups.tenantId, tenantId), eq(scimGroups.id, id)));
}

export async function deleteGroup(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx.delete(scimGroups).where(and(eq(scimGroups.tenantId, tenantId), eq(scimGroups.id, id)));
}

export async function membersOfGroups(tx: Tx, tenantId: string, groupIds: string[]): Promise<Map<string, MemberRef[]>> {
  const out = new Map<string, MemberRef[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return out;
  const rows = await tx
    .select({ groupId: scimGroupMembers.groupId, userId: scimGroupMembers.userId, display: users.displayName })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .innerJoin(users, eq(users.id, scimGroupMembers.userId))
    .where(and(eq(scimGroups.tenantId, tenantId), inArray(scimGroupMembers.groupId, groupIds)))
    .orderBy(asc(scimGroupMembers.userId));
  for (const r of rows) out.get(r.groupId)?.push({ userId: r.userId, display: r.display });
  return out;
}

export async function addMembers(tx: Tx, groupId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insert(scimGroupMembers)
    .values(userIds.map((userId) => ({ groupId, userId })))
    .onConflictDoNothing();
}

export async function removeMembers(tx: Tx, groupId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await tx.delete(scimGroupMembers).where(and(eq(scimGroupMembers.groupId, groupId), inArray(scimGroupMembers.userId, userIds)));
}

// Leaves every group of this tenant; returns the groups left.
export async function leaveGroups(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .delete(scimGroupMembers)
    .where(
      and(
        eq(scimGroupMembers.userId, userId),
        inArray(scimGroupMembers.groupId, tx.select({ id: scimGroups.id }).from(scimGroups).where(eq(scimGroups.tenantId, tenantId))),
      ),
    )
    .returning({ groupId: scimGroupMembers.groupId });
  return rows.map((r) => r.groupId);
}

export async function groupNamesOf(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: scimGroups.displayName })
    .from(scimGroupMembers)
    .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
    .where(and(eq(scimGroups.tenantId, tenantId), eq(scimGroupMembers.userId, userId)));
  return rows.map((r) => r.name);
}
