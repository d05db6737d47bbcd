import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tenantDemandsMfa } from '../../platform/auth/mfa-rule.js';
import { linkedThroughSameIdp } from '../../platform/auth/same-idp.js';
import { sessions } from '../../db/schema/index.js';
import { rowsOf } from '../../db/rows.js';

// Tenants where the user holds a role: a joint IT organisation's staff may have several.
export async function memberships(db: Db, userId: string) {
  const res = await db.execute(sql`select t.id, t.name, t.slug from tenants t
    where exists (select 1 from role_assignments ra where ra.tenant_id = t.id and ra.user_id = ${userId})
    order by lower(t.name)`);
  return rowsOf<{ id: string; name: string; slug: string }>(res);
}

// Does this tenant demand a second factor of this user (by its MFA policy and the user's roles there)?
export async function mfaRequiredIn(db: Db, tenantId: string, userId: string): Promise<boolean> {
  const res = await db.execute(
    sql`select ${tenantDemandsMfa('t', sql`${userId}::uuid`)} as required from tenants t where t.id = ${tenantId}`,
  );
  return rowsOf<{ required: boolean }>(res)[0]?.required ?? false;
}

export async function endOwnSession(db: Db, userId: string, publicId: string): Promise<string | null> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.publicId, publicId)))
    .returning({ idHash: sessions.idHash });
  return gone[0]?.idHash ?? null;
}

export async function endOtherSessions(db: Db, userId: string, keepIdHash: string): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.idHash, keepIdHash)))
    .returning({ id: sessions.publicId });
  return gone.length;
}

// May a session signed in through this provider enter `tenantId`? Only if that tenant has the same
// IdP and has linked this person to the same subject there: a tenant trusts its own IdP links, never
// another tenant's IdP configuration.
export async function idpTrustedIn(db: Db, providerId: string, userId: string, tenantId: string): Promise<boolean> {
  const res = await db.execute(sql`select ${linkedThroughSameIdp(providerId, userId, null, tenantId)} as e`);
  return rowsOf<{ e: boolean }>(res)[0]?.e ?? false;
}
