import { useState } from 'react';
import { Anchor, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, setCsrfToken } from '../../api/client.js';
import { authApi, keys, mfaApi } from '../../api/resources.js';
import { PublicFooter, PublicHeader } from '../../components/PublicLayout.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { AddPasskey, RecoveryCodes, TotpSetup } from './MfaParts.js';
import { safeNext } from '../../components/safeNext.js';

/**
 * The organisation requires two-step verification and this user has none yet: the session is
 * half-way (stage 'enrol') until an app is confirmed or a passkey is added.
 */
export function MfaEnrol() {
  const { t } = useTranslation();
  useDocumentTitle(t('mfa.enrolTitle'));
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);

  // The session's stage and CSRF token: after a reload only the server knows them.
  const pending = useQuery({
    queryKey: ['mfa', 'pending'],
    queryFn: async () => {
      try {
        const p = await mfaApi.pending();
        setCsrfToken(p.csrfToken);
        return p;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

  const signedIn = async (csrfToken: string) => {
    setCsrfToken(csrfToken);
    await client.invalidateQueries({ queryKey: keys.me });
  };

  const cancel = async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      client.clear();
      await navigate('/sign-in', { replace: true });
    }
  };

  if (pending.isPending) {
    return (
      <Container component="main" id="main" py="xl">
        <Loading />
      </Container>
    );
  }
  if (pending.isError) {
    return (
      <Container component="main" id="main" py="xl">
        <ErrorState error={pending.error} onRetry={() => void pending.refetch()} />
      </Container>
    );
  }
  // Nothing to set up here: not signed in, a code is owed instead, or already through (and not
  // looking at the recovery codes just made).
  if (!codes && pending.data?.stage !== 'enrol') {
    const to = pending.data?.stage === 'full' ? next : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }

  return (
    <>
      <PublicHeader />
      <Container component="main" id="main" tabIndex={-1} size={640} py="xl">
        <Title order={1}>{t('mfa.enrolTitle')}</Title>
        {codes ? (
          <Paper withBorder shadow="xs" p="lg" mt="md">
            <RecoveryCodes codes={codes} doneLabel={t('mfa.continue')} onDone={() => void navigate(next, { replace: true })} />
          </Paper>
        ) : (
          <>
            <Text my="md">{t('mfa.enrolRequired')}</Text>
            <Text mb="md">{t('mfa.enrolChoose')}</Text>
            <Stack gap="lg">
              <Paper withBorder shadow="xs" p="lg" component="section" aria-labelledby="enrol-app">
                <Title order={2} size="h3" id="enrol-app" mb="sm">
                  {t('mfa.appHeading')}
                </Title>
                <TotpSetup
                  onConfirmed={async (r) => {
                    await signedIn(r.csrfToken);
                    setCodes(r.recoveryCodes);
                  }}
                />
              </Paper>
              <Paper withBorder shadow="xs" p="lg" component="section" aria-labelledby="enrol-passkey">
                <Title order={2} size="h3" id="enrol-passkey" mb="sm">
                  {t('mfa.passkeyHeading')}
                </Title>
                <Text mb="sm">{t('mfa.passkeyIntro')}</Text>
                <AddPasskey
                  onAdded={async (r) => {
                    await signedIn(r.csrfToken);
                    await navigate(next, { replace: true });
                  }}
                />
              </Paper>
              <Group>
                <Anchor component="button" type="button" onClick={() => void cancel()}>
                  {t('mfa.signOut')}
                </Anchor>
              </Group>
            </Stack>
          </>
        )}
      </Container>
      <PublicFooter />
    </>
  );
}
