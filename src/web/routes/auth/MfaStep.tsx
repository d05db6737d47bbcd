import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Container, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { authApi, mfaApi } from '../../api/resources.js';
import { PublicFooter, PublicHeader } from '../../components/PublicLayout.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { CodeField, passkeySignIn, useMfaErrorText, type MfaMethod } from './MfaParts.js';

/**
 * The second step of signing in: a code from the app, a recovery code or a passkey. `onDone` gets
 * the new session's CSRF token; `onRestart` goes back to the password (cancelled, or too many tries).
 */
export function MfaStep({
  methods,
  onDone,
  onRestart,
}: {
  methods: MfaMethod[];
  onDone: (csrfToken: string) => Promise<void> | void;
  onRestart: (message?: string) => void;
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('mfa.stepTitle'));
  const errorText = useMfaErrorText();
  const heading = useRef<HTMLHeadingElement>(null);
  const [kind, setKind] = useState<'totp' | 'recovery'>(methods.includes('totp') ? 'totp' : 'recovery');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passkeys = methods.includes('webauthn') && browserSupportsWebAuthn();
  const codes = methods.includes('totp') || methods.includes('recovery');

  // A new step on the same page: move focus to its heading so screen readers announce it.
  useEffect(() => heading.current?.focus(), []);

  const fail = (err: unknown, show: (text: string) => void) => {
    const retryable = ['invalid-mfa-code', 'invalid-passkey'].map((k) => `urn:tillit:problem:${k}`);
    if (err instanceof ApiError && err.status === 401 && !retryable.includes(err.problem.type)) {
      // Locked after too many wrong codes, or the pending sign-in expired: start again from the password.
      return onRestart(err.problem.title);
    }
    show(errorText(err));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setError(t('mfa.codeRequired'));
    setBusy(true);
    setError(null);
    setPasskeyError(null);
    try {
      const res = await mfaApi.verify(kind, code);
      await onDone(res.csrfToken);
    } catch (err) {
      fail(err, setError);
    } finally {
      setBusy(false);
    }
  };

  const withPasskey = async () => {
    setBusy(true);
    setError(null);
    setPasskeyError(null);
    try {
      const res = await passkeySignIn();
      await onDone(res.csrfToken);
    } catch (err) {
      fail(err, setPasskeyError);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    try {
      await authApi.logout();
    } catch {
      // The half-finished session may already be gone; the password form is shown either way.
    }
    onRestart();
  };

  const switchKind = () => {
    setKind(kind === 'totp' ? 'recovery' : 'totp');
    setCode('');
    setError(null);
  };

  const intro = !codes ? t('mfa.stepIntroPasskey') : kind === 'totp' ? t('mfa.stepIntroTotp') : t('mfa.stepIntroRecovery');
  return (
    <>
      <PublicHeader />
      <Container component="main" id="main" tabIndex={-1} size={460} py="xl">
        <Title order={1} ref={heading} tabIndex={-1}>
          {t('mfa.stepTitle')}
        </Title>
        <Text my="md">{intro}</Text>
        <Paper withBorder shadow="xs" p="lg">
          <Stack>
            {codes ? (
              <form onSubmit={submit} noValidate>
                <Stack>
                  <CodeField id="mfa-code" kind={kind} value={code} onChange={setCode} error={error} />
                  <Button type="submit" disabled={busy}>
                    {busy ? t('mfa.verifying') : t('mfa.verify')}
                  </Button>
                  {methods.includes('totp') && methods.includes('recovery') ? (
                    <Anchor component="button" type="button" onClick={switchKind} ta="left">
                      {kind === 'totp' ? t('mfa.useRecovery') : t('mfa.useTotp')}
                    </Anchor>
                  ) : null}
                </Stack>
              </form>
            ) : null}
            {passkeys ? (
              <>
                {codes ? <Divider label={t('mfa.otherWays')} labelPosition="center" /> : null}
                <Button variant={codes ? 'default' : 'filled'} onClick={() => void withPasskey()} disabled={busy}>
                  {t('mfa.usePasskey')}
                </Button>
                {passkeyError ? <Alert color="red">{passkeyError}</Alert> : null}
              </>
            ) : !codes ? (
              <Text>{t('mfa.passkeyUnsupported')}</Text>
            ) : null}
            <Group>
              <Anchor component="button" type="button" onClick={() => void cancel()}>
                {t('mfa.cancel')}
              </Anchor>
            </Group>
          </Stack>
        </Paper>
      </Container>
      <PublicFooter />
    </>
  );
}
