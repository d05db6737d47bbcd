import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { apiTokens, users } from '../../db/schema/index.js';
import { recordAudit, type AuditEntry, type RequestContext } from '../../platform/audit.js';

const columns = {
  id: apiTokens.id,
  tenantId: apiTokens.tenantId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  roles: apiTokens.roles,
  createdAt: apiTokens.createdAt,
  createdById: apiTokens.createdBy,
  createdByName: users.displayName,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  roles: string[];
  createdAt: Date;
  createdById: string;
  createdByName: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function insertToken(
  tx: Tx,
  v: { tenantId: string; createdBy: string; name: string; tokenHash: string; prefix: string; roles: string[]; expiresAt: Date },
): Promise<string> {
  const [row] = await tx.insert(apiTokens).values(v).returning({ id: apiTokens.id });
  return row!.id;
}

export async function listTokens(db: Db | Tx, tenantId: string): Promise<TokenRow[]> {
  return db
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.tenantId, tenantId))
    .orderBy(desc(apiTokens.createdAt), apiTokens.id);
}

export async function findToken(db: Db | Tx, tenantId: string, id: string, lock = false): Promise<TokenRow | null> {
  const q = db
    .select(columns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
  const rows = lock ? await q.for('update', { of: apiTokens }) : await q;
  return rows[0] ?? null;
}

export async function revokeToken(tx: Tx, tenantId: string, id: string): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.tenantId, tenantId), eq(apiTokens.id, id)));
}

// The token change and its audit entries in one tenant transaction (withTenant): api_tokens has no
// row-level security (it is read before a tenant is known), the audit table has.
export async function auditInTenant(tx: Tx, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  for (const e of entries) await recordAudit(tx, ctx, e);
}
