import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { accessOrderStatuses, accessOrderTypes } from '../../../shared/access-orders.js';
import { usePermission } from '../auth/session.js';
import { accessOrderKeys, accessOrdersApi, type OrderQuery } from './api.js';

/** /access-orders (D0-12..D0-14, D3-06, D3-23): every order the viewer may see, newest first. */
export function AccessOrdersList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('accessOrders.title'));
  const mayCreate = usePermission('access-order', 'create');
  const maySettings = usePermission('tenant-settings', 'update');
  const [status, setStatus] = useState('');
  const [type, setType] = useState('');
  const query: OrderQuery = {
    limit: 50,
    ...(status ? { status: status as OrderQuery['status'] } : {}),
    ...(type ? { type: type as OrderQuery['type'] } : {}),
  };
  const list = usePagedList(accessOrderKeys.all, query, accessOrdersApi.list);
  return (
    <>
      <PageHeader title={t('accessOrders.title')}>
        <Group>
          <Button component={Link} to="/access-orders/reports" variant="default">
            {t('accessOrders.reportsLink')}
          </Button>
          {maySettings ? (
            <Button component={Link} to="/access-orders/settings" variant="default">
              {t('accessOrders.settingsLink')}
            </Button>
          ) : null}
          {mayCreate ? (
            <Button component={Link} to="/access-orders/new">
              {t('accessOrders.new')}
            </Button>
          ) : null}
        </Group>
      </PageHeader>
      <Group mb="md">
        <NativeSelect
          id="access-orders-status"
          label={t('accessOrders.status')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('accessOrders.allStatuses') },
            ...accessOrderStatuses.map((s) => ({ value: s, label: t(`accessOrders.statuses.${s}`) })),
          ]}
        />
        <NativeSelect
          id="access-orders-type"
          label={t('accessOrders.type')}
          value={type}
          onChange={(e) => setType(e.currentTarget.value)}
          data={[
            { value: '', label: t('accessOrders.allTypes') },
            ...accessOrderTypes.map((s) => ({ value: s, label: t(`accessOrders.types.${s}`) })),
          ]}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={!!status || !!type}
        empty={t('accessOrders.empty')}
        emptyFiltered={t('accessOrders.emptyFiltered')}
        emptyCta={t('accessOrders.new')}
        {...(mayCreate ? { newTo: '/access-orders/new' } : {})}
        caption={t('accessOrders.caption')}
        minWidth={900}
        head={
          <>
            <Table.Th scope="col">{t('accessOrders.number')}</Table.Th>
            <Table.Th scope="col">{t('accessOrders.type')}</Table.Th>
            <Table.Th scope="col">{t('accessOrders.person')}</Table.Th>
            <Table.Th scope="col">{t('accessOrders.system')}</Table.Th>
            <Table.Th scope="col">{t('accessOrders.supplier')}</Table.Th>
            <Table.Th scope="col">{t('accessOrders.startDate')}</Table.Th>
            <Table.Th scope="col">{t('accessOrders.status')}</Table.Th>
          </>
        }
        row={(o) => (
          <>
            <NameCell to={`/access-orders/${o.id}`} name={o.number} />
            <Table.Td>
              {t(`accessOrders.types.${o.type}`)}
              {o.priority === 'high' ? (
                <Badge ml="xs" color="red" variant="light" c="dark.9" tt="none">
                  {t('accessOrders.priorityHigh')}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>{o.personName}</Table.Td>
            <Table.Td>{o.system.name ?? t('secrecy.maskedSystem')}</Table.Td>
            <Table.Td>{o.supplier?.name ?? t('accessOrders.internal')}</Table.Td>
            <Table.Td>
              {formatDate(o.startDate, i18n.language)}
              {o.late ? (
                <Badge ml="xs" color="orange" variant="light" c="dark.9" tt="none">
                  {t('accessOrders.lateBadge')}
                </Badge>
              ) : null}
            </Table.Td>
            <Table.Td>{t(`accessOrders.statuses.${o.status}`)}</Table.Td>
          </>
        )}
      />
    </>
  );
}
