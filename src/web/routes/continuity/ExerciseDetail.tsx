import type { FormEvent } from 'react';
import { Anchor, Button, Group, List, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { DetailFields, RecordHeader } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { usePermission } from '../auth/session.js';
import { measureKeys } from '../measures/api.js';
import { continuityKeys, exercisesApi, type Exercise } from './api.js';
import { orNull, useDraft } from './parts.js';

/** One exercise with its lessons and the measures made from them ("Skapa åtgärd", D1-42). */
export function ExerciseDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(continuityKeys.exercises, exercisesApi.get, id);
  const mayMeasure = usePermission('measure', 'create');
  useDocumentTitle(query.data?.data.title ?? t('continuity.exercises.title'));
  return (
    <Loaded query={query} title={t('continuity.exercises.title')}>
      {({ data: e, etag }) => (
        <>
          <RecordHeader
            record={{ ...e, name: e.title }}
            etag={etag}
            editTo={`/continuity/exercises/${e.id}/edit`}
            api={exercisesApi}
            invalidate={[continuityKeys.exercises, continuityKeys.all]}
            confirmTitle={t('continuity.exercises.archiveTitle')}
            confirmBody={t('continuity.exercises.archiveBody')}
            archivedNotice={t('continuity.exercises.archived')}
            restoredNotice={t('continuity.exercises.restored')}
            archivedBanner={t('continuity.exercises.archivedBanner')}
          />
          <DetailFields
            rows={[
              [t('continuity.exercises.heldOn'), formatDate(e.heldOn, i18n.language)],
              [t('continuity.exercises.kind'), t(`continuity.exerciseKinds.${e.kind}`)],
              [t('continuity.exercises.scope'), e.scope],
              [
                t('continuity.exercises.systems'),
                e.systems.length ? (
                  <Group gap="xs">
                    {e.systems.map((s) => (
                      <Anchor key={s.id} component={Link} to={`/systems/${s.id}`}>
                        {s.name ?? t('secrecy.maskedSystem')}
                      </Anchor>
                    ))}
                  </Group>
                ) : null,
              ],
              [t('continuity.exercises.participants'), e.participants.join(', ')],
              [t('continuity.exercises.outcome'), e.outcome ? <Text style={{ whiteSpace: 'pre-wrap' }}>{e.outcome}</Text> : null],
              [t('continuity.exercises.lessons'), e.lessons ? <Text style={{ whiteSpace: 'pre-wrap' }}>{e.lessons}</Text> : null],
            ]}
          />
          <Title order={2} mt="xl" mb="sm">
            {t('continuity.exercises.measures')}
          </Title>
          {e.measures.length === 0 ? <Text>{t('continuity.exercises.noMeasures')}</Text> : null}
          <List spacing="xs">
            {e.measures.map((m) => (
              <List.Item key={m.id}>
                <Anchor component={Link} to={`/measures/${m.id}`} underline="always">
                  {m.title ?? t('measures.secretTitle')}
                </Anchor>{' '}
                ({t(`measures.status.${m.status}`)})
              </List.Item>
            ))}
          </List>
          {mayMeasure && !e.archived ? <LessonMeasure exercise={e} /> : null}
          <HistoryTab path="exercises" id={e.id} />
          <Group mt="xl">
            <Anchor component={Link} to="/continuity/exercises">
              {t('continuity.exercises.title')}
            </Anchor>
          </Group>
        </>
      )}
    </Loaded>
  );
}

function LessonMeasure({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('lesson', ['title', 'description', 'systemId', 'dueOn']);
  const initial = { title: '', description: '', systemId: exercise.systemIds[0] ?? '', dueOn: '' };
  const { draft, set, reset } = useDraft(initial);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      await exercisesApi.createMeasure(exercise.id, {
        title: draft.title,
        description: orNull(draft.description),
        systemId: orNull(draft.systemId),
        dueOn: orNull(draft.dueOn),
      });
      await client.invalidateQueries({ queryKey: continuityKeys.exercises });
      await client.invalidateQueries({ queryKey: measureKeys.all });
      reset();
      notify(t('continuity.exercises.measureCreated'));
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="lesson-heading">
      <Title order={3} mt="lg" mb="xs" id="lesson-heading">
        {t('continuity.exercises.createMeasure')}
      </Title>
      <Text size="sm" mb="sm">
        {t('continuity.exercises.createMeasureHelp')}
      </Text>
      <Stack maw={640} gap="sm">
        <SubmitAlert error={error} />
        <TextInput
          id="lesson-title"
          label={requiredLabel(t, t('continuity.exercises.measureTitle'))}
          required
          value={draft.title}
          error={errorFor('title')}
          onChange={(e) => set('title', e.currentTarget.value)}
        />
        <Textarea
          id="lesson-description"
          label={t('continuity.exercises.measureDescription')}
          autosize
          minRows={2}
          value={draft.description}
          error={errorFor('description')}
          onChange={(e) => set('description', e.currentTarget.value)}
        />
        {exercise.systems.length > 1 ? (
          <NativeSelect
            id="lesson-systemId"
            label={t('continuity.exercises.measureSystem')}
            value={draft.systemId}
            error={errorFor('systemId')}
            onChange={(e) => set('systemId', e.currentTarget.value)}
            data={[
              { value: '', label: t('continuity.exercises.noSystem') },
              ...exercise.systems.map((s) => ({ value: s.id, label: s.name ?? t('secrecy.maskedSystem') })),
            ]}
          />
        ) : null}
        <TextInput
          id="lesson-dueOn"
          type="date"
          label={t('continuity.exercises.measureDue')}
          value={draft.dueOn}
          error={errorFor('dueOn')}
          onChange={(e) => set('dueOn', e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('continuity.exercises.createMeasure')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
