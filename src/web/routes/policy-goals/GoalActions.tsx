import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert, useErrorText } from '../../components/States.js';
import { measureKeys, policyGoalsApi, type PolicyGoal } from '../measures/api.js';

const etagOf = (g: PolicyGoal) => `"v${g.version}"`;

/** Edit and archive buttons for one goal, each with its own dialog. */
export function GoalActions({ goal }: { goal: PolicyGoal }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const name = `${goal.code} ${goal.text}`;
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="default" onClick={() => setEditing(true)} aria-label={t('measures.goalsPage.editLabel', { name })}>
        {t('measures.goalsPage.edit')}
      </Button>
      {goal.allowedActions.includes('archive') ? (
        <Button
          size="xs"
          variant="default"
          color="red"
          onClick={() => setArchiving(true)}
          aria-label={t('measures.goalsPage.archiveLabel', { name })}
        >
          {t('measures.goalsPage.archive')}
        </Button>
      ) : null}
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('measures.goalsPage.editTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? <EditGoal goal={goal} onDone={() => setEditing(false)} /> : null}
      </Modal>
      <Modal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={t('measures.goalsPage.archiveTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {archiving ? <ArchiveGoal goal={goal} onDone={() => setArchiving(false)} /> : null}
      </Modal>
    </Group>
  );
}

function EditGoal({ goal, onDone }: { goal: PolicyGoal; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('edit-goal', ['code', 'text', 'source']);
  const [draft, setDraft] = useState({ code: goal.code, text: goal.text, source: goal.source ?? '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await policyGoalsApi.update(goal.id, etagOf(goal), { code: draft.code, text: draft.text, source: draft.source.trim() || null });
      await client.invalidateQueries({ queryKey: measureKeys.goals });
      notify(t('measures.goalsPage.saved'));
      onDone();
    });
  };
  const field = (name: keyof typeof draft, label: string, required: boolean) => (
    <TextInput
      id={`edit-goal-${name}`}
      label={required ? requiredLabel(t, label) : label}
      required={required}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SubmitAlert error={error} onReload={() => void client.invalidateQueries({ queryKey: measureKeys.goals }).then(onDone)} />
        {field('code', t('measures.goalsPage.code'), true)}
        {field('text', t('measures.goalsPage.text'), true)}
        {field('source', t('measures.goalsPage.source'), false)}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('measures.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('measures.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ArchiveGoal({ goal, onDone }: { goal: PolicyGoal; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const archive = async () => {
    setBusy(true);
    try {
      await policyGoalsApi.archive(goal.id, etagOf(goal));
      onDone();
      await client.invalidateQueries({ queryKey: measureKeys.goals });
      notify(t('measures.goalsPage.archived'));
      requestAnimationFrame(() => document.getElementById('goals-heading')?.focus());
    } catch (e) {
      onDone();
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Text mb="md">{t('measures.goalsPage.archiveBody', { name: `${goal.code} ${goal.text}`, count: goal.measureCount })}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('measures.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void archive()}>
          {t('measures.goalsPage.archive')}
        </Button>
      </Group>
    </>
  );
}
