import { Anchor, Badge, Box, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { formatDate } from '../../components/format.js';
import { notificationKeys, notificationsApi, type NotificationItem } from './api.js';
import { formatMoment, useKindLabel } from './labels.js';

/** The notification centre: newest first, unread marked, each linking to what it is about. */
export function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.title'));
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ pageParam }) =>
      notificationsApi.list({ limit: 30, ...(unreadOnly ? { unread: 'true' as const } : {}), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => client.invalidateQueries({ queryKey: notificationKeys.all });

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      notify(done);
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      await refresh();
    }
  };

  return (
    <>
      <PageHeader title={t('notifications.title')}>
        <Button variant="default" component={Link} to="/notifications/settings">
          {t('notifications.settingsLink')}
        </Button>
        {items.some((n) => !n.readAt) ? (
          <Button onClick={() => void run(() => notificationsApi.markAllRead(), t('notifications.allMarked'))}>
            {t('notifications.markAll')}
          </Button>
        ) : null}
      </PageHeader>
      <Stack gap="md">
        <Switch label={t('notifications.unreadOnly')} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
        {list.isPending ? <Loading /> : null}
        {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isSuccess && items.length === 0 ? (
          <EmptyState text={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')} />
        ) : null}
        {items.length > 0 ? (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('notifications.listLabel')}>
            {items.map((n) => (
              <NotificationRow
                key={n.id}
                n={n}
                onRead={() => void run(() => notificationsApi.markRead(n.id), t('notifications.marked'))}
                // following the link reads it: marked quietly, the list refreshes when the person comes back
                onOpen={() => void notificationsApi.markRead(n.id).then(refresh, () => undefined)}
              />
            ))}
          </Stack>
        ) : null}
        {list.hasNextPage ? (
          <Group>
            <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('common.showMore')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </>
  );
}

function NotificationRow({ n, onRead, onOpen }: { n: NotificationItem; onRead: () => void; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const kindLabel = useKindLabel();
  const unread = !n.readAt;
  const title = n.link ? (
    <Anchor component={Link} to={n.link} fw={unread ? 700 : 400} onClick={unread ? onOpen : undefined}>
      {n.title}
    </Anchor>
  ) : (
    <Text span fw={unread ? 700 : 400}>
      {n.title}
    </Text>
  );
  return (
    <Paper component="li" withBorder p="md" bg={unread ? 'tillit.0' : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Box>
          <Title order={2} fz="md" fw={400}>
            {unread ? (
              <Badge mr="xs" size="sm" variant="filled">
                {t('notifications.unread')}
              </Badge>
            ) : null}
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {kindLabel(n.kind)} · {formatMoment(n.createdAt, i18n.language)}
            {n.dueAt ? ` · ${t('notifications.dueAt', { date: formatDate(n.dueAt, i18n.language) })}` : ''}
          </Text>
        </Box>
        {unread ? (
          <Button variant="default" size="xs" onClick={onRead} aria-label={t('notifications.markReadNamed', { title: n.title })}>
            {t('notifications.markRead')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
