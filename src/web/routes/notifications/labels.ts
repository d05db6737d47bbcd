import { useTranslation } from 'react-i18next';

/** A kind's label from i18n, falling back to the kind itself for kinds this version has no text for. */
export function useKindLabel(): (kind: string, fallback?: string) => string {
  const { t } = useTranslation();
  return (kind, fallback) => t(`notifications.kinds.${kind}`, { defaultValue: fallback ?? kind });
}

export function formatMoment(value: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(value));
}
