import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { roleAssignments, sessions, tenants, users } from '../../db/schema/index.js';

export async function findUserByEmail(db: Db, email: string) {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0] ?? null;
}

// The tenant a sign-in lands in: the oldest membership. Switching tenant comes with the role model.
export async function defaultTenantOf(db: Db, userId: string): Promise<string | null> {
  const rows = await db
    .select({ tenantId: roleAssignments.tenantId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId))
    .orderBy(asc(roleAssignments.createdAt))
    .limit(1);
  return rows[0]?.tenantId ?? null;
}

export async function findTenantByName(db: Db, name: string) {
  const rows = await db
    .select()
    .from(tenants)
    .where(sql`lower(${tenants.name}) = lower(${name})`)
    .limit(1);
  return rows[0] ?? null;
}

export async function insertTenant(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await db
    .select({ slug: tenants.slug })
    .from(tenants)
    .where(sql`${tenants.slug} = ${base} or ${tenants.slug} like ${base + '-%'}`);
  const used = new Set(taken.map((t) => t.slug));
  let slug = base;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  const [row] = await db.insert(tenants).values({ name, slug }).returning({ id: tenants.id });
  return row!.id;
}

// "Östra Göinge kommun" → "ostra-goinge-kommun": the tenant's part of SSO and SCIM addresses.
export function slugify(name: string): string {
  const s = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'kommun';
}

export async function upsertUser(db: Db, email: string, displayName: string, passwordHash: string): Promise<string> {
  const existing = await findUserByEmail(db, email);
  if (existing) {
    // A new password ends every session made with the old one.
    await db.update(users).set({ passwordHash, disabledAt: null }).where(eq(users.id, existing.id));
    await db.delete(sessions).where(eq(sessions.userId, existing.id));
    return existing.id;
  }
  const [row] = await db.insert(users).values({ email, displayName, passwordHash }).returning({ id: users.id });
  return row!.id;
}

export async function assignRole(db: Db, tenantId: string, userId: string, role: string) {
  await db.insert(roleAssignments).values({ tenantId, userId, role }).onConflictDoNothing();
}

export async function hasRole(db: Db, tenantId: string, userId: string, role: string) {
  const rows = await db
    .select({ id: roleAssignments.id })
    .from(roleAssignments)
    .where(and(eq(roleAssignments.tenantId, tenantId), eq(roleAssignments.userId, userId), eq(roleAssignments.role, role)));
  return rows.length > 0;
}
