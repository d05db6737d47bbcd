import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, setCsrfToken } from '../../api/client.js';
import { authApi, keys, mfaApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { PublicFooter, PublicHeader } from '../../components/PublicLayout.js';
import { useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { ForgotPasswordLink } from './ForgotPassword.js';
import type { MfaMethod } from './MfaParts.js';
import { MfaStep } from './MfaStep.js';
import { SsoButtons } from './SsoButtons.js';
import { safeNext } from '../../components/safeNext.js';

export function SignIn() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Second step of the sign-in (MFA): the methods the user has, once the password was right.
  const [mfaMethods, setMfaMethods] = useState<MfaMethod[] | null>(null);
  const next = safeNext(params.get('next'));

  // After a reload half-way through signing in, continue at the step the session is at.
  useEffect(() => {
    let live = true;
    mfaApi.pending().then(
      (p) => {
        if (!live) return;
        setCsrfToken(p.csrfToken);
        if (p.stage === 'mfa') setMfaMethods(p.methods);
        else if (p.stage === 'enrol') void navigate(`/mfa-enrol?next=${encodeURIComponent(next)}`, { replace: true });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, on arrival

  const finish = async (csrfToken: string) => {
    setCsrfToken(csrfToken);
    await client.invalidateQueries({ queryKey: keys.me });
    await navigate(next, { replace: true });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await authApi.login(email, password);
      setCsrfToken(res.csrfToken);
      if (res.stage === 'mfa') return setMfaMethods(res.methods ?? []);
      if (res.stage === 'enrol') return void (await navigate(`/mfa-enrol?next=${encodeURIComponent(next)}`));
      await client.invalidateQueries({ queryKey: keys.me });
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      // 401 and 422 both get one generic text: do not tell which part was wrong.
      const generic = err instanceof ApiError && (err.status === 401 || err.status === 422);
      setError(generic ? t('errors.loginFailed') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (mfaMethods) {
    const restart = (message?: string) => {
      setMfaMethods(null);
      setPassword('');
      setError(message ?? null);
    };
    return <MfaStep methods={mfaMethods} onDone={finish} onRestart={restart} />;
  }

  return (
    <>
      <PublicHeader />
      <Container component="main" id="main" tabIndex={-1} size={460} py="xl">
        <Title order={1}>{t('auth.title')}</Title>
        <Text my="md">{t('auth.intro')}</Text>
        <SsoButtons />
        <Paper component="form" onSubmit={submit} noValidate withBorder shadow="xs" p="lg">
          <Stack>
            {error ? <Alert color="red">{error}</Alert> : null}
            <TextInput
              id="signin-email"
              label={requiredLabel(t, t('auth.email'))}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
            />
            <PasswordInput
              id="signin-password"
              label={requiredLabel(t, t('auth.password'))}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
              required
            />
            <Button type="submit" disabled={busy}>
              {busy ? t('auth.submitting') : t('auth.submit')}
            </Button>
          </Stack>
        </Paper>
        <ForgotPasswordLink />
      </Container>
      <PublicFooter />
    </>
  );
}
