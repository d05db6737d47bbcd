import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../components/format.js';
import type { Measure } from './api.js';

// The value lists the server validates against, in the order the board and forms show them.
export { measureStatuses as STATUSES, measureOrigins as ORIGINS, priorities as PRIORITIES } from '../../../shared/enums.js';

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
