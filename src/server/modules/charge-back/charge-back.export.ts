import ExcelJS from 'exceljs';
import { defuse } from '../../platform/export.js';
import type { Lang } from '../../platform/language.js';
import type { ChargeBackOut, ChargeCounts } from './charge-back.schemas.js';

const counters: { key: keyof ChargeCounts; sv: string; en: string }[] = [
  { key: 'eIdCards', sv: 'E-tjänstekort utfärdade', en: 'e-ID cards issued' },
  { key: 'sithsCards', sv: 'SITHS-kort utfärdade', en: 'SITHS cards issued' },
  { key: 'tokens', sv: 'Dosor utfärdade', en: 'Tokens issued' },
  { key: 'keys', sv: 'Nycklar utfärdade', en: 'Keys issued' },
  { key: 'mobilePhones', sv: 'Mobiltelefoner utfärdade', en: 'Mobile phones issued' },
  { key: 'simCards', sv: 'SIM-kort (aktiva)', en: 'SIM cards (active)' },
  { key: 'mdmUsers', sv: 'MDM-/appanvändare (aktiva)', en: 'MDM/app users (active)' },
];

const kindLabels: Record<string, { sv: string; en: string }> = {
  e_id_card: { sv: 'E-tjänstekort', en: 'e-ID card' },
  siths_card: { sv: 'SITHS-kort', en: 'SITHS card' },
  token: { sv: 'Dosa', en: 'Token' },
  key: { sv: 'Nyckel', en: 'Key' },
  mobile_phone: { sv: 'Mobiltelefon', en: 'Mobile phone' },
  sim_card: { sv: 'SIM-kort', en: 'SIM card' },
  mdm_enrolment: { sv: 'MDM-registrering', en: 'MDM enrolment' },
};

// D0-10, D0-17, D0-35, D0-40, D3-25: a summary sheet per supplier and a sheet with every line behind
// the counts, so the invoice can be checked.
export async function chargeBackWorkbook(report: ChargeBackOut, lang: Lang): Promise<Buffer> {
  const sv = lang === 'sv';
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet(sv ? 'Sammanställning' : 'Summary', { views: [{ state: 'frozen', ySplit: 3 }] });
  summary.addRow([sv ? 'Debiteringsunderlag' : 'Charge-back report', `${report.from} – ${report.to}`]).font = { bold: true };
  summary.addRow([]);
  const head = summary.addRow([sv ? 'Leverantör' : 'Supplier', ...counters.map((c) => c[lang])]);
  head.font = { bold: true };
  for (const s of report.suppliers) summary.addRow([defuse(s.supplierName), ...counters.map((c) => s.counts[c.key])]);
  summary.addRow([sv ? 'Totalt' : 'Total', ...counters.map((c) => report.totals[c.key])]).font = { bold: true };
  summary.columns.forEach((col, i) => (col.width = i === 0 ? 36 : 18));

  const lines = wb.addWorksheet(sv ? 'Underlag' : 'Lines', { views: [{ state: 'frozen', ySplit: 1 }] });
  lines.addRow(
    sv
      ? ['Leverantör', 'Typ', 'Innehavare', 'Serienummer', 'Utfärdat', 'Spärrat/återlämnat', 'Grund']
      : ['Supplier', 'Kind', 'Holder', 'Serial', 'Issued', 'Revoked/returned', 'Basis'],
  ).font = { bold: true };
  for (const s of report.suppliers)
    for (const l of s.lines)
      lines.addRow([
        defuse(s.supplierName),
        kindLabels[l.kind]?.[lang] ?? l.kind,
        defuse(l.holderName),
        l.serial ? defuse(l.serial) : null,
        l.issuedOn,
        l.revokedOn,
        l.basis === 'issued'
          ? sv
            ? 'Utfärdat under perioden'
            : 'Issued in the period'
          : sv
            ? 'Aktivt under perioden'
            : 'Active in the period',
      ]);
  lines.columns.forEach((col, i) => (col.width = [30, 18, 28, 18, 12, 18, 24][i] ?? 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
