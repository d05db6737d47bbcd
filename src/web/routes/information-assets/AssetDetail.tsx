import type { ReactNode } from 'react';
import { Alert, Anchor, Button, DataList, List, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

export function AssetDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const query = useQuery({ queryKey: [...keys.assets, id], queryFn: () => assetsApi.get(id) });
  useDocumentTitle(query.data?.data.name ?? t('assets.title'));

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <Title order={1}>{t('assets.title')}</Title>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { data: a, etag } = query.data;
  const none = (
    <Text span c="dimmed" fz="inherit">
      {t('common.notSet')}
    </Text>
  );
  const after = async (call: Promise<unknown>) => {
    await call;
    await client.invalidateQueries({ queryKey: keys.assets });
    await client.invalidateQueries({ queryKey: keys.systems });
  };

  const row = (label: string, value: ReactNode) => (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{value}</DataList.ItemValue>
    </DataList.Item>
  );

  return (
    <>
      <PageHeader title={a.name}>
        {a.allowedActions.includes('update') && !a.archived ? (
          <Button component={Link} to={`/information-assets/${a.id}/edit`}>
            {t('common.edit')}
          </Button>
        ) : null}
        <ArchiveControls
          allowed={a.allowedActions}
          archived={a.archived}
          confirmTitle={t('assets.archiveTitle')}
          confirmBody={t('assets.archiveBody')}
          archivedNotice={t('assets.archivedNotice')}
          restoredNotice={t('assets.restoredNotice')}
          onArchive={() => after(assetsApi.archive(a.id, etag))}
          onRestore={() => after(assetsApi.restore(a.id, etag))}
        />
      </PageHeader>
      {a.archived ? (
        <Alert color="gray" role="note" mb="lg">
          {t('assets.archivedBanner')}
        </Alert>
      ) : null}
      <DataList labelWidth={220} withDivider maw={900}>
        {row(t('assets.description'), a.description || none)}
        {row(t('assets.owner'), a.owner || none)}
        {row(t('assets.unit'), a.unit?.name ?? none)}
        {row(t('assets.personalData'), t(`enums.personalData.${a.personalData}`))}
      </DataList>
      <Title order={2} mt="xl" mb="sm">
        {t('assets.systems')}
      </Title>
      {a.systems?.length ? (
        <List>
          {a.systems.map((s) => (
            <List.Item key={s.id}>
              <Anchor component={Link} to={`/systems/${s.id}`}>
                {s.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text c="dimmed">{t('assets.noSystems')}</Text>
      )}
    </>
  );
}
