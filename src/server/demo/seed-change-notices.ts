import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/audit.js';
import { addDays, stockholmToday } from '../platform/calendar.js';
import { changeNoticeCreate } from '../modules/change-notices/change-notices.schemas.js';
import { createChangeNoticesService } from '../modules/change-notices/change-notices.service.js';

// Påhittade förändringsmeddelanden för Demo kommun (D0-06, D0-42, D3-33): en ny anvisning och ett byte av
// mobiloperatör som skickats till leverantörerna, och ett utkast om ändrad inloggning. Allt genom
// tjänsten, så att reglerna och loggen gäller. `ctx` är samordnarens; leverantörerna finns redan (leverantörsregistrets
// demodata) och kopplingarna till systemen likaså.
export async function seedChangeNotices(
  db: Db,
  ctx: RequestContext,
  ids: { supplierIds: string[]; systemIds?: string[]; publicUrl: string },
): Promise<void> {
  if (!ids.supplierIds.length) return;
  const notices = createChangeNoticesService(db, { publicUrl: ids.publicUrl });
  const today = stockholmToday();
  const send = async (input: unknown) => {
    const draft = await notices.create(ctx, changeNoticeCreate.parse(input));
    return notices.publish(ctx, draft.id, draft.version);
  };
  await send({
    kind: 'instruction',
    title: 'Ny anvisning: lösenord minst 14 tecken',
    body: 'Från och med anpassningsdagen gäller kommunens nya lösenordsanvisning för alla konton i kommunens system. Se till att era medarbetare byter lösenord och att er egen lösenordspolicy följer anvisningen.',
    supplierIds: ids.supplierIds,
    effectiveOn: addDays(today, 30),
    acknowledgeBy: addDays(today, 14),
  });
  await send({
    kind: 'mobile_operator',
    title: 'Byte av mobiloperatör',
    body: 'Kommunen byter operatör för mobiltelefoni. Berörd utrustning: SIM-kort som kommunen tilldelat er. Nya SIM-kort skickas ut före bytet.',
    supplierIds: ids.supplierIds.slice(0, 1),
    effectiveOn: addDays(today, 60),
    acknowledgeBy: addDays(today, 21),
    costImpact: true,
  });
  await notices.create(
    ctx,
    changeNoticeCreate.parse({
      kind: 'authentication',
      title: 'Inloggning med e-legitimation i verksamhetssystemet',
      body: 'Inloggning med lösenord ersätts av inloggning med e-legitimation (SITHS eller BankID).',
      systemIds: ids.systemIds ?? [],
      supplierIds: ids.supplierIds,
    }),
  );
}
