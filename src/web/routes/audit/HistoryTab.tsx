import { Fragment, useId, useState } from 'react';
import { Box, Button, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { auditKeys, historyApi, type HistoryPath } from '../../api/audit.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { ChangeTable } from './ChangeTable.js';
import { actorName } from './EventsTable.js';
import { actionLabel, formatDateTime } from './labels.js';

const ENTITY_TYPE: Record<HistoryPath, string> = {
  systems: 'system',
  'information-assets': 'information-asset',
  suppliers: 'supplier',
  'org-units': 'org-unit',
  measures: 'measure',
  risks: 'risk',
  'risk-analyses': 'risk',
  requirements: 'requirement',
  'policy-goals': 'policy-goal',
  'action-plans': 'action-plan',
  incidents: 'incident',
  exercises: 'exercise',
  // the audit trail names continuity documents (and a system's continuity) 'continuity'
  'continuity-documents': 'continuity',
  contracts: 'contract',
  'change-notices': 'change-notice',
  credentials: 'credential',
  'recertification-campaigns': 'recertification',
  'access-orders': 'access-order',
};

/**
 * A record's history, for the bottom of its page: "Historik" opens the list of who changed what and
 * when (read only when asked for, so the page itself costs no extra query). `masked`: this viewer sees
 * the record masked, and the server leaves out the values.
 */
export function HistoryTab({ path, id, masked = false }: { path: HistoryPath; id: string; masked?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <Box component="section" mt="xl" maw={900} aria-labelledby={`${panelId}-heading`}>
      <Title order={2} mb="xs" id={`${panelId}-heading`}>
        {t('audit.historyHeading')}
      </Title>
      <Text mb="sm">{t('audit.historyIntro')}</Text>
      <Button variant="default" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        {open ? t('audit.historyHide') : t('audit.historyShow')}
      </Button>
      <div id={panelId}>{open ? <HistoryList path={path} id={id} masked={masked} /> : null}</div>
    </Box>
  );
}

/** The history table alone, for places that have their own heading (a dialog, a card). */
export function HistoryList({ path, id, masked }: { path: HistoryPath; id: string; masked: boolean }) {
  const { t, i18n } = useTranslation();
  const entityType = ENTITY_TYPE[path];
  const list = useInfiniteQuery({
    queryKey: auditKeys.history(path, id),
    queryFn: ({ pageParam }) => historyApi.list(path, id, { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  if (list.isPending) return <Loading />;
  if (list.isError) {
    if (list.error instanceof ApiError && list.error.status === 403) return <Text mt="md">{t('audit.historyForbidden')}</Text>;
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (items.length === 0) return <EmptyState text={t('audit.historyEmpty')} />;
  return (
    <Stack gap="sm" mt="md">
      {masked ? <Text size="sm">{t('audit.historyMasked')}</Text> : null}
      <Table.ScrollContainer minWidth={560} type="native">
        <Table>
          <VisuallyHidden component="caption">{t('audit.historyCaption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('audit.colTime')}</Table.Th>
              <Table.Th scope="col">{t('audit.colActor')}</Table.Th>
              <Table.Th scope="col">{t('audit.colAction')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Fragment key={e.seq}>
                <Table.Tr>
                  <Table.Td>
                    <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                  </Table.Td>
                  <Table.Td>{actorName(t, e.actor)}</Table.Td>
                  <Table.Th scope="row" fw={500}>
                    {actionLabel(t, e.action)}
                  </Table.Th>
                </Table.Tr>
                {e.before !== null || e.after !== null ? (
                  <Table.Tr>
                    <Table.Td colSpan={3} pb="md">
                      <ChangeTable entityType={entityType} before={e.before} after={e.after} />
                    </Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.hasNextPage ? (
        <Box>
          <Button variant="default" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
          </Button>
        </Box>
      ) : null}
    </Stack>
  );
}
