import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mfaApi, mfaKeys } from '../../api/resources.js';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { Loaded } from '../../components/States.js';
import { AddPasskey, CodeField, RecoveryCodes, TotpSetup, useMfaErrorText } from '../auth/MfaParts.js';
import { PasswordField } from '../auth/passwordForm.js';

type Dialog = { kind: 'removeApp' } | { kind: 'regenerate' } | { kind: 'removePasskey'; id: string; name: string };

/** The account's second factors: the authenticator app, recovery codes and passkeys. */
export function MfaSection() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const status = useQuery({ queryKey: mfaKeys.status, queryFn: () => mfaApi.status() });
  const [adding, setAdding] = useState<'app' | 'passkey' | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: mfaKeys.status });
  const date = (v: string | null) => formatDate(v, i18n.language) ?? '';

  return (
    <Paper component="section" aria-labelledby="mfa-section-title" withBorder p="lg">
      <Title order={2} id="mfa-section-title" mb="sm">
        {t('mfa.sectionTitle')}
      </Title>
      <Loaded query={status} title={t('mfa.sectionTitle')}>
        {(s) => (
          <Stack>
            <Text>{t('mfa.sectionIntro')}</Text>
            {s.required ? <Alert color="blue">{t('mfa.requiredNotice')}</Alert> : null}

            <Title order={3}>{t('mfa.appHeading')}</Title>
            <Text>{s.totp.enabled ? t('mfa.appStatusOn', { date: date(s.totp.confirmedAt) }) : t('mfa.appStatusOff')}</Text>
            {codes ? (
              <RecoveryCodes codes={codes} doneLabel={t('mfa.done')} onDone={() => setCodes(null)} />
            ) : adding === 'app' ? (
              <TotpSetup
                onCancel={() => setAdding(null)}
                onConfirmed={(r) => {
                  setAdding(null);
                  setCodes(r.recoveryCodes);
                  notify(t('mfa.appAdded'));
                  void refresh();
                }}
              />
            ) : (
              <Group>
                {s.totp.enabled ? (
                  <>
                    <Button variant="default" onClick={() => setDialog({ kind: 'regenerate' })}>
                      {t('mfa.regenerate')}
                    </Button>
                    <Button variant="outline" color="red" onClick={() => setDialog({ kind: 'removeApp' })}>
                      {t('mfa.removeApp')}
                    </Button>
                  </>
                ) : (
                  <Button onClick={() => setAdding('app')}>{t('mfa.setUpApp')}</Button>
                )}
              </Group>
            )}
            {s.totp.enabled || s.passkeys.length > 0 ? <Text>{t('mfa.recoveryLeft', { count: s.recoveryCodesLeft })}</Text> : null}

            <Title order={3}>{t('mfa.passkeysHeading')}</Title>
            {s.passkeys.length === 0 ? (
              <Text>{t('mfa.noPasskeys')}</Text>
            ) : (
              <List listStyleType="none" spacing="sm">
                {s.passkeys.map((p) => (
                  <List.Item key={p.id}>
                    <Group justify="space-between" wrap="wrap">
                      <div>
                        <Text fw={700}>{p.name}</Text>
                        <Text size="sm">
                          {t('mfa.passkeyMeta', {
                            created: date(p.createdAt),
                            used: p.lastUsedAt ? t('mfa.lastUsed', { date: date(p.lastUsedAt) }) : t('mfa.neverUsed'),
                          })}
                        </Text>
                      </div>
                      <Button
                        variant="outline"
                        color="red"
                        size="xs"
                        aria-label={t('mfa.removePasskeyLabel', { name: p.name })}
                        onClick={() => setDialog({ kind: 'removePasskey', id: p.id, name: p.name })}
                      >
                        {t('mfa.remove')}
                      </Button>
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
            {adding === 'passkey' ? (
              <AddPasskey
                onCancel={() => setAdding(null)}
                onAdded={() => {
                  setAdding(null);
                  notify(t('mfa.passkeyAdded'));
                  void refresh();
                }}
              />
            ) : (
              <Group>
                <Button variant="default" onClick={() => setAdding('passkey')}>
                  {t('mfa.addPasskey')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Loaded>
      {dialog ? (
        <ConfirmDialog
          dialog={dialog}
          askPassword={status.data?.hasPassword ?? true}
          onClose={() => setDialog(null)}
          onDone={(newCodes) => {
            setDialog(null);
            if (newCodes) setCodes(newCodes);
            else notify(dialog.kind === 'removeApp' ? t('mfa.appRemoved') : t('mfa.passkeyRemoved'));
            void refresh();
          }}
        />
      ) : null}
    </Paper>
  );
}

/** Confirmation before removing a factor or replacing the recovery codes; the app-related ones ask for a current code. */
function ConfirmDialog({
  dialog,
  askPassword,
  onClose,
  onDone,
}: {
  dialog: Dialog;
  askPassword: boolean;
  onClose: () => void;
  onDone: (codes?: string[]) => void;
}) {
  const { t } = useTranslation();
  const errorText = useMfaErrorText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsCode = dialog.kind !== 'removePasskey';
  // removing a passkey asks for the password instead: a session left open must not strip the keys
  const needsPassword = dialog.kind === 'removePasskey' && askPassword;
  const [password, setPassword] = useState('');
  const title =
    dialog.kind === 'removeApp'
      ? t('mfa.removeAppTitle')
      : dialog.kind === 'regenerate'
        ? t('mfa.regenerateTitle')
        : t('mfa.removePasskeyTitle', { name: dialog.name });
  const body =
    dialog.kind === 'removeApp'
      ? t('mfa.removeAppBody')
      : dialog.kind === 'regenerate'
        ? t('mfa.regenerateBody')
        : t('mfa.removePasskeyBody');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (needsCode && !code.trim()) return setError(t('mfa.codeRequired'));
    if (needsPassword && !password) return setError(t('mfa.passwordRequired'));
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === 'regenerate') return onDone((await mfaApi.regenerateRecoveryCodes(code)).recoveryCodes);
      if (dialog.kind === 'removeApp') await mfaApi.totpRemove(code);
      else await mfaApi.passkeyRemove(dialog.id, needsPassword ? password : undefined);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{body}</Text>
          {needsCode ? (
            <CodeField id="mfa-recheck-code" kind="totp" value={code} onChange={setCode} error={error} />
          ) : needsPassword ? (
            <PasswordField
              id="mfa-recheck-password"
              label={t('mfa.passwordLabel')}
              autoComplete="current-password"
              value={password}
              onChange={setPassword}
              error={error}
              autoFocus
            />
          ) : error ? (
            <Alert color="red">{error}</Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus={needsCode || needsPassword ? undefined : true}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={dialog.kind === 'regenerate' ? undefined : 'red'} loading={busy}>
              {dialog.kind === 'regenerate' ? t('mfa.create') : t('mfa.remove')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
