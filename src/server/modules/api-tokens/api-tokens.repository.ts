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

// api_tokens, like the other identity tables, is read before a tenant is known and so lives outside
// row-level security, where the restricted role has no rights. The token row is written first as
// the owner; then the transaction switches to the tenant's role for the audit entries, which are
// under row-level security: one transaction, both walls kept.
export async function auditInTenant(tx: Tx, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select set_config('app.tenant_id', ${ctx.actor.tenantId}, true), set_config('role', 'tillit_app', true)`);
  for (const e of entries) await recordAudit(tx, ctx, e);
}
