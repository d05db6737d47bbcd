import { and, asc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { passwordResetTokens, roleAssignments, sessions, tenants, users } from '../../db/schema/index.js';

// Users, sessions and reset tokens are read before a tenant is known: no tenant scope here.

const userFields = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
};

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db
    .select(userFields)
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string) {
  const rows = await db.select(userFields).from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The tenants the user holds a role in: where a change to the account is audited. */
export async function tenantsOf(db: Db | Tx, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: tenants.id, name: tenants.name })
    .from(roleAssignments)
    .innerJoin(tenants, eq(tenants.id, roleAssignments.tenantId))
    .where(eq(roleAssignments.userId, userId))
    .orderBy(asc(tenants.name));
}

/** Ends every link of the user that is still open: only the newest one works. */
export async function invalidateTokens(db: Db | Tx, userId: string): Promise<void> {
  await db
    .update(passwordResetTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

export async function insertToken(db: Db | Tx, userId: string, tokenHash: string, minutes: number): Promise<void> {
  await db.insert(passwordResetTokens).values({
    tokenHash,
    userId,
    expiresAt: sql`now() + make_interval(mins => ${minutes})`,
  });
}

const usable = (tokenHash: string) =>
  and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, sql`now()`));

/** The user behind an unused, unexpired token, if the account may still sign in. */
export async function findTokenUser(db: Db, tokenHash: string) {
  const rows = await db
    .select(userFields)
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(and(usable(tokenHash), isNull(users.disabledAt)))
    .limit(1);
  return rows[0] ?? null;
}

/** Marks the token used if it still was usable; false when another request got there first. */
export async function consumeToken(tx: Tx, tokenHash: string, userId: string): Promise<boolean> {
  const rows = await tx
    .update(passwordResetTokens)
    .set({ usedAt: sql`now()` })
    .where(and(usable(tokenHash), eq(passwordResetTokens.userId, userId)))
    .returning({ userId: passwordResetTokens.userId });
  return rows.length === 1;
}

export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<Date> {
  const [row] = await tx
    .update(users)
    .set({ passwordHash, passwordChangedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ at: users.passwordChangedAt });
  return row!.at!;
}

/** Ends the user's sessions, all of them or all but one; returns how many ended. */
export async function endSessions(tx: Tx, userId: string, keepIdHash?: string): Promise<number> {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepIdHash ? ne(sessions.idHash, keepIdHash) : undefined))
    .returning({ idHash: sessions.idHash });
  return rows.length;
}
