import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExportButtons } from '../../components/ExportButtons.js';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { measureKeys, measuresApi, type Measure, type MeasureQuery } from './api.js';

export const STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'cancelled'] as const;
export const ORIGINS = [
  'gap',
  'risk',
  'incident',
  'supplier_deficiency',
  'exercise',
  'log_review',
  'follow_up',
  'needs_analysis',
  'other',
] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;

/** The measures register as a board (one column per status) or a filterable table with export. */
export function MeasuresBoard() {
  const { t } = useTranslation();
  useDocumentTitle(t('measures.title'));
  const mayCreate = usePermission('measure', 'create');
  const mayGoals = usePermission('policy-goal');
  const [view, setView] = useState<'board' | 'table'>('board');
  const [filters, setFilters] = useState<{ q: string; status: string; origin: string; overdue: boolean }>({
    q: '',
    status: '',
    origin: '',
    overdue: false,
  });
  const query: MeasureQuery = {
    limit: 200,
    ...(filters.q ? { q: filters.q } : {}),
    ...(view === 'table' && filters.status ? { status: filters.status as MeasureQuery['status'] } : {}),
    ...(filters.origin ? { origin: filters.origin as MeasureQuery['origin'] } : {}),
    ...(filters.overdue ? { overdue: 'true' as const } : {}),
  };
  const list = useQuery({ queryKey: [...measureKeys.all, 'list', query], queryFn: () => measuresApi.list(query) });
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
        <EmptyState text={t('measures.empty')} />
      ) : view === 'board' ? (
        <Board items={list.data.items} />
      ) : (
        <MeasureTable items={list.data.items} />
      )}
    </>
  );
}

export function DueText({ m }: { m: Pick<Measure, 'dueOn' | 'overdue'> }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="sm">
      {t('measures.dueOn')}: {formatDate(m.dueOn, i18n.language) ?? t('measures.noDue')}
      {m.overdue ? (
        <Badge color="red" variant="light" ml="xs">
          {t('measures.overdue')}
        </Badge>
      ) : null}
    </Text>
  );
}

function Board({ items }: { items: Measure[] }) {
  const { t } = useTranslation();
  const [showCancelled, setShowCancelled] = useState(false);
  const columns = STATUSES.filter((s) => s !== 'cancelled' || showCancelled);
  return (
    <>
      <Checkbox
        mb="sm"
        label={t('measures.showCancelled')}
        checked={showCancelled}
        onChange={(e) => setShowCancelled(e.currentTarget.checked)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: columns.length }} spacing="md">
        {columns.map((status) => {
          const inColumn = items.filter((m) => m.status === status);
          return (
            <section key={status} aria-labelledby={`col-${status}`}>
              <Title order={2} size="h4" id={`col-${status}`} mb="xs">
                {t(`measures.status.${status}`)} ({t('measures.columnCount', { count: inColumn.length })})
              </Title>
              <Stack gap="sm">
                {inColumn.length === 0 ? (
                  <Text size="sm">{t('measures.emptyColumn')}</Text>
                ) : (
                  inColumn.map((m) => <MeasureCard key={m.id} m={m} />)
                )}
              </Stack>
            </section>
          );
        })}
      </SimpleGrid>
    </>
  );
}

function MeasureCard({ m }: { m: Measure }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const title = m.title ?? t('measures.secretTitle');
  const mayUpdate = m.allowedActions.includes('update');
  const move = async (status: string) => {
    setBusy(true);
    try {
      await measuresApi.update(m.id, `"v${m.version}"`, { status: status as Measure['status'] });
      await client.invalidateQueries({ queryKey: measureKeys.all });
      notify(t('measures.statusChanged'));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="sm" component="article" aria-label={title}>
      <Anchor component={Link} to={`/measures/${m.id}`} fw={600}>
        {title}
      </Anchor>
      <Text size="sm">
        {t('measures.originLabel')}: {t(`measures.origin.${m.origin}`)}
      </Text>
      <Text size="sm">
        {t('measures.owner')}: {m.owner?.displayName ?? t('measures.noOwner')}
      </Text>
      <DueText m={m} />
      <Text size="sm">
        {t('measures.priorityLabel')}: {t(`measures.priority.${m.priority}`)}
      </Text>
      {mayUpdate ? (
        <NativeSelect
          mt="xs"
          size="xs"
          label={t('measures.changeStatus', { title })}
          value={m.status}
          disabled={busy}
          onChange={(e) => void move(e.currentTarget.value)}
          data={STATUSES.map((s) => ({ value: s, label: t(`measures.status.${s}`) }))}
        />
      ) : null}
    </Card>
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
