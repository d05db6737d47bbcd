import type { SupplierType } from '../../../shared/enums.js';

// The checklists Tillit ships, written from seed 000 (suppliers working in the municipality's
// systems) and seed 003 (care providers, IT requirements); our own Swedish wording. `sources` names
// the requirement rows each item checks. A tenant may replace a list with its own wording.
export const followUpAreas = [
  'systems',
  'competence',
  'access',
  'security',
  'equipment',
  'continuity',
  'communication',
  'obligations',
  'compliance',
] as const;
export type FollowUpArea = (typeof followUpAreas)[number];

export interface TemplateItem {
  code: string;
  area: FollowUpArea;
  text: string;
  evidenceRequired: boolean;
  sources: string[];
}

const item = (code: string, area: FollowUpArea, text: string, sources: string[], evidenceRequired = false): TemplateItem => ({
  code,
  area,
  text,
  evidenceRequired,
  sources,
});

// D0-05: one attestation per competence area.
const competenceAreas: [string, string][] = [
  ['1', 'informationssystemen och informationen i dem'],
  ['2', 'de autentiseringsmetoder som används'],
  ['3', 'datorarbetsplatserna'],
  ['4', 'skrivare och utskriftstjänster'],
  ['5', 'reservrutinerna'],
  ['6', 'faxtjänster'],
  ['7', 'mobila tjänster och appar'],
  ['8', 'meddelandetjänster'],
];

export const itSupplierTemplate: readonly TemplateItem[] = [
  item('D0-01', 'systems', 'Vi dokumenterar i de informationssystem kommunen tillhandahåller för uppföljning och journalföring.', [
    'D0-01',
  ]),
  item('D0-02', 'systems', 'Vår internetanslutning uppfyller portalens krav och har tillräcklig kapacitet.', ['D0-02']),
  item('D0-03', 'competence', 'Våra nyckelpersoner (t.ex. samordnare och verksamhetschefer) har gått kommunens grundutbildning.', [
    'D0-03',
  ]),
  item(
    'D0-04',
    'competence',
    'Nyckelpersonerna har utbildat vår egen personal. Bifoga gärna deltagarlista eller utbildningsplan.',
    ['D0-04'],
    true,
  ),
  ...competenceAreas.map(([n, area]) =>
    item(`D0-05-${n}`, 'competence', `Vi har tillräcklig kompetens för att hantera ${area} säkert och korrekt.`, ['D0-05']),
  ),
  item('D0-07', 'access', 'Vår personal vet att deras aktiviteter i kommunens nät loggas.', ['D0-07']),
  item('D0-08', 'access', 'Vår personal har e-tjänstekort, dosor eller annan inloggningslösning enligt kommunens standard.', ['D0-08']),
  item('D0-15', 'access', 'Vår personal har bara de behörigheter de behöver i arbetet.', ['D0-15']),
  item('D0-18', 'access', 'Vi kontrollerar identiteten på den som tar emot nya inloggningsuppgifter eller ett e-tjänstekort.', ['D0-18']),
  item('D0-19', 'security', 'Vi har en lösenordspolicy för vår egen IT-miljö. Bifoga policyn.', ['D0-19'], true),
  item('D0-20', 'security', 'Lösenordspolicyn är känd i hela vår verksamhet. Ange hur och när den spreds.', ['D0-20']),
  item('D0-23', 'security', 'Alla utskrifter sker säkert och skyddas från obehöriga.', ['D0-23']),
  item('D0-27', 'security', 'Våra lokaler skyddar teknisk utrustning, informationen i den och personuppgifter.', ['D0-27']),
  item('D0-36', 'equipment', 'Våra mobiltelefoner och annan utrustning kan uppdateras med de senaste säkerhetsuppdateringarna.', ['D0-36']),
  item(
    'D0-26',
    'continuity',
    'Vi har reservrutiner för strömavbrott, störningar i mobiltrafik och nät samt planerade och akuta avbrott. Bifoga rutinerna.',
    ['D0-26'],
    true,
  ),
  item('D0-29', 'communication', 'Vi har teknisk support inom vår egen organisation.', ['D0-29']),
  item('D0-32', 'communication', 'Vår personal vet vart de vänder sig för teknisk support.', ['D0-32']),
  item('D0-37', 'communication', 'Vi lämnar alltid fasta telefonnummer, inte mobilnummer, till våra kunder.', ['D0-37']),
  item('D0-43', 'communication', 'Vi har säkra rutiner för meddelandetjänster. Bifoga rutinen.', ['D0-43'], true),
  item('D0-44', 'communication', 'De meddelandetjänster vi använder är krypterade hela vägen från avsändare till mottagare där det går.', [
    'D0-44',
  ]),
];

// D3-15..D3-21: what the provider does in the business system, recorded as obligations to follow up.
const businessSystemDuties: [string, string][] = [
  ['D3-15', 'kontrollerar inkomna uppdrag och meddelanden varje dag'],
  ['D3-16', 'bekräftar inkomna uppdrag'],
  ['D3-17', 'bekräftar inkomna avbeställningar'],
  ['D3-18', 'registrerar insatser som verkställda, eller när kunden har börjat insatsen'],
  ['D3-19', 'lägger in frånvaro (särskilt boende)'],
  ['D3-20', 'rapporterar närvaro (korttidsvistelse)'],
  ['D3-21', 'rapporterar in genomförandeplanen enligt gällande rutin'],
];

export const careProviderTemplate: readonly TemplateItem[] = [
  item(
    'D3-01',
    'communication',
    'Vi har fungerande telefon med telefonsvarare och e-post, och vi lyssnar av och besvarar dem regelbundet.',
    ['D3-01'],
  ),
  item('D3-02', 'systems', 'Vi kommunicerar med myndigheten genom beställarens verksamhetssystem enligt beställarens anvisningar.', [
    'D3-02',
  ]),
  item(
    'D3-03',
    'access',
    'Vi informerar personal som får behörighet att namn och personnummer registreras och att deras aktiviteter sparas.',
    ['D3-03'],
  ),
  item('D3-05', 'equipment', 'Vi har skaffat den utrustning och inloggningslösning som krävs.', ['D3-05']),
  item('D3-06', 'access', 'Vi meddelar beställaren när personal slutar, så att behörigheten kan avslutas.', ['D3-06']),
  item('D3-11', 'equipment', 'Vi äger och ansvarar för vår egen datorutrustning, vårt nätverk och våra program.', ['D3-11']),
  item('D3-12', 'security', 'Vår utrustning har uppdaterat antivirusprogram och brandvägg. Bifoga underlag.', ['D3-12'], true),
  item('D3-13', 'equipment', 'Vi använder kompatibla enheter (mobiltelefoner, surfplattor med abonnemang) i de system beställaren anger.', [
    'D3-13',
  ]),
  item('D3-14', 'equipment', 'Vår IT-utrustning klarar förmöten på distans med video och digitala inköp.', ['D3-14']),
  ...businessSystemDuties.map(([code, duty]) => item(code, 'obligations', `I verksamhetssystemet ${duty}.`, [code])),
  item('D3-26', 'access', 'I system där vi själva administrerar behörigheter lägger vi in och avslutar behörig personal.', ['D3-26']),
  item('D3-28', 'competence', 'Vår personal har den IT-kompetens som behövs för att använda verksamhetssystemet rätt.', ['D3-28']),
  item('D3-29', 'competence', 'Vi har minst två superanvändare som är första linjens support för övrig personal.', ['D3-29', 'D3-31']),
  item('D3-35', 'compliance', 'Vi följer gällande lagstiftning, föreskrifter och tillämplig svensk standard.', ['D3-35']),
  item('D3-36', 'security', 'Vi ser till att obehöriga inte får tillgång till systemet eller information från det.', ['D3-36']),
  item('D3-37', 'compliance', 'Vi kopierar inte uppgifter från verksamhetssystemen till något annat register eller program.', ['D3-37']),
];

export function shippedTemplate(type: SupplierType): readonly TemplateItem[] {
  return type === 'care_provider' ? careProviderTemplate : itSupplierTemplate;
}
