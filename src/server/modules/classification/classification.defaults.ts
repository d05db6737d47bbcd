import { aspects, consequenceCategories, type Aspect, type ConsequenceCategory, type PersonalDataLevel } from '../../../shared/enums.js';

// What Tillit ships for classification. It is data, not code: a tenant can adjust labels and rules
// (assessment_settings), and domain.md says the level numbering is unconfirmed. The wording is our
// own plain Swedish, written for this product (no SKR/KLASSA text is copied).

export interface LevelLabel {
  level: number;
  sv: string;
  en: string;
  descriptionSv: string;
  descriptionEn: string;
}

export interface MinimumRule {
  id: string;
  when: { personalData?: PersonalDataLevel[]; secret?: boolean };
  aspect: Aspect;
  minLevel: number;
  reasonSv: string;
  reasonEn: string;
}

export const defaultLevelLabels: LevelLabel[] = [
  {
    level: 0,
    sv: 'Ingen eller försumbar',
    en: 'None or negligible',
    descriptionSv: 'Det märks knappt eller inte alls.',
    descriptionEn: 'Hardly noticeable or not at all.',
  },
  {
    level: 1,
    sv: 'Måttlig',
    en: 'Moderate',
    descriptionSv: 'Det blir besvärligt, men vi klarar det med vanliga rutiner.',
    descriptionEn: 'It causes trouble, but ordinary routines handle it.',
  },
  {
    level: 2,
    sv: 'Betydande',
    en: 'Significant',
    descriptionSv: 'Det skadar människor, verksamheten eller förtroendet på ett sätt som tar tid att rätta till.',
    descriptionEn: 'It harms people, the operation or trust in a way that takes time to put right.',
  },
  {
    level: 3,
    sv: 'Allvarlig',
    en: 'Serious',
    descriptionSv: 'Det kan ge bestående skada för människor eller slå ut viktig verksamhet.',
    descriptionEn: 'It may cause lasting harm to people or knock out important services.',
  },
  {
    level: 4,
    sv: 'Synnerligen allvarlig',
    en: 'Exceptionally serious',
    descriptionSv: 'Det kan skada Sveriges säkerhet. Sådan information hör inte hemma i Tillit.',
    descriptionEn: "It may harm Sweden's security. Such information does not belong in Tillit.",
  },
];

// Local practice, not KLASSA rules (domain.md: personnummer, sensitive data under GDPR art. 9 and OSL
// secrecy typically give K ≥ Betydande at several municipalities and universities). A tenant can
// change or remove them.
export const defaultMinimumRules: MinimumRule[] = [
  {
    id: 'personal-data-sensitive',
    when: { personalData: ['sensitive', 'personnummer'] },
    aspect: 'confidentiality',
    minLevel: 2,
    reasonSv: 'Informationen innehåller känsliga personuppgifter eller personnummer. Då är konfidentialiteten minst 2.',
    reasonEn: 'The information holds sensitive personal data or personal identity numbers, so confidentiality is at least 2.',
  },
  {
    id: 'secrecy-osl',
    when: { secret: true },
    aspect: 'confidentiality',
    minLevel: 2,
    reasonSv: 'Informationen omfattas av sekretess enligt offentlighets- och sekretesslagen (OSL). Då är konfidentialiteten minst 2.',
    reasonEn:
      'The information is covered by secrecy under the Public Access to Information and Secrecy Act (OSL), so confidentiality is at least 2.',
  },
  {
    id: 'personal-data-ordinary',
    when: { personalData: ['ordinary'] },
    aspect: 'confidentiality',
    minLevel: 1,
    reasonSv: 'Informationen innehåller personuppgifter. Då är konfidentialiteten minst 1.',
    reasonEn: 'The information holds personal data, so confidentiality is at least 1.',
  },
];

type Text = { sv: string; en: string };

const aspectText: Record<Aspect, { explanation: Text; stem: Text }> = {
  confidentiality: {
    explanation: {
      sv: 'Konfidentialitet handlar om vem som får se informationen. Tänk på vad som händer om den hamnar hos någon som inte ska ha den.',
      en: 'Confidentiality is about who may see the information. Think about what happens if it reaches someone who should not have it.',
    },
    stem: { sv: 'Om obehöriga får se informationen', en: 'If unauthorised people see the information' },
  },
  integrity: {
    explanation: {
      sv: 'Riktighet handlar om att informationen är korrekt och hel. Tänk på vad som händer om den blir fel, ändras av misstag eller förstörs.',
      en: 'Integrity is about the information being correct and complete. Think about what happens if it becomes wrong, is changed by mistake or is destroyed.',
    },
    stem: { sv: 'Om informationen blir fel eller förstörs', en: 'If the information becomes wrong or is destroyed' },
  },
  availability: {
    explanation: {
      sv: 'Tillgänglighet handlar om att informationen finns när den behövs. Tänk på vad som händer om ni inte kommer åt den under en arbetsdag eller längre.',
      en: 'Availability is about the information being there when needed. Think about what happens if you cannot reach it for a working day or longer.',
    },
    stem: { sv: 'Om ni inte kommer åt informationen när den behövs', en: 'If you cannot reach the information when it is needed' },
  },
  traceability: {
    explanation: {
      sv: 'Spårbarhet handlar om att kunna se i efterhand vem som gjorde vad med informationen. Tänk på vad som händer om det inte går.',
      en: 'Traceability is about being able to see afterwards who did what with the information. Think about what happens if you cannot.',
    },
    stem: {
      sv: 'Om det inte går att se vem som läst eller ändrat informationen',
      en: 'If you cannot see who read or changed the information',
    },
  },
};

const categoryText: Record<ConsequenceCategory, { object: Text; answers: [Text, Text, Text, Text] }> = {
  individuals: {
    object: { sv: 'hur drabbas enskilda personer?', en: 'how are individual people affected?' },
    answers: [
      { sv: 'Ingen påverkan alls, eller knappt märkbar.', en: 'No effect, or hardly noticeable.' },
      { sv: 'Någon blir besvärad eller irriterad, men det går över.', en: 'Someone is bothered or annoyed, but it passes.' },
      {
        sv: 'Någon far illa, t.ex. blir utsatt, kränkt eller får fel beslut.',
        en: 'Someone is harmed, e.g. exposed, offended or given a wrong decision.',
      },
      {
        sv: 'Någons liv, hälsa eller trygghet kan komma i fara.',
        en: "Someone's life, health or safety may be put at risk.",
      },
    ],
  },
  operation: {
    object: { sv: 'hur drabbas verksamheten?', en: 'how is the operation affected?' },
    answers: [
      { sv: 'Arbetet går vidare som vanligt.', en: 'Work goes on as usual.' },
      { sv: 'Arbetet blir långsammare men vi klarar det.', en: 'Work slows down but we manage.' },
      { sv: 'Viktiga uppgifter blir inte gjorda i tid.', en: 'Important tasks are not done in time.' },
      { sv: 'Verksamheten kan inte utföra sitt uppdrag.', en: 'The operation cannot carry out its mission.' },
    ],
  },
  finances: {
    object: { sv: 'vad kostar det?', en: 'what does it cost?' },
    answers: [
      { sv: 'Ingen eller mycket liten kostnad.', en: 'No cost, or a very small one.' },
      { sv: 'En kostnad som ryms i budgeten.', en: 'A cost the budget can absorb.' },
      { sv: 'En kostnad som kräver omprioriteringar.', en: 'A cost that needs reprioritising.' },
      { sv: 'En kostnad som hotar verksamhetens ekonomi.', en: "A cost that threatens the operation's finances." },
    ],
  },
  trust: {
    object: { sv: 'hur påverkas förtroendet för organisationen?', en: 'how is trust in the organisation affected?' },
    answers: [
      { sv: 'Förtroendet påverkas inte.', en: 'Trust is not affected.' },
      { sv: 'Några få blir missnöjda.', en: 'A few people are dissatisfied.' },
      { sv: 'Det blir negativ uppmärksamhet i t.ex. lokala medier.', en: 'There is negative attention, e.g. in local media.' },
      { sv: 'Förtroendet skadas allvarligt och länge, även nationellt.', en: 'Trust is seriously and lastingly damaged, also nationally.' },
    ],
  },
  law: {
    object: { sv: 'bryter vi mot lagar, regler eller avtal?', en: 'do we break laws, rules or agreements?' },
    answers: [
      { sv: 'Nej.', en: 'No.' },
      { sv: 'Ett mindre fel som vi själva rättar till.', en: 'A minor breach we correct ourselves.' },
      {
        sv: 'Ett brott som kan leda till kritik eller sanktioner från en myndighet.',
        en: 'A breach that may lead to criticism or sanctions from an authority.',
      },
      {
        sv: 'Ett allvarligt brott som kan leda till höga sanktionsavgifter eller åtal.',
        en: 'A serious breach that may lead to heavy fines or prosecution.',
      },
    ],
  },
};

export interface GuideQuestion {
  category: ConsequenceCategory;
  questionSv: string;
  questionEn: string;
  answers: { level: number; sv: string; en: string }[];
}

export interface GuideAspect {
  aspect: Aspect;
  explanationSv: string;
  explanationEn: string;
  questions: GuideQuestion[];
}

// Every aspect × category question, composed from the aspect's "what if" and the category's object.
export const guide: GuideAspect[] = aspects.map((aspect) => ({
  aspect,
  explanationSv: aspectText[aspect].explanation.sv,
  explanationEn: aspectText[aspect].explanation.en,
  questions: consequenceCategories.map((category) => ({
    category,
    questionSv: `${aspectText[aspect].stem.sv} – ${categoryText[category].object.sv}`,
    questionEn: `${aspectText[aspect].stem.en} – ${categoryText[category].object.en}`,
    answers: categoryText[category].answers.map((a, level) => ({ level, sv: a.sv, en: a.en })),
  })),
}));

export const nationalSecurityRefusal = {
  sv: 'Information som kan påverka Sveriges säkerhet (säkerhetsskyddsklassificerade uppgifter) hör inte hemma i Tillit. Den ska hanteras enligt säkerhetsskyddslagen i system som är godkända för det. Kontakta er säkerhetsskyddschef.',
  en: "Information that may affect Sweden's security (security-classified information) does not belong in Tillit. It must be handled under the Protective Security Act in systems approved for it. Contact your head of protective security.",
};
