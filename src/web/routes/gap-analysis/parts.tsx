import { Anchor, Badge, Button, Group, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { ErrorState, Loading } from '../../components/States.js';
import { ASPECTS } from '../classification/parts.js';
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

/**
 * The way out of "not classified": the system's information and whether each is classified, with a
 * direct link to the wizard, so the owner need not know where classification lives.
 */
export function AssetsToClassify({ systemId }: { systemId: string }) {
  const { t } = useTranslation();
  const assets = useQuery({
    queryKey: [...keys.assets, 'for-system', systemId],
    queryFn: () => assetsApi.list({ systemId, limit: 200 }),
  });
  if (assets.isPending) return <Loading />;
  if (assets.isError) return <ErrorState error={assets.error} onRetry={() => void assets.refetch()} />;
  const items = assets.data.items;
  if (items.length === 0) {
    return (
      <Group gap="sm" my="sm">
        <Text>{t('requirements.gap.noAssets')}</Text>
        <Button component={Link} to="/information-assets/new" variant="default" size="xs">
          {t('requirements.gap.newAsset')}
        </Button>
      </Group>
    );
  }
  return (
    <List spacing="xs" my="sm" aria-label={t('requirements.gap.assetsHeading')}>
      {items.map((a) => {
        const name = a.name ?? t('secrecy.maskedAsset');
        const c = a.classification;
        return (
          <List.Item key={a.id}>
            <Group gap="xs">
              <Anchor component={Link} to={`/information-assets/${a.id}`}>
                {name}
              </Anchor>
              <Text size="sm">
                {c
                  ? `${t('requirements.gap.assetClassified')} (${ASPECTS.map((x) => `${t(`classification.short.${x}`)}${c[x]}`).join(' ')})`
                  : t('classification.coverage.states.unclassified')}
              </Text>
              {a.allowedActions.includes('update') ? (
                <Button
                  component={Link}
                  to={`/information-assets/${a.id}/classify`}
                  size="xs"
                  variant={c ? 'default' : 'filled'}
                  aria-label={`${c ? t('classification.reclassify') : t('classification.classify')} ${name}`}
                >
                  {c ? t('classification.reclassify') : t('classification.classify')}
                </Button>
              ) : null}
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}
