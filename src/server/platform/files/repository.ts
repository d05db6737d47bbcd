import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { storedFiles } from '../../db/schema/index.js';
import type { StagedFile } from './store.js';

export type StoredFileRow = typeof storedFiles.$inferSelect;

export interface FileOwner {
  // what the file belongs to, e.g. 'follow-up-item'; the owner's module decides who may read it
  ownerKind: string;
  ownerId: string;
  supplierId: string | null;
}

export async function insertStoredFile(tx: Tx, tenantId: string, owner: FileOwner, staged: StagedFile, uploadedBy: string | null) {
  const [row] = await tx
    .insert(storedFiles)
    .values({ tenantId, ...owner, ...staged, uploadedBy })
    .returning();
  return row!;
}

export async function findStoredFile(tx: Tx, tenantId: string, id: string): Promise<StoredFileRow | null> {
  const rows = await tx
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.tenantId, tenantId), eq(storedFiles.id, id), isNull(storedFiles.deletedAt)));
  return rows[0] ?? null;
}

export async function filesOf(tx: Tx, tenantId: string, ownerKind: string, ownerIds: readonly string[]): Promise<StoredFileRow[]> {
  if (!ownerIds.length) return [];
  return tx
    .select()
    .from(storedFiles)
    .where(
      and(
        eq(storedFiles.tenantId, tenantId),
        eq(storedFiles.ownerKind, ownerKind),
        inArray(storedFiles.ownerId, [...ownerIds]),
        isNull(storedFiles.deletedAt),
      ),
    )
    .orderBy(storedFiles.createdAt, storedFiles.id);
}

export async function markDeleted(tx: Tx, tenantId: string, id: string) {
  await tx
    .update(storedFiles)
    .set({ deletedAt: new Date() })
    .where(and(eq(storedFiles.tenantId, tenantId), eq(storedFiles.id, id)));
}
