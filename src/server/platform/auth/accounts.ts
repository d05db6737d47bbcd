import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { users } from '../../db/schema/index.js';

// The global account behind a person (one per e-mail address, whatever tenants they belong to):
// the lookups every way in (sign-in, SSO, SCIM, user administration) shares.

export async function accountById(tx: Db | Tx, id: string) {
  const rows = await tx.select().from(users).where(eq(users.id, id));
  return rows[0] ?? null;
}

export async function accountByEmail(tx: Db | Tx, email: string) {
  const rows = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

// A new account without a password: the person signs in through an IdP or sets one by invitation.
export async function insertAccount(tx: Db | Tx, email: string, displayName: string): Promise<string> {
  const [row] = await tx.insert(users).values({ email, displayName, passwordHash: null }).returning({ id: users.id });
  return row!.id;
}
