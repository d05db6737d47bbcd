import { Button, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { gapApi, requirementKeys } from '../requirements/api.js';
import { GapSummaryText } from './parts.js';

/** "Gap-analys" on a system's page: the counts, and the way to the full table. */
export function GapAnalysisSection({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const gap = useQuery({ queryKey: [...requirementKeys.gap(systemId), {}], queryFn: () => gapApi.get(systemId) });
  if (!gap.data) return null;
  return (
    <section aria-labelledby="system-gap">
      <Title order={2} mt="xl" mb="sm" id="system-gap">
        {t('requirements.gap.title')}
      </Title>
      <Text mb="sm">{gap.data.classified ? <GapSummaryText summary={gap.data.summary} /> : t('requirements.gap.notClassified')}</Text>
      <Button component={Link} to={`/systems/${systemId}/gap-analysis`} variant="default">
        {t('requirements.gap.open')}
      </Button>
    </section>
  );
}
