import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { keys, orgUnitsApi } from '../../api/resources.js';
import type { OrgUnit } from '../../api/types.js';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { treeOrder } from '../../components/hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EditButton } from '../../components/RecordDetail.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { ArchivedBadge } from '../../components/StatusBadge.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { ArchivedSwitch } from '../../components/ArchivedSwitch.js';

export function OrgUnits() {
  const { t } = useTranslation();
  useDocumentTitle(t('orgUnits.title'));
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const includeArchived = params.get('includeArchived') === 'true';
  const list = useQuery({
    queryKey: [...keys.orgUnits, 'tree', includeArchived],
    queryFn: async () =>
      (await orgUnitsApi.list({ limit: 200, sort: 'name', ...(includeArchived ? { includeArchived: 'true' as const } : {}) })).items,
  });

  // The list carries no ETag; read the unit first so the archive is checked against its version.
  const act = async (unit: OrgUnit, action: 'archive' | 'restore') => {
    const { etag } = await orgUnitsApi.get(unit.id);
    await orgUnitsApi[action](unit.id, etag);
    await client.invalidateQueries({ queryKey: keys.orgUnits });
  };

  return (
    <>
      <PageHeader title={t('orgUnits.title')}>
        <Button component={Link} to="/org-units/new">
          {t('orgUnits.new')}
        </Button>
      </PageHeader>
      <Text mb="md">{t('orgUnits.intro')}</Text>
      <ArchivedSwitch
        id="org-archived"
        checked={includeArchived}
        onChange={(v) => setParams(v ? { includeArchived: 'true' } : {}, { replace: true })}
        mb="lg"
      />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.length === 0 ? (
        <EmptyState
          text={t('orgUnits.empty')}
          action={
            <Button component={Link} to="/org-units/new">
              {t('orgUnits.emptyCta')}
            </Button>
          }
        />
      ) : null}
      {list.isSuccess && list.data.length > 0 ? (
        <Stack component="ul" gap="xs" p={0} m={0} maw={900} style={{ listStyle: 'none' }}>
          {treeOrder(list.data).map(({ unit, depth }) => (
            <Paper component="li" key={unit.id} withBorder p="sm" ms={`${depth * 1.5}rem`}>
              <Group justify="space-between" gap="sm">
                <Group gap="xs">
                  <Text fw={600}>{unit.name}</Text>
                  <Badge variant="light" tt="none">
                    {t(`enums.orgType.${unit.type}`)}
                  </Badge>
                  {unit.archived ? <ArchivedBadge /> : null}
                </Group>
                <Group gap="xs">
                  <EditButton
                    record={unit}
                    to={`/org-units/${unit.id}/edit`}
                    variant="default"
                    size="xs"
                    aria-label={t('orgUnits.editNamed', { name: unit.name })}
                  />
                  <ArchiveControls
                    allowed={unit.allowedActions}
                    archived={unit.archived}
                    archiveLabel={t('orgUnits.archiveNamed', { name: unit.name })}
                    restoreLabel={t('orgUnits.restoreNamed', { name: unit.name })}
                    confirmTitle={t('orgUnits.archiveTitle')}
                    confirmBody={t('orgUnits.archiveBody', { name: unit.name })}
                    archivedNotice={t('orgUnits.archivedNotice')}
                    restoredNotice={t('orgUnits.restoredNotice')}
                    onArchive={() => act(unit, 'archive')}
                    onRestore={() => act(unit, 'restore')}
                  />
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      ) : null}
    </>
  );
}
