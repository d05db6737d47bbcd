import type { Tx } from '../../db/client.js';
import type { Action, Actor } from '../../platform/access.js';
import { filesOf } from '../../platform/files/repository.js';
import { reaches } from './supplier-follow-ups.access.js';
import { detailOf } from './supplier-follow-ups.presenter.js';
import * as repo from './supplier-follow-ups.repository.js';

export const ITEM_FILES = 'follow-up-item';

// A follow-up with its items, their files and the deficiencies' measures, or null when the actor
// may not reach it for this action.
export async function loadFollowUp(tx: Tx, actor: Actor, id: string, action: Action = 'read') {
  const row = await repo.findFollowUp(tx, actor.tenantId, id);
  if (!row || !reaches(actor, action, row)) return null;
  const items = await repo.itemsOf(tx, actor.tenantId, [id]);
  const files = await filesOf(
    tx,
    actor.tenantId,
    ITEM_FILES,
    items.map((i) => i.id),
  );
  const measures = await repo.measuresByIds(
    tx,
    actor.tenantId,
    items.flatMap((i) => (i.measureId ? [i.measureId] : [])),
  );
  return { row, items, files, measures, out: detailOf(actor, row, items, files, measures) };
}
export type LoadedFollowUp = NonNullable<Awaited<ReturnType<typeof loadFollowUp>>>;

// An item with the follow-up it belongs to, when the actor reaches that follow-up.
export async function loadItem(tx: Tx, actor: Actor, itemId: string, action: Action = 'read') {
  const item = await repo.findItem(tx, actor.tenantId, itemId);
  if (!item) return null;
  const followUp = await loadFollowUp(tx, actor, item.followUpId, action);
  if (!followUp) return null;
  return { item, followUp, out: followUp.out.items.find((i) => i.id === itemId)! };
}
