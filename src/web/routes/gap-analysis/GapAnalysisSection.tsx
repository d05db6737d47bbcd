import { Button, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, Loading } from '../../components/States.js';
import { gapApi, requirementKeys } from '../requirements/api.js';
import { AssetsToClassify, GapSummaryText } from './parts.js';

/** "Gap-analys" on a system's page: the counts, and the way to the full table. */
export function GapAnalysisSection({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const gap = useQuery({ queryKey: [...requirementKeys.gap(systemId), {}], queryFn: () => gapApi.get(systemId) });
  return (
    <section aria-labelledby="system-gap">
      <Title order={2} mt="xl" mb="sm" id="system-gap">
        {t('requirements.gap.title')}
      </Title>
      {gap.isPending ? <Loading /> : null}
      {gap.isError ? <ErrorState error={gap.error} onRetry={() => void gap.refetch()} /> : null}
      {gap.data ? (
        gap.data.classified ? (
          <>
            <Text mb="sm">
              <GapSummaryText summary={gap.data.summary} />
            </Text>
            <Button component={Link} to={`/systems/${systemId}/gap-analysis`} variant="default">
              {t('requirements.gap.open')}
            </Button>
          </>
        ) : (
          <>
            <Text>{t('requirements.gap.notClassified')}</Text>
            <AssetsToClassify systemId={systemId} />
          </>
        )
      ) : null}
    </section>
  );
}
