import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/rows.js';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/audit.js';
import { createSecretBox } from '../platform/crypto/secret-box.js';
import { defaultPublicUrl } from '../platform/mail/mailer.js';
import { addDays, stockholmToday } from '../platform/calendar.js';
import { accessOrderCreate } from '../modules/access-orders/access-orders.schemas.js';
import { createAccessOrdersService } from '../modules/access-orders/access-orders.service.js';

// Påhittade behörighetsbeställningar för Demo kommun (D0-12..D0-14, D3-03, D3-22): ett nytt konto i god
// tid från leverantören, en godkänd behörighetsändring med alla spärrar klara, ett utfört konto för egen
// personal, ett utfört avslut och ett avslut som väntar (det eskaleras efter fyra timmar). Genom
// tjänsten, så att ledtider och logg gäller. Inga personnummer: demo-data ska inte likna riktiga.
// `ctx` är samordnarens; leverantörerna och systemen finns redan.
export async function seedAccessOrders(
  db: Db,
  ctx: RequestContext,
  ids: { supplierIds: string[]; systemIds: string[]; publicUrl?: string },
): Promise<void> {
  const [supplier] = ids.supplierIds;
  const [system, second] = ids.systemIds;
  if (!supplier || !system) return;
  // no personnummer is seeded, so the box is never opened
  const service = createAccessOrdersService(db, {
    secretBox: createSecretBox(randomBytes(32)),
    publicUrl: ids.publicUrl ?? defaultPublicUrl,
  });
  const today = stockholmToday();
  const order = (input: Record<string, unknown>) => service.create(ctx, accessOrderCreate.parse({ systemId: system, ...input }));
  // approving is the system owner's (Erik Redaktör in the demo), not the coordinator's
  const [owner] = await queryRows<{ userId: string }>(
    db,
    sql`select user_id as "userId" from role_assignments where tenant_id = ${ctx.actor.tenantId} and role = 'system_owner' and scope_type = 'tenant' limit 1`,
  );
  if (!owner) return;
  const approver: RequestContext = {
    ...ctx,
    actor: { ...ctx.actor, userId: owner.userId, roles: ['system_owner'], grants: [{ role: 'system_owner', scope: { type: 'tenant' } }] },
  };
  const gates = {
    trainingDoneOn: addDays(today, -5),
    secrecyReminderSignedOn: addDays(today, -5),
    informedOfRegistrationOn: addDays(today, -5),
  };

  await order({ type: 'new', supplierId: supplier, personName: 'Amira Hassan', startDate: addDays(today, 21), permissions: 'Handläggare' });
  const change = await order({
    type: 'change',
    supplierId: supplier,
    personName: 'Johan Lind',
    startDate: addDays(today, 10),
    permissions: 'Administrativ behörighet (D3-22)',
    ...gates,
  });
  await service.step(approver, change.id, change.version, 'approve', { note: 'Godkänd av systemförvaltningen' });
  const internal = await order({ type: 'new', personName: 'Karin Ek', startDate: addDays(today, 14), systemId: second ?? system });
  const approved = await service.step(approver, internal.id, internal.version, 'approve', { note: null });
  await service.step(ctx, approved.id, approved.version, 'execute', { note: null });
  const left = await order({ type: 'terminate', supplierId: supplier, personName: 'Petra Sjöberg', startDate: today });
  await service.step(ctx, left.id, left.version, 'execute', { note: 'Avslutat samma dag' });
  await order({ type: 'terminate', supplierId: supplier, personName: 'Olof Berg', startDate: today, justification: 'Slutade i fredags' });
}
