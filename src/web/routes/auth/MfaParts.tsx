import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Code, Group, Image, List, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { mfaApi, type MfaCredentialJson } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { ErrorState, Loading, useErrorText } from '../../components/States.js';

// Pieces of two-step verification shared by the sign-in step, the enrolment page and the account page.

export type MfaMethod = 'totp' | 'recovery' | 'webauthn';

/** The server's problem, or the browser's refusal of a passkey (cancelled, timed out, no key). */
export function useMfaErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (e) => {
    // A throttled answer says how long to wait in its detail.
    if (e instanceof ApiError && e.status === 429 && e.problem.detail) return e.problem.detail;
    return e instanceof ApiError || e instanceof TypeError ? errorText(e) : t('mfa.passkeyFailed');
  };
}

/** A one-time code field: digits from an app (phone keyboards show numbers) or a recovery code. */
export function CodeField(p: {
  id: string;
  kind: 'totp' | 'recovery';
  value: string;
  onChange: (v: string) => void;
  error?: string | null;
}) {
  const { t } = useTranslation();
  const totp = p.kind === 'totp';
  return (
    <TextInput
      id={p.id}
      label={requiredLabel(t, totp ? t('mfa.codeLabel') : t('mfa.recoveryLabel'))}
      description={totp ? t('mfa.codeHint') : t('mfa.recoveryHint')}
      autoComplete={totp ? 'one-time-code' : 'off'}
      inputMode={totp ? 'numeric' : 'text'}
      spellCheck={false}
      autoCapitalize="none"
      maxLength={totp ? 8 : 20}
      value={p.value}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      error={p.error ?? undefined}
      required
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' } }}
    />
  );
}

/** Sign-in with a passkey at the MFA step: challenge, the browser's ceremony, verification. */
export async function passkeySignIn() {
  const options = await mfaApi.passkeyOptions();
  const response = await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
  return mfaApi.passkeyVerify(response as unknown as MfaCredentialJson);
}

/** Set up an app: QR code and the key as text, then a first code confirms it. */
export function TotpSetup({
  onConfirmed,
  onCancel,
}: {
  onConfirmed: (r: { recoveryCodes: string[]; csrfToken: string }) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useMfaErrorText();
  // A POST, but one secret per visit: not refetched on focus (that would replace the secret scanned).
  const setup = useQuery({
    queryKey: ['mfa', 'totp-setup'],
    queryFn: () => mfaApi.totpSetup(),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setError(t('mfa.codeRequired'));
    setBusy(true);
    setError(null);
    try {
      onConfirmed(await mfaApi.totpConfirm(code));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (setup.isPending) return <Loading />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;
  const { qrSvg, secret } = setup.data;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <List type="ordered" spacing="xs">
          <List.Item>{t('mfa.appStep1')}</List.Item>
          <List.Item>{t('mfa.appStep2')}</List.Item>
          <List.Item>{t('mfa.appStep3')}</List.Item>
        </List>
        <Image src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`} alt={t('mfa.qrAlt')} w={200} h={200} bg="white" />
        <Text>{t('mfa.manualEntry')}</Text>
        <Code block fz="md" style={{ wordBreak: 'break-all' }} data-testid="totp-secret">
          {secret.replace(/(.{4})/g, '$1 ').trim()}
        </Code>
        <CodeField id="totp-confirm-code" kind="totp" value={code} onChange={setCode} error={error} />
        <Group>
          <Button type="submit" loading={busy}>
            {t('mfa.confirm')}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}

/** The recovery codes, shown once, with ways to keep them; `onDone` after the user says they are saved. */
export function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel: string }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // The codes replace the form the user was in: focus goes to their heading.
  useEffect(() => heading.current?.focus(), []);
  const text = codes.join('\n');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // The clipboard can be blocked; the codes are still on screen and downloadable.
    }
  };
  const download = () => {
    const href = URL.createObjectURL(new Blob([`Tillit\n${text}\n`], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = href;
    a.download = 'tillit-aterstallningskoder.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  };
  return (
    <Stack>
      <Title order={2} size="h3" id="recovery-codes-title" ref={heading} tabIndex={-1}>
        {t('mfa.codesTitle')}
      </Title>
      <Text>{t('mfa.codesIntro')}</Text>
      <Alert color="yellow">
        <Text fw={700}>{t('mfa.codesSave')}</Text>
      </Alert>
      <List aria-labelledby="recovery-codes-title" listStyleType="none" spacing={4} ff="monospace" fz="lg" data-testid="recovery-codes">
        {codes.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
      <Group>
        <Button variant="default" onClick={() => void copy()}>
          {t('mfa.copy')}
        </Button>
        <Button variant="default" onClick={download}>
          {t('mfa.download')}
        </Button>
      </Group>
      {copied ? (
        <Text role="status" c="green.9">
          {t('mfa.copied')}
        </Text>
      ) : null}
      <Checkbox label={t('mfa.saved')} checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
      <Group>
        <Button onClick={onDone} disabled={!saved}>
          {doneLabel}
        </Button>
      </Group>
    </Stack>
  );
}

/** Register a passkey under a name the user chooses. */
export function AddPasskey({ onAdded, onCancel }: { onAdded: (r: { csrfToken: string }) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const errorText = useMfaErrorText();
  const [name, setName] = useState(() => t('mfa.passkeyNameDefault'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const supported = browserSupportsWebAuthn();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const options = await mfaApi.passkeyRegistrationOptions();
      const response = await startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON });
      onAdded(await mfaApi.passkeyRegister(response as unknown as MfaCredentialJson, name.trim() || t('mfa.passkeyNameDefault')));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (!supported) return <Text>{t('mfa.passkeyUnsupported')}</Text>;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {error ? <Alert color="red">{error}</Alert> : null}
        <TextInput
          id="passkey-name"
          label={t('mfa.passkeyName')}
          description={t('mfa.passkeyNameHint')}
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" variant="default" loading={busy}>
            {t('mfa.addPasskey')}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
