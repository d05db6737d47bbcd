import type { TFunction } from 'i18next';

const sek = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK' });
/** Amounts always in Swedish format: the figures are Swedish kronor in Swedish budgets. */
export const formatSek = (amount: number): string => sek.format(amount);

export function formatDate(value: string | null | undefined, lang: string): string | null {
  if (!value) return null;
  const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeZone: 'Europe/Stockholm',
  }).format(date);
}

export interface Option {
  value: string;
  label: string;
}

/** Options for a select from an enum list, labelled through i18n `enums.<group>.<value>`. */
export function enumOptions(t: TFunction, group: string, values: readonly string[]): Option[] {
  return values.map((value) => ({ value, label: t(`enums.${group}.${value}`) }));
}

/** Label text of a required field: the word is written out, not only an asterisk. */
export const requiredLabel = (t: TFunction, label: string): string => `${label} ${t('common.requiredMark')}`;
