import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Progress, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { campaignsApi, credentialKeys, type Campaign, type CampaignQuery } from './api.js';

/** "3 of 5 reviewed" with a bar; the words carry the meaning. */
export function CampaignProgress({ c }: { c: Pick<Campaign, 'progress'> }) {
  const { t } = useTranslation();
  const { total, decided } = c.progress;
  const label = t('recertifications.progressText', { decided, total });
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={total ? (decided / total) * 100 : 0} w={100} aria-label={label} />
      <Text size="sm">{label}</Text>
    </Group>
  );
}

export function CampaignStatus({ c }: { c: Pick<Campaign, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  const key = c.status === 'closed' ? 'closed' : c.overdue ? 'overdue' : 'open';
  return (
    <Badge variant="light" color={key === 'overdue' ? 'red' : key === 'open' ? 'blue' : 'gray'} c="dark.9" tt="none">
      {t(`recertifications.status.${key}`)}
    </Badge>
  );
}

/** /recertifications (D0-15, D3-36): review campaigns of systems' accounts, with their progress. */
export function CampaignsList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('recertifications.title'));
  const mayCreate = usePermission('recertification', 'create');
  const [status, setStatus] = useState('');
  const query: CampaignQuery = { limit: 50, ...(status ? { status: status as CampaignQuery['status'] } : {}) };
  const list = usePagedList(credentialKeys.campaigns, query, campaignsApi.list);
  return (
    <>
      <PageHeader title={t('recertifications.title')}>
        {mayCreate ? (
          <Button component={Link} to="/recertifications/new">
            {t('recertifications.new')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md">{t('recertifications.intro')}</Text>
      <Group mb="md">
        <NativeSelect
          id="campaigns-status"
          label={t('recertifications.statusLabel')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('recertifications.allStatuses') },
            { value: 'open', label: t('recertifications.status.open') },
            { value: 'closed', label: t('recertifications.status.closed') },
          ]}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={!!status}
        empty={t('recertifications.empty')}
        emptyFiltered={t('recertifications.emptyFiltered')}
        emptyCta={t('recertifications.new')}
        {...(mayCreate ? { newTo: '/recertifications/new' } : {})}
        caption={t('recertifications.caption')}
        minWidth={800}
        head={
          <>
            <Table.Th scope="col">{t('recertifications.name')}</Table.Th>
            <Table.Th scope="col">{t('recertifications.system')}</Table.Th>
            <Table.Th scope="col">{t('recertifications.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('recertifications.progress')}</Table.Th>
            <Table.Th scope="col">{t('recertifications.statusLabel')}</Table.Th>
          </>
        }
        row={(c) => (
          <>
            <NameCell to={`/recertifications/${c.id}`} name={c.title} />
            <Table.Td>{c.systemName ?? t('secrecy.maskedSystem')}</Table.Td>
            <Table.Td>{formatDate(c.dueOn, i18n.language)}</Table.Td>
            <Table.Td>
              <CampaignProgress c={c} />
            </Table.Td>
            <Table.Td>
              <CampaignStatus c={c} />
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
