import { Badge, Group } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Tagged } from '../../api/client.js';
import { logReviewKeys, logReviewPlansApi, type LogReview, type LogReviewItem } from '../../api/log-reviews.js';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { formatDate } from '../../components/format.js';
import { systemChoicesQuery } from '../../components/options.js';
import { usePermission } from '../auth/session.js';

type Subject = Pick<LogReviewItem, 'subject' | 'supplier' | 'systems'>;

/** What a plan or review is about, in words: "Procapita", or "Omsorg AB, i Procapita". */
export function subjectText(t: TFunction, s: Subject): string {
  const systems = s.systems.map((x) => x.name ?? t('logReviews.maskedSystem')).join(', ');
  if (s.subject === 'system') return systems;
  const supplier = s.supplier?.name ?? '';
  return systems ? t('logReviews.supplierSystems', { supplier, systems }) : t('logReviews.supplierStaff', { supplier });
}

// Light backgrounds with near-black text: Mantine's coloured light text is below AA contrast.
const COLORS = { planned: 'tillit', material_attached: 'yellow', done: 'green' } as const;

export function ReviewStatus({ status, overdue }: { status: LogReviewItem['status']; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="light" color={COLORS[status]} c="dark.9" tt="none">
        {t(`logReviews.status.${status}`)}
      </Badge>
      {overdue ? (
        <Badge variant="light" color="red" c="dark.9" tt="none">
          {t('logReviews.overdueBadge')}
        </Badge>
      ) : null}
    </Group>
  );
}

export const useDate = () => {
  const { i18n } = useTranslation();
  return (value: string | null | undefined) => formatDate(value, i18n.language) ?? '';
};

/** Systems for pickers and filters, when the user may read the system register. */
export function useSystemOptions() {
  const may = usePermission('system');
  const { t } = useTranslation();
  // The shared cache entry holds system choices; `select` shapes them for this page only.
  return useQuery({
    ...systemChoicesQuery(),
    select: (items) => items.map((s) => ({ value: s.id, label: s.name ?? t('logReviews.maskedSystem') })),
    enabled: may,
  });
}

export function useSupplierOptions() {
  return useQuery({
    queryKey: identityKeys.suppliers,
    queryFn: supplierOptionsApi.list,
    staleTime: 60_000,
  });
}

/** People who may review (or, municipal ones, produce the material); only for those who may plan. */
export function usePeople() {
  const may = usePermission('log-review', 'create');
  return useQuery({
    queryKey: logReviewKeys.people,
    queryFn: async () => (await logReviewPlansApi.people()).items,
    enabled: may,
    staleTime: 60_000,
  });
}

/** After a change: show the new version at once and refresh the lists and the plan. */
export function useReviewSaved() {
  const client = useQueryClient();
  return async (saved: Tagged<LogReview>) => {
    client.setQueryData([...logReviewKeys.reviews, saved.data.id], saved);
    await client.invalidateQueries({ queryKey: logReviewKeys.all, predicate: (q) => q.queryKey[2] !== saved.data.id });
  };
}
