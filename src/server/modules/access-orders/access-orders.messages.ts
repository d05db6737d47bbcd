import { Problem } from '../../platform/problems.js';
import { dayCount, type AccessOrderGate, type AccessOrderType, type LeadTime, type LatePolicy } from '../../../shared/access-orders.js';

// The plain-language answers of the access-order rules, in Swedish and English.

const what = {
  new: { sv: 'Ett nytt användarkonto', en: 'A new user account' },
  change: { sv: 'En behörighetsförändring', en: 'A change of permissions' },
};

// D0-12/D0-13: how many days the order needs, how many it has, and the earliest start date allowed.
export function leadTimeProblem(type: Exclude<AccessOrderType, 'terminate'>, lt: LeadTime, startDate: string, policy: LatePolicy): Problem {
  const w = what[type];
  const ahead =
    lt.daysAhead < 0
      ? { sv: `Startdatumet ${startDate} har redan passerat.`, en: `The start date ${startDate} has already passed.` }
      : {
          sv: `Startdatumet ${startDate} ligger bara ${dayCount(lt.daysAhead, 'sv')} efter dagens datum.`,
          en: `The start date ${startDate} is only ${dayCount(lt.daysAhead, 'en')} from today.`,
        };
  const accept = policy === 'accept';
  const detail = {
    sv:
      `${w.sv} ska beställas minst ${dayCount(lt.requiredDays, 'sv')} i förväg. ${ahead.sv} ` +
      `Tidigaste tillåtna startdatum är ${lt.earliestDate}.` +
      (accept ? ' Ange skälet till att beställningen är sen, så tas den emot som sen beställning.' : ''),
    en:
      `${w.en} must be ordered at least ${dayCount(lt.requiredDays, 'en')} in advance. ${ahead.en} ` +
      `The earliest start date allowed is ${lt.earliestDate}.` +
      (accept ? ' Give the reason the order is late and it will be accepted as a late order.' : ''),
  };
  const errors = [
    {
      field: 'startDate',
      code: 'lead_time',
      sv: `Välj ${lt.earliestDate} eller senare (minst ${dayCount(lt.requiredDays, 'sv')} från i dag).`,
      en: `Choose ${lt.earliestDate} or later (at least ${dayCount(lt.requiredDays, 'en')} from today).`,
    },
  ];
  if (accept)
    errors.push({
      field: 'lateReason',
      code: 'required',
      sv: 'Ange varför beställningen är sen.',
      en: 'Give the reason the order is late.',
    });
  return new Problem('lead-time', detail, errors);
}

export const personnummerMessages = {
  format: { sv: 'Skriv personnumret som ÅÅÅÅMMDD-NNNN.', en: 'Write the personal identity number as YYYYMMDD-NNNN.' },
  date: { sv: 'Personnumret innehåller inget giltigt födelsedatum.', en: 'The personal identity number has no valid date of birth.' },
  checksum: {
    sv: 'Kontrollsiffran stämmer inte. Kontrollera personnumret.',
    en: 'The check digit is wrong. Check the personal identity number.',
  },
} as const;

export const gateMessages: Record<AccessOrderGate, { field: string; sv: string; en: string }> = {
  training: {
    field: 'trainingDoneOn',
    sv: 'Ange när personen gick den obligatoriska utbildningen.',
    en: 'Give the date the person completed the required training.',
  },
  secrecy_reminder: {
    field: 'secrecyReminderSignedOn',
    sv: 'Ange när personen skrev under sekretesserinran.',
    en: 'Give the date the person signed the secrecy reminder.',
  },
  informed: {
    field: 'informedOfRegistrationOn',
    sv: 'Ange när personen fick veta att namn och personnummer registreras och att aktiviteter loggas.',
    en: 'Give the date the person was told that name and personal identity number are registered and activity is logged.',
  },
};

export const stepConflict = (status: string) =>
  new Problem('conflict', {
    sv: `Beställningen har status "${statusSv[status] ?? status}" och kan inte gå vidare på det sättet.`,
    en: `The order is ${status} and cannot take that step.`,
  });

const statusSv: Record<string, string> = {
  submitted: 'inskickad',
  approved: 'godkänd',
  rejected: 'avslagen',
  executed: 'utförd',
  cancelled: 'återkallad',
};
