import { Alert, Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { classificationApi, classificationKeys } from './api.js';
import { ErrorState, Loading } from '../../components/States.js';
import { ASPECTS, LevelBadges, ProfileLegend, ReviewBadge, useDate, useLevelLabel, useProfile, type Levels } from './parts.js';
import type { AssetClassification } from './api.js';

const levelsOf = (c: AssetClassification) => Object.fromEntries(ASPECTS.map((a) => [a, c[a].level])) as Levels;

/** "Informationsklassning" on an asset's page: the current profile, its review date and earlier profiles. */
export function AssetClassificationSection({ assetId, mayClassify }: { assetId: string; mayClassify: boolean }) {
  const { t } = useTranslation();
  const date = useDate();
  const scheme = useQuery({ queryKey: classificationKeys.scheme, queryFn: classificationApi.scheme });
  const history = useQuery({ queryKey: classificationKeys.asset(assetId), queryFn: () => classificationApi.assetHistory(assetId) });
  const label = useLevelLabel(scheme.data);
  const profile = useProfile();
  const items = history.data?.items ?? [];
  const current = items.find((c) => c.current);
  const earlier = items.filter((c) => !c.current);

  return (
    <section aria-labelledby="asset-classification">
      <Title order={2} mt="xl" mb="sm" id="asset-classification">
        {t('classification.section')}
      </Title>
      {history.isPending ? <Loading /> : null}
      {history.isError ? <ErrorState error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.isSuccess && !current ? <Text mb="sm">{t('classification.notClassified')}</Text> : null}
      {current?.belowMinimum.length ? (
        <Alert
          color="yellow"
          title={t('classification.belowMinimum.title')}
          mb="sm"
          maw={800}
          styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}
        >
          <List size="sm">
            {current.belowMinimum.map((b) => (
              <List.Item key={b.aspect}>
                {t('classification.belowMinimum.item', {
                  aspect: t(`classification.aspect.${b.aspect}`),
                  level: `${t(`classification.short.${b.aspect}`)}${current[b.aspect].level}`,
                  min: `${t(`classification.short.${b.aspect}`)}${b.minLevel}`,
                })}
              </List.Item>
            ))}
          </List>
          {mayClassify ? (
            <Anchor component={Link} to={`/information-assets/${assetId}/classify`} size="sm" display="inline-block" mt="xs">
              {t('classification.reclassify')}
            </Anchor>
          ) : null}
        </Alert>
      ) : null}
      {current ? (
        <Stack gap="xs" mb="sm">
          <LevelBadges levels={levelsOf(current)} label={label} />
          <ProfileLegend />
          <Group gap="xs">
            <Text>
              {t('classification.nextReviewOn')}: {date(current.nextReviewOn)}
            </Text>
            <ReviewBadge state={current.reviewState} />
          </Group>
          <Text size="sm">
            {t('classification.classifiedBy', { name: current.classifiedBy?.displayName ?? '–', date: date(current.classifiedAt) })}
          </Text>
          {!current.masked ? (
            <List size="sm">
              {ASPECTS.map((a) => (
                <List.Item key={a}>
                  {t(`classification.aspect.${a}`)}: {current[a].reason}
                </List.Item>
              ))}
            </List>
          ) : null}
        </Stack>
      ) : null}
      {mayClassify ? (
        <Button component={Link} to={`/information-assets/${assetId}/classify`} size="xs" mb="sm">
          {current ? t('classification.reclassify') : t('classification.classify')}
        </Button>
      ) : null}
      {earlier.length ? (
        <>
          <Title order={3} size="h4" mt="md" mb="xs">
            {t('classification.earlier')}
          </Title>
          <List size="sm">
            {earlier.map((c) => (
              <List.Item key={c.id}>
                {profile(levelsOf(c))} ({date(c.classifiedAt)}, {c.classifiedBy?.displayName ?? '–'})
              </List.Item>
            ))}
          </List>
        </>
      ) : null}
      <Anchor component={Link} to="/classification" size="sm" display="inline-block" mt="xs">
        {t('classification.coverageLink')}
      </Anchor>
    </section>
  );
}
