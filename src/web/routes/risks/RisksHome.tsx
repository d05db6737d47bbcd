import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { analysesApi, riskKeys } from './api.js';
import { useDate } from './parts.js';

/** The risk and vulnerability analyses (D1-11), with when each is due for update. */
export function RisksHome() {
  const { t } = useTranslation();
  useDocumentTitle(t('risks.title'));
  const date = useDate();
  const mayCreate = usePermission('risk', 'create');
  const list = usePagedList(riskKeys.analyses, {}, analysesApi.list);
  return (
    <>
      <PageHeader title={t('risks.title')}>
        <Button component={Link} to="/risks/heat-map" variant="default">
          {t('risks.heatMap')}
        </Button>
        <Button component={Link} to="/risks/snapshots" variant="default">
          {t('risks.snapshots')}
        </Button>
        {mayCreate ? (
          <Button component={Link} to="/risks/analyses/new">
            {t('risks.newAnalysis')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={900}>
        {t('risks.intro')}
      </Text>
      <PagedTable
        list={list}
        filtered={!mayCreate}
        empty={t('risks.analysesEmpty')}
        emptyFiltered={t('risks.analysesEmpty')}
        emptyCta={t('risks.newAnalysis')}
        newTo="/risks/analyses/new"
        caption={t('risks.analysesCaption')}
        minWidth={720}
        head={
          <>
            <Table.Th scope="col">{t('risks.analysis')}</Table.Th>
            <Table.Th scope="col">{t('risks.analysedOn')}</Table.Th>
            <Table.Th scope="col">{t('risks.statusLabel')}</Table.Th>
            <Table.Th scope="col">{t('risks.nextUpdateOn')}</Table.Th>
            <Table.Th scope="col">{t('risks.riskCount')}</Table.Th>
          </>
        }
        row={(a) => (
          <>
            <NameCell to={`/risks/analyses/${a.id}`} name={a.title ?? t('risks.masked')} />
            <Table.Td>{date(a.analysedOn)}</Table.Td>
            <Table.Td>{t(`risks.analysisStatus.${a.status}`)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {a.nextUpdateOn ? date(a.nextUpdateOn) : '–'}
                {a.dueForUpdate ? (
                  <Badge variant="light" color="red" c="dark.9" tt="none">
                    {t('risks.dueForUpdate')}
                  </Badge>
                ) : null}
              </Group>
            </Table.Td>
            <Table.Td>{a.riskCount}</Table.Td>
          </>
        )}
      />
      <Anchor component={Link} to="/risks/list" mt="md" display="inline-block">
        {t('risks.allRisks')}
      </Anchor>
    </>
  );
}
