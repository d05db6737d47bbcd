import { Anchor, Badge, SimpleGrid, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { classificationApi, classificationKeys, type Coverage } from './api.js';
import { ProfileLegend, useDate, useProfile } from './parts.js';

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="sm">{label}</Text>
    </Paper>
  );
}

/** "Klassning": coverage of classified information and systems, and what is due (D1-23, D4-31, D2-23). */
export function CoveragePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('classification.coverage.title'));
  const query = useQuery({ queryKey: classificationKeys.coverage, queryFn: classificationApi.coverage });
  const maySettings = usePermission('tenant-settings', 'update');
  return (
    <>
      <PageHeader title={t('classification.coverage.title')}>
        {maySettings ? (
          <Anchor component={Link} to="/admin/classification">
            {t('classification.scheme.title')}
          </Anchor>
        ) : null}
      </PageHeader>
      <Loaded query={query} title={t('classification.coverage.title')}>
        {(c) => <CoverageView c={c} />}
      </Loaded>
    </>
  );
}

function CoverageView({ c }: { c: Coverage }) {
  const { t } = useTranslation();
  const date = useDate();
  const profile = useProfile();
  const shownProfile = (levels: Coverage['assetList'][number]['levels']) => (levels ? profile(levels) : '–');
  return (
    <>
      <Title order={2} mb="sm">
        {t('classification.coverage.assets')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 6 }} mb="md">
        <Figure label={t('classification.coverage.total')} value={c.assets.total} />
        <Figure label={t('classification.coverage.classified')} value={c.assets.classified} />
        <Figure label={t('classification.coverage.unclassified')} value={c.assets.unclassified} />
        <Figure label={t('classification.coverage.overdue')} value={c.assets.overdue} />
        <Figure label={t('classification.coverage.dueSoon', { days: c.reminderDays })} value={c.assets.dueSoon} />
        <Figure label={t('classification.coverage.belowMinimum')} value={c.assets.belowMinimum} />
      </SimpleGrid>
      <ProfileLegend />
      {c.assetList.length === 0 ? (
        <EmptyState text={t('classification.coverage.assetsOk')} />
      ) : (
        <Table mb="xl" maw={1000}>
          <VisuallyHidden component="caption">{t('classification.coverage.assetsCaption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('classification.coverage.name')}</Table.Th>
              <Table.Th scope="col">{t('classification.coverage.unit')}</Table.Th>
              <Table.Th scope="col">{t('classification.coverage.state')}</Table.Th>
              <Table.Th scope="col">{t('classification.coverage.profile')}</Table.Th>
              <Table.Th scope="col">{t('classification.nextReviewOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.assetList.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/information-assets/${a.id}`}>
                    {a.name ?? t('secrecy.maskedAsset')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.unit.name}</Table.Td>
                <Table.Td>
                  {a.state !== 'ok' ? (
                    <Badge variant="light" color={a.state === 'due_soon' ? 'yellow' : 'red'} c="dark.9" tt="none">
                      {t(`classification.coverage.states.${a.state}`)}
                    </Badge>
                  ) : null}
                  {a.belowMinimum.length ? (
                    <Badge variant="light" color="red" c="dark.9" tt="none">
                      {t('classification.coverage.states.below_minimum')}
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td>{shownProfile(a.levels)}</Table.Td>
                <Table.Td>{date(a.nextReviewOn) || '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2} mb="sm" mt="xl">
        {t('classification.coverage.systems')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} mb="md">
        <Figure label={t('classification.coverage.total')} value={c.systems.total} />
        <Figure label={t('classification.system.statuses.complete')} value={c.systems.complete} />
        <Figure label={t('classification.system.statuses.incomplete')} value={c.systems.incomplete} />
        <Figure label={t('classification.system.statuses.not_classified')} value={c.systems.notClassified} />
        <Figure label={t('classification.coverage.withUnclassified')} value={c.systems.withUnclassifiedAssets} />
      </SimpleGrid>
      {c.systemList.length === 0 ? (
        <EmptyState text={t('classification.coverage.systemsOk')} />
      ) : (
        <Table maw={1000}>
          <VisuallyHidden component="caption">{t('classification.coverage.systemsCaption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('classification.coverage.name')}</Table.Th>
              <Table.Th scope="col">{t('classification.system.status')}</Table.Th>
              <Table.Th scope="col">{t('classification.coverage.unclassifiedAssets')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.systemList.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/systems/${s.id}`}>
                    {s.name ?? t('secrecy.maskedSystem')}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`classification.system.statuses.${s.status}`)}</Table.Td>
                <Table.Td>
                  {s.unclassifiedAssetCount} / {s.assetCount}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
