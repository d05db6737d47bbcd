import { Button, Group, NativeSelect, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { logReviewKeys, logReviewsApi, type ReviewQuery } from '../../api/log-reviews.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { ReviewStatus, subjectText, useDate, useSupplierOptions, useSystemOptions } from './parts.js';

const STATUSES = ['open', 'overdue', 'planned', 'material_attached', 'done', 'all'] as const;
type Status = (typeof STATUSES)[number];

/** The reviews, filtered by system, supplier and status (the filters live in the URL). */
export function LogReviewsList() {
  const { t } = useTranslation();
  useDocumentTitle(t('logReviews.title'));
  const date = useDate();
  const [params, setParams] = useSearchParams();
  const mayPlan = usePermission('log-review', 'create');
  const systems = useSystemOptions();
  const suppliers = useSupplierOptions();
  const raw = params.get('status') ?? 'open';
  const status: Status = (STATUSES as readonly string[]).includes(raw) ? (raw as Status) : 'open';
  const systemId = params.get('systemId') ?? '';
  const supplierId = params.get('supplierId') ?? '';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const query: ReviewQuery = { sort: status === 'done' || status === 'all' ? '-dueOn' : 'dueOn' };
  if (status !== 'all') query.status = status;
  if (systemId) query.systemId = systemId;
  if (supplierId) query.supplierId = supplierId;
  const list = usePagedList(logReviewKeys.reviews, query, logReviewsApi.list);
  const statusLabel = (s: Status) =>
    s === 'open' ? t('logReviews.statusOpen') : s === 'all' ? t('logReviews.statusAll') : t(`logReviews.status.${s}`);

  return (
    <>
      <PageHeader title={t('logReviews.title')}>
        <Button component={Link} to="/log-reviews/plans" variant="default">
          {t('logReviews.toPlans')}
        </Button>
        {mayPlan ? (
          <Button component={Link} to="/log-reviews/plans/new">
            {t('logReviews.newPlan')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={900}>
        {t('logReviews.intro')}
      </Text>
      <Group role="search" aria-label={t('logReviews.filters')} align="flex-end" gap="md" mb="lg" wrap="wrap">
        <NativeSelect
          id="log-reviews-status"
          label={t('logReviews.filterStatus')}
          data={STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
          value={status}
          onChange={(e) => set('status', e.currentTarget.value === 'open' ? '' : e.currentTarget.value)}
        />
        {systems.data ? (
          <NativeSelect
            id="log-reviews-system"
            label={t('logReviews.filterSystem')}
            data={[{ value: '', label: t('common.all') }, ...systems.data]}
            value={systemId}
            onChange={(e) => set('systemId', e.currentTarget.value)}
          />
        ) : null}
        {suppliers.data ? (
          <NativeSelect
            id="log-reviews-supplier"
            label={t('logReviews.filterSupplier')}
            data={[{ value: '', label: t('common.all') }, ...suppliers.data.map((s) => ({ value: s.id, label: s.name }))]}
            value={supplierId}
            onChange={(e) => set('supplierId', e.currentTarget.value)}
          />
        ) : null}
      </Group>
      <PagedTable
        list={list}
        // Reviews come from plans: there is no "add the first review" to offer.
        filtered
        empty={t('logReviews.empty')}
        emptyFiltered={status === 'open' && !systemId && !supplierId ? t('logReviews.empty') : t('logReviews.emptyFiltered')}
        emptyCta=""
        newTo="/log-reviews/plans/new"
        caption={t('logReviews.listCaption')}
        minWidth={760}
        head={
          <>
            <Table.Th scope="col">{t('logReviews.subject')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.period')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.filterStatus')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.result')}</Table.Th>
          </>
        }
        row={(r) => (
          <>
            <NameCell to={`/log-reviews/${r.id}`} name={subjectText(t, r)} />
            <Table.Td>{date(r.dueOn)}</Table.Td>
            <Table.Td>{t('logReviews.periodValue', { from: date(r.periodFrom), to: date(r.periodTo) })}</Table.Td>
            <Table.Td>
              <ReviewStatus status={r.status} overdue={r.overdue} />
            </Table.Td>
            <Table.Td>{r.outcome ? t(`logReviews.outcome.${r.outcome}`) : '–'}</Table.Td>
          </>
        )}
      />
    </>
  );
}
