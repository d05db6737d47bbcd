import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { actionPlansApi, measureKeys, type ActionPlan, type ActivityInput } from '../measures/api.js';
import { PRIORITIES } from '../measures/parts.js';

type Setter = (name: string, value: string) => void;
function useDraft<D extends Record<string, string>>(initial: D) {
  const [draft, setDraft] = useState(initial);
  const set: Setter = (name, value) => setDraft((d) => ({ ...d, [name]: value }));
  return { draft, set, reset: () => setDraft(initial) };
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
// Today as YYYY-MM-DD in local time (toISOString would give yesterday's date late in the evening).
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

type Activity = ActionPlan['activities'][number];
const ACTIVITY_ORDER = ['title', 'yearlyGoal', 'priority', 'responsible', 'startOn', 'endOn', 'budgetSek'];
const activityDraft = (a?: Activity) => ({
  title: a?.title ?? '',
  yearlyGoal: a?.yearlyGoal ?? '',
  priority: a?.priority ?? 'medium',
  responsible: a?.responsible ?? '',
  startOn: a?.startOn ?? '',
  endOn: a?.endOn ?? '',
  budgetSek: a?.budgetSek == null ? '' : String(a.budgetSek),
});
type ActivityDraft = ReturnType<typeof activityDraft>;
const activityInput = (d: ActivityDraft): ActivityInput => ({
  title: d.title,
  yearlyGoal: orNull(d.yearlyGoal),
  priority: d.priority as ActivityInput['priority'],
  responsible: orNull(d.responsible),
  startOn: orNull(d.startOn),
  endOn: orNull(d.endOn),
  budgetSek: d.budgetSek.trim() ? Number(d.budgetSek.replace(/\s/g, '').replace(',', '.')) : null,
});

/** The activity's fields, shared by "add" and "edit"; ids are `${prefix}-${field}` so server errors find them. */
function ActivityFields({
  prefix,
  draft,
  set,
  errorFor,
}: {
  prefix: string;
  draft: ActivityDraft;
  set: Setter;
  errorFor: (f: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const input = (name: keyof ActivityDraft, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      id={`${prefix}-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  return (
    <>
      {input('title', requiredLabel(t, t('actionPlans.activity')), { required: true })}
      {input('yearlyGoal', t('actionPlans.yearlyGoal'))}
      <NativeSelect
        id={`${prefix}-priority`}
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
    </>
  );
}

export function AddActivity({ plan }: { plan: ActionPlan }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('activity', ACTIVITY_ORDER);
  const { draft, set, reset } = useDraft(activityDraft());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await actionPlansApi.addActivity(plan.id, activityInput(draft));
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      reset();
      notify(t('actionPlans.activityAdded'));
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="activity-add">
      <Title order={2} mt="xl" mb="sm" id="activity-add">
        {t('actionPlans.addActivity')}
      </Title>
      <Stack maw={720} gap="sm">
        <SubmitAlert error={error} />
        <ActivityFields prefix="activity" draft={draft} set={set} errorFor={errorFor} />
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('actionPlans.addActivity')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Change an activity's title, goal, priority, responsible, dates and budget (the measures are changed in the list). */
export function EditActivity({ plan, activity }: { plan: ActionPlan; activity: Activity }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={() => setOpen(true)}
        aria-label={t('actionPlans.editActivityLabel', { title: activity.title })}
      >
        {t('actionPlans.editActivity')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('actionPlans.editActivityTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {open ? <EditActivityForm plan={plan} activity={activity} onDone={() => setOpen(false)} /> : null}
      </Modal>
    </>
  );
}

function EditActivityForm({ plan, activity, onDone }: { plan: ActionPlan; activity: Activity; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('edit-activity', ACTIVITY_ORDER);
  const { draft, set } = useDraft(activityDraft(activity));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await actionPlansApi.updateActivity(plan.id, activity.id, activityInput(draft));
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.activitySaved'));
      onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SubmitAlert error={error} />
        <ActivityFields prefix="edit-activity" draft={draft} set={set} errorFor={errorFor} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actionPlans.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('actionPlans.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DecisionForm({ plan, etag, onReload }: { plan: ActionPlan; etag: string; onReload: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('decision', ['decidedOn', 'decidedBy', 'caseNumber', 'note']);
  const { draft, set } = useDraft({ decidedOn: today(), decidedBy: '', caseNumber: '', note: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await actionPlansApi.decide(plan.id, etag, { ...draft, note: orNull(draft.note) });
      await client.invalidateQueries({ queryKey: measureKeys.plans });
      notify(t('actionPlans.decided'));
    });
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
        <SubmitAlert error={error} onReload={onReload} />
        {input('decidedOn', requiredLabel(t, t('actionPlans.decidedOn')), { type: 'date', required: true })}
        {input('decidedBy', requiredLabel(t, t('actionPlans.decidedBy')), { required: true, description: t('actionPlans.decidedByHelp') })}
        {input('caseNumber', requiredLabel(t, t('actionPlans.caseNumber')), { required: true })}
        {input('note', t('actionPlans.note'))}
        <Group>
          <Button type="submit" loading={busy}>
            {t('actionPlans.decide')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
