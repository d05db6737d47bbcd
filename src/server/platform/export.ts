import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Lang } from './language.js';

export interface ExportColumn<T> {
  header: { sv: string; en: string };
  value: (row: T, lang: Lang) => string | number | boolean | null;
  width?: number;
}

// Spreadsheet programs run cells that start like a formula; a leading apostrophe keeps them text
// (OWASP CSV injection).
export const defuse = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

function cell(v: string | number | boolean | null, lang: Lang): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return lang === 'sv' ? (v ? 'Ja' : 'Nej') : v ? 'Yes' : 'No';
  return typeof v === 'string' ? defuse(v) : String(v);
}

// Runs the first step before any byte is sent, so a bad filter still gets a proper error response.
export async function primed<T>(rows: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const it = rows[Symbol.asyncIterator]();
  const first = await it.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
}

const disposition = (filename: string) => `attachment; filename="${filename}"`;

export function sendCsv<T>(reply: FastifyReply, filename: string, lang: Lang, columns: ExportColumn<T>[], rows: AsyncIterable<T>) {
  const out = stringify({ header: true, columns: columns.map((c) => c.header[lang]) });
  Readable.from(
    (async function* () {
      for await (const row of rows) yield columns.map((c) => cell(c.value(row, lang), lang));
    })(),
    { objectMode: true },
  )
    .on('error', (err) => out.destroy(err))
    .pipe(out);
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', disposition(filename)).send(out);
}

export async function sendXlsx<T>(
  reply: FastifyReply,
  filename: string,
  sheetName: string,
  lang: Lang,
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T>,
) {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header[lang], key: String(i), width: c.width ?? 20 }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const row of rows) {
      const values = columns.map((c) => {
        const v = c.value(row, lang);
        return typeof v === 'boolean' ? cell(v, lang) : v;
      });
      sheet.addRow(values).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((err: unknown) => stream.destroy(err as Error));
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', disposition(filename))
    .send(stream);
}
