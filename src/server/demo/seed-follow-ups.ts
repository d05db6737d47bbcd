import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/audit.js';
import { createFollowUpItemsService } from '../modules/supplier-follow-ups/follow-up-items.service.js';
import { followUpCreate } from '../modules/supplier-follow-ups/supplier-follow-ups.schemas.js';
import { createSupplierFollowUpsService } from '../modules/supplier-follow-ups/supplier-follow-ups.service.js';

// Påhittade leverantörsuppföljningar för Demo kommun (D1-17): en skickad uppföljning som utföraren ska
// besvara, och en som IT-leverantören har besvarat delvis. Allt genom tjänsterna, så att reglerna och
// loggen gäller. `ctx` är samordnarens; leverantörerna finns redan (leverantörsregistrets demodata).
export async function seedFollowUps(
  db: Db,
  ctx: RequestContext,
  ids: { careProviderId?: string; itSupplierId?: string; publicUrl: string },
): Promise<void> {
  const followUps = createSupplierFollowUpsService(db, { publicUrl: ids.publicUrl });
  const items = createFollowUpItemsService(db);
  const year = new Date().getFullYear();
  const send = async (supplierId: string, title: string) => {
    const planned = await followUps.create(
      ctx,
      followUpCreate.parse({ supplierId, title, plannedOn: `${year}-03-01`, answerBy: `${year}-12-31`, reviewerId: ctx.actor.userId }),
    );
    return followUps.send(ctx, planned.id, planned.version);
  };
  if (ids.careProviderId) await send(ids.careProviderId, `Uppföljning av IT-krav ${year}`);
  if (ids.itSupplierId) {
    const f = await send(ids.itSupplierId, `Årlig leverantörsuppföljning ${year}`);
    // the first few items answered, as a supplier part-way through
    for (const item of f.items.slice(0, 3)) await items.answer(ctx, item.id, item.version, { answer: 'yes', comment: 'Intygas.' });
  }
}
