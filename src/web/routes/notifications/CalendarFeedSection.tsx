import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, useErrorText } from '../../components/States.js';
import { ConfirmDialog } from '../admin/users/ConfirmDialog.js';
import { notificationKeys, notificationsApi } from './api.js';
import { formatMoment } from './labels.js';

/** The ICS feed of the person's deadlines: make an address (shown once), copy it, turn it off. */
export function CalendarFeedSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const feed = useQuery({ queryKey: notificationKeys.feed, queryFn: () => notificationsApi.feed() });
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<'replace' | 'revoke' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: notificationKeys.feed });

  const create = async () => {
    setBusy(true);
    try {
      const made = await notificationsApi.createFeed();
      setUrl(made.url);
      await refresh();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    await notificationsApi.revokeFeed();
    setUrl(null);
    notify(t('notifications.feedRevoked'));
    await refresh();
  };
  const active = feed.data?.active ?? false;

  return (
    <Paper component="section" aria-labelledby="feed-heading" withBorder p="lg">
      <Title order={2} id="feed-heading" mb="sm">
        {t('notifications.feedTitle')}
      </Title>
      <Stack>
        <Text>{t('notifications.feedIntro')}</Text>
        {feed.isPending ? <Loading /> : null}
        {feed.isError ? <ErrorState error={feed.error} onRetry={() => void feed.refetch()} /> : null}
        {url ? (
          <Alert color="tillit" title={t('notifications.feedCreatedTitle')}>
            <Stack gap="xs">
              <Text>{t('notifications.feedCreatedBody')}</Text>
              <Group align="flex-end" wrap="nowrap">
                <TextInput
                  id="feed-url"
                  label={t('notifications.feedUrl')}
                  value={url}
                  readOnly
                  style={{ flex: 1 }}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton value={url}>
                  {({ copied, copy }) => (
                    <Button variant="default" onClick={copy} aria-live="polite">
                      {copied ? t('notifications.copied') : t('notifications.copy')}
                    </Button>
                  )}
                </CopyButton>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        {feed.isSuccess ? (
          <Text>
            {active
              ? t('notifications.feedActive', {
                  created: feed.data.createdAt ? formatMoment(feed.data.createdAt, i18n.language) : '',
                  used: feed.data.lastUsedAt ? formatMoment(feed.data.lastUsedAt, i18n.language) : t('notifications.feedNeverUsed'),
                })
              : t('notifications.feedNone')}
          </Text>
        ) : null}
        {feed.isSuccess ? (
          <Group>
            <Button loading={busy} onClick={() => (active ? setConfirm('replace') : void create())}>
              {active ? t('notifications.feedReplace') : t('notifications.feedCreate')}
            </Button>
            {active ? (
              <Button variant="outline" color="red" onClick={() => setConfirm('revoke')}>
                {t('notifications.feedRevoke')}
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={confirm === 'revoke'}
        title={t('notifications.feedRevokeTitle')}
        body={t('notifications.feedRevokeBody')}
        confirmLabel={t('notifications.feedRevoke')}
        onConfirm={revoke}
        onClose={() => setConfirm(null)}
      />
      <ConfirmDialog
        opened={confirm === 'replace'}
        title={t('notifications.feedReplaceTitle')}
        body={t('notifications.feedReplaceBody')}
        confirmLabel={t('notifications.feedReplace')}
        onConfirm={create}
        onClose={() => setConfirm(null)}
      />
    </Paper>
  );
}
