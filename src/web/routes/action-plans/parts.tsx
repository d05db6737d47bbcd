import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatSek } from '../../components/format.js';
import type { ActionPlan } from '../measures/api.js';

type P = ActionPlan['progress'];

/** A progress bar with its numbers as text: the bar alone would say nothing to a screen reader. */
export function ProgressView({ progress, label }: { progress: P; label: string }) {
  const { t } = useTranslation();
  const value = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  const text = t('actionPlans.progressText', { done: progress.done, total: progress.total });
  return (
    <Stack gap={4} maw={480}>
      <Progress value={value} aria-label={`${label}: ${text}`} />
      <Text size="sm">{text}</Text>
      <Text size="sm">
        {t('actionPlans.costs', { planned: formatSek(progress.plannedCostSek), actual: formatSek(progress.actualCostSek) })}
      </Text>
    </Stack>
  );
}
