import type { Lang } from './language.js';

// Stable problem types (RFC 9457); clients branch on `type`, people read `title`.
const problems = {
  validation: { status: 422, sv: 'Uppgifterna är inte giltiga', en: 'The data is not valid' },
  'malformed-json': { status: 400, sv: 'Begäran kunde inte läsas (felaktig JSON)', en: 'The request could not be read (malformed JSON)' },
  'bad-request': { status: 400, sv: 'Felaktig begäran', en: 'Bad request' },
  unauthenticated: { status: 401, sv: 'Du behöver logga in', en: 'You need to sign in' },
  'invalid-credentials': { status: 401, sv: 'Fel e-postadress eller lösenord', en: 'Wrong e-mail address or password' },
  forbidden: { status: 403, sv: 'Du saknar behörighet för detta', en: 'You are not allowed to do this' },
  csrf: { status: 403, sv: 'Begäran saknar giltig CSRF-token', en: 'The request lacks a valid CSRF token' },
  'not-found': { status: 404, sv: 'Hittades inte', en: 'Not found' },
  'not-acceptable': { status: 406, sv: 'Formatet stöds inte', en: 'Format not supported' },
  conflict: { status: 409, sv: 'Åtgärden krockar med befintliga uppgifter', en: 'The action conflicts with existing data' },
  'precondition-failed': {
    status: 412,
    sv: 'Posten har ändrats av någon annan. Ladda om och försök igen.',
    en: 'The record was changed by someone else. Reload and try again.',
  },
  'payload-too-large': { status: 413, sv: 'Begäran är för stor (högst 1 MB)', en: 'The request is too large (at most 1 MB)' },
  'unsupported-media-type': { status: 415, sv: 'Innehållstypen stöds inte', en: 'Content type not supported' },
  'precondition-required': {
    status: 428,
    sv: 'Begäran måste skicka If-Match med postens ETag',
    en: 'The request must send If-Match with the record’s ETag',
  },
  'rate-limited': { status: 429, sv: 'För många förfrågningar, försök igen strax', en: 'Too many requests, try again shortly' },
  // Sign-in, MFA, SSO, tokens: one line each, grouped by module.
  // problems:local-sign-in
  'invalid-token': {
    status: 400,
    sv: 'Länken är ogiltig, redan använd eller för gammal. Begär en ny länk.',
    en: 'The link is invalid, already used or too old. Ask for a new link.',
  },
  // problems:mfa
  'invalid-mfa-code': { status: 401, sv: 'Koden stämmer inte. Försök igen.', en: 'The code is not correct. Try again.' },
  'invalid-passkey': {
    status: 401,
    sv: 'Nyckeln kunde inte verifieras. Försök igen.',
    en: 'The passkey could not be verified. Try again.',
  },
  'mfa-locked': { status: 401, sv: 'För många felaktiga försök. Logga in igen.', en: 'Too many wrong attempts. Sign in again.' },
  'mfa-wrong-stage': {
    status: 409,
    sv: 'Inloggningen är inte i det här steget. Ladda om sidan.',
    en: 'The sign-in is not at this step. Reload the page.',
  },
  'mfa-already-enabled': {
    status: 409,
    sv: 'En app för engångskoder är redan kopplad. Ta bort den först.',
    en: 'An authenticator app is already set up. Remove it first.',
  },
  'mfa-last-factor': {
    status: 409,
    sv: 'Din organisation kräver tvåstegsverifiering. Lägg till ett annat sätt innan du tar bort det sista.',
    en: 'Your organisation requires two-step verification. Add another method before removing the last one.',
  },
  'passkey-not-registered': {
    status: 422,
    sv: 'Nyckeln kunde inte registreras. Försök igen.',
    en: 'The passkey could not be registered. Try again.',
  },
  // problems:sso
  // problems:scim-tokens
  'token-not-allowed': {
    status: 403,
    sv: 'En API-nyckel kan inte användas för detta. Logga in som person.',
    en: 'An API token cannot be used for this. Sign in as a person.',
  },
  // problems:roles
  // problems:log-reviews
  'file-too-large': {
    status: 413,
    sv: 'Filen är för stor. Den får vara högst 25 MB.',
    en: 'The file is too large. It may be at most 25 MB.',
  },
  // problems:access-orders
  // D0-12/D0-13: the start date is closer than the tenant's lead time (the detail says how many days)
  'lead-time': {
    status: 422,
    sv: 'Beställningen kommer in för sent för det önskade startdatumet',
    en: 'The order comes in too late for the requested start date',
  },
  // problems:supplier-files
  // follow-ups + evidence files: an upload whose bytes are not an allowed type (or do not fit its name)
  'unsupported-file-type': {
    status: 415,
    sv: 'Filtypen är inte tillåten',
    en: 'The file type is not allowed',
  },
  internal: { status: 500, sv: 'Ett oväntat fel inträffade', en: 'An unexpected error occurred' },
  unavailable: { status: 503, sv: 'Tjänsten är tillfälligt otillgänglig', en: 'The service is temporarily unavailable' },
} as const;

export type ProblemKind = keyof typeof problems;

export interface FieldError {
  field: string;
  message: string;
  code: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export class Problem extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: { sv: string; en: string },
    readonly fieldErrors?: { field: string; code: string; sv: string; en: string }[],
  ) {
    super(kind);
  }

  get status(): number {
    return problems[this.kind].status;
  }
}

export function problemBody(
  kind: ProblemKind,
  lang: Lang,
  extra: { detail?: string; errors?: FieldError[]; instance?: string } = {},
): ProblemBody {
  const p = problems[kind];
  return { type: `urn:tillit:problem:${kind}`, title: p[lang], status: p.status, ...extra };
}

export const notFound = () => new Problem('not-found');
export const forbidden = () => new Problem('forbidden');
export const fieldProblem = (field: string, code: string, sv: string, en: string) =>
  new Problem('validation', undefined, [{ field, code, sv, en }]);
