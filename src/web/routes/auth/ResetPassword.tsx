import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../api/client.js';
import { passwordApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { PublicFooter, PublicHeader } from '../../components/PublicLayout.js';
import { SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { localPasswordProblem, PasswordField } from './passwordForm.js';

const ORDER = ['password', 'repeat'];

/** The link's token: in the fragment (never sent to a server, so never in its logs), or ?token=. */
function tokenFrom(hash: string, search: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? new URLSearchParams(search).get('token') ?? '';
}

/** The page the reset mail links to: choose a new password, twice. */
export function ResetPassword() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.reset.title'));
  const location = useLocation();
  const token = tokenFrom(location.hash, location.search);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const { error, fail, clear, errorFor } = useSubmitErrors('reset', ORDER);
  const badLink = error instanceof ApiError && error.problem.type === 'urn:tillit:problem:invalid-token';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const local = localPasswordProblem(t, { password, repeat }, { password: 'password', repeat: 'repeat' });
    if (local) return fail(local);
    setBusy(true);
    try {
      await passwordApi.confirmReset(token, password);
      setDone(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const newLink = (
    <Anchor component={Link} to="/forgot-password">
      {t('password.reset.newLink')}
    </Anchor>
  );

  let content;
  if (done) {
    content = (
      <Stack mt="md">
        <Alert color="tillit" title={t('password.reset.done')} />
        <Button component={Link} to="/sign-in" w="fit-content">
          {t('password.reset.toSignIn')}
        </Button>
      </Stack>
    );
  } else if (!token) {
    content = (
      <Stack mt="md">
        <Alert color="red" title={t('password.reset.missingToken')} />
        {newLink}
      </Stack>
    );
  } else {
    content = (
      <>
        <Text my="md">{t('password.reset.intro')}</Text>
        <Paper component="form" onSubmit={submit} noValidate withBorder shadow="xs" p="lg">
          <Stack>
            <SubmitAlert error={error} />
            {badLink ? newLink : null}
            <PasswordField
              id="reset-password"
              label={requiredLabel(t, t('password.reset.new'))}
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={errorFor('password')}
              withRules
            />
            <PasswordField
              id="reset-repeat"
              label={requiredLabel(t, t('password.reset.repeat'))}
              autoComplete="new-password"
              value={repeat}
              onChange={setRepeat}
              error={errorFor('repeat')}
            />
            <Button type="submit" disabled={busy}>
              {busy ? t('password.reset.submitting') : t('password.reset.submit')}
            </Button>
          </Stack>
        </Paper>
      </>
    );
  }

  return (
    <>
      <PublicHeader />
      <Container component="main" id="main" tabIndex={-1} size={460} py="xl">
        <Title order={1}>{t('password.reset.title')}</Title>
        {content}
      </Container>
      <PublicFooter />
    </>
  );
}
