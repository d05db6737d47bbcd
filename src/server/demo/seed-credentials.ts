import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/audit.js';
import { addDays, stockholmToday } from '../platform/calendar.js';
import { credentialCreate } from '../modules/credentials/credentials.schemas.js';
import { createCredentialsService } from '../modules/credentials/credentials.service.js';
import { campaignCreate, itemCreate } from '../modules/recertifications/recertifications.schemas.js';
import { createRecertificationsService } from '../modules/recertifications/recertifications.service.js';

// Påhittade behörighetsbevis och en omprövning för Demo kommun (D0-17, D0-18, D0-35, D0-40, D3-25,
// D0-15): e-tjänstekort och SITHS-kort utlämnade denna månad (syns i debiteringsunderlaget), ett
// SIM-kort och en MDM-registrering i bruk, ett kort som väntar på utlämning, och en pågående
// omprövning av ett system med konton för leverantörens personal. Allt genom tjänsterna, så att
// reglerna och loggen gäller. `ctx` är samordnarens; leverantörerna och systemen finns redan.
export async function seedCredentials(db: Db, ctx: RequestContext, ids: { supplierIds: string[]; systemIds: string[] }): Promise<void> {
  const [supplier, second] = ids.supplierIds;
  const [system] = ids.systemIds;
  if (!supplier) return;
  const credentials = createCredentialsService(db);
  const today = stockholmToday();
  const monthStart = `${today.slice(0, 7)}-01`;
  const issue = async (input: Record<string, unknown>, handOver = true) => {
    const c = await credentials.create(
      ctx,
      credentialCreate.parse({ validFrom: monthStart, validTo: addDays(monthStart, 3 * 365), ...input }),
    );
    if (handOver)
      await credentials.handOver(ctx, c.id, c.version, { identityMethod: 'id_card', identityNote: 'Nationellt id-kort visades' });
  };
  await issue({ kind: 'e_id_card', holderName: 'Amira Hassan', supplierId: supplier, serial: 'EK-100231', issuedOn: monthStart });
  await issue({ kind: 'siths_card', holderName: 'Johan Lind', supplierId: supplier, serial: 'SITHS-55120', issuedOn: monthStart });
  await issue({
    kind: 'sim_card',
    holderName: 'Hemtjänstens jourtelefon',
    supplierId: supplier,
    serial: '46701234567',
    issuedOn: addDays(monthStart, -90),
  });
  await issue({ kind: 'mdm_enrolment', holderName: 'Amira Hassan', supplierId: supplier, issuedOn: addDays(monthStart, -60) });
  await issue({ kind: 'e_id_card', holderName: 'Petra Sjöberg', supplierId: second ?? supplier, serial: 'EK-100244' }, false);
  if (!system) return;
  const recertifications = createRecertificationsService(db);
  const campaign = await recertifications.create(
    ctx,
    campaignCreate.parse({ systemId: system, title: 'Omprövning av behörigheter', dueOn: addDays(today, 30), populate: false }),
  );
  for (const [personName, accountName, supplierId] of [
    ['Amira Hassan', 'amha01', supplier],
    ['Johan Lind', 'joli02', supplier],
    ['Karin Ek', 'kaek01', null],
  ] as const)
    await recertifications.addItem(ctx, campaign.id, itemCreate.parse({ personName, accountName, supplierId, permissions: 'Handläggare' }));
}
