import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/audit.js';
import type { Actor } from '../platform/access.js';
import { createContinuityService } from '../modules/continuity/continuity.service.js';
import { createContinuityDocumentsService } from '../modules/continuity/continuity-documents.service.js';
import { documentCreate, systemContinuityIn } from '../modules/continuity/continuity.schemas.js';
import { createExercisesService } from '../modules/exercises/exercises.service.js';
import { exerciseCreate } from '../modules/exercises/exercises.schemas.js';
import { createIncidentsService } from '../modules/incidents/incidents.service.js';
import { incidentCreate, incidentPatch } from '../modules/incidents/incidents.schemas.js';
import { createIncidentActions } from '../modules/incidents/incidents.actions.js';
import { entryCreate } from '../modules/incidents/incidents.schemas.js';
import { createIncidentObligationsService } from '../modules/incident-obligations/incident-obligations.service.js';
import { obligationPatch } from '../modules/incident-obligations/incident-obligations.schemas.js';
import { createRestorePrioritiesService } from '../modules/restore-priorities/restore-priorities.service.js';
import { decisionIn, itemsIn, priorityCreate } from '../modules/restore-priorities/restore-priorities.schemas.js';

// Påhittade incidenter och kontinuitet för Demo kommun: en personuppgiftsincident med IMY-klockan
// igång, ett avslutat avbrott med slutsatser, kontinuitet för de kritiska systemen, övningar och en
// beslutad återställningsordning. Allt genom tjänsterna, så att reglerna och loggen gäller.

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
const daysAgo = (d: number) => hoursAgo(d * 24);
const isoDate = (iso: string) => iso.slice(0, 10);

const asPerson = (ctx: RequestContext, userId: string, email: string, role: Actor['roles'][number]): RequestContext => ({
  ...ctx,
  actor: { ...ctx.actor, userId, email, displayName: email, roles: [role], grants: [{ role, scope: { type: 'tenant' } }] },
});

async function userIdOf(db: Db, email: string): Promise<string> {
  const r = (await db.execute(sql`select id from users where lower(email) = lower(${email})`)) as unknown as { rows: { id: string }[] };
  return r.rows[0]!.id;
}

export async function seedIncidents(
  db: Db,
  ctx: RequestContext,
  { systems: ids, publicUrl }: { systems: Map<string, string>; publicUrl: string },
): Promise<void> {
  const system = (name: string) => ids.get(name)!;
  const combine = system('Pulsen Combine');
  const directory = system('Active Directory och Entra ID');
  const m365 = system('Microsoft 365');
  const appva = system('Appva MCSS');

  // Continuity of the critical systems (D1-25, D1-26, D1-41)
  const continuity = createContinuityService(db);
  const outage = async (systemId: string, minutes: number, decidedBy: string, dnr: string, vital: string) => {
    const current = await continuity.get(ctx, systemId);
    await continuity.put(
      ctx,
      systemId,
      current.version,
      systemContinuityIn.parse({
        acceptedOutageMinutes: minutes,
        outageDecidedBy: decidedBy,
        outageDecidedOn: isoDate(daysAgo(200)),
        outageDnr: dnr,
        vitalActivity: vital,
        emergencyProcedure: 'Papperslistor i verksamhetens krisväska; dokumentationen förs in i efterhand (efterregistrering).',
        dependencySystemIds: systemId === directory ? [] : [directory],
      }),
    );
  };
  await outage(combine, 240, 'Socialnämnden', 'SN 2026/41', 'Vård och omsorg i hemtjänst och på särskilt boende');
  await outage(appva, 120, 'Socialnämnden', 'SN 2026/41', 'Läkemedelshantering i hemtjänst och på särskilt boende');
  await outage(directory, 60, 'Kommunstyrelsen', 'KS 2026/77', 'Inloggning till kommunens alla system');

  const documents = createContinuityDocumentsService(db);
  await documents.create(
    ctx,
    documentCreate.parse({
      kind: 'reserve_routine',
      systemId: combine,
      title: 'Reservrutin vid avbrott i Pulsen Combine',
      content: 'Dagens insatslistor skrivs ut varje morgon kl. 06.30. Vid avbrott används listorna och anteckningar förs på papper.',
      documentedOn: isoDate(daysAgo(150)),
      implementedOn: isoDate(daysAgo(120)),
      reviewOn: isoDate(hoursAgo(-24 * 215)),
    }),
  );
  await documents.create(
    ctx,
    documentCreate.parse({
      kind: 'restore_plan',
      systemId: combine,
      title: 'Återställningsplan Pulsen Combine',
      content: 'Återläsning från säkerhetskopia i den ordning leverantören anger; kontaktvägar till leverantörens jour.',
      documentedOn: isoDate(daysAgo(150)),
    }),
  );

  // Exercises (D1-42, D1-54): Combine was exercised this year; the other critical systems are flagged.
  const exercises = createExercisesService(db);
  await exercises.create(
    ctx,
    exerciseCreate.parse({
      title: 'Avbrottsövning hemtjänsten',
      kind: 'continuity',
      heldOn: isoDate(daysAgo(110)),
      scope: 'Heldagsavbrott i Pulsen Combine en vardag.',
      systemIds: [combine],
      participants: ['Sara Lind (systemägare)', 'Hemtjänstens gruppledare', 'IT-enhetens drift'],
      outcome: 'Reservrutinen fungerade, men utskrifterna saknade nattens ändringar.',
      lessons: 'Skriv ut insatslistorna även kl. 22.00.',
    }),
  );
  await exercises.create(
    ctx,
    exerciseCreate.parse({
      title: 'Skrivbordsövning: personuppgiftsincident',
      kind: 'incident_handling',
      heldOn: isoDate(daysAgo(240)),
      participants: ['Anna Admin (informationssäkerhetssamordnare)', 'Dataskyddsombudet', 'Kommunikationsenheten'],
      outcome: 'Anmälan till IMY hann skrivas inom 72 timmar.',
    }),
  );

  // The restore priority order (D1-27): prepared by the coordinator, decided by the municipal director.
  const priorities = createRestorePrioritiesService(db);
  const draft = await priorities.create(
    ctx,
    priorityCreate.parse({ title: 'Återställningsordning för kritiska system', fromDecided: false }),
  );
  const ordered = await priorities.setItems(
    ctx,
    draft.id,
    draft.version,
    itemsIn.parse({ items: [directory, m365, appva, combine].map((systemId) => ({ systemId })) }),
  );
  const director = asPerson(ctx, await userIdOf(db, 'kommundirektor@demokommun.se'), 'kommundirektor@demokommun.se', 'management');
  await priorities.decide(
    director,
    draft.id,
    ordered.version,
    decisionIn.parse({ decidedOn: isoDate(daysAgo(30)), dnr: 'KS 2026/118', note: 'Beslut i kommunledningsgruppen.' }),
  );

  // Incidents (D1-52, D1-37): an employee's report of a misdirected e-mail with personal data, and a
  // closed outage with its conclusions (D1-33, D1-65).
  const incidents = createIncidentsService(db, { publicUrl });
  const actions = createIncidentActions(db);
  const employee = asPerson(ctx, await userIdOf(db, 'medarbetare@demokommun.se'), 'medarbetare@demokommun.se', 'employee');
  const breach = await incidents.create(
    employee,
    incidentCreate.parse({
      title: 'E-post med utredning skickad till fel mottagare',
      awareAt: hoursAgo(20),
      reportText: 'Ett mejl med en utredning om ett barn gick till en extern adress med liknande namn.',
      type: 'incident',
      systemIds: [m365],
    }),
  );
  const opened = await incidents.get(ctx, breach.id, 'sv');
  await incidents.update(
    ctx,
    breach.id,
    opened.version,
    incidentPatch.parse({
      status: 'triaged',
      severity: 'high',
      personalData: 'yes',
      personalDataNote: 'Känsliga uppgifter om ett barn och vårdnadshavare.',
      description: 'Fel mottagare valdes i adressfältet. Mottagaren har ombetts radera mejlet.',
    }),
    'sv',
  );
  await actions.addEntry(ctx, breach.id, entryCreate.parse({ text: 'Mottagaren kontaktad och har bekräftat att mejlet raderats.' }));

  const outageIncident = await incidents.create(
    ctx,
    incidentCreate.parse({ title: 'Avbrott i Pulsen Combine', awareAt: daysAgo(40), type: 'outage', systemIds: [combine] }),
  );
  const current = await incidents.get(ctx, outageIncident.id, 'sv');
  await incidents.update(
    ctx,
    outageIncident.id,
    current.version,
    incidentPatch.parse({
      severity: 'moderate',
      personalData: 'no',
      outageStartedAt: daysAgo(40),
      outageEndedAt: hoursAgo(40 * 24 - 3),
      containedAt: hoursAgo(40 * 24 - 3),
      resolvedAt: hoursAgo(40 * 24 - 5),
      description: 'Leverantörens certifikat hade gått ut; inloggningen till Combine fungerade inte under tre timmar.',
      consequences: 'Hemtjänsten arbetade med reservrutinen (papperslistor); inga besök uteblev.',
      conclusions: 'Reservrutinen räckte. Certifikatets giltighet bevakades inte av någon.',
      lessons: 'Bevaka utgångsdatum för leverantörernas certifikat.',
      prevention: 'Leverantören bevakar certifikat; påminnelse i kommunens kalender 30 dagar före.',
      handlingHours: 6,
      handlingCostSek: 4800,
      costPayer: 'supplier',
      status: 'closed',
    }),
    'sv',
  );
  // not a NIS2 or GDPR matter, assessed and recorded as such
  const obligations = createIncidentObligationsService(db);
  for (const code of ['gdpr-art33', 'gdpr-art34', 'nis2-early-warning', 'nis2-notification', 'nis2-final-report', 'lex-maria'])
    await obligations.patch(
      ctx,
      outageIncident.id,
      code,
      obligationPatch.parse({
        applies: 'no',
        appliesReason: 'Inga personuppgifter röjdes och avbrottet var kort och utan allvarlig påverkan.',
      }),
      null,
      'sv',
    );
}
