import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { passwordApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { PublicFooter, PublicHeader } from '../../components/PublicLayout.js';
import { SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

const ORDER = ['email'];

/** The link under the sign-in form. */
export function ForgotPasswordLink() {
  const { t } = useTranslation();
  return (
    <Text mt="md">
      <Anchor component={Link} to="/forgot-password">
        {t('password.forgotLink')}
      </Anchor>
    </Text>
  );
}

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPassword() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.forgot.title'));
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const { error, fail, clear, errorFor } = useSubmitErrors('forgot', ORDER);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setBusy(true);
    try {
      await passwordApi.requestReset(email.trim());
      setSent(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PublicHeader />
      <Container component="main" id="main" tabIndex={-1} size={460} py="xl">
        <Title order={1}>{t('password.forgot.title')}</Title>
        {sent ? (
          <Stack mt="md">
            <Alert color="tillit" title={t('password.forgot.sent')}>
              {t('password.forgot.sentHint')}
            </Alert>
            <Anchor component={Link} to="/sign-in">
              {t('password.forgot.back')}
            </Anchor>
          </Stack>
        ) : (
          <>
            <Text my="md">{t('password.forgot.intro')}</Text>
            <Paper component="form" onSubmit={submit} noValidate withBorder shadow="xs" p="lg">
              <Stack>
                <SubmitAlert error={error} />
                <TextInput
                  id="forgot-email"
                  label={requiredLabel(t, t('password.forgot.email'))}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={errorFor('email')}
                  required
                />
                <Button type="submit" disabled={busy}>
                  {busy ? t('password.forgot.submitting') : t('password.forgot.submit')}
                </Button>
              </Stack>
            </Paper>
            <Text mt="md">
              <Anchor component={Link} to="/sign-in">
                {t('password.forgot.back')}
              </Anchor>
            </Text>
          </>
        )}
      </Container>
      <PublicFooter />
    </>
  );
}
