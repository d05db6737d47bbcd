import { useState } from 'react';
import { Badge, Button, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../../components/States.js';
import { useDocumentTitle } from '../../../components/useDocumentTitle.js';
import { formatDate } from '../../../components/format.js';
import { usePermission } from '../../auth/session.js';
import { obligationKeys, obligationsApi, type Regime } from './api.js';
import { RegimeForm } from './RegimeForm.js';

/** "72 timmar från kännedom", "1 månad efter incidentanmälan", "snarast (kommunens mål: 72 timmar)". */
export function describeDeadline(t: TFunction, d: Regime['deadline'], names: Map<string, string>): string {
  switch (d.kind) {
    case 'hours':
      return t('obligations.regimes.deadline.hours', { count: d.hours });
    case 'asap':
      return t('obligations.regimes.deadline.asap', { count: d.targetHours });
    case 'months-after':
      return t('obligations.regimes.deadline.monthsAfter', { count: d.months, after: names.get(d.after) ?? d.after });
  }
}

function RegimeTable({ caption, rows, names }: { caption: string; rows: Regime[]; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped withTableBorder>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('obligations.regimes.col.name')}</Table.Th>
            <Table.Th scope="col">{t('obligations.regimes.col.recipient')}</Table.Th>
            <Table.Th scope="col">{t('obligations.regimes.col.deadline')}</Table.Th>
            <Table.Th scope="col">{t('obligations.regimes.col.legalBasis')}</Table.Th>
            <Table.Th scope="col">{t('obligations.regimes.col.version')}</Table.Th>
            <Table.Th scope="col">{t('obligations.regimes.col.validFrom')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row" fw={500}>
                {r.name}
              </Table.Th>
              <Table.Td>{r.recipient}</Table.Td>
              <Table.Td>{describeDeadline(t, r.deadline, names)}</Table.Td>
              <Table.Td>{r.legalBasis}</Table.Td>
              <Table.Td>
                {r.version}{' '}
                <Badge variant="light" color={r.own ? 'blue' : 'gray'} c="dark.9" tt="none">
                  {r.own ? t('obligations.regimes.own') : t('obligations.regimes.shipped')}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(r.validFrom, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /admin/reporting-regimes: the reporting rules in force (recipients, deadlines, form fields) and a tenant's own versions. */
export function RegimesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('obligations.regimes.title'));
  const mayCreate = usePermission('incident-settings', 'create');
  const [adding, setAddingState] = useState(false);
  // the button and the form take each other's place: the keyboard follows to the form and back
  const setAdding = (on: boolean) => {
    setAddingState(on);
    requestAnimationFrame(() => document.getElementById(on ? 'regime-form-heading' : 'regime-add')?.focus());
  };
  const query = useQuery({ queryKey: obligationKeys.regimes, queryFn: () => obligationsApi.regimes() });
  return (
    <>
      <PageHeader title={t('obligations.regimes.title')}>
        {mayCreate && !adding && query.data ? (
          <Button id="regime-add" onClick={() => setAdding(true)}>
            {t('obligations.regimes.add')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={760}>
        {t('obligations.regimes.intro')}
      </Text>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        (() => {
          const names = new Map(query.data.items.map((r) => [r.code, r.name]));
          return (
            <>
              {adding ? <RegimeForm current={query.data.items} onDone={() => setAdding(false)} /> : null}
              <Title order={2} mb="sm">
                {t('obligations.regimes.current')}
              </Title>
              {query.data.items.length ? (
                <RegimeTable caption={t('obligations.regimes.currentCaption')} rows={query.data.items} names={names} />
              ) : (
                <EmptyState text={t('obligations.regimes.empty')} />
              )}
              <Title order={2} mt="xl" mb="sm">
                {t('obligations.regimes.history')}
              </Title>
              {query.data.history.length ? (
                <RegimeTable caption={t('obligations.regimes.historyCaption')} rows={query.data.history} names={names} />
              ) : (
                <Text>{t('obligations.regimes.noHistory')}</Text>
              )}
            </>
          );
        })()
      )}
    </>
  );
}
