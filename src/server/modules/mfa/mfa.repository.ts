import { and, asc, count, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { mfaRecoveryCodes, mfaTotp, roleAssignments, sessions, tenants, webauthnCredentials } from '../../db/schema/index.js';
import type { TenantRequirement } from './mfa.policy.js';

// MFA tables are read before a tenant is known (sign-in), so they carry no row-level security:
// every query here is keyed by the user.
type Q = Db | Tx;

export async function findTotp(db: Q, userId: string) {
  const rows = await db.select().from(mfaTotp).where(eq(mfaTotp.userId, userId));
  return rows[0] ?? null;
}

// A new, unconfirmed secret replaces an older unconfirmed one; a confirmed one is never overwritten.
export async function putUnconfirmedTotp(tx: Q, userId: string, secretEnc: string): Promise<boolean> {
  const rows = await tx
    .insert(mfaTotp)
    .values({ userId, secretEnc })
    .onConflictDoUpdate({
      target: mfaTotp.userId,
      set: { secretEnc, lastStep: null, createdAt: sql`now()` },
      setWhere: isNull(mfaTotp.confirmedAt),
    })
    .returning({ userId: mfaTotp.userId });
  return rows.length > 0;
}

export async function confirmTotp(tx: Q, userId: string, step: number) {
  const rows = await tx
    .update(mfaTotp)
    .set({ confirmedAt: sql`now()`, lastStep: step })
    .where(and(eq(mfaTotp.userId, userId), isNull(mfaTotp.confirmedAt)))
    .returning({ confirmedAt: mfaTotp.confirmedAt });
  return rows[0] ?? null;
}

// Takes the step only when it is later than the last one accepted: one statement, so two requests
// racing with the same code cannot both win.
export async function claimTotpStep(db: Q, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(mfaTotp)
    .set({ lastStep: step })
    .where(and(eq(mfaTotp.userId, userId), or(isNull(mfaTotp.lastStep), lt(mfaTotp.lastStep, step))))
    .returning({ userId: mfaTotp.userId });
  return rows.length > 0;
}

export async function deleteTotp(tx: Q, userId: string) {
  await tx.delete(mfaTotp).where(eq(mfaTotp.userId, userId));
}

export async function replaceRecoveryCodes(tx: Q, userId: string, hashes: string[]) {
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  if (hashes.length) await tx.insert(mfaRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

export async function useRecoveryCode(tx: Q, userId: string, codeHash: string): Promise<boolean> {
  const rows = await tx
    .update(mfaRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(mfaRecoveryCodes.userId, userId), eq(mfaRecoveryCodes.codeHash, codeHash), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return rows.length > 0;
}

export async function recoveryCodesLeft(db: Q, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export function listPasskeys(db: Q, userId: string) {
  return db
    .select()
    .from(webauthnCredentials)
    .where(eq(webauthnCredentials.userId, userId))
    .orderBy(asc(webauthnCredentials.createdAt), asc(webauthnCredentials.id));
}

export async function findPasskey(db: Q, userId: string, id: string) {
  const rows = await db
    .select()
    .from(webauthnCredentials)
    .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, id)));
  return rows[0] ?? null;
}

export async function passkeyExists(db: Q, id: string): Promise<boolean> {
  const rows = await db.select({ id: webauthnCredentials.id }).from(webauthnCredentials).where(eq(webauthnCredentials.id, id));
  return rows.length > 0;
}

export async function insertPasskey(
  tx: Q,
  row: { id: string; userId: string; name: string; publicKey: string; counter: number; transports: string[] },
) {
  const [out] = await tx.insert(webauthnCredentials).values(row).returning();
  return out!;
}

export async function touchPasskey(db: Q, userId: string, id: string, counter: number) {
  await db
    .update(webauthnCredentials)
    .set({ counter, lastUsedAt: sql`now()` })
    .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, id)));
}

export async function deletePasskey(tx: Q, userId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(webauthnCredentials)
    .where(and(eq(webauthnCredentials.userId, userId), eq(webauthnCredentials.id, id)))
    .returning({ id: webauthnCredentials.id });
  return rows.length > 0;
}

// The MFA settings of every tenant the user holds a role in, with the roles held there.
export async function tenantRequirements(db: Q, userId: string): Promise<TenantRequirement[]> {
  const rows = await db
    .select({ tenantId: tenants.id, policy: tenants.mfaPolicy, mfaRoles: tenants.mfaRoles, role: roleAssignments.role })
    .from(roleAssignments)
    .innerJoin(tenants, eq(tenants.id, roleAssignments.tenantId))
    .where(eq(roleAssignments.userId, userId));
  const byTenant = new Map<string, TenantRequirement & { roles: string[] }>();
  for (const r of rows) {
    const t = byTenant.get(r.tenantId) ?? { policy: r.policy, mfaRoles: r.mfaRoles, roles: [] };
    t.roles.push(r.role);
    byTenant.set(r.tenantId, t);
  }
  return [...byTenant.values()];
}

// Counts a wrong code on the half-finished session in one statement (parallel guesses all count).
export async function addCodeFailure(db: Q, idHash: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({
      pending: sql`jsonb_set(coalesce(${sessions.pending}, '{}'::jsonb), '{failures}',
        to_jsonb(coalesce((${sessions.pending}->>'failures')::int, 0) + 1))`,
    })
    .where(eq(sessions.idHash, idHash))
    .returning({ pending: sessions.pending });
  const pending = rows[0]?.pending as { failures?: number } | undefined;
  return pending?.failures ?? Number.MAX_SAFE_INTEGER;
}

export interface StoredChallenge {
  challenge: string;
  purpose: 'registration' | 'authentication';
  expiresAt: number;
}

export async function putChallenge(db: Q, idHash: string, c: StoredChallenge) {
  await db
    .update(sessions)
    .set({ pending: sql`jsonb_set(coalesce(${sessions.pending}, '{}'::jsonb), '{webauthn}', ${JSON.stringify(c)}::jsonb)` })
    .where(eq(sessions.idHash, idHash));
}

// Reads and removes the challenge at once: each challenge is answered at most once.
export async function takeChallenge(db: Q, idHash: string): Promise<StoredChallenge | null> {
  const res = (await db.execute(sql`
    with old as (select pending from sessions where id_hash = ${idHash} for update)
    update sessions s set pending = s.pending - 'webauthn' from old
    where s.id_hash = ${idHash}
    returning old.pending -> 'webauthn' as challenge`)) as unknown as { rows: { challenge: StoredChallenge | null }[] };
  return res.rows[0]?.challenge ?? null;
}

export async function endSession(tx: Q, idHash: string) {
  await tx.delete(sessions).where(eq(sessions.idHash, idHash));
}
