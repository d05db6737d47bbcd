import { useState } from 'react';
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, SegmentedControl, Table, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ExportButtons } from '../../components/ExportButtons.js';
import { formatDate } from '../../components/format.js';
import { useDebounced } from '../../components/hooks.js';
import { useSystemOptions } from '../../components/options.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { measureKeys, measuresApi, type Measure, type MeasureQuery } from './api.js';
import { Board } from './Board.js';
import { ORIGINS, STATUSES } from './parts.js';

const LIMIT = 200;

export { DueText, ORIGINS, PRIORITIES, STATUSES } from './parts.js';

/** The measures register as a board (one column per status) or a filterable table with export. */
export function MeasuresBoard() {
  const { t } = useTranslation();
  useDocumentTitle(t('measures.title'));
  const mayCreate = usePermission('measure', 'create');
  const mayGoals = usePermission('policy-goal');
  const [view, setView] = useState<'board' | 'table'>('board');
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<{ q: string; status: string; origin: string; systemId: string; overdue: boolean }>({
    q: '',
    status: '',
    origin: '',
    // a system's page links here with its id
    systemId: params.get('systemId') ?? '',
    overdue: false,
  });
  const q = useDebounced(filters.q.trim());
  const systems = useSystemOptions({ keep: filters.systemId ? [filters.systemId] : [] });
  const query: MeasureQuery = {
    limit: LIMIT,
    ...(q ? { q } : {}),
    ...(filters.systemId ? { systemId: filters.systemId } : {}),
    ...(view === 'table' && filters.status ? { status: filters.status as MeasureQuery['status'] } : {}),
    ...(filters.origin ? { origin: filters.origin as MeasureQuery['origin'] } : {}),
    ...(filters.overdue ? { overdue: 'true' as const } : {}),
  };
  // The previous result stays while a new search loads, so the board does not flash "Loading".
  const list = useQuery({
    queryKey: [...measureKeys.all, 'list', query],
    queryFn: () => measuresApi.list(query),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(q || filters.systemId || filters.origin || filters.overdue || (view === 'table' && filters.status));
  const exportQuery = new URLSearchParams(
    Object.entries(query)
      .filter(([k]) => k !== 'limit')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

  return (
    <>
      <PageHeader title={t('measures.title')}>
        {mayCreate ? (
          <Button component={Link} to="/measures/new">
            {t('measures.new')}
          </Button>
        ) : null}
        {mayGoals ? (
          <Button component={Link} to="/policy-goals" variant="default">
            {t('measures.goalsLink')}
          </Button>
        ) : null}
        <ExportButtons
          path="/api/v1/measures"
          query={exportQuery}
          filename="atgarder"
          csvLabel={t('measures.csv')}
          xlsxLabel={t('measures.xlsx')}
          failedText={t('measures.exportFailed')}
        />
      </PageHeader>
      <Group align="flex-end" mb="md" gap="md">
        <SegmentedControl
          aria-label={t('measures.view')}
          value={view}
          onChange={(v) => setView(v as 'board' | 'table')}
          data={[
            { value: 'board', label: t('measures.board') },
            { value: 'table', label: t('measures.table') },
          ]}
        />
        <TextInput label={t('measures.search')} value={filters.q} onChange={(e) => setFilters({ ...filters, q: e.currentTarget.value })} />
        {view === 'table' ? (
          <NativeSelect
            label={t('measures.filterStatus')}
            value={filters.status}
            onChange={(e) => setFilters({ ...filters, status: e.currentTarget.value })}
            data={[{ value: '', label: t('measures.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`measures.status.${s}`) }))]}
          />
        ) : null}
        <NativeSelect
          label={t('measures.filterOrigin')}
          value={filters.origin}
          onChange={(e) => setFilters({ ...filters, origin: e.currentTarget.value })}
          data={[{ value: '', label: t('measures.all') }, ...ORIGINS.map((s) => ({ value: s, label: t(`measures.origin.${s}`) }))]}
        />
        {systems.options.length ? (
          <NativeSelect
            label={t('measures.filterSystem')}
            value={filters.systemId}
            onChange={(e) => setFilters({ ...filters, systemId: e.currentTarget.value })}
            data={[{ value: '', label: t('measures.all') }, ...systems.options]}
          />
        ) : null}
        <Checkbox
          label={t('measures.filterOverdue')}
          checked={filters.overdue}
          onChange={(e) => setFilters({ ...filters, overdue: e.currentTarget.checked })}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState text={filtered ? t('measures.emptyFiltered') : t('measures.empty')} />
      ) : (
        <>
          {list.data.nextCursor ? (
            <Alert color="yellow" mb="md" title={t('measures.truncatedTitle', { count: LIMIT })}>
              {t('measures.truncated', { count: LIMIT })}
            </Alert>
          ) : null}
          {view === 'board' ? <Board items={list.data.items} /> : <MeasureTable items={list.data.items} />}
        </>
      )}
    </>
  );
}

function MeasureTable({ items }: { items: Measure[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped>
        <Table.Caption>{t('measures.title')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('measures.titleLabel')}</Table.Th>
            <Table.Th scope="col">{t('measures.statusLabel')}</Table.Th>
            <Table.Th scope="col">{t('measures.originLabel')}</Table.Th>
            <Table.Th scope="col">{t('measures.owner')}</Table.Th>
            <Table.Th scope="col">{t('measures.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('measures.priorityLabel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/measures/${m.id}`}>
                  {m.title ?? t('measures.secretTitle')}
                </Anchor>
              </Table.Th>
              <Table.Td>{t(`measures.status.${m.status}`)}</Table.Td>
              <Table.Td>{t(`measures.origin.${m.origin}`)}</Table.Td>
              <Table.Td>{m.owner?.displayName ?? '–'}</Table.Td>
              <Table.Td>
                {formatDate(m.dueOn, i18n.language) ?? '–'}
                {m.overdue ? ` (${t('measures.overdue')})` : ''}
              </Table.Td>
              <Table.Td>{t(`measures.priority.${m.priority}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
