import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { linkedThroughSameIdp } from '../../platform/auth/same-idp.js';
import { externalIdentities, identityProviders, roleAssignments, ssoStates, tenants } from '../../db/schema/index.js';

export type ProviderRow = typeof identityProviders.$inferSelect;

export interface OidcConfig {
  issuer: string;
  clientId: string;
  scopes: string;
  emailClaim: string;
  nameClaim: string;
}

export interface SamlConfig {
  entityId: string;
  ssoUrl: string;
  certificate: string;
  emailClaim: string;
  nameClaim: string;
}

// Identity tables carry no row-level security (they are read before a tenant is known): every
// tenant-scoped query here filters by tenant itself. The public sign-in steps run before a tenant is known.

export async function listProviders(tx: Tx, tenantId: string) {
  return tx
    .select()
    .from(identityProviders)
    .where(eq(identityProviders.tenantId, tenantId))
    .orderBy(asc(sql`lower(${identityProviders.name})`), asc(identityProviders.id));
}

export async function findProvider(tx: Tx, tenantId: string, id: string, lock = false) {
  const q = tx
    .select()
    .from(identityProviders)
    .where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.id, id)));
  const rows = lock ? await q.for('update') : await q;
  return rows[0] ?? null;
}

export async function insertProvider(tx: Tx, tenantId: string, v: Omit<typeof identityProviders.$inferInsert, 'tenantId'>) {
  const [row] = await tx
    .insert(identityProviders)
    .values({ ...v, tenantId })
    .returning();
  return row!;
}

export async function updateProvider(tx: Tx, tenantId: string, id: string, v: Partial<ProviderRow>) {
  const [row] = await tx
    .update(identityProviders)
    .set({ ...v, version: sql`${identityProviders.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.id, id)))
    .returning();
  return row!;
}

export async function deleteProvider(tx: Tx, tenantId: string, id: string) {
  await tx.delete(identityProviders).where(and(eq(identityProviders.tenantId, tenantId), eq(identityProviders.id, id)));
}

// --- public sign-in (no tenant known yet) ---

export async function enabledProvidersOf(db: Db, slug: string) {
  return db
    .select({ id: identityProviders.id, name: identityProviders.name, kind: identityProviders.kind })
    .from(identityProviders)
    .innerJoin(tenants, eq(tenants.id, identityProviders.tenantId))
    .where(and(eq(tenants.slug, slug), eq(identityProviders.enabled, true)))
    .orderBy(asc(sql`lower(${identityProviders.name})`), asc(identityProviders.id));
}

export async function providerById(db: Db, id: string): Promise<ProviderRow | null> {
  const rows = await db.select().from(identityProviders).where(eq(identityProviders.id, id));
  return rows[0] ?? null;
}

export async function insertState(db: Db, stateHash: string, providerId: string, data: unknown, ttlMs: number) {
  // Starting a sign-in is a natural moment to drop abandoned ones; nothing else needs a sweeper.
  await db.delete(ssoStates).where(lte(ssoStates.expiresAt, sql`now()`));
  await db.insert(ssoStates).values({ stateHash, providerId, data, expiresAt: new Date(Date.now() + ttlMs) });
}

// Single use: the row is gone whether the sign-in then succeeds or not.
export async function consumeState(db: Db, stateHash: string) {
  const rows = await db.delete(ssoStates).where(eq(ssoStates.stateHash, stateHash)).returning();
  return rows[0] ?? null;
}

export async function identityOf(tx: Tx, providerId: string, subject: string) {
  const rows = await tx
    .select({ userId: externalIdentities.userId })
    .from(externalIdentities)
    .where(and(eq(externalIdentities.providerId, providerId), eq(externalIdentities.subject, subject)));
  return rows[0]?.userId ?? null;
}

export async function linkIdentity(tx: Tx, providerId: string, subject: string, userId: string) {
  await tx.insert(externalIdentities).values({ providerId, subject, userId, lastLoginAt: new Date() });
}

export async function touchIdentity(tx: Tx, providerId: string, subject: string) {
  await tx
    .update(externalIdentities)
    .set({ lastLoginAt: sql`now()` })
    .where(and(eq(externalIdentities.providerId, providerId), eq(externalIdentities.subject, subject)));
}

export { accountById as userById, accountByEmail as userByEmail, insertAccount as insertUser } from '../../platform/auth/accounts.js';

export async function assignmentsOf(tx: Tx, tenantId: string, userId: string) {
  return tx
    .select({
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeUnitId: roleAssignments.scopeUnitId,
      scopeSystemIds: roleAssignments.scopeSystemIds,
      scopeSupplierId: roleAssignments.scopeSupplierId,
      source: roleAssignments.source,
    })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId)))
    .orderBy(asc(roleAssignments.role));
}

export async function unlinkAll(tx: Tx, providerId: string): Promise<number> {
  const gone = await tx
    .delete(externalIdentities)
    .where(eq(externalIdentities.providerId, providerId))
    .returning({ id: externalIdentities.id });
  return gone.length;
}

// Does the account belong to another tenant (a role or a provisioning row there)? Then no tenant's
// IdP may claim it by e-mail: it would sign in as someone another organisation answers for.
export async function belongsElsewhere(tx: Tx, tenantId: string, userId: string): Promise<boolean> {
  const res =
    (await tx.execute(sql`select exists (select 1 from role_assignments ra where ra.user_id = ${userId} and ra.tenant_id <> ${tenantId})
    or exists (select 1 from scim_users su where su.user_id = ${userId} and su.tenant_id <> ${tenantId}) as e`)) as unknown as {
      rows: { e: boolean }[];
    };
  return res.rows[0]?.e ?? true;
}

// The same person at the same IdP through another tenant's provider row (see platform/auth/same-idp.ts).
export async function knownToSameIdp(tx: Tx, providerId: string, userId: string, subject: string): Promise<boolean> {
  const res = (await tx.execute(sql`select ${linkedThroughSameIdp(providerId, userId, subject)} as e`)) as unknown as {
    rows: { e: boolean }[];
  };
  return res.rows[0]?.e ?? false;
}
