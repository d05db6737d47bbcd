import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { logReviewKeys, logReviewsApi } from '../../api/log-reviews.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DetailFields } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { FollowUps } from './FollowUps.js';
import { ReviewMaterial } from './ReviewMaterial.js';
import { ReviewOutcome } from './ReviewOutcome.js';
import { ReviewStatus, subjectText, useDate } from './parts.js';

export function ReviewDetail() {
  const { t } = useTranslation();
  const { id } = useParams();
  const date = useDate();
  // Plans are the municipality's: planners and readers (auditors) see them, supplier staff do not.
  const mayPlan = usePermission('log-review', 'create');
  const mayUpdate = usePermission('log-review', 'update');
  const seesPlans = mayPlan || !mayUpdate;
  const query = useRecord(logReviewKeys.reviews, logReviewsApi.get, id);
  const review = query.data?.data;
  const title = review ? t('logReviews.reviewTitle', { subject: subjectText(t, review) }) : t('logReviews.title');
  useDocumentTitle(title);

  return (
    <Loaded query={query} title={t('logReviews.title')}>
      {({ data: r, etag }) => (
        <>
          <PageHeader title={title} />
          <DetailFields
            rows={[
              [t('logReviews.subjectKind'), r.subject === 'system' ? t('logReviews.subjectSystem') : t('logReviews.subjectSupplier')],
              [t('logReviews.period'), t('logReviews.periodValue', { from: date(r.periodFrom), to: date(r.periodTo) })],
              [t('logReviews.dueOn'), date(r.dueOn)],
              [t('logReviews.filterStatus'), <ReviewStatus status={r.status} overdue={r.overdue} />],
              [t('logReviews.reviewer'), r.reviewer.displayName],
              [t('logReviews.producer'), r.producer?.displayName],
              [
                t('logReviews.plan'),
                seesPlans ? (
                  <Anchor component={Link} to={`/log-reviews/plans/${r.planId}`}>
                    {t('logReviews.toPlan')}
                  </Anchor>
                ) : null,
              ],
            ]}
          />
          {r.scheduled ? null : (
            <Text mt="sm" c="dimmed">
              {t('logReviews.extra')}
            </Text>
          )}
          <ReviewMaterial review={r} etag={etag} />
          <ReviewOutcome review={r} etag={etag} />
          <FollowUps review={r} />
        </>
      )}
    </Loaded>
  );
}
