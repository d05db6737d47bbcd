import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.js';
import type { Measure } from './api.js';

export const STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'cancelled'] as const;
export const ORIGINS = [
  'gap',
  'risk',
  'incident',
  'supplier_deficiency',
  'exercise',
  'log_review',
  'follow_up',
  'needs_analysis',
  'other',
] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;

export function DueText({ m }: { m: Pick<Measure, 'dueOn' | 'overdue'> }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="sm">
      {t('measures.dueOn')}: {formatDate(m.dueOn, i18n.language) ?? t('measures.noDue')}
      {m.overdue ? (
        <Badge color="red" variant="light" ml="xs">
          {t('measures.overdue')}
        </Badge>
      ) : null}
    </Text>
  );
}
