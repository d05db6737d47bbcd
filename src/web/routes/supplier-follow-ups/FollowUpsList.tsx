import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useMe } from '../auth/session.js';
import { FOLLOW_UP_STATUSES, followUpKeys, followUpsApi, type FollowUpQuery } from './api.js';
import { FollowUpStatus } from './parts.js';

/** /supplier-follow-ups (municipality) and /portal/follow-ups (a supplier's own): D1-17. */
export function FollowUpsList({ portal = false }: { portal?: boolean }) {
  const { t, i18n } = useTranslation();
  const title = portal ? t('followUps.portalTitle') : t('followUps.title');
  useDocumentTitle(title);
  const me = useMe().data;
  const mayCreate = !portal && !!me?.permissions?.['follow-up']?.includes('create');
  const [status, setStatus] = useState('');
  const query: FollowUpQuery = { limit: 50, ...(status ? { status: status as FollowUpQuery['status'] } : {}) };
  const list = usePagedList([...followUpKeys.all, portal ? 'portal' : 'all'], query, followUpsApi.list);
  const base = portal ? '/portal/follow-ups' : '/supplier-follow-ups';
  return (
    <>
      <PageHeader title={title}>
        {mayCreate ? (
          <Group>
            <Button variant="default" component={Link} to="/supplier-follow-ups/templates">
              {t('followUps.templatesLink')}
            </Button>
            <Button component={Link} to="/supplier-follow-ups/new">
              {t('followUps.new')}
            </Button>
          </Group>
        ) : null}
      </PageHeader>
      <Group mb="md">
        <NativeSelect
          id="follow-ups-status"
          label={t('followUps.statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('followUps.allStatuses') },
            ...FOLLOW_UP_STATUSES.filter((s) => !portal || s !== 'planned').map((s) => ({ value: s, label: t(`followUps.status.${s}`) })),
          ]}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={!!status}
        empty={portal ? t('followUps.portalEmpty') : t('followUps.empty')}
        emptyFiltered={t('followUps.emptyFiltered')}
        emptyCta={t('followUps.new')}
        {...(mayCreate ? { newTo: '/supplier-follow-ups/new' } : {})}
        caption={t('followUps.caption')}
        minWidth={760}
        head={
          <>
            <Table.Th scope="col">{t('followUps.name')}</Table.Th>
            {portal ? null : <Table.Th scope="col">{t('followUps.supplier')}</Table.Th>}
            <Table.Th scope="col">{t('followUps.plannedOn')}</Table.Th>
            <Table.Th scope="col">{t('followUps.answerBy')}</Table.Th>
            <Table.Th scope="col">{t('followUps.statusLabel')}</Table.Th>
            <Table.Th scope="col">{t('followUps.progress')}</Table.Th>
            <Table.Th scope="col">{t('followUps.deficiencies')}</Table.Th>
          </>
        }
        row={(f) => (
          <>
            <NameCell to={`${base}/${f.id}`} name={f.title} />
            {portal ? null : (
              <Table.Td>
                <Anchor component={Link} to={`/suppliers/${f.supplier.id}`}>
                  {f.supplier.name}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>{formatDate(f.plannedOn, i18n.language)}</Table.Td>
            <Table.Td>{formatDate(f.answerBy, i18n.language) ?? '–'}</Table.Td>
            <Table.Td>
              <FollowUpStatus status={f.status} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {f.counts.answered}/{f.counts.items}
              </Text>
            </Table.Td>
            <Table.Td>{f.counts.openDeficiencies}</Table.Td>
          </>
        )}
      />
    </>
  );
}

export const PortalFollowUps = () => <FollowUpsList portal />;
