import { useState, type FormEvent } from 'react';
import { Anchor, Box, Button, Group, List, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, SubmitAlert } from '../../components/States.js';
import { measureKeys } from '../measures/api.js';
import { incidentsApi, refreshIncident, type Incident } from './api.js';
import { orNull } from './parts.js';

/** D1-33: what the incident taught, turned into measures in the measures register. */
export function IncidentMeasures({ r }: { r: Incident }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('incident-measure', ['title', 'dueOn']);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await incidentsApi.addMeasure(r.id, { title, dueOn: orNull(dueOn) });
      setTitle('');
      setDueOn('');
      await refreshIncident(client);
      await client.invalidateQueries({ queryKey: measureKeys.all });
      notify(t('incidents.measures.saved'));
    });
  };
  return (
    <Box component="section" aria-labelledby="measures-heading" mt="xl" maw={900}>
      <Title order={2} id="measures-heading" mb="xs">
        {t('incidents.measures.title')}
      </Title>
      {r.measures.length ? (
        <List>
          {r.measures.map((m) => (
            <List.Item key={m.id}>
              <Anchor component={Link} to={`/measures/${m.id}`} underline="always">
                {m.title ?? t('secrecy.masked')}
              </Anchor>
              {` – ${t(`measures.status.${m.status}`)}`}
              {m.dueOn ? `, ${t('incidents.measures.due', { date: formatDate(m.dueOn, i18n.language) })}` : ''}
            </List.Item>
          ))}
        </List>
      ) : (
        <EmptyState text={t('incidents.measures.empty')} />
      )}
      {r.can.createMeasure ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs" mt="md" maw={720}>
            <SubmitAlert error={error} />
            <Group align="flex-end" grow>
              <TextInput
                id="incident-measure-title"
                error={errorFor('title')}
                label={requiredLabel(t, t('incidents.measures.newTitle'))}
                required
                maxLength={300}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
              <TextInput
                id="incident-measure-dueOn"
                error={errorFor('dueOn')}
                type="date"
                label={t('incidents.measures.dueOn')}
                value={dueOn}
                onChange={(e) => setDueOn(e.currentTarget.value)}
              />
            </Group>
            <Group>
              <Button type="submit" variant="default" disabled={busy}>
                {t('incidents.measures.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Box>
  );
}
