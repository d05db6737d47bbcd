import type { Db } from '../db/client.js';
import type { RequestContext } from '../platform/audit.js';
import { createActionPlansService } from '../modules/action-plans/action-plans.service.js';
import { activityCreate, decisionIn, planCreate } from '../modules/action-plans/action-plans.schemas.js';
import { classifyIn, protectionIn } from '../modules/classification/classification.schemas.js';
import { createClassificationService } from '../modules/classification/classification.service.js';
import { createProtectionService } from '../modules/classification/protection.service.js';
import { gapAssessIn } from '../modules/gap-analysis/gap-analysis.schemas.js';
import { createGapAnalysisService } from '../modules/gap-analysis/gap-analysis.service.js';
import { measureCreate } from '../modules/measures/measures.schemas.js';
import { createMeasuresService } from '../modules/measures/measures.service.js';
import { createPolicyGoalsService } from '../modules/policy-goals/policy-goals.service.js';
import { createRequirementsService } from '../modules/requirements/requirements.service.js';
import { createRiskAnalysesService } from '../modules/risks/risk-analyses.service.js';
import { analysisCreate, riskCreate } from '../modules/risks/risks.schemas.js';
import { createRisksService } from '../modules/risks/risks.service.js';

// Påhittad bedömning för Demo kommun: klassningar, en gap-analys, risker, åtgärder och årets
// handlingsplan, inlästa genom samma tjänster som API:t så att allt följer reglerna och loggas.

type Profile = [k: number, r: number, t: number, s: number, why: string];

const profiles: Record<string, Profile> = {
  'Social dokumentation äldreomsorg': [3, 3, 2, 2, 'Känsliga uppgifter om hälsa och omsorg om enskilda (OSL 26 kap.).'],
  'Läkemedelslistor och signeringar': [2, 3, 3, 3, 'Fel läkemedel eller utebliven dos kan skada brukare allvarligt.'],
  'Genomförandeplaner hemtjänst': [2, 2, 2, 1, 'Uppgifter om enskildas behov av stöd i hemmet.'],
  'Besöksregistrering och nyckelhantering hemtjänst': [2, 2, 3, 3, 'Utan uppgifterna når personalen inte brukarna i tid.'],
  'Utredningar barn och unga': [3, 3, 1, 2, 'Mycket känsliga uppgifter om barn och familjer (OSL 26 kap. 1 §).'],
  Elevdokumentation: [2, 2, 1, 1, 'Uppgifter om elevers stöd och hälsa.'],
};

const aspectOf = (level: number, reason: string) => ({ level, reason });
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const monthsAhead = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() + n);
  return isoDate(d);
};

export async function seedAssessment(
  db: Db,
  ctx: RequestContext,
  ids: { systems: Map<string, string>; assets: Map<string, string>; units: Map<string, string> },
): Promise<void> {
  await createRequirementsService(db).installStarter(ctx);
  await createPolicyGoalsService(db).installStarter(ctx);

  const classification = createClassificationService(db);
  for (const [name, [k, r, t, s, why]] of Object.entries(profiles)) {
    const assetId = ids.assets.get(name);
    if (!assetId) continue;
    await classification.classify(
      ctx,
      assetId,
      classifyIn.parse({
        confidentiality: aspectOf(k, why),
        integrity: aspectOf(r, why),
        availability: aspectOf(t, why),
        traceability: aspectOf(s, why),
        participants: ['Anna Admin (informationssäkerhetssamordnare)', 'Verksamhetens informationsägare'],
      }),
    );
  }

  // Pulsen Combine: the loss-of-function consequence completes its classification (D1-24).
  const combine = ids.systems.get('Pulsen Combine')!;
  await createProtectionService(db).set(
    ctx,
    combine,
    protectionIn.parse({
      lossOfFunction: {
        consequence: 'Hemtjänst och särskilt boende saknar aktuella insatser och journal; reservrutin på papper i högst ett dygn.',
        level: 3,
      },
      critical: true,
    }),
  );

  // Part of its gap analysis: two requirements met, one missing (which creates a measure).
  const gap = createGapAnalysisService(db);
  const analysis = await gap.get(ctx, combine, {});
  const [first, second, third] = analysis.items;
  for (const [item, input] of [
    [first, { status: 'exists', howMet: 'Rutin finns och följs upp årligen av systemförvaltaren.' }],
    [second, { status: 'partly', deficiency: 'moderate', howMet: 'Gäller hemtjänsten men inte särskilt boende ännu.' }],
    [third, { status: 'missing', deficiency: 'significant' }],
  ] as const) {
    if (item) await gap.assess(ctx, combine, item.requirement.id, null, gapAssessIn.parse(input));
  }

  const analyses = createRiskAnalysesService(db);
  const rsa = await analyses.create(
    ctx,
    analysisCreate.parse({
      title: 'Risk- och sårbarhetsanalys vård och omsorg',
      scope: 'Verksamhetssystemen i äldreomsorg och hemtjänst.',
      analysedOn: isoDate(new Date()),
      participants: ['Anna Admin', 'Sara Lind (systemägare)', 'Fredrik Sjö (systemförvaltare)'],
      methodNotes: 'Workshop med verksamheten; sannolikhet och konsekvens på 4×4-matris.',
      unitId: ids.units.get('soc') ?? null,
    }),
  );
  const risks = createRisksService(db);
  const outage = await risks.create(
    ctx,
    riskCreate.parse({
      analysisId: rsa.id,
      title: 'Längre avbrott i verksamhetssystemet',
      threat: 'Driftstörning hos leverantören eller i kommunens nät.',
      vulnerability: 'Reservrutinen är inte övad på särskilt boende.',
      systemIds: [combine],
      likelihood: 3,
      consequence: 4,
      residualLikelihood: 2,
      residualConsequence: 3,
      treatment: 'reduce',
      ownerUserId: ctx.actor.userId,
    }),
  );
  await risks.create(
    ctx,
    riskCreate.parse({
      analysisId: rsa.id,
      title: 'Obehörig åtkomst till journaler',
      threat: 'Delade inloggningar och för breda behörigheter.',
      systemIds: [combine],
      likelihood: 2,
      consequence: 4,
    }),
  );

  const measures = createMeasuresService(db);
  const exercise = await measures.create(
    ctx,
    measureCreate.parse({
      title: 'Öva reservrutinen för Pulsen Combine på särskilt boende',
      origin: 'risk',
      originId: outage.id,
      riskIds: [outage.id],
      systemId: combine,
      dueOn: monthsAhead(4),
      priority: 'high',
      plannedCostSek: 15000,
      status: 'planned',
    }),
  );
  const training = await measures.create(
    ctx,
    measureCreate.parse({
      title: 'Utbilda nya chefer i informationssäkerhet',
      origin: 'needs_analysis',
      basis: 'Behovsanalys efter chefsintroduktionen: hälften av nya chefer saknade utbildningen.',
      dueOn: monthsAhead(6),
      plannedCostSek: 40000,
    }),
  );

  const plans = createActionPlansService(db);
  const year = new Date().getUTCFullYear();
  const plan = await plans.create(ctx, planCreate.parse({ year, title: `Handlingsplan för informationssäkerhet ${year}` }));
  await plans.addActivity(
    ctx,
    plan.id,
    activityCreate.parse({
      title: 'Kontinuitet för kritiska verksamhetssystem',
      yearlyGoal: 'Alla kritiska system har en övad reservrutin.',
      priority: 'high',
      responsible: 'Sara Lind (systemägare)',
      measureIds: [exercise.id],
    }),
  );
  const withActivities = await plans.addActivity(
    ctx,
    plan.id,
    activityCreate.parse({ title: 'Kompetens', yearlyGoal: 'Alla chefer har gått grundutbildningen.', measureIds: [training.id] }),
  );
  await plans.decide(
    ctx,
    plan.id,
    withActivities.version,
    decisionIn.parse({ decidedOn: isoDate(new Date()), decidedBy: 'Kommunstyrelsen', caseNumber: `KS ${year}/112` }),
  );
}
