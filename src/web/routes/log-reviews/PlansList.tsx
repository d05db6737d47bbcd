import { Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { logReviewKeys, logReviewPlansApi } from '../../api/log-reviews.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ArchivedBadge } from '../../components/StatusBadge.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { ReviewStatus, subjectText, useDate } from './parts.js';

/** The plans, ordered by their next review. */
export function PlansList() {
  const { t } = useTranslation();
  useDocumentTitle(t('logReviews.plansTitle'));
  const date = useDate();
  const mayPlan = usePermission('log-review', 'create');
  const list = usePagedList(logReviewKeys.plans, {}, logReviewPlansApi.list);

  return (
    <>
      <PageHeader title={t('logReviews.plansTitle')}>
        <Button component={Link} to="/log-reviews" variant="default">
          {t('logReviews.toReviews')}
        </Button>
        {mayPlan ? (
          <Button component={Link} to="/log-reviews/plans/new">
            {t('logReviews.newPlan')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={900}>
        {t('logReviews.plansIntro')}
      </Text>
      <PagedTable
        list={list}
        filtered={!mayPlan}
        empty={t('logReviews.plansEmpty')}
        emptyFiltered={t('logReviews.plansEmpty')}
        emptyCta={t('logReviews.plansEmptyCta')}
        newTo="/log-reviews/plans/new"
        caption={t('logReviews.plansCaption')}
        minWidth={760}
        head={
          <>
            <Table.Th scope="col">{t('logReviews.subject')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.interval')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.reviewer')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.nextReview')}</Table.Th>
            <Table.Th scope="col">{t('logReviews.lastDone')}</Table.Th>
          </>
        }
        row={(p) => (
          <>
            <NameCell to={`/log-reviews/plans/${p.id}`} name={subjectText(t, p)}>
              {p.archived ? <ArchivedBadge /> : null}
            </NameCell>
            <Table.Td>{t('logReviews.intervalValue', { count: p.intervalMonths })}</Table.Td>
            <Table.Td>{p.reviewer.displayName}</Table.Td>
            <Table.Td>
              {p.nextReview ? (
                <>
                  {date(p.nextReview.dueOn)}
                  {p.nextReview.overdue ? <ReviewStatus status={p.nextReview.status} overdue /> : null}
                </>
              ) : (
                '–'
              )}
            </Table.Td>
            <Table.Td>{p.lastDone ? date(p.lastDone.dueOn) : t('logReviews.noneYet')}</Table.Td>
          </>
        )}
      />
    </>
  );
}
