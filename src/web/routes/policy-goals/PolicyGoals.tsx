import { useState, type FormEvent } from 'react';
import { Button, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading, SubmitAlert, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { measureKeys, policyGoalsApi } from '../measures/api.js';
import { GoalActions } from './GoalActions.js';

/** The IT-security policy's goals (D4-01): list, add, and the policy's goals as a start. */
export function PolicyGoals() {
  const { t } = useTranslation();
  useDocumentTitle(t('measures.goalsPage.title'));
  const mayCreate = usePermission('policy-goal', 'create');
  const mayUpdate = usePermission('policy-goal', 'update');
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const goals = useQuery({ queryKey: measureKeys.goals, queryFn: () => policyGoalsApi.list() });
  const starter = async () => {
    try {
      const r = await policyGoalsApi.starter();
      await client.invalidateQueries({ queryKey: measureKeys.goals });
      notify(t('measures.goalsPage.starterDone', r));
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
  const starterButton = mayCreate ? <Button onClick={() => void starter()}>{t('measures.goalsPage.starter')}</Button> : undefined;
  return (
    <>
      <PageHeader title={t('measures.goalsPage.title')} />
      <VisuallyHidden id="goals-heading" tabIndex={-1}>
        {t('measures.goalsPage.listHeading')}
      </VisuallyHidden>
      <Text mb="md">{t('measures.goalsPage.intro')}</Text>
      {goals.isPending ? (
        <Loading />
      ) : goals.isError ? (
        <ErrorState error={goals.error} onRetry={() => void goals.refetch()} />
      ) : goals.data.items.length === 0 ? (
        <EmptyState text={t('measures.goalsPage.empty')} action={starterButton} />
      ) : (
        <Table striped maw={900}>
          <Table.Caption>{t('measures.goalsPage.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('measures.goalsPage.code')}</Table.Th>
              <Table.Th scope="col">{t('measures.goalsPage.text')}</Table.Th>
              <Table.Th scope="col">{t('measures.goalsPage.source')}</Table.Th>
              <Table.Th scope="col">{t('measures.goalsPage.measureCount')}</Table.Th>
              {mayUpdate ? <Table.Th scope="col">{t('measures.goalsPage.manage')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {goals.data.items.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Th scope="row">{g.code}</Table.Th>
                <Table.Td>{g.text}</Table.Td>
                <Table.Td>{g.source ?? '–'}</Table.Td>
                <Table.Td>{g.measureCount}</Table.Td>
                {mayUpdate ? <Table.Td>{g.allowedActions.includes('update') ? <GoalActions goal={g} /> : null}</Table.Td> : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayCreate ? <AddGoal /> : null}
    </>
  );
}

function AddGoal() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('goal', ['code', 'text', 'source']);
  const [draft, setDraft] = useState({ code: '', text: '', source: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await policyGoalsApi.create({ code: draft.code, text: draft.text, source: draft.source || null });
      await client.invalidateQueries({ queryKey: measureKeys.goals });
      setDraft({ code: '', text: '', source: '' });
      notify(t('measures.goalsPage.added'));
    });
  };
  const field = (name: keyof typeof draft, label: string, required: boolean) => (
    <TextInput
      id={`goal-${name}`}
      label={required ? requiredLabel(t, label) : label}
      required={required}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => setDraft({ ...draft, [name]: e.currentTarget.value })}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="goal-add">
      <Title order={2} mt="xl" mb="sm" id="goal-add">
        {t('measures.goalsPage.add')}
      </Title>
      <Stack maw={640} gap="sm">
        <SubmitAlert error={error} />
        {field('code', t('measures.goalsPage.code'), true)}
        {field('text', t('measures.goalsPage.text'), true)}
        {field('source', t('measures.goalsPage.source'), false)}
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('measures.goalsPage.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
