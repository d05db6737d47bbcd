import type { ReactNode } from 'react';
import { Alert, Anchor, Button, DataList, List, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, Loading } from '../../components/States.js';
import { LifecycleBadge } from '../../components/StatusBadge.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { CostTables } from './CostTables.js';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function SystemDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const query = useQuery({ queryKey: [...keys.systems, id], queryFn: () => systemsApi.get(id) });
  useDocumentTitle(query.data?.data.name ?? t('systems.title'));

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <Title order={1}>{t('systems.title')}</Title>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { data: s, etag } = query.data;
  const none = (
    <Text span c="dimmed" fz="inherit">
      {t('common.notSet')}
    </Text>
  );
  const after = async (call: Promise<unknown>) => {
    await call;
    await client.invalidateQueries({ queryKey: keys.systems });
  };

  return (
    <>
      <PageHeader title={s.name}>
        {s.allowedActions.includes('update') && !s.archived ? (
          <Button component={Link} to={`/systems/${s.id}/edit`}>
            {t('common.edit')}
          </Button>
        ) : null}
        <ArchiveControls
          allowed={s.allowedActions}
          archived={s.archived}
          confirmTitle={t('systems.archiveTitle')}
          confirmBody={t('systems.archiveBody')}
          archivedNotice={t('systems.archivedNotice')}
          restoredNotice={t('systems.restoredNotice')}
          onArchive={() => after(systemsApi.archive(s.id, etag))}
          onRestore={() => after(systemsApi.restore(s.id, etag))}
        />
      </PageHeader>
      {s.archived ? (
        <Alert color="gray" role="note" mb="lg">
          {t('systems.archivedBanner')}
        </Alert>
      ) : null}
      <DataList labelWidth={220} withDivider maw={900}>
        <Row label={t('systems.description')}>{s.description || none}</Row>
        <Row label={t('systems.responsibleUnit')}>{s.responsibleUnit?.name ?? none}</Row>
        <Row label={t('systems.systemOwner')}>{s.systemOwner || none}</Row>
        <Row label={t('systems.systemAdministrators')}>{s.systemAdministrators.length ? s.systemAdministrators.join(', ') : none}</Row>
        <Row label={t('systems.operationsResponsible')}>{s.operationsResponsible || none}</Row>
        <Row label={t('systems.supplier')}>{s.supplier || none}</Row>
        <Row label={t('systems.hosting')}>{s.hosting ? t(`enums.hosting.${s.hosting}`) : none}</Row>
        <Row label={t('systems.authenticationMethod')}>{s.authenticationMethod ? t(`enums.auth.${s.authenticationMethod}`) : none}</Row>
        <Row label={t('systems.critical')}>{s.critical ? t('common.yes') : t('common.no')}</Row>
        <Row label={t('systems.lifecycleStatus')}>
          <LifecycleBadge status={s.lifecycleStatus} />
        </Row>
        <Row label={t('systems.lastReviewedOn')}>{formatDate(s.lastReviewedOn, i18n.language) ?? none}</Row>
      </DataList>
      <Title order={2} mt="xl" mb="sm">
        {t('systems.informationAssets')}
      </Title>
      {s.informationAssets?.length ? (
        <List>
          {s.informationAssets.map((a) => (
            <List.Item key={a.id}>
              <Anchor component={Link} to={`/information-assets/${a.id}`}>
                {a.name}
              </Anchor>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text c="dimmed">{t('systems.noAssets')}</Text>
      )}
      <Title order={2} mt="xl" mb="sm">
        {t('systems.costs')}
      </Title>
      <CostTables costs={s.costs ?? []} />
    </>
  );
}
