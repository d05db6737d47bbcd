import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityKeys, tenantSettingsApi, type TenantSettingsPatch } from '../../api/resources.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { Loaded, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { PERSON_ROLES, roleName } from './users/roles.js';
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';

type Settings = Awaited<ReturnType<typeof tenantSettingsApi.get>>['data'];
type MfaPolicy = Settings['mfaPolicy'];
const POLICIES: MfaPolicy[] = ['none', 'all', 'roles'];
const ORDER = ['mfaPolicy', 'mfaRoles', 'idleMinutes', 'absoluteHours', 'auditRetentionDays'];

interface Draft {
  mfaPolicy: MfaPolicy;
  mfaRoles: string[];
  idleMinutes: number | string;
  absoluteHours: number | string;
  /** Audit trail retention: keep everything, or this many days (the server archives older events). */
  retention: 'all' | 'days';
  retentionDays: number | string;
}
const fromSettings = (s: Settings): Draft => ({
  mfaPolicy: s.mfaPolicy,
  mfaRoles: s.mfaRoles,
  idleMinutes: s.idleMinutes,
  absoluteHours: s.absoluteHours,
  retention: s.auditRetentionDays === null ? 'all' : 'days',
  retentionDays: s.auditRetentionDays ?? '',
});
// Text that is not a whole number goes through as NaN for the server to name the field.
const toNumber = (v: number | string): number => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v));

/** The organisation's security settings: who must use two-step verification, and how long sessions last. */
export function TenantSettings() {
  const { t } = useTranslation();
  useDocumentTitle(t('tenantSettings.title'));
  const query = useQuery({ queryKey: identityKeys.tenantSettings, queryFn: () => tenantSettingsApi.get() });
  return (
    <Loaded query={query} title={t('tenantSettings.title')}>
      {({ data, etag }) => <SettingsForm settings={data} etag={etag} reload={() => query.refetch()} />}
    </Loaded>
  );
}

function SettingsForm({ settings, etag, reload }: { settings: Settings; etag: string; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, clear, fail, errorFor } = useSubmitErrors('settings', ORDER);
  const [draft, setDraft] = useState<Draft>(() => fromSettings(settings));
  const [busy, setBusy] = useState(false);
  const editable = settings.allowedActions.includes('update');
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // A new version from the server (after saving or reloading) replaces the form's values; a refetch of
  // the same version leaves the user's unsaved changes alone.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(fromSettings(settings)), [settings.version]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const body: TenantSettingsPatch = {
        mfaPolicy: draft.mfaPolicy,
        mfaRoles: (draft.mfaPolicy === 'roles' ? draft.mfaRoles : []) as TenantSettingsPatch['mfaRoles'],
        idleMinutes: toNumber(draft.idleMinutes),
        absoluteHours: toNumber(draft.absoluteHours),
        auditRetentionDays: draft.retention === 'all' ? null : toNumber(draft.retentionDays),
      };
      const saved = await tenantSettingsApi.update(etag, body);
      client.setQueryData(identityKeys.tenantSettings, saved);
      notify(t('tenantSettings.savedNotice'));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };
  const reloadAfterConflict = async () => {
    await reload();
    clear();
  };

  return (
    <>
      <Title order={1}>{t('tenantSettings.title')}</Title>
      <Text mt="xs" maw={720}>
        {t('tenantSettings.intro', { name: settings.name })}
      </Text>
      <Anchor component={Link} to="/admin/classification" mt="xs" display="inline-block">
        {t('classification.settingsLink')}
      </Anchor>
      {!editable ? (
        <Alert color="gray" role="note" mt="md" maw={720}>
          {t('tenantSettings.readOnly')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack maw={720} mt="lg" gap="lg">
          <SubmitAlert error={error} onReload={() => void reloadAfterConflict()} />
          <Fieldset legend={t('tenantSettings.mfaHeading')} disabled={!editable}>
            <Stack gap="md">
              <Text size="sm">{t('tenantSettings.mfaIntro')}</Text>
              <NativeSelect
                id="settings-mfaPolicy"
                label={t('tenantSettings.mfaPolicy')}
                description={t(`tenantSettings.mfaPolicyHelp.${draft.mfaPolicy}`)}
                error={errorFor('mfaPolicy')}
                value={draft.mfaPolicy}
                onChange={(e) => set('mfaPolicy', e.currentTarget.value as MfaPolicy)}
                data={POLICIES.map((p) => ({ value: p, label: t(`tenantSettings.mfaPolicies.${p}`) }))}
              />
              {draft.mfaPolicy === 'roles' ? (
                // The id sits on a wrapper: Mantine uses a group's own id only to derive its label ids.
                <Box id="settings-mfaRoles">
                  <Checkbox.Group
                    id="settings-mfaRoles-group"
                    label={t('tenantSettings.mfaRoles')}
                    description={t('tenantSettings.mfaRolesHelp')}
                    error={errorFor('mfaRoles')}
                    value={draft.mfaRoles}
                    onChange={(v) => set('mfaRoles', v)}
                  >
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
                      {PERSON_ROLES.map((r) => (
                        <Checkbox key={r} id={`settings-mfaRoles-${r}`} value={r} label={roleName(t, r)} />
                      ))}
                    </SimpleGrid>
                  </Checkbox.Group>
                </Box>
              ) : null}
            </Stack>
          </Fieldset>
          <Fieldset legend={t('tenantSettings.sessionHeading')} disabled={!editable}>
            <Stack gap="md">
              <NumberInput
                id="settings-idleMinutes"
                label={t('tenantSettings.idleMinutes')}
                description={t('tenantSettings.idleMinutesHelp')}
                error={errorFor('idleMinutes')}
                min={5}
                max={480}
                step={5}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                maw={240}
                value={draft.idleMinutes}
                onChange={(v) => set('idleMinutes', v)}
              />
              <NumberInput
                id="settings-absoluteHours"
                label={t('tenantSettings.absoluteHours')}
                description={t('tenantSettings.absoluteHoursHelp')}
                error={errorFor('absoluteHours')}
                min={1}
                max={24}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                maw={240}
                value={draft.absoluteHours}
                onChange={(v) => set('absoluteHours', v)}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('audit.retentionHeading')} disabled={!editable}>
            <Stack gap="md">
              <Text size="sm">{t('audit.retentionIntro')}</Text>
              <Radio.Group
                id="settings-auditRetention"
                label={t('audit.retentionMode')}
                value={draft.retention}
                onChange={(v) => set('retention', v as Draft['retention'])}
              >
                <Group mt="xs" gap="lg">
                  <Radio id="settings-auditRetention-all" value="all" label={t('audit.retentionKeep')} />
                  <Radio id="settings-auditRetention-days" value="days" label={t('audit.retentionDays')} />
                </Group>
              </Radio.Group>
              {draft.retention === 'days' ? (
                <NumberInput
                  id="settings-auditRetentionDays"
                  label={t('audit.retentionDaysLabel')}
                  description={t('audit.retentionDaysHelp')}
                  error={errorFor('auditRetentionDays')}
                  min={90}
                  max={36500}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  maw={240}
                  value={draft.retentionDays}
                  onChange={(v) => set('retentionDays', v)}
                />
              ) : null}
            </Stack>
          </Fieldset>
          {editable ? (
            <Box>
              <Button type="submit" disabled={busy}>
                {busy ? t('common.saving') : t('common.save')}
              </Button>
            </Box>
          ) : null}
        </Stack>
      </form>
    </>
  );
}
