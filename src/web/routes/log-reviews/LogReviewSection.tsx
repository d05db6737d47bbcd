import { Anchor, Button, Group, List, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { logReviewKeys, logReviewPlansApi } from '../../api/log-reviews.js';
import { usePermission } from '../auth/session.js';
import { ReviewStatus, useDate } from './parts.js';

/**
 * "Loggkontroll" on a system's or a supplier's page (D0-16, D3-04): its plans with their next review,
 * a link to the review history and to a new plan. Shown to those who may read log reviews.
 */
export function LogReviewSection({ systemId, supplierId }: { systemId?: string; supplierId?: string }) {
  const { t } = useTranslation();
  const date = useDate();
  const mayRead = usePermission('log-review');
  const mayPlan = usePermission('log-review', 'create');
  const filter: Record<string, string> = systemId ? { systemId } : { supplierId: supplierId ?? '' };
  const plans = useQuery({
    queryKey: [...logReviewKeys.plans, 'for', filter],
    queryFn: () => logReviewPlansApi.list({ ...filter, limit: 50 }),
    enabled: mayRead,
  });
  if (!mayRead) return null;
  const query = new URLSearchParams({ ...filter, status: 'all' }).toString();
  const items = plans.data?.items ?? [];

  return (
    <section aria-labelledby="log-review-section">
      <Title order={2} mt="xl" mb="sm" id="log-review-section">
        {t('logReviews.section')}
      </Title>
      {plans.isSuccess && items.length === 0 ? <Text mb="sm">{t('logReviews.sectionEmpty')}</Text> : null}
      {items.length > 0 ? (
        <List mb="sm">
          {items.map((p) => (
            <List.Item key={p.id}>
              <Group gap="xs">
                <Anchor component={Link} to={`/log-reviews/plans/${p.id}`}>
                  {t('logReviews.intervalValue', { count: p.intervalMonths })}
                </Anchor>
                {p.nextReview ? (
                  <>
                    <Text span>
                      {t('logReviews.nextReview')}: {date(p.nextReview.dueOn)}
                    </Text>
                    {p.nextReview.overdue ? <ReviewStatus status={p.nextReview.status} overdue /> : null}
                  </>
                ) : null}
              </Group>
            </List.Item>
          ))}
        </List>
      ) : null}
      <Group>
        <Button component={Link} to={`/log-reviews?${query}`} variant="default" size="xs">
          {t('logReviews.sectionHistory')}
        </Button>
        {mayPlan ? (
          <Button component={Link} to={`/log-reviews/plans/new?${new URLSearchParams(filter).toString()}`} size="xs">
            {t('logReviews.newPlanFor')}
          </Button>
        ) : null}
      </Group>
    </section>
  );
}
