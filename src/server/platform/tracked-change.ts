import type { Db, Tx } from '../db/client.js';
import { withTenant } from '../db/tenant.js';
import { recordAudit, type RequestContext } from './audit.js';
import { notFound, Problem } from './problems.js';

interface Versioned {
  version: number;
  archived: boolean;
  allowedActions?: unknown;
}

export interface TrackedChange<T extends Versioned> {
  entityType: string;
  action: string;
  id: string;
  expectedVersion: number;
  lock: (tx: Tx) => Promise<{ version: number } | null>;
  load: (tx: Tx) => Promise<T | null>;
  change: (tx: Tx, before: T) => Promise<void>;
}

// Audit entries keep the record, not the viewer's permissions.
export const snapshot = <T extends Versioned>({ allowedActions: _a, ...rest }: T) => rest;

// The one way a register row changes: lock it, check the version the client saw (lost-update
// guard), apply, and write the audit entry in the same transaction.
export async function trackedChange<T extends Versioned>(db: Db, ctx: RequestContext, c: TrackedChange<T>): Promise<T> {
  try {
    return await withTenant(db, ctx.actor.tenantId, async (tx) => {
      const locked = await c.lock(tx);
      // load() answers null for a record out of the actor's reach: 404 before the version check, so
      // a 412 never tells that a record exists.
      const before = locked ? await c.load(tx) : null;
      if (!locked || !before) throw notFound();
      if (locked.version !== c.expectedVersion) throw new Problem('precondition-failed');
      await c.change(tx, before);
      const after = (await c.load(tx))!;
      // A change that changes nothing rolls back: no new version for others to trip over, no audit noise.
      if (sameContent(before, after)) throw new Unchanged(before);
      await recordAudit(tx, ctx, {
        action: c.action,
        entityType: c.entityType,
        entityId: c.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  } catch (err) {
    if (err instanceof Unchanged) return err.record as T;
    throw err;
  }
}

class Unchanged {
  constructor(readonly record: unknown) {}
}

function sameContent<T extends Versioned>(a: T, b: T): boolean {
  const strip = ({ version: _v, updatedAt: _u, allowedActions: _a, ...rest }: T & { updatedAt?: unknown }) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

export const archivedConflict = () =>
  new Problem('conflict', {
    sv: 'Arkiverade poster kan inte ändras. Återställ posten först.',
    en: 'Archived records cannot be changed. Restore the record first.',
  });
