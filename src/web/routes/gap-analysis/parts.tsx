import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GapAnalysis } from '../requirements/api.js';

const colour: Record<string, string> = { exists: 'green', partly: 'yellow', missing: 'red', not_applicable: 'gray' };

/** A status in words (never colour alone); "Ej bedömt" when nobody has assessed the requirement. */
export function GapStatusBadge({ status }: { status: string | null }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status ? colour[status] : 'blue'} c="dark.9" tt="none">
      {status ? t(`requirements.gap.statuses.${status}`) : t('requirements.gap.notAssessed')}
    </Badge>
  );
}

export function GapSummaryText({ summary }: { summary: GapAnalysis['summary'] }) {
  const { t } = useTranslation();
  return <>{t('requirements.gap.summaryLine', summary)}</>;
}
