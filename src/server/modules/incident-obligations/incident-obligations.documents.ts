import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import pdfmake, { type Content } from 'pdfmake';
import { stockholmStamp } from '../../../shared/incident-clocks.js';

// The draft report an authority asks for, as a PDF or Word document in Swedish: the regime's recipient
// and legal basis, the incident's facts, and the answers drafted for each of the authority's fields.
export interface DraftDocument {
  regimeName: string;
  regimeVersion: number;
  recipient: string;
  legalBasis: string;
  link: string | null;
  note: string | null;
  dueAt: Date;
  localTarget: boolean;
  submittedAt: Date | null;
  reference: string | null;
  incident: {
    label: string;
    title: string;
    type: string;
    severity: string | null;
    occurredAt: Date | null;
    awareAt: Date;
    description: string | null;
    consequences: string | null;
    personalData: string;
  };
  fields: { label: string; answer: string }[];
  generatedAt: Date;
}

const typeSv: Record<string, string> = {
  incident: 'Incident',
  deviation: 'Avvikelse',
  disruption: 'Störning',
  outage: 'Avbrott',
  attack: 'Angrepp',
  fault: 'Fel',
};
const severitySv: Record<string, string> = { low: 'Låg', moderate: 'Måttlig', high: 'Hög', extensive: 'Omfattande påverkan' };
const personalDataSv: Record<string, string> = { yes: 'Ja', no: 'Nej', unknown: 'Inte bedömt ännu' };
const time = (d: Date | null) => (d ? `${stockholmStamp(d)} (svensk tid)` : '–');
const orDash = (v: string | null | undefined) => (v && v.trim() ? v : '–');

// Label/value rows shared by both formats.
function sections(d: DraftDocument) {
  const report: [string, string][] = [
    ['Mottagare', d.recipient],
    ['Rättslig grund', d.legalBasis],
    [d.localTarget ? 'Senast (kommunens mål, lagen säger "snarast")' : 'Senast', time(d.dueAt)],
    ['Skickad', time(d.submittedAt)],
    ['Myndighetens diarienummer', orDash(d.reference)],
    ['Regelversion', String(d.regimeVersion)],
  ];
  if (d.link) report.push(['Mer information', d.link]);
  const incident: [string, string][] = [
    ['Incident', `${d.incident.label} ${d.incident.title}`],
    ['Typ', typeSv[d.incident.type] ?? d.incident.type],
    ['Allvarlighetsgrad', d.incident.severity ? (severitySv[d.incident.severity] ?? d.incident.severity) : 'Inte bedömd ännu'],
    ['Inträffade', time(d.incident.occurredAt)],
    ['Kommunen fick kännedom', time(d.incident.awareAt)],
    ['Personuppgifter berörs', personalDataSv[d.incident.personalData] ?? d.incident.personalData],
    ['Beskrivning', orDash(d.incident.description)],
    ['Konsekvenser', orDash(d.incident.consequences)],
  ];
  return { report, incident };
}

const title = (d: DraftDocument) => `Utkast: ${d.regimeName}`;
const footer = (d: DraftDocument) =>
  `Utkast skapat i Tillit ${time(d.generatedAt)}. Innehållet kan omfattas av sekretess. Lämna in uppgifterna via myndighetens egen tjänst.`;

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

let pdfReady = false;
function pdfEngine() {
  if (!pdfReady) {
    // the PDF standard fonts: no font files, and no document may reach the network or the disk
    const helvetica = { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' };
    const standard = new Set(Object.values(helvetica));
    pdfmake.setFonts({ Helvetica: helvetica });
    pdfmake.setUrlAccessPolicy(() => false);
    // the standard font names are the only "files" a draft may name
    pdfmake.setLocalAccessPolicy((path) => standard.has(path));
    pdfReady = true;
  }
  return pdfmake;
}

const pdfRows = (rows: [string, string][]): Content => ({
  table: { widths: [150, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, { text: v }]) },
  layout: 'lightHorizontalLines',
  margin: [0, 0, 0, 12],
});

export async function draftPdf(d: DraftDocument): Promise<Buffer> {
  const { report, incident } = sections(d);
  const content: Content[] = [
    { text: title(d), style: 'h1' },
    ...(d.note ? [{ text: d.note, italics: true, margin: [0, 0, 0, 10] } as Content] : []),
    { text: 'Rapporteringen', style: 'h2' },
    pdfRows(report),
    { text: 'Om incidenten', style: 'h2' },
    pdfRows(incident),
    { text: 'Uppgifter som myndigheten efterfrågar', style: 'h2' },
    ...d.fields.flatMap((f): Content[] => [
      { text: f.label, bold: true, margin: [0, 6, 0, 2] },
      { text: orDash(f.answer), margin: [0, 0, 0, 4] },
    ]),
  ];
  const def: TDocumentDefinitions = {
    info: { title: title(d), creator: 'Tillit' },
    defaultStyle: { font: 'Helvetica', fontSize: 10 },
    styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 6] } },
    content,
    footer: { text: footer(d), fontSize: 7, margin: [40, 10, 40, 0] },
  };
  return Buffer.from(await pdfEngine().createPdf(def).getBuffer());
}

const docxRows = (rows: [string, string][]) =>
  rows.map(([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] }));

// Multi-line answers keep their line breaks.
const lines = (text: string) => {
  const parts = text.split(/\r?\n/);
  return new Paragraph({ children: parts.map((p, i) => new TextRun({ text: p, break: i > 0 ? 1 : undefined })) });
};

export async function draftDocx(d: DraftDocument): Promise<Buffer> {
  const { report, incident } = sections(d);
  const doc = new Document({
    creator: 'Tillit',
    title: title(d),
    sections: [
      {
        children: [
          new Paragraph({ text: title(d), heading: HeadingLevel.HEADING_1 }),
          ...(d.note ? [new Paragraph({ children: [new TextRun({ text: d.note, italics: true })] })] : []),
          new Paragraph({ text: 'Rapporteringen', heading: HeadingLevel.HEADING_2 }),
          ...docxRows(report),
          new Paragraph({ text: 'Om incidenten', heading: HeadingLevel.HEADING_2 }),
          ...docxRows(incident),
          new Paragraph({ text: 'Uppgifter som myndigheten efterfrågar', heading: HeadingLevel.HEADING_2 }),
          ...d.fields.flatMap((f) => [new Paragraph({ text: f.label, heading: HeadingLevel.HEADING_3 }), lines(orDash(f.answer))]),
          new Paragraph({ children: [new TextRun({ text: footer(d), size: 16 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
