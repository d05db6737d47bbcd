import { useState } from 'react';
import { Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { addCalendarDays } from '../../../shared/access-orders.js';
import { accessOrderKeys, accessOrdersApi, todayInSweden } from './api.js';

const fmt = (n: number | null) => (n === null ? '–' : String(n));

/** /access-orders/reports: lead-time compliance (D0-12, D0-13) and time to termination (D0-14), per supplier. */
export function AccessOrderReports() {
  const { t } = useTranslation();
  useDocumentTitle(t('accessOrders.reports.title'));
  const [to, setTo] = useState(todayInSweden());
  const [from, setFrom] = useState(addCalendarDays(todayInSweden(), -365));
  const q = { from, to };
  const lead = useQuery({ queryKey: [...accessOrderKeys.all, 'report-lead', q], queryFn: () => accessOrdersApi.leadTimeReport(q) });
  const term = useQuery({ queryKey: [...accessOrderKeys.all, 'report-term', q], queryFn: () => accessOrdersApi.terminationReport(q) });
  const name = (r: { supplierName: string | null }) => r.supplierName ?? t('accessOrders.internal');
  return (
    <>
      <PageHeader title={t('accessOrders.reports.title')} />
      <Group mb="md">
        <TextInput
          id="ao-report-from"
          type="date"
          label={t('accessOrders.reports.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          id="ao-report-to"
          type="date"
          label={t('accessOrders.reports.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <Title order={2} mb="xs">
        {t('accessOrders.reports.leadTime')}
      </Title>
      {lead.isPending ? <Loading /> : null}
      {lead.isError ? <ErrorState error={lead.error} onRetry={() => void lead.refetch()} /> : null}
      {lead.data && lead.data.rows.length === 0 ? <EmptyState text={t('accessOrders.reports.empty')} /> : null}
      {lead.data && lead.data.rows.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <Table.Caption>{t('accessOrders.reports.leadTimeCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('accessOrders.supplier')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.newTotal')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.newLate')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.changeTotal')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.changeLate')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.onTime')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lead.data.rows.map((r) => (
                <Table.Tr key={r.supplierId ?? 'internal'}>
                  <Table.Th scope="row">{name(r)}</Table.Th>
                  <Table.Td>{r.newTotal}</Table.Td>
                  <Table.Td>{r.newLate}</Table.Td>
                  <Table.Td>{r.changeTotal}</Table.Td>
                  <Table.Td>{r.changeLate}</Table.Td>
                  <Table.Td>{r.onTimePercent === null ? '–' : `${r.onTimePercent} %`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Title order={2} mt="xl" mb="xs">
        {t('accessOrders.reports.terminations')}
      </Title>
      {term.isPending ? <Loading /> : null}
      {term.isError ? <ErrorState error={term.error} onRetry={() => void term.refetch()} /> : null}
      {term.data ? <Text mb="xs">{t('accessOrders.reports.threshold', { hours: term.data.thresholdHours })}</Text> : null}
      {term.data && term.data.rows.length === 0 ? <EmptyState text={t('accessOrders.reports.empty')} /> : null}
      {term.data && term.data.rows.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table>
            <Table.Caption>{t('accessOrders.reports.terminationsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('accessOrders.supplier')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.total')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.executed')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.open')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.median')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.max')}</Table.Th>
                <Table.Th scope="col">{t('accessOrders.reports.over')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {term.data.rows.map((r) => (
                <Table.Tr key={r.supplierId ?? 'internal'}>
                  <Table.Th scope="row">{name(r)}</Table.Th>
                  <Table.Td>{r.total}</Table.Td>
                  <Table.Td>{r.executed}</Table.Td>
                  <Table.Td>{r.open}</Table.Td>
                  <Table.Td>{fmt(r.medianHours)}</Table.Td>
                  <Table.Td>{fmt(r.maxHours)}</Table.Td>
                  <Table.Td>{r.overThreshold}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </>
  );
}
