import ExcelJS from 'exceljs';
import { inflateRawSync } from 'node:zlib';
import {
  aspects,
  requirementAreas,
  requirementKinds,
  type Aspect,
  type RequirementArea,
  type RequirementKind,
} from '../../../shared/enums.js';
import { fieldProblem, Problem } from '../../platform/problems.js';
import { nationalSecurityRefusal } from '../classification/classification.defaults.js';
import { requirementCode } from './requirements.schemas.js';

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;
// A catalogue of 2000 rows is a few MB of sheet XML; more than this unpacked is not a catalogue but a
// zip bomb (a small file that unpacks to hundreds of MB before any row can be counted).
export const MAX_XLSX_UNPACKED_BYTES = 20 * 1024 * 1024;
const MAX_XLSX_ENTRIES = 500;

export interface ImportFile {
  fileName: string;
  content: Buffer;
}

export interface ParsedRequirement {
  // the row number in the file, the header being row 1: what the user sees in Excel
  row: number;
  code: string;
  text: string;
  guidance: string | null;
  aspect: Aspect;
  minLevel: number;
  kind: RequirementKind;
  area: RequirementArea;
  source: string | null;
}

type Field = 'code' | 'text' | 'aspect' | 'minLevel' | 'kind' | 'area' | 'guidance' | 'source';
type RowError = { field: string; code: string; sv: string; en: string };

// Compared after lower-casing and dropping everything but letters: "Nivå (1–3)" is "nivå".
const headerNames: Record<Field, string[]> = {
  code: ['kod', 'code', 'kravid', 'id'],
  text: ['krav', 'text', 'kravtext', 'requirement'],
  aspect: ['aspekt', 'aspect'],
  minLevel: ['nivå', 'niva', 'level', 'minlevel', 'frånnivå', 'lägstanivå'],
  kind: ['typ', 'kind', 'kravtyp', 'type'],
  area: ['område', 'omrade', 'area'],
  guidance: ['vägledning', 'vagledning', 'guidance'],
  source: ['källa', 'kalla', 'source'],
};
const requiredColumns: Field[] = ['code', 'text', 'aspect', 'minLevel'];

const word = (v: string) =>
  v
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^\p{L}]/gu, '');

const aspectWords: Record<string, Aspect> = {
  k: 'confidentiality',
  konfidentialitet: 'confidentiality',
  r: 'integrity',
  riktighet: 'integrity',
  t: 'availability',
  tillgänglighet: 'availability',
  s: 'traceability',
  spårbarhet: 'traceability',
  ...Object.fromEntries(aspects.map((a) => [a, a])),
};
const kindWords: Record<string, RequirementKind> = {
  är: 'organisation',
  ar: 'organisation',
  ärkrav: 'organisation',
  organisation: 'organisation',
  organisationskrav: 'organisation',
  ska: 'procurement',
  skakrav: 'procurement',
  upphandling: 'procurement',
  upphandlingskrav: 'procurement',
  ...Object.fromEntries(requirementKinds.map((k) => [k, k])),
};
const areaWords: Record<string, RequirementArea> = {
  administrativ: 'administrative',
  administrativt: 'administrative',
  fysisk: 'physical',
  fysiskt: 'physical',
  teknisk: 'technical',
  tekniskt: 'technical',
  ...Object.fromEntries(requirementAreas.map((a) => [a, a])),
};

const fileProblem = (code: string, sv: string, en: string) => fieldProblem('file', code, sv, en);

// RFC 4180 with either separator: quoted fields may hold separators, quotes ("") and line breaks.
export function parseCsv(text: string, sep: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

// Excel on Windows often saves CSV as Windows-1252 rather than UTF-8.
function decode(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}

const tooLarge = () =>
  fileProblem(
    'too_large',
    `Excel-filen är för stor uppackad (högst ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB). Ta bort annat än kravlistan, eller spara den som CSV.`,
    `The Excel file is too large unpacked (at most ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB). Remove everything but the requirement list, or save it as CSV.`,
  );
const unreadableXlsx = () =>
  fileProblem(
    'unreadable',
    'Excel-filen kunde inte läsas. Spara den igen som .xlsx.',
    'The Excel file could not be read. Save it again as .xlsx.',
  );

// Before ExcelJS unpacks everything into memory: walk the zip's central directory and unpack each entry
// with an output cap, so neither the sizes the file claims nor lying ones can take more than the budget.
export function checkXlsxSize(zip: Buffer, budget = MAX_XLSX_UNPACKED_BYTES): void {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw unreadableXlsx();
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (entries > MAX_XLSX_ENTRIES) throw tooLarge();
  let left = budget;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw unreadableXlsx();
    const method = zip.readUInt16LE(at + 10);
    const packed = zip.readUInt32LE(at + 20);
    const claimed = zip.readUInt32LE(at + 24);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    // 0xffffffff: a zip64 size, far beyond any catalogue
    if (claimed > left) throw tooLarge();
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) throw unreadableXlsx();
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + packed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: left + 1 }).length;
      } catch (e) {
        if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw unreadableXlsx();
      }
    } else throw unreadableXlsx();
    if (size > left) throw tooLarge();
    left -= size;
  }
}

async function readXlsx(content: Buffer): Promise<string[][]> {
  checkXlsxSize(content);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unreadableXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = 1; r <= Math.min(sheet.rowCount, MAX_IMPORT_ROWS + 2); r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  }
  return rows;
}

async function readTable(file: ImportFile): Promise<string[][]> {
  const name = file.fileName.toLowerCase();
  const zip = file.content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (name.endsWith('.xlsx')) {
    if (!zip) throw fileProblem('unreadable', 'Filen är inte en Excel-fil (.xlsx).', 'The file is not an Excel file (.xlsx).');
    return readXlsx(file.content);
  }
  if (name.endsWith('.csv') || name.endsWith('.txt')) {
    if (zip || file.content.includes(0))
      throw fileProblem('unreadable', 'Filen är inte en textfil (CSV).', 'The file is not a text (CSV) file.');
    const text = decode(file.content);
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const sep = (firstLine.match(/,/g)?.length ?? 0) > (firstLine.match(/;/g)?.length ?? 0) ? ',' : ';';
    return parseCsv(text, sep);
  }
  throw new Problem('unsupported-media-type', {
    sv: 'Välj en Excel-fil (.xlsx) eller en CSV-fil (.csv).',
    en: 'Choose an Excel file (.xlsx) or a CSV file (.csv).',
  });
}

function columnsOf(header: string[]): Partial<Record<Field, number>> {
  const cols: Partial<Record<Field, number>> = {};
  header.forEach((h, i) => {
    const w = word(h);
    for (const [field, names] of Object.entries(headerNames) as [Field, string[]][]) {
      if (cols[field] === undefined && names.includes(w)) cols[field] = i;
    }
  });
  const missing = requiredColumns.filter((f) => cols[f] === undefined);
  if (missing.length) {
    const sv = missing.map((f) => headerNames[f][0]).join(', ');
    const en = missing.map((f) => headerNames[f][1]).join(', ');
    throw fileProblem(
      'missing_columns',
      `Första raden saknar kolumnerna: ${sv}. Den ska innehålla minst kod, krav, aspekt och nivå.`,
      `The first row lacks the columns: ${en}. It must hold at least code, text, aspect and level.`,
    );
  }
  return cols;
}

// Reads the whole file and checks every row before anything is written: either all rows are good,
// or the answer lists each bad field as rows[n].field (n = the row number in the file).
export async function parseRequirementFile(file: ImportFile): Promise<ParsedRequirement[]> {
  const table = (await readTable(file)).filter((r) => r.some((c) => c.trim() !== ''));
  const header = table[0];
  if (!header) throw fileProblem('empty', 'Filen innehåller inga rader.', 'The file contains no rows.');
  const cols = columnsOf(header);
  const data = table.slice(1);
  if (data.length === 0)
    throw fileProblem('empty', 'Filen innehåller inga krav under rubrikraden.', 'The file holds no requirements below the header row.');
  if (data.length > MAX_IMPORT_ROWS)
    throw fileProblem(
      'too_many_rows',
      `Filen får innehålla högst ${MAX_IMPORT_ROWS} krav.`,
      `The file may hold at most ${MAX_IMPORT_ROWS} requirements.`,
    );

  const errors: RowError[] = [];
  const out: ParsedRequirement[] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, i) => {
    const row = i + 2;
    const get = (f: Field) => (cols[f] === undefined ? '' : (cells[cols[f]] ?? '').trim());
    const err = (field: Field, code: string, sv: string, en: string) =>
      errors.push({ field: `rows[${row}].${field}`, code, sv: `Rad ${row}: ${sv}`, en: `Row ${row}: ${en}` });

    const code = get('code');
    const parsedCode = requirementCode.safeParse(code);
    if (!parsedCode.success)
      err(
        'code',
        'invalid',
        'Koden saknas eller innehåller otillåtna tecken (högst 40 tecken).',
        'The code is missing or has characters that are not allowed (at most 40).',
      );
    else if (seen.has(code.toLowerCase()))
      err(
        'code',
        'duplicate',
        `Koden finns redan på rad ${seen.get(code.toLowerCase())}.`,
        `The code is already on row ${seen.get(code.toLowerCase())}.`,
      );
    else seen.set(code.toLowerCase(), row);

    const text = get('text');
    if (!text) err('text', 'required', 'Kravtexten saknas.', 'The requirement text is missing.');
    else if (text.length > 2000)
      err('text', 'too_long', 'Kravtexten får vara högst 2000 tecken.', 'The text may be at most 2000 characters.');

    const aspect = aspectWords[word(get('aspect'))];
    if (!aspect)
      err(
        'aspect',
        'invalid',
        'Aspekten ska vara K, R, T eller S (eller ordet, t.ex. konfidentialitet).',
        'The aspect must be K, R, T or S (or the word, e.g. confidentiality).',
      );

    const levelText = get('minLevel');
    const minLevel = /^[123]$/.test(levelText) ? Number(levelText) : null;
    if (levelText === '4') err('minLevel', 'national_security', nationalSecurityRefusal.sv, nationalSecurityRefusal.en);
    else if (minLevel === null) err('minLevel', 'invalid', 'Nivån ska vara 1, 2 eller 3.', 'The level must be 1, 2 or 3.');

    const kindText = get('kind');
    const kind = kindText ? kindWords[word(kindText)] : 'organisation';
    if (!kind)
      err(
        'kind',
        'invalid',
        'Typen ska vara ÄR (organisationen) eller SKA (upphandling).',
        'The kind must be ÄR (organisation) or SKA (procurement).',
      );

    const areaText = get('area');
    const area = areaText ? areaWords[word(areaText)] : 'administrative';
    if (!area)
      err(
        'area',
        'invalid',
        'Området ska vara administrativt, fysiskt eller tekniskt.',
        'The area must be administrative, physical or technical.',
      );

    const guidance = get('guidance');
    if (guidance.length > 5000)
      err('guidance', 'too_long', 'Vägledningen får vara högst 5000 tecken.', 'The guidance may be at most 5000 characters.');
    const source = get('source');
    if (source.length > 200) err('source', 'too_long', 'Källan får vara högst 200 tecken.', 'The source may be at most 200 characters.');

    if (parsedCode.success && text && aspect && minLevel !== null && kind && area)
      out.push({ row, code, text, guidance: guidance || null, aspect, minLevel, kind, area, source: source || null });
  });
  // a file full of errors would make a huge answer; the first hundred show the pattern
  if (errors.length) throw new Problem('validation', undefined, errors.slice(0, 100));
  return out;
}
