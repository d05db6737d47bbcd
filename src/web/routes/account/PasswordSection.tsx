import { useState, type FormEvent } from 'react';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setCsrfToken } from '../../api/client.js';
import { keys, passwordApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { localPasswordProblem, PasswordField } from '../auth/passwordForm.js';

const ORDER = ['currentPassword', 'newPassword', 'repeat'];

/** Change one's own password: needs the current one; other sessions end, this one is renewed. */
export function PasswordSection() {
  const { t } = useTranslation();
  const notify = useNotify();
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const { error, fail, clear, errorFor } = useSubmitErrors('password', ORDER);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const local = localPasswordProblem(t, { password: next, repeat }, { password: 'newPassword', repeat: 'repeat' });
    if (local) return fail(local);
    setBusy(true);
    try {
      const res = await passwordApi.change(current, next);
      // The session was rotated: the new cookie is set, and the CSRF token changed with it.
      setCsrfToken(res.csrfToken);
      await client.invalidateQueries({ queryKey: keys.me });
      setCurrent('');
      setNext('');
      setRepeat('');
      notify(t('password.change.done'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper component="section" aria-labelledby="password-heading" withBorder p="lg" maw={640}>
      <Title order={2} id="password-heading">
        {t('password.change.title')}
      </Title>
      <Text mt="xs" mb="md">
        {t('password.change.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <SubmitAlert error={error} />
          <PasswordField
            id="password-currentPassword"
            label={requiredLabel(t, t('password.change.current'))}
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
            error={errorFor('currentPassword')}
          />
          <PasswordField
            id="password-newPassword"
            label={requiredLabel(t, t('password.change.new'))}
            autoComplete="new-password"
            value={next}
            onChange={setNext}
            error={errorFor('newPassword')}
            withRules
          />
          <PasswordField
            id="password-repeat"
            label={requiredLabel(t, t('password.change.repeat'))}
            autoComplete="new-password"
            value={repeat}
            onChange={setRepeat}
            error={errorFor('repeat')}
          />
          <Button type="submit" disabled={busy} w="fit-content">
            {busy ? t('password.change.submitting') : t('password.change.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
