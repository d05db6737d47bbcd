import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../../api/client.js';
import { accountApi, identityKeys, keys, type SessionRecord } from '../../api/resources.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { ConfirmDialog } from '../admin/users/ConfirmDialog.js';
import { sessionLabel, SessionTable } from '../admin/users/SessionTable.js';

type Dialog = { kind: 'one'; session: SessionRecord } | { kind: 'others' };

/** The user's own sessions in every organisation: end one (this one signs out) or all the others. */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const navigate = useNavigate();
  const sessions = useQuery({ queryKey: identityKeys.ownSessions, queryFn: () => accountApi.sessions() });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: identityKeys.ownSessions });
  const items = sessions.data?.items ?? [];

  const endOne = async (s: SessionRecord) => {
    await accountApi.endSession(s.id);
    if (s.current) {
      // The server cleared the cookie: forget everything cached for this session and sign in again.
      setCsrfToken(null);
      client.clear();
      client.setQueryData(keys.me, null);
      await navigate('/sign-in', { replace: true });
      return;
    }
    notify(t('sessions.endedOne'));
    await refresh();
  };
  const endOthers = async () => {
    const r = await accountApi.endOthers();
    notify(t('sessions.endedOthers', { count: r.sessionsEnded }));
    await refresh();
  };
  const one = dialog?.kind === 'one' ? dialog.session : null;

  return (
    <Paper component="section" aria-labelledby="sessions-heading" withBorder p="lg">
      <Title order={2} id="sessions-heading" mb="sm">
        {t('sessions.title')}
      </Title>
      <Stack>
        <Text>{t('sessions.intro')}</Text>
        {sessions.isPending ? <Loading /> : null}
        {sessions.isError ? <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
        {sessions.isSuccess && items.length === 0 ? <EmptyState text={t('sessions.none')} /> : null}
        {items.length > 0 ? (
          <SessionTable
            sessions={items}
            caption={t('sessions.ownCaption')}
            actionLabel={t('sessions.action')}
            action={(s) => (
              <Button
                variant="outline"
                color="red"
                size="xs"
                aria-label={t('sessions.endNamed', { session: sessionLabel(t, s, i18n.language) })}
                onClick={() => setDialog({ kind: 'one', session: s })}
              >
                {t('sessions.end')}
              </Button>
            )}
          />
        ) : null}
        {items.some((s) => !s.current) ? (
          <Group>
            <Button variant="default" onClick={() => setDialog({ kind: 'others' })}>
              {t('sessions.endOthers')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={one !== null}
        title={one?.current ? t('sessions.endCurrentTitle') : t('sessions.endOneTitle')}
        body={
          one?.current
            ? t('sessions.endCurrentBody')
            : one
              ? t('sessions.endOneBody', { session: sessionLabel(t, one, i18n.language) })
              : ''
        }
        confirmLabel={t('sessions.end')}
        onConfirm={() => (one ? endOne(one) : Promise.resolve())}
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        opened={dialog?.kind === 'others'}
        title={t('sessions.endOthersTitle')}
        body={t('sessions.endOthersBody')}
        confirmLabel={t('sessions.endOthers')}
        onConfirm={endOthers}
        onClose={() => setDialog(null)}
      />
    </Paper>
  );
}
