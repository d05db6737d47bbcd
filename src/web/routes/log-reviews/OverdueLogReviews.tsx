import { Alert, Anchor, List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { logReviewKeys, logReviewsApi } from '../../api/log-reviews.js';
import { usePermission } from '../auth/session.js';
import { subjectText, useDate } from './parts.js';

const SHOWN = 5;

/** "Försenade loggkontroller" on arrival: the overdue reviews this person may see, with links (D3-04). */
export function OverdueLogReviews() {
  const { t } = useTranslation();
  const date = useDate();
  const may = usePermission('log-review');
  const overdue = useQuery({
    queryKey: [...logReviewKeys.reviews, 'overdue'],
    queryFn: () => logReviewsApi.list({ status: 'overdue', limit: SHOWN + 1 }),
    enabled: may,
  });
  if (!may || !overdue.isSuccess) return null;
  const items = overdue.data.items;
  return (
    <Alert
      // a region to find, not an alert that interrupts on every arrival
      role="region"
      aria-label={t('logReviews.overdueTitle')}
      color={items.length ? 'orange' : 'gray'}
      title={t('logReviews.overdueTitle')}
      mb="lg"
      maw={900}
      // Mantine's orange title text on its light orange is below AA contrast
      styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}
    >
      {items.length === 0 ? (
        <Text size="sm">{t('logReviews.overdueNone')}</Text>
      ) : (
        <>
          <List size="sm">
            {items.slice(0, SHOWN).map((r) => (
              <List.Item key={r.id}>
                <Anchor component={Link} to={`/log-reviews/${r.id}`} size="sm">
                  {t('logReviews.overdueItem', { subject: subjectText(t, r), date: date(r.dueOn) })}
                </Anchor>
              </List.Item>
            ))}
          </List>
          <Anchor component={Link} to="/log-reviews?status=overdue" size="sm" mt="xs" display="inline-block">
            {t('logReviews.overdueMore')}
          </Anchor>
        </>
      )}
    </Alert>
  );
}
