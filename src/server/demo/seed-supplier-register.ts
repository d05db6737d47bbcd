import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/audit.js';
import { addDays, stockholmToday } from '../platform/calendar.js';
import { contractCreate } from '../modules/contracts/contracts.schemas.js';
import { createContractsService } from '../modules/contracts/contracts.service.js';
import { meetingCreate } from '../modules/supplier-meetings/supplier-meetings.schemas.js';
import { createSupplierMeetingsService } from '../modules/supplier-meetings/supplier-meetings.service.js';
import { supplierPersonCreate } from '../modules/supplier-people/supplier-people.schemas.js';
import { createSupplierPeopleService } from '../modules/supplier-people/supplier-people.service.js';
import { supplierSystemIn } from '../modules/supplier-systems/supplier-systems.schemas.js';
import { createSupplierSystemsService } from '../modules/supplier-systems/supplier-systems.service.js';
import { supplierCreate, supplierPatch } from '../modules/suppliers/suppliers.schemas.js';
import { createSuppliersService } from '../modules/suppliers/suppliers.service.js';

// Påhittade leverantörer för Demo kommun (issue 7): en utförare inom hemtjänst med en superanvändare för
// lite (D3-29), en IT-leverantör med ett avtal för ett kritiskt system där krav saknas (D1-18) och ett
// samverkansmöte (D1-29). Allt genom tjänsterna, så att reglerna och loggen gäller. `ctx` är
// samordnarens; `systems` är demosystemens id per namn. Svarar leverantörernas id för de andra delarnas
// demodata (uppföljningar, förändringsmeddelanden, beställningar).
export async function seedSupplierRegister(
  db: Db,
  ctx: RequestContext,
  ids: { systems: Map<string, string>; publicUrl: string },
): Promise<{ supplierIds: string[]; careProviderId: string; itSupplierId: string }> {
  const suppliers = createSuppliersService(db, { publicUrl: ids.publicUrl });
  const people = createSupplierPeopleService(db);
  const links = createSupplierSystemsService(db);
  const contracts = createContractsService(db);
  const meetings = createSupplierMeetingsService(db);
  const today = stockholmToday();
  const system = (name: string) => ids.systems.get(name);

  const care = await suppliers.create(
    ctx,
    supplierCreate.parse({ name: 'Omsorgshuset i Demo AB', organisationNumber: '5566778899', type: 'care_provider' }),
  );
  await suppliers.update(
    ctx,
    care.id,
    care.version,
    supplierPatch.parse({
      profile: {
        contacts: [{ name: 'Sara Lind', role: 'Verksamhetschef', phone: '0470-10 20 30', email: 'sara.lind@omsorgshuset.example' }],
        supportContact: { name: 'Omsorgshusets IT-support', phone: '0470-10 20 99', email: 'it@omsorgshuset.example' },
        phone: '0470-10 20 00',
        voicemail: true,
        email: 'info@omsorgshuset.example',
        premises: [{ address: 'Storgatan 12, Demo', tenure: 'municipal' }],
        telecom: [
          { kind: 'fax', number: '0470-77 50 01', assignedOn: '2025-03-01' },
          { kind: 'sim', number: '46701234567', assignedTo: 'Nattpatrullen', assignedOn: '2025-03-01' },
        ],
        messaging: [{ name: 'Säkra meddelanden (kommunens)', encrypted: true, endToEnd: true }],
        publicInfo: {
          description: 'Hemtjänst dygnet runt i hela kommunen.',
          languages: 'svenska, arabiska, finska',
          openingHours: 'Kontoret 8–16',
        },
      },
    }),
  );
  for (const p of [
    { kind: 'super_user', name: 'Olle Superanvändare', email: 'olle@omsorgshuset.example' },
    { kind: 'authorised_orderer', name: 'Sara Lind', email: 'sara.lind@omsorgshuset.example', validFrom: '2025-01-01' },
    { kind: 'key_person', name: 'Amir Haddad', title: 'Informationssäkerhetsansvarig' },
  ])
    await people.create(ctx, care.id, supplierPersonCreate.parse(p));
  for (const name of ['Pulsen Combine', 'Phoniro Care']) {
    const id = system(name);
    if (id) await links.put(ctx, care.id, id, supplierSystemIn.parse({ worksIn: true, administersOwnUsers: name === 'Phoniro Care' }));
  }

  const it = await suppliers.create(
    ctx,
    supplierCreate.parse({ name: 'Driftpartner Syd AB', organisationNumber: '5561234567', type: 'it_supplier' }),
  );
  await people.create(
    ctx,
    it.id,
    supplierPersonCreate.parse({ kind: 'contact', name: 'Jonas Berg', title: 'Kundansvarig', phone: '040-55 66 77' }),
  );
  const journal = system('Pulsen Combine');
  if (journal) await links.put(ctx, it.id, journal, supplierSystemIn.parse({ delivers: true, worksIn: false }));
  await contracts.create(
    ctx,
    contractCreate.parse({
      supplierId: it.id,
      title: 'Drift och förvaltning av verksamhetssystem',
      reference: 'KS 2024/118',
      startsOn: '2024-07-01',
      endsOn: '2028-06-30',
      jointProcurement: ['Grannkommunen', 'Kustkommunen'],
      dataProcessingAgreement: true,
      dataProcessingAgreementOn: '2024-06-15',
      systemIds: journal ? [journal] : [],
      clauses: {
        it_security: { included: true },
        information_security: { included: true },
        traceability: { included: true },
        logging: { included: true },
        continuity_peacetime: { included: true },
        continuity_heightened_alert: { included: false, note: 'Ska tas upp vid förlängningen' },
      },
      responsibilities: { workstations: 'municipality', hardware: 'supplier', software: 'supplier', network_expansion: 'shared' },
    }),
  );
  await meetings.create(
    ctx,
    meetingCreate.parse({
      supplierId: it.id,
      heldOn: addDays(today, -60),
      participants: 'IT-chef, systemförvaltare, Driftpartners kundansvarig',
      topics: 'Patchning, återläsningstest av backup, plan för nätverket 2027',
      decisions: 'Återläsningstest varje kvartal. Investeringsbehov: ny brandvägg 2027.',
      nextOn: addDays(today, 30),
    }),
  );
  return { supplierIds: [care.id, it.id], careProviderId: care.id, itSupplierId: it.id };
}
