import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { requiredLabel } from '../../components/format.js';
import { useSystemOptions } from '../../components/options.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { TagsField } from '../../components/TagsField.js';
import { exerciseKinds } from '../../../shared/enums.js';
import { continuityKeys, exercisesApi, type Exercise, type ExerciseInput } from './api.js';
import { Picker, orNull, today } from './parts.js';

const ORDER = ['title', 'kind', 'heldOn', 'scope', 'systemIds', 'participants', 'outcome', 'lessons'];

type Draft = {
  title: string;
  kind: string;
  heldOn: string;
  scope: string;
  systemIds: string[];
  participants: string[];
  outcome: string;
  lessons: string;
};

const empty = (): Draft => ({
  title: '',
  kind: 'continuity',
  heldOn: today(),
  scope: '',
  systemIds: [],
  participants: [],
  outcome: '',
  lessons: '',
});
const fromRecord = (e: Exercise): Draft => ({
  title: e.title,
  kind: e.kind,
  heldOn: e.heldOn,
  scope: e.scope ?? '',
  systemIds: e.systemIds,
  participants: e.participants,
  outcome: e.outcome ?? '',
  lessons: e.lessons ?? '',
});
const toInput = (d: Draft): ExerciseInput => ({
  title: d.title,
  kind: d.kind as ExerciseInput['kind'],
  heldOn: d.heldOn,
  scope: orNull(d.scope),
  systemIds: d.systemIds,
  participants: d.participants,
  outcome: orNull(d.outcome),
  lessons: orNull(d.lessons),
});

/** Record or change an exercise: date, kind, scope, systems, participants, outcome and lessons (D1-42). */
export function ExerciseForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const form = useRecordForm({
    id,
    resource: continuityKeys.exercises,
    api: exercisesApi,
    form: 'exercise',
    order: ORDER,
    empty,
    fromRecord,
    toInput,
    savedNotice: t('continuity.exercises.saved'),
    invalidate: [continuityKeys.exercises, continuityKeys.all],
    cacheSaved: true,
    savedTo: (e) => `/continuity/exercises/${e.id}`,
  });
  const { draft, input, field, set, editing } = form;
  const systems = useSystemOptions({ keep: draft.systemIds });
  return (
    <RecordFormPage
      form={form}
      title={editing ? t('continuity.exercises.edit') : t('continuity.exercises.new')}
      cancelTo={editing ? `/continuity/exercises/${id}` : '/continuity/exercises'}
    >
      <TextInput {...input('title')} label={requiredLabel(t, t('continuity.exercises.name'))} required />
      <NativeSelect
        {...input('kind')}
        label={requiredLabel(t, t('continuity.exercises.kind'))}
        data={exerciseKinds.map((k) => ({ value: k, label: t(`continuity.exerciseKinds.${k}`) }))}
      />
      <TextInput {...input('heldOn')} type="date" label={requiredLabel(t, t('continuity.exercises.heldOn'))} required />
      <Textarea
        {...input('scope')}
        label={t('continuity.exercises.scope')}
        description={t('continuity.exercises.scopeHelp')}
        autosize
        minRows={2}
      />
      <Picker
        {...field('systemIds')}
        label={t('continuity.exercises.systems')}
        description={t('continuity.exercises.systemsHelp')}
        options={systems.options}
        value={draft.systemIds}
        onChange={(v) => set('systemIds', v)}
      />
      <TagsField
        {...field('participants')}
        label={t('continuity.exercises.participants')}
        description={t('continuity.exercises.participantsHelp')}
        value={draft.participants}
        onChange={(v) => set('participants', v)}
      />
      <Textarea {...input('outcome')} label={t('continuity.exercises.outcome')} autosize minRows={3} />
      <Textarea
        {...input('lessons')}
        label={t('continuity.exercises.lessons')}
        description={t('continuity.exercises.lessonsHelp')}
        autosize
        minRows={3}
      />
    </RecordFormPage>
  );
}
