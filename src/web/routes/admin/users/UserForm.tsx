import { useState, type FormEvent } from 'react';
import { Button, Fieldset, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { identityKeys, usersApi } from '../../../api/resources.js';
import { requiredLabel } from '../../../components/format.js';
import { useSubmitErrors } from '../../../components/formErrors.js';
import { useNotify } from '../../../components/notify.js';
import { SubmitAlert } from '../../../components/States.js';
import { useDocumentTitle } from '../../../components/useDocumentTitle.js';
import { AssignmentFields, emptyAssignment, toAssignmentBody, type AssignmentDraft } from './AssignmentFields.js';

const ORDER = ['email', 'displayName', 'assignments'];

/** Add a person to the organisation with one or more roles. */
export function UserForm() {
  const { t } = useTranslation();
  useDocumentTitle(t('users.new'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, clear, fail, errorFor } = useSubmitErrors('user', ORDER);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [assignments, setAssignments] = useState<AssignmentDraft[]>([emptyAssignment()]);
  const [busy, setBusy] = useState(false);

  const setAssignment = (i: number, next: AssignmentDraft) => setAssignments((list) => list.map((a, j) => (j === i ? next : a)));
  const removeAssignment = (i: number) => {
    setAssignments((list) => list.filter((_, j) => j !== i));
    // Server errors are numbered by position: after a removal they would point at the wrong role.
    clear();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const user = await usersApi.create({
        email: email.trim(),
        displayName: displayName.trim(),
        assignments: assignments.map(toAssignmentBody),
      });
      await client.invalidateQueries({ queryKey: identityKeys.users });
      notify(t('users.createdNotice', { name: user.displayName }));
      await navigate(`/admin/users/${user.id}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Title order={1}>{t('users.new')}</Title>
      <Text mt="xs" maw={640}>
        {t('users.newIntro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack maw={640} mt="lg" gap="md">
          <SubmitAlert error={error} />
          <TextInput
            id="user-email"
            type="email"
            autoComplete="off"
            label={requiredLabel(t, t('users.email'))}
            description={t('users.emailHelp')}
            required
            value={email}
            error={errorFor('email')}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput
            id="user-displayName"
            autoComplete="off"
            label={requiredLabel(t, t('users.displayName'))}
            required
            value={displayName}
            error={errorFor('displayName')}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
          />
          <Title order={2} size="h3" mt="sm" id="user-assignments">
            {t('users.roles')}
          </Title>
          {errorFor('assignments') ? (
            <Text c="red.8" role="alert">
              {errorFor('assignments')}
            </Text>
          ) : null}
          {assignments.map((a, i) => (
            <Fieldset key={i} legend={t('users.roleNumber', { n: i + 1 })}>
              <AssignmentFields
                value={a}
                onChange={(next) => setAssignment(i, next)}
                idFor={(f) => `user-assignments.${i}.${f}`}
                errorFor={(f) => errorFor(`assignments.${i}.${f}`)}
                footer={
                  assignments.length > 1 ? (
                    <Group>
                      <Button variant="subtle" color="red" size="xs" onClick={() => removeAssignment(i)}>
                        {t('users.removeRoleNumber', { n: i + 1 })}
                      </Button>
                    </Group>
                  ) : null
                }
              />
            </Fieldset>
          ))}
          <Group>
            <Button variant="default" onClick={() => setAssignments((list) => [...list, emptyAssignment()])}>
              {t('users.addAnotherRole')}
            </Button>
          </Group>
          <Group>
            <Button type="submit" disabled={busy}>
              {busy ? t('common.saving') : t('users.create')}
            </Button>
            <Button component={Link} to="/admin/users" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
