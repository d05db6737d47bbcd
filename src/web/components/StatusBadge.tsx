import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Lifecycle } from '../api/types.js';

// Coloured light backgrounds with near-black text: Mantine's green/orange light text is below AA.
const COLORS: Record<Lifecycle, string> = { planned: 'tillit', in_use: 'green', phasing_out: 'orange', retired: 'gray' };

export function LifecycleBadge({ status }: { status: Lifecycle }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} c="dark.9" tt="none" size="md">
      {t(`enums.lifecycle.${status}`)}
    </Badge>
  );
}

export function ArchivedBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="gray" tt="none" ml="xs">
      {t('common.archived')}
    </Badge>
  );
}
