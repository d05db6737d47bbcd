import { Fragment, useState } from 'react';
import { Anchor, Box, Button, Code, DataList, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AuditEvent } from '../../api/audit.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { ChangeTable } from './ChangeTable.js';
import type { FilterKey } from './filters.js';
import { actionLabel, entityPath, entityTypeLabel, formatDateTime, objectName } from './labels.js';

type Page = { items: AuditEvent[]; nextCursor: string | null };

export const actorName = (t: (k: string) => string, actor: AuditEvent['actor']): string =>
  actor ? actor.displayName || actor.email : t('audit.systemActor');

function ObjectCell({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const type = entityTypeLabel(t, event.entityType);
  const name = objectName(event.before, event.after);
  const to = entityPath(event.entityType, event.entityId);
  return (
    <>
      <Text size="sm">{type}</Text>
      {to ? (
        <Anchor component={Link} to={to} size="sm">
          {name ?? t('audit.objectId')}
          {name ? null : <Text span size="xs" ff="monospace">{` ${event.entityId!.slice(0, 8)}`}</Text>}
        </Anchor>
      ) : name ? (
        <Text size="sm">{name}</Text>
      ) : null}
    </>
  );
}

function EventDetails({ event, onFilter }: { event: AuditEvent; onFilter: (key: FilterKey, value: string) => void }) {
  const { t } = useTranslation();
  const meta: [string, string | null][] = [
    [t('audit.eventNumber'), String(event.tenantSeq)],
    [t('audit.objectId'), event.entityId],
    [t('audit.requestId'), event.requestId],
    [t('audit.hash'), event.hash],
    [t('audit.prevHash'), event.prevHash],
  ];
  return (
    <Stack gap="md" py="xs">
      <ChangeTable entityType={event.entityType} before={event.before} after={event.after} />
      <DataList labelWidth={200} withDivider>
        {meta
          .filter(([, v]) => v)
          .map(([label, v]) => (
            <DataList.Item key={label}>
              <DataList.ItemLabel>{label}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{v}</Code>
              </DataList.ItemValue>
            </DataList.Item>
          ))}
      </DataList>
      <Group gap="sm">
        {event.actor ? (
          <Button variant="default" size="xs" onClick={() => onFilter('actorId', event.actor!.id)}>
            {t('audit.filterByActor', { name: actorName(t, event.actor) })}
          </Button>
        ) : null}
        {event.entityId ? (
          <Button variant="default" size="xs" onClick={() => onFilter('entityId', event.entityId!)}>
            {t('audit.filterByObject')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}

interface Props {
  list: UseInfiniteQueryResult<InfiniteData<Page>>;
  filtered: boolean;
  onFilter: (key: FilterKey, value: string) => void;
}

/** The events, newest first; each row opens to show the changed fields and the chain data. */
export function EventsTable({ list, filtered, onFilter }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (seq: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });

  return (
    <>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <EmptyState text={filtered ? t('audit.emptyFiltered') : t('audit.empty')} /> : null}
      {items.length > 0 ? (
        <Box aria-busy={list.isPlaceholderData || undefined}>
          <Table.ScrollContainer minWidth={900} type="native">
            <Table>
              <VisuallyHidden component="caption">{t('audit.caption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.colTime')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colActor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colAction')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colObject')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colAddress')}</Table.Th>
                  <Table.Th scope="col">{t('audit.colDetails')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => {
                  const expanded = open.has(e.seq);
                  const detailsId = `audit-event-${e.seq}`;
                  return (
                    <Fragment key={e.seq}>
                      <Table.Tr>
                        <Table.Td>
                          <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{actorName(t, e.actor)}</Text>
                          {e.actor && e.actor.displayName && e.actor.email && e.actor.displayName !== e.actor.email ? (
                            <Text size="xs" c="dimmed">
                              {e.actor.email}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Th scope="row" fw={500}>
                          {actionLabel(t, e.action)}
                        </Table.Th>
                        <Table.Td>
                          <ObjectCell event={e} />
                        </Table.Td>
                        <Table.Td>{e.clientAddress ?? ''}</Table.Td>
                        <Table.Td>
                          <Button
                            variant="subtle"
                            size="xs"
                            aria-expanded={expanded}
                            aria-controls={expanded ? detailsId : undefined}
                            aria-label={t(expanded ? 'audit.hideDetailsFor' : 'audit.showDetailsFor', { n: e.tenantSeq })}
                            onClick={() => toggle(e.seq)}
                          >
                            {expanded ? t('audit.hideDetails') : t('audit.showDetails')}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                      {expanded ? (
                        <Table.Tr id={detailsId}>
                          <Table.Td colSpan={6}>
                            <EventDetails event={e} onFilter={onFilter} />
                          </Table.Td>
                        </Table.Tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Box>
      ) : null}
      {list.hasNextPage ? (
        <Button variant="default" mt="md" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
        </Button>
      ) : null}
    </>
  );
}
