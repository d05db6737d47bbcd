import { z } from 'zod';
import type { Lang } from './language.js';

// zod reports issues in English; users get plain Swedish (or English) per request. Missing values are
// told apart from wrong ones here, where the input is still known.
// An empty or null value where one is needed reads as "missing", not as a wrong type or format.
z.config({
  customError: (iss) => {
    const empty = iss.input === undefined || iss.input === null || iss.input === '';
    if (empty && (iss.code === 'invalid_type' || (iss.code === 'invalid_format' && iss.format === 'uuid'))) return 'required';
    return undefined;
  },
});

type Params = Record<string, unknown>;
type Text = { sv: string; en: string };

const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : String(v));

const formats: Record<string, Text> = {
  uuid: { sv: 'Ogiltigt id.', en: 'Invalid id.' },
  date: { sv: 'Ange ett datum som ÅÅÅÅ-MM-DD.', en: 'Enter a date as YYYY-MM-DD.' },
  email: { sv: 'Ange en giltig e-postadress.', en: 'Enter a valid e-mail address.' },
};

const expectedTexts: Record<string, Text> = {
  number: { sv: 'Ange ett tal.', en: 'Enter a number.' },
  string: { sv: 'Ange en text.', en: 'Enter a text.' },
  boolean: { sv: 'Ange ja eller nej.', en: 'Enter yes or no.' },
  array: { sv: 'Ange en lista.', en: 'Enter a list.' },
  object: { sv: 'Ange ett objekt.', en: 'Enter an object.' },
};

function describe(code: string, message: string, p: Params): Text {
  if (message === 'required') return { sv: 'Fältet måste fyllas i.', en: 'This field is required.' };
  const origin = p.origin;
  switch (code) {
    case 'invalid_type':
      return expectedTexts[String(p.expected)] ?? { sv: 'Fel typ av värde.', en: 'Wrong type of value.' };
    case 'too_small':
      if (origin === 'string' && p.minimum === 1) return { sv: 'Fältet får inte vara tomt.', en: 'This field must not be empty.' };
      if (origin === 'string') return { sv: `Minst ${String(p.minimum)} tecken.`, en: `At least ${String(p.minimum)} characters.` };
      if (origin === 'array') return { sv: `Minst ${String(p.minimum)} värden.`, en: `At least ${String(p.minimum)} values.` };
      return { sv: `Värdet måste vara minst ${String(p.minimum)}.`, en: `The value must be at least ${String(p.minimum)}.` };
    case 'too_big':
      if (origin === 'string') return { sv: `Högst ${String(p.maximum)} tecken.`, en: `At most ${String(p.maximum)} characters.` };
      if (origin === 'array') return { sv: `Högst ${String(p.maximum)} värden.`, en: `At most ${String(p.maximum)} values.` };
      return { sv: `Värdet får vara högst ${String(p.maximum)}.`, en: `The value must be at most ${String(p.maximum)}.` };
    case 'invalid_value':
      return { sv: `Ogiltigt val. Tillåtna värden: ${list(p.values)}.`, en: `Invalid choice. Allowed values: ${list(p.values)}.` };
    case 'invalid_format':
      return formats[String(p.format)] ?? { sv: 'Ogiltigt format.', en: 'Invalid format.' };
    case 'not_multiple_of':
      return { sv: 'Högst två decimaler.', en: 'At most two decimals.' };
    case 'unrecognized_keys':
      return { sv: 'Okänt fält.', en: 'Unknown field.' };
    case 'custom': {
      // a refine carries its own texts: .refine(f, { params: { sv, en } })
      const own = p.params as Partial<Text> | undefined;
      if (typeof own?.sv === 'string' && typeof own.en === 'string') return { sv: own.sv, en: own.en };
      return { sv: `Ogiltigt värde. ${message}`, en: `Invalid value. ${message}` };
    }
    default:
      return { sv: `Ogiltigt värde. ${message}`, en: `Invalid value. ${message}` };
  }
}

export interface IssueLike {
  code: string;
  path: (string | number)[];
  message: string;
  params: Params;
}

export function localizeIssues(issues: IssueLike[], lang: Lang) {
  // An unknown field is reported against the field itself, so a form can show it where it is.
  return issues.flatMap((iss) => {
    if (iss.code === 'unrecognized_keys' && Array.isArray(iss.params.keys)) {
      return iss.params.keys.map((k) => ({
        field: [...iss.path, String(k)].join('.'),
        code: iss.code,
        message: describe(iss.code, iss.message, iss.params)[lang],
      }));
    }
    return [{ field: iss.path.join('.'), code: iss.code, message: describe(iss.code, iss.message, iss.params)[lang] }];
  });
}
