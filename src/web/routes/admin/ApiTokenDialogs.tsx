import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, CopyButton, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { apiTokensApi, type ApiTokenItem, type ApiTokenRole } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { SubmitAlert, useErrorDetail } from '../../components/States.js';
import { personRoles, supplierRoles } from '../../../shared/enums.js';
import { roleName } from './users/roles.js';

// Roles a token may carry. Supplier roles are bound to one supplier organisation and are never
// given tenant-wide, so the server refuses them for tokens; they are not offered here.
export const TOKEN_ROLES: ApiTokenRole[] = [
  'provisioning',
  ...personRoles.filter((r) => !(supplierRoles as readonly string[]).includes(r)),
];

const DAY = 86_400_000;
/** A calendar date (YYYY-MM-DD) in Stockholm, where the municipality's days are. */
export const stockholmDate = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);

const modalProps = (t: (k: string) => string) => ({
  closeButtonProps: { 'aria-label': t('common.close') },
  styles: { title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } },
  size: 'lg' as const,
});

/** Create a token; on success the same dialog shows it once, with the warning to copy it now. */
export function CreateTokenDialog({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [expires, setExpires] = useState(() => stockholmDate(new Date(Date.now() + 90 * DAY)));
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const errors = useSubmitErrors('token', ['name', 'roles', 'expiresAt']);
  const rolesError = Object.entries(errors.fieldErrors).find(([k]) => k === 'roles' || k.startsWith('roles.'))?.[1];
  const [rolesMissing, setRolesMissing] = useState(false);

  const close = () => {
    setName('');
    setRoles([]);
    setExpires(stockholmDate(new Date(Date.now() + 90 * DAY)));
    setToken(null);
    setRolesMissing(false);
    errors.clear();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    if (roles.length === 0) {
      setRolesMissing(true);
      document.getElementById('token-roles')?.querySelector('input')?.focus();
      return;
    }
    setRolesMissing(false);
    setBusy(true);
    try {
      const created = await apiTokensApi.create({ name: name.trim(), roles: roles as ApiTokenRole[], expiresAt: expires || undefined });
      setToken(created.token);
      onCreated();
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const inAYear = new Date();
  inAYear.setFullYear(inAYear.getFullYear() + 1);

  return (
    <Modal opened={opened} onClose={close} title={token ? t('apiTokens.created.title') : t('apiTokens.form.title')} {...modalProps(t)}>
      {token ? (
        <Stack>
          <Alert color="orange" title={t('apiTokens.created.warning')} c="dark.9">
            {t('apiTokens.created.warningBody')}
          </Alert>
          <TextInput
            id="token-value"
            label={t('apiTokens.created.label')}
            value={token}
            readOnly
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            onFocus={(e) => e.currentTarget.select()}
            data-autofocus
          />
          <Group justify="space-between">
            <CopyButton value={token}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} aria-live="polite">
                  {copied ? t('apiTokens.created.copied') : t('apiTokens.created.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t('apiTokens.created.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <SubmitAlert error={errors.error} />
            <TextInput
              id="token-name"
              label={requiredLabel(t, t('apiTokens.form.name'))}
              description={t('apiTokens.form.nameHint')}
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.errorFor('name')}
              data-autofocus
            />
            <Checkbox.Group
              id="token-roles"
              label={requiredLabel(t, t('apiTokens.form.roles'))}
              description={t('apiTokens.form.rolesHint')}
              value={roles}
              onChange={setRoles}
              error={rolesError ?? (rolesMissing ? t('apiTokens.form.rolesRequired') : undefined)}
            >
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                {TOKEN_ROLES.map((r) => (
                  <Checkbox key={r} value={r} label={roleName(t, r)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <TextInput
              id="token-expiresAt"
              type="date"
              label={requiredLabel(t, t('apiTokens.form.expires'))}
              description={t('apiTokens.form.expiresHint')}
              required
              min={stockholmDate(new Date())}
              max={stockholmDate(inAYear)}
              value={expires}
              onChange={(e) => setExpires(e.currentTarget.value)}
              error={errors.errorFor('expiresAt')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('apiTokens.form.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('apiTokens.form.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** Confirm, then revoke; the list refreshes through `onRevoked`. */
export function RevokeTokenDialog({
  token,
  onClose,
  onRevoked,
}: {
  token: ApiTokenItem | null;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const errorDetail = useErrorDetail();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail?: string } | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const revoke = async () => {
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      await apiTokensApi.revoke(token.id);
      onRevoked();
    } catch (e) {
      setError(errorDetail(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={token !== null} onClose={close} title={t('apiTokens.revokeTitle')} {...modalProps(t)} size="md">
      <Text mb="md">{t('apiTokens.revokeBody', { name: token?.name ?? '' })}</Text>
      {error ? (
        <Alert color="red" mb="md" title={error.title}>
          {error.detail}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={close} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color="red" onClick={() => void revoke()} loading={busy}>
          {t('apiTokens.revoke')}
        </Button>
      </Group>
    </Modal>
  );
}
