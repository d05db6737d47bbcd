import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.js';
import type { Scheme } from './api.js';

export const ASPECTS = ['confidentiality', 'integrity', 'availability', 'traceability'] as const;
export type AspectKey = (typeof ASPECTS)[number];
export const CATEGORIES = ['individuals', 'operation', 'finances', 'trust', 'law'] as const;
export type CategoryKey = (typeof CATEGORIES)[number];
export type Levels = Record<AspectKey, number>;
type Rule = Scheme['minimumRules'][number];

/** The tenant's label for a level in the reader's language. */
export function useLevelLabel(scheme: Scheme | undefined) {
  const { i18n } = useTranslation();
  return (level: number) => {
    const l = scheme?.levels.find((x) => x.level === level);
    if (!l) return String(level);
    return i18n.language === 'en' ? l.en : l.sv;
  };
}

export const useLang = () => {
  const { i18n } = useTranslation();
  return (o: { sv: string; en: string }) => (i18n.language === 'en' ? o.en : o.sv);
};

export const useDate = () => {
  const { i18n } = useTranslation();
  return (v: string | null | undefined) => formatDate(v, i18n.language) ?? '';
};

/** The strictest minimum rule for each aspect that applies to this asset (mirrors the server's rule). */
export function minimumsFor(rules: readonly Rule[], facts: { personalData: string; secret: boolean }) {
  const out: Partial<Record<AspectKey, Rule>> = {};
  for (const r of rules) {
    const { personalData, secret } = r.when;
    if (personalData === undefined && secret === undefined) continue;
    if (personalData && !personalData.includes(facts.personalData as never)) continue;
    if (secret !== undefined && secret !== facts.secret) continue;
    const cur = out[r.aspect];
    if (!cur || r.minLevel > cur.minLevel) out[r.aspect] = r;
  }
  return out;
}

/** "K2 R1 T2 S1" as badges, each with its level label: the meaning never rests on colour. */
export function LevelBadges({ levels, label }: { levels: Levels; label: (level: number) => string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {ASPECTS.map((a) => (
        <Badge key={a} variant="light" color="gray" c="dark.9" tt="none" size="lg">
          {t(`classification.short.${a}`)}
          {levels[a]} – {label(levels[a])}
          <VisuallyHidden> ({t(`classification.aspect.${a}`)})</VisuallyHidden>
        </Badge>
      ))}
    </Group>
  );
}

export function ReviewBadge({ state }: { state: 'ok' | 'due_soon' | 'overdue' | null | undefined }) {
  const { t } = useTranslation();
  if (!state || state === 'ok') return null;
  return (
    <Badge variant="light" color={state === 'overdue' ? 'red' : 'yellow'} c="dark.9" tt="none">
      {t(`classification.review.${state}`)}
    </Badge>
  );
}

/** "K2 R1 T2 S1" in the reader's language (C/I/A/T in English), built from the levels, never from the server's Swedish text. */
export function useProfile() {
  const { t } = useTranslation();
  return (levels: Levels) => ASPECTS.map((a) => `${t(`classification.short.${a}`)}${levels[a]}`).join(' ');
}

/** What the profile letters stand for, for readers who have never met KLASSA. */
export function ProfileLegend() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" mb="sm">
      {t('classification.legend', {
        list: ASPECTS.map((a) => `${t(`classification.short.${a}`)} = ${t(`classification.aspect.${a}`).toLowerCase()}`).join(', '),
      })}
    </Text>
  );
}
