import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { actionPlansApi, measureKeys, type ActionPlan } from '../measures/api.js';
import { PRIORITIES } from '../measures/MeasuresBoard.js';

type Setter = (name: string, value: string) => void;
function useDraft<D extends Record<string, string>>(initial: D) {
  const [draft, setDraft] = useState(initial);
  const set: Setter = (name, value) => setDraft((d) => ({ ...d, [name]: value }));
  return { draft, set, reset: () => setDraft(initial) };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function AddActivity({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const order = ['title', 'yearlyGoal', 'priority', 'responsible', 'startOn', 'endOn', 'budgetSek'];
  const { error, clear, fail, errorFor } = useSubmitErrors('activity', order);
  const { draft, set, reset } = useDraft({
    title: '',
    yearlyGoal: '',
    priority: 'medium',
    responsible: '',
    startOn: '',
    endOn: '',
    budgetSek: '',
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    try {
      await actionPlansApi.addActivity(plan.id, {
        title: draft.title,
        yearlyGoal: orNull(draft.yearlyGoal),
        priority: draft.priority as 'medium',
        responsible: orNull(draft.responsible),
        startOn: orNull(draft.startOn),
        endOn: orNull(draft.endOn),
        budgetSek: draft.budgetSek.trim() ? Number(draft.budgetSek.replace(/\s/g, '').replace(',', '.')) : null,
      });
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      reset();
      notify(t('actionPlans.activityAdded'));
    } catch (err) {
      fail(err);
    }
  };
  const input = (name: keyof typeof draft, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      id={`activity-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="activity-add">
      <Title order={2} mt="xl" mb="sm" id="activity-add">
        {t('actionPlans.addActivity')}
      </Title>
      <Stack maw={720} gap="sm">
        <SubmitAlert error={error} />
        {input('title', requiredLabel(t, t('actionPlans.activity')), { required: true })}
        {input('yearlyGoal', t('actionPlans.yearlyGoal'))}
        <NativeSelect
          id="activity-priority"
          label={t('actionPlans.priority')}
          value={draft.priority}
          onChange={(e) => set('priority', e.currentTarget.value)}
          data={PRIORITIES.map((p) => ({ value: p, label: t(`measures.priority.${p}`) }))}
        />
        {input('responsible', t('actionPlans.responsible'))}
        <Group grow>
          {input('startOn', t('actionPlans.startOn'), { type: 'date' })}
          {input('endOn', t('actionPlans.endOn'), { type: 'date' })}
        </Group>
        {input('budgetSek', t('actionPlans.budget'), { inputMode: 'decimal' })}
        <Group>
          <Button type="submit" variant="default">
            {t('actionPlans.addActivity')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DecisionForm({ plan, etag }: { plan: ActionPlan; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, clear, fail, errorFor } = useSubmitErrors('decision', ['decidedOn', 'decidedBy', 'caseNumber', 'note']);
  const { draft, set } = useDraft({ decidedOn: '', decidedBy: '', caseNumber: '', note: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    try {
      await actionPlansApi.decide(plan.id, etag, { ...draft, note: orNull(draft.note) });
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.decided'));
    } catch (err) {
      fail(err);
    }
  };
  const input = (name: keyof typeof draft, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      id={`decision-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="decision-title">
      <Title order={2} mt="xl" mb="sm" id="decision-title">
        {t('actionPlans.decision')}
      </Title>
      <Stack maw={640} gap="sm">
        <SubmitAlert error={error} />
        {input('decidedOn', requiredLabel(t, t('actionPlans.decidedOn')), { type: 'date', required: true })}
        {input('decidedBy', requiredLabel(t, t('actionPlans.decidedBy')), { required: true, description: t('actionPlans.decidedByHelp') })}
        {input('caseNumber', requiredLabel(t, t('actionPlans.caseNumber')), { required: true })}
        {input('note', t('actionPlans.note'))}
        <Group>
          <Button type="submit">{t('actionPlans.decide')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
