import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, SubmitAlert } from '../../components/States.js';
import { incidentsApi, refreshIncident, type Entry, type Incident } from './api.js';
import { formatDateTime, orNull } from './parts.js';

function EntriesTable({ entries, caption }: { entries: Entry[]; caption: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table striped>
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('incidents.timeline.at')}</Table.Th>
            <Table.Th scope="col">{t('incidents.timeline.what')}</Table.Th>
            <Table.Th scope="col">{t('incidents.timeline.by')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, i18n.language)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>
                {e.kind !== 'action' ? (
                  <Badge variant="light" color={e.kind === 'crisis' ? 'red' : 'gray'} c="dark.9" tt="none" mr="xs">
                    {t(`incidents.timeline.kind.${e.kind}`)}
                  </Badge>
                ) : null}
                {e.text}
              </Table.Td>
              <Table.Td>
                {e.author?.displayName ?? t('incidents.timeline.system')}
                {` (${t(`incidents.timeline.party.${e.party}`)})`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Adds an action or a crisis-log entry; the party says who did it (D0-30: both may act). */
function AddEntry({ r, kind }: { r: Incident; kind: 'action' | 'crisis' }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const form = `entry-${kind}`;
  const { error, errorFor, busy, run } = useSubmitErrors(form, ['text', 'party', 'kind']);
  const [text, setText] = useState('');
  const [party, setParty] = useState<'municipality' | 'supplier'>('municipality');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await incidentsApi.addEntry(r.id, { text, kind, party });
      setText('');
      await refreshIncident(client);
      notify(t('incidents.timeline.saved'));
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" mt="md" maw={720}>
        <SubmitAlert error={error} />
        <Textarea
          id={`${form}-text`}
          error={errorFor('text')}
          label={requiredLabel(t, t(kind === 'crisis' ? 'incidents.crisis.addLabel' : 'incidents.timeline.addLabel'))}
          required
          autosize
          minRows={2}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {kind === 'action' ? (
          <NativeSelect
            id={`${form}-party`}
            error={errorFor('party')}
            label={t('incidents.timeline.partyLabel')}
            value={party}
            onChange={(e) => setParty(e.currentTarget.value as typeof party)}
            data={(['municipality', 'supplier'] as const).map((p) => ({ value: p, label: t(`incidents.timeline.party.${p}`) }))}
          />
        ) : null}
        <Group>
          <Button type="submit" variant="default" disabled={busy}>
            {t(kind === 'crisis' ? 'incidents.crisis.add' : 'incidents.timeline.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** D1-36: the banner and the crisis log of an extraordinary event. */
export function CrisisSection({ r }: { r: Incident }) {
  const { t, i18n } = useTranslation();
  if (!r.crisis) return null;
  const log = r.entries.filter((e) => e.kind === 'crisis');
  return (
    <Box component="section" aria-labelledby="crisis-heading" mt="lg" maw={900}>
      <Alert color="red.9" variant="filled" title={t('incidents.crisis.banner')} mb="md">
        {t('incidents.crisis.bannerText', { at: formatDateTime(r.crisisAt, i18n.language) })}
      </Alert>
      <Title order={2} id="crisis-heading" mb="xs">
        {t('incidents.crisis.log')}
      </Title>
      {r.crisisDecision ? (
        <Text mb="sm">
          <strong>{t('incidents.fields.crisisDecision')}:</strong> {r.crisisDecision}
        </Text>
      ) : null}
      {log.length ? <EntriesTable entries={log} caption={t('incidents.crisis.log')} /> : <EmptyState text={t('incidents.crisis.empty')} />}
      {r.can.addEntry && r.status !== 'closed' ? <AddEntry r={r} kind="crisis" /> : null}
    </Box>
  );
}

export function Timeline({ r }: { r: Incident }) {
  const { t } = useTranslation();
  if (r.masked) return null;
  return (
    <Box component="section" aria-labelledby="timeline-heading" mt="xl" maw={900}>
      <Title order={2} id="timeline-heading" mb="xs">
        {t('incidents.timeline.title')}
      </Title>
      {r.entries.length ? (
        <EntriesTable entries={r.entries} caption={t('incidents.timeline.title')} />
      ) : (
        <EmptyState text={t('incidents.timeline.empty')} />
      )}
      {r.can.addEntry && r.status !== 'closed' ? <AddEntry r={r} kind="action" /> : null}
    </Box>
  );
}

/** D0-31: the system's contact passes the fault on to the operations party (e.g. Unikom). */
export function Escalation({ r, etag }: { r: Incident; etag: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('escalation', ['escalatedTo', 'note']);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  if (r.masked) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await refreshIncident(client, await incidentsApi.escalate(r.id, etag, to, orNull(note)));
      setTo('');
      setNote('');
      notify(t('incidents.escalation.saved'));
    });
  };
  return (
    <Box component="section" aria-labelledby="escalation-heading" mt="xl" maw={720}>
      <Title order={2} id="escalation-heading" mb="xs">
        {t('incidents.escalation.title')}
      </Title>
      <Text mb="sm">
        {r.escalatedAt
          ? t('incidents.escalation.done', { to: r.escalatedTo, at: formatDateTime(r.escalatedAt, i18n.language) })
          : t('incidents.escalation.none')}
      </Text>
      {r.can.update ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <SubmitAlert error={error} onReload={() => void refreshIncident(client)} />
            <TextInput
              id="escalation-escalatedTo"
              error={errorFor('escalatedTo')}
              label={requiredLabel(t, t('incidents.escalation.to'))}
              description={t('incidents.escalation.toHelp')}
              required
              maxLength={200}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
            />
            <TextInput
              id="escalation-note"
              error={errorFor('note')}
              label={t('incidents.escalation.note')}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" variant="default" disabled={busy}>
                {t('incidents.escalation.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Box>
  );
}
