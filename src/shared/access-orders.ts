// Access orders (D0-11..D0-14, D3-03, D3-06, D3-22..D3-26): the pure rules both the server and the web
// app use. Dates are calendar days as the municipality counts them (Europe/Stockholm), never the
// server's clock or time zone.

export const accessOrderTypes = ['new', 'change', 'terminate'] as const;
export type AccessOrderType = (typeof accessOrderTypes)[number];
export const accessOrderStatuses = ['submitted', 'approved', 'rejected', 'executed', 'cancelled'] as const;
export type AccessOrderStatus = (typeof accessOrderStatuses)[number];
export const latePolicies = ['reject', 'accept'] as const;
export type LatePolicy = (typeof latePolicies)[number];
export const accessOrderGates = ['training', 'secrecy_reminder', 'informed'] as const;
export type AccessOrderGate = (typeof accessOrderGates)[number];

export interface LeadTimeSettings {
  newLeadDays: number;
  changeLeadDays: number;
  latePolicy: LatePolicy;
}

export const defaultLeadTimeSettings: LeadTimeSettings = { newLeadDays: 14, changeLeadDays: 7, latePolicy: 'reject' };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const utcDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const isoOf = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

// The calendar day in Sweden at a moment (an order submitted at 23:30 UTC in summer is the next day).
export const stockholmDay = (at: Date): string => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);
export const addCalendarDays = (iso: string, days: number): string => isoOf(utcDay(iso) + days * 86_400_000);
// Whole calendar days from one date to another (negative when `to` is earlier); DST cannot shift it.
export const calendarDaysBetween = (from: string, to: string): number => Math.round((utcDay(to) - utcDay(from)) / 86_400_000);

// D0-12 (new account ≥ 14 days), D0-13 (change ≥ 7 days), D0-14 (termination: none).
export function requiredLeadDays(type: AccessOrderType, s: LeadTimeSettings): number {
  if (type === 'new') return s.newLeadDays;
  if (type === 'change') return s.changeLeadDays;
  return 0;
}

export interface LeadTime {
  requiredDays: number;
  // calendar days from the submission day to the start date
  daysAhead: number;
  // the first start date the lead time allows
  earliestDate: string;
  late: boolean;
}

export function leadTime(type: AccessOrderType, startDate: string, submittedAt: Date, s: LeadTimeSettings): LeadTime {
  const submittedOn = stockholmDay(submittedAt);
  const requiredDays = requiredLeadDays(type, s);
  const daysAhead = calendarDaysBetween(submittedOn, startDate);
  // a termination is never late, whatever date it names: it is carried out without delay
  return {
    requiredDays,
    daysAhead,
    earliestDate: addCalendarDays(submittedOn, requiredDays),
    late: type !== 'terminate' && daysAhead < requiredDays,
  };
}

// What happens to a late order under the tenant's setting: refused, or accepted as late when a reason
// is given (the reason is then required).
export type LateOutcome = 'on_time' | 'refuse' | 'needs_reason' | 'accept_late';
export function lateOutcome(lt: LeadTime, policy: LatePolicy, lateReason: string | null | undefined): LateOutcome {
  if (!lt.late) return 'on_time';
  if (policy === 'reject') return 'refuse';
  return lateReason && lateReason.trim() ? 'accept_late' : 'needs_reason';
}

// Swedish "18 dagar" / "1 dag" for the problem detail and the form.
export const dayCount = (n: number, lang: 'sv' | 'en') =>
  lang === 'sv' ? `${n} ${Math.abs(n) === 1 ? 'dag' : 'dagar'}` : `${n} ${Math.abs(n) === 1 ? 'day' : 'days'}`;

// --- personnummer (D3-03: stored as secret data) --------------------------------------------------

export type PersonnummerResult =
  { ok: true; normalized: string; masked: string; coordinationNumber: boolean } | { ok: false; reason: 'format' | 'date' | 'checksum' };

// Luhn over the ten digits YYMMDDNNNC (Skatteverket's check digit).
export function luhnValid(tenDigits: string): boolean {
  if (!/^\d{10}$/.test(tenDigits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

const validDate = (y: number, m: number, d: number) => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
};

// Accepts YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDD+NNNN (100 years or older) and YYMMDDNNNN;
// a samordningsnummer has 60 added to the day. Answers the 12-digit form YYYYMMDD-NNNN.
export function parsePersonnummer(raw: string, today: string): PersonnummerResult {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/.exec(raw.trim().replace(/\s/g, ''));
  if (!m) return { ok: false, reason: 'format' };
  const [, cc, yy, mm, dd, sep, tail] = m as unknown as [string, string | undefined, string, string, string, string, string];
  if (cc && sep === '+') return { ok: false, reason: 'format' };
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let year: number;
  if (cc) year = Number(cc + yy);
  else {
    // the latest century that does not put the birth date after today; '+' means a century earlier
    year = Math.floor(ty / 100) * 100 + Number(yy);
    const birth = `${pad(year, 4)}-${mm}-${pad(Number(dd) > 60 ? Number(dd) - 60 : Number(dd))}`;
    if (birth > today) year -= 100;
    if (sep === '+') year -= 100;
  }
  const day = Number(dd);
  const coordinationNumber = day > 60;
  const realDay = coordinationNumber ? day - 60 : day;
  if (!validDate(year, Number(mm), realDay)) return { ok: false, reason: 'date' };
  if (`${pad(year, 4)}-${mm}-${pad(realDay)}` > `${pad(ty, 4)}-${pad(tm)}-${pad(td)}`) return { ok: false, reason: 'date' };
  if (!luhnValid(`${yy}${mm}${dd}${tail}`)) return { ok: false, reason: 'checksum' };
  const normalized = `${pad(year, 4)}${mm}${dd}-${tail}`;
  return { ok: true, normalized, masked: maskPersonnummer(normalized), coordinationNumber };
}

// What lists and most readers see: the birth date, never the last four digits.
export const maskPersonnummer = (normalized: string) => `${normalized.slice(0, 8)}-****`;

// --- who may order (D0-11) -------------------------------------------------------------------------

export type OrdererVerdict = 'ok' | 'not_orderer_of_supplier' | 'not_on_list' | 'supplier_required';

// A supplier user orders only for its own organisation and only while it is on the organisation's
// current list of authorised orderers; a municipal creator orders for internal staff or names the
// supplier whose staff the order is for.
export function ordererGate(o: {
  municipal: boolean;
  ordererSupplierIds: readonly string[];
  supplierId: string | null;
  onCurrentList: boolean;
}): OrdererVerdict {
  if (o.municipal) return 'ok';
  if (!o.supplierId) return 'supplier_required';
  if (!o.ordererSupplierIds.includes(o.supplierId)) return 'not_orderer_of_supplier';
  return o.onCurrentList ? 'ok' : 'not_on_list';
}

// Whether a person on the list is current on a day (valid from/to both inclusive, open ends allowed).
export const listEntryCurrent = (e: { validFrom: string | null; validTo: string | null; archived: boolean }, today: string) =>
  !e.archived && (!e.validFrom || e.validFrom <= today) && (!e.validTo || e.validTo >= today);

// --- D3-26: the supplier administers its own users in some systems --------------------------------

// In such a system the supplier adds and changes its staff's permissions itself; only a termination
// notice still reaches the municipality (it is always welcome and carried out without delay).
export const supplierAdministersItself = (type: AccessOrderType, administersOwnUsers: boolean) =>
  administersOwnUsers && type !== 'terminate';

// --- gates before execution (D3-03, training, sekretesserinran) ------------------------------------

export interface GateDates {
  trainingDoneOn: string | null;
  secrecyReminderSignedOn: string | null;
  informedOfRegistrationOn: string | null;
}

// External staff (a supplier's) get an account or new permissions only once the required training is
// done, the secrecy reminder is signed and they were told that name and personnummer are registered
// and their actions logged (D3-03). Terminations pass without gates.
export function missingGates(order: { type: AccessOrderType; supplierId: string | null }, g: GateDates): AccessOrderGate[] {
  if (order.type === 'terminate' || !order.supplierId) return [];
  const out: AccessOrderGate[] = [];
  if (!g.trainingDoneOn) out.push('training');
  if (!g.secrecyReminderSignedOn) out.push('secrecy_reminder');
  if (!g.informedOfRegistrationOn) out.push('informed');
  return out;
}

// --- the flow -------------------------------------------------------------------------------------

export const accessOrderSteps = ['approve', 'reject', 'execute', 'cancel'] as const;
export type AccessOrderStep = (typeof accessOrderSteps)[number];

// submitted → approved by the system's owner or administrator → executed by IT. A termination may be
// executed straight away (removing access needs no approval) and is never rejected, only cancelled.
export function nextStatus(status: AccessOrderStatus, step: AccessOrderStep, type: AccessOrderType): AccessOrderStatus | null {
  switch (step) {
    case 'approve':
      return status === 'submitted' ? 'approved' : null;
    case 'reject':
      return status === 'submitted' && type !== 'terminate' ? 'rejected' : null;
    case 'execute':
      return status === 'approved' || (status === 'submitted' && type === 'terminate') ? 'executed' : null;
    case 'cancel':
      return status === 'submitted' || status === 'approved' ? 'cancelled' : null;
  }
}

export const approverRoles = ['system_owner', 'system_administrator'] as const;
export const executorRoles = ['coordinator', 'it_manager', 'operations_manager'] as const;

// D0-14: an open termination escalates once this many hours have passed since it was ordered.
export const terminationOverdue = (o: { type: AccessOrderType; status: AccessOrderStatus; submittedAt: Date }, hours: number, now: Date) =>
  o.type === 'terminate' &&
  (o.status === 'submitted' || o.status === 'approved') &&
  now.getTime() - o.submittedAt.getTime() >= hours * 3_600_000;
