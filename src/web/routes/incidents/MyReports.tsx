import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { incidentKeys, incidentsApi, type MineItem } from './api.js';
import { formatDateTime, StatusBadge } from './parts.js';

/** "Mina rapporter": what I reported and how far it has come (also for people without the register). */
export function MyReports() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.mine.title'));
  const mine = useQuery({ queryKey: incidentKeys.mine, queryFn: () => incidentsApi.mine() });
  const items = mine.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('incidents.mine.title')}>
        <Button component={Link} to="/incidents/report">
          {t('incidents.report.nav')}
        </Button>
      </PageHeader>
      <Text maw={720} mb="md">
        {t('incidents.mine.intro')}
      </Text>
      {mine.isPending ? <Loading /> : null}
      {mine.isError ? <ErrorState error={mine.error} onRetry={() => void mine.refetch()} /> : null}
      {mine.isSuccess && items.length === 0 ? <EmptyState text={t('incidents.mine.empty')} /> : null}
      <Stack maw={900} gap="md">
        {items.map((r) => (
          <Report key={r.id} r={r} />
        ))}
      </Stack>
    </>
  );
}

function Report({ r }: { r: MineItem }) {
  const { t, i18n } = useTranslation();
  const headingId = `mine-${r.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Title order={2} size="h3" id={headingId}>
          {`${r.reference} ${r.title}`}
        </Title>
        <StatusBadge status={r.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('incidents.mine.reportedAt', { at: formatDateTime(r.reportedAt, i18n.language) })}
        {' · '}
        {t('incidents.mine.awareAt', { at: formatDateTime(r.awareAt, i18n.language) })}
      </Text>
      {r.reportText ? (
        <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {r.reportText}
        </Text>
      ) : null}
      {r.faultLocationUnclear ? (
        <Alert mt="sm" color="yellow" role="note">
          {t('incidents.mine.bothResponsible')}
        </Alert>
      ) : null}
      {r.route?.instructions ? (
        <Text mt="xs" size="sm">
          <strong>{t('incidents.report.instructions')}:</strong> {r.route.instructions}
        </Text>
      ) : null}
      {r.entries.length ? (
        <>
          <Title order={3} size="h5" mt="sm">
            {t('incidents.mine.myNotes')}
          </Title>
          <List size="sm">
            {r.entries.map((e) => (
              <List.Item key={e.id}>{`${formatDateTime(e.at, i18n.language) ?? ''}: ${e.text}`}</List.Item>
            ))}
          </List>
        </>
      ) : null}
      {r.status !== 'closed' ? <AddNote id={r.id} /> : null}
    </Paper>
  );
}

/** D0-30: the reporter adds what they have done or found since. */
function AddNote({ id }: { id: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [text, setText] = useState('');
  const form = `note-${id}`;
  const { error, errorFor, busy, run } = useSubmitErrors(form, ['text']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await incidentsApi.addMyEntry(id, text);
      setText('');
      await client.invalidateQueries({ queryKey: incidentKeys.mine });
      notify(t('incidents.mine.noteSaved'));
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" mt="sm">
        <SubmitAlert error={error} />
        <Textarea
          id={`${form}-text`}
          error={errorFor('text')}
          label={t('incidents.mine.addNote')}
          description={t('incidents.mine.addNoteHelp')}
          autosize
          minRows={2}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" variant="default" size="sm" disabled={busy}>
            {t('incidents.mine.saveNote')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
