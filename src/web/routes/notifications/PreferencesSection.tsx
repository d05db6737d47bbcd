import { useEffect, useState } from 'react';
import { Button, Group, Paper, Stack, Switch, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { notificationKeys, notificationsApi, type Preference } from './api.js';
import { useKindLabel } from './labels.js';

type Choice = Pick<Preference, 'kind' | 'inApp' | 'email'>;

/** One row per kind of notification with two switches: in the app, by e-mail. Saved together. */
export function PreferencesSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const kindLabel = useKindLabel();
  const prefs = useQuery({ queryKey: notificationKeys.preferences, queryFn: () => notificationsApi.preferences() });
  const [draft, setDraft] = useState<Choice[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (prefs.data) setDraft(prefs.data.items.map(({ kind, inApp, email }) => ({ kind, inApp, email })));
  }, [prefs.data]);

  const set = (kind: string, field: 'inApp' | 'email', value: boolean) =>
    setDraft((d) => d.map((c) => (c.kind === kind ? { ...c, [field]: value } : c)));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await notificationsApi.savePreferences({ items: draft });
      client.setQueryData(notificationKeys.preferences, saved);
      notify(t('notifications.prefsSaved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const lang = i18n.language === 'en' ? 'en' : 'sv';

  return (
    <Paper component="section" aria-labelledby="prefs-heading" withBorder p="lg">
      <Title order={2} id="prefs-heading" mb="sm">
        {t('notifications.prefsTitle')}
      </Title>
      <Stack>
        <Text>{t('notifications.prefsIntro')}</Text>
        {prefs.isPending ? <Loading /> : null}
        {prefs.isError ? <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} /> : null}
        {prefs.data && draft.length ? (
          <>
            <Table.ScrollContainer minWidth={480} type="native">
              <Table striped>
                <VisuallyHidden component="caption">{t('notifications.prefsCaption')}</VisuallyHidden>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('notifications.kindColumn')}</Table.Th>
                    <Table.Th scope="col">{t('notifications.inApp')}</Table.Th>
                    <Table.Th scope="col">{t('notifications.email')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {prefs.data.items.map((p) => {
                    const c = draft.find((d) => d.kind === p.kind) ?? p;
                    const label = kindLabel(p.kind, p.label[lang]);
                    return (
                      <Table.Tr key={p.kind}>
                        <Table.Th scope="row" fw={400}>
                          {label}
                        </Table.Th>
                        <Table.Td>
                          <Switch
                            checked={c.inApp}
                            onChange={(e) => set(p.kind, 'inApp', e.currentTarget.checked)}
                            aria-label={t('notifications.inAppFor', { kind: label })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <Switch
                            checked={c.email}
                            onChange={(e) => set(p.kind, 'email', e.currentTarget.checked)}
                            aria-label={t('notifications.emailFor', { kind: label })}
                          />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="sm" c="dimmed">
              {t('notifications.mailNote')}
            </Text>
            <SubmitAlert error={error} />
            <Group>
              <Button onClick={() => void save()} loading={busy}>
                {t('common.save')}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
