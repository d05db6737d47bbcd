import { Alert, Anchor, List } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../auth/session.js';
import { classificationApi, classificationKeys } from './api.js';
import { useDate } from './parts.js';

const SHOWN = 5;

/** "Klassningar att ompröva" on arrival (D2-23): the ones this person may renew, due soon or overdue. */
export function ReviewsDueNotice() {
  const { t } = useTranslation();
  const date = useDate();
  const may = usePermission('information-asset', 'update');
  const due = useQuery({ queryKey: classificationKeys.reviewsDue, queryFn: classificationApi.reviewsDue, enabled: may });
  if (!may || !due.isSuccess) return null;
  const items = [
    ...due.data.assets.map((a) => ({ ...a, to: `/information-assets/${a.id}`, name: a.name ?? t('secrecy.maskedAsset') })),
    ...due.data.systems.map((s) => ({ ...s, to: `/systems/${s.id}`, name: s.name ?? t('secrecy.maskedSystem') })),
  ];
  if (items.length === 0) return null;
  return (
    <Alert
      role="region"
      aria-label={t('classification.reviewsDue.title')}
      color="yellow"
      title={t('classification.reviewsDue.title')}
      mb="lg"
      maw={900}
      styles={{ title: { color: 'var(--mantine-color-dark-9)' } }}
    >
      <List size="sm">
        {items.slice(0, SHOWN).map((x) => (
          <List.Item key={x.id}>
            <Anchor component={Link} to={x.to} size="sm">
              {t(`classification.reviewsDue.${x.state === 'overdue' ? 'overdue' : x.state === 'below_minimum' ? 'belowMinimum' : 'soon'}`, {
                name: x.name,
                date: date(x.nextReviewOn),
              })}
            </Anchor>
          </List.Item>
        ))}
      </List>
      <Anchor component={Link} to="/classification" size="sm" mt="xs" display="inline-block">
        {t('classification.reviewsDue.more')}
      </Anchor>
    </Alert>
  );
}
