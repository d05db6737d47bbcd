import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Checkbox, Group, MultiSelect, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Tagged } from '../../api/client.js';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { incidentSettingsKeys, settingsApi, type IncidentSettings, type SettingsInput } from './api.js';

type Part = 'crisis' | 'reminders' | 'secrecy';

const inputOf = (s: IncidentSettings): SettingsInput => ({
  crisisUserIds: s.crisisUserIds,
  reminderPercents: s.reminderPercents,
  secretByDefault: s.secretByDefault,
  defaultSecrecyProvision: s.defaultSecrecyProvision,
});

/** One part of the settings: saves the whole settings object with the part changed (one version). */
function useSave(current: Tagged<IncidentSettings>, prefix: string, fields: string[]) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errors = useSubmitErrors(prefix, fields);
  const save = (patch: Partial<SettingsInput>) =>
    errors.run(async () => {
      const saved = await settingsApi.save(current.etag, { ...inputOf(current.data), ...patch });
      client.setQueryData(incidentSettingsKeys.settings, saved);
      notify(t('incidentSettings.savedSettings'));
    });
  const reload = () => void client.invalidateQueries({ queryKey: incidentSettingsKeys.settings });
  return { ...errors, save, reload };
}

function PartSection({ part, children, settings }: { part: Part; children: ReactNode; settings: IncidentSettings }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby={`${part}-heading`}>
      <Title order={2} id={`${part}-heading`} mb="sm">
        {t(`incidentSettings.${part}.heading`)}
      </Title>
      <Text mb="md" maw={760}>
        {t(`incidentSettings.${part}.intro`)}
      </Text>
      {children}
      {settings.updatedAt ? (
        <Text size="sm" c="dimmed" mt="md">
          {t('incidentSettings.updatedAt', { date: formatDate(settings.updatedAt, i18n.language) })}
        </Text>
      ) : null}
    </section>
  );
}

/** Who forms the crisis group (D1-36): told at once when an incident has an extensive impact. */
export function CrisisForm({ current }: { current: Tagged<IncidentSettings> }) {
  const { t } = useTranslation();
  const s = current.data;
  const { error, errorFor, busy, save, reload } = useSave(current, 'crisis', ['crisisUserIds']);
  const [chosen, setChosen] = useState<string[]>(s.crisisUserIds);
  const people = useQuery({ queryKey: incidentSettingsKeys.people, queryFn: () => settingsApi.people(), enabled: s.canUpdate });
  const options = (people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName }));
  for (const p of s.crisisUsers) if (!options.some((o) => o.value === p.id)) options.push({ value: p.id, label: p.displayName });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ crisisUserIds: chosen });
  };
  return (
    <PartSection part="crisis" settings={s}>
      {s.crisisUsers.length === 0 ? <Text mb="sm">{t('incidentSettings.crisis.none')}</Text> : null}
      {s.canUpdate ? (
        <form onSubmit={submit} noValidate aria-labelledby="crisis-heading">
          <Stack maw={640} gap="sm">
            <SubmitAlert error={error} onReload={reload} />
            <MultiSelect
              id="crisis-crisisUserIds"
              label={t('incidentSettings.crisis.people')}
              description={t('incidentSettings.routes.notifyHelp')}
              searchable
              clearable
              nothingFoundMessage={t('incidentSettings.routes.nothingFound')}
              data={options}
              value={chosen}
              error={errorFor('crisisUserIds')}
              onChange={setChosen}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t('incidentSettings.crisis.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Text>{s.crisisUsers.map((p) => p.displayName).join(', ')}</Text>
      )}
    </PartSection>
  );
}

/** Reminder stages as percent of each clock: 1–100, ascending, at most six. */
export function RemindersForm({ current }: { current: Tagged<IncidentSettings> }) {
  const { t } = useTranslation();
  const s = current.data;
  const { error, errorFor, busy, save, reload } = useSave(current, 'reminders', ['reminderPercents']);
  const [stages, setStages] = useState<(number | '')[]>(s.reminderPercents);
  const stageId = (i: number) => (i === 0 ? 'reminders-reminderPercents' : `reminders-reminderPercents.${i}`);
  // a removed stage takes its button with it, an added one is where the typing goes next
  const focusStage = (i: number) => requestAnimationFrame(() => document.getElementById(stageId(i))?.focus());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ reminderPercents: stages.filter((v): v is number => v !== '') });
  };
  const fieldError = errorFor('reminderPercents');
  return (
    <PartSection part="reminders" settings={s}>
      <form onSubmit={submit} noValidate aria-labelledby="reminders-heading">
        <Stack maw={480} gap="sm">
          <SubmitAlert error={error} onReload={reload} />
          <Text size="sm">{t('incidentSettings.reminders.limit')}</Text>
          {stages.map((value, i) => (
            <Group key={i} align="flex-end" gap="xs">
              <NumberInput
                id={stageId(i)}
                label={t('incidentSettings.reminders.stage', { n: i + 1 })}
                min={1}
                max={100}
                allowDecimal={false}
                suffix=" %"
                disabled={!s.canUpdate}
                value={value}
                error={errorFor(`reminderPercents.${i}`) ?? (i === 0 ? fieldError : undefined)}
                onChange={(v) => setStages(stages.map((x, j) => (j === i ? (typeof v === 'number' ? v : '') : x)))}
                w={220}
              />
              {s.canUpdate && stages.length > 1 ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setStages(stages.filter((_, j) => j !== i));
                    focusStage(Math.max(0, i - 1));
                  }}
                >
                  {t('incidentSettings.reminders.removeStage', { n: i + 1 })}
                </Button>
              ) : null}
            </Group>
          ))}
          <Text size="sm">{t('incidentSettings.reminders.example')}</Text>
          {s.canUpdate ? (
            <Group>
              {stages.length < 6 ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setStages([...stages, '']);
                    focusStage(stages.length);
                  }}
                >
                  {t('incidentSettings.reminders.addStage')}
                </Button>
              ) : null}
              <Button type="submit" loading={busy}>
                {t('incidentSettings.reminders.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </PartSection>
  );
}

/** Whether new incidents start secret-marked, and under which OSL provision. */
export function SecrecyForm({ current }: { current: Tagged<IncidentSettings> }) {
  const { t } = useTranslation();
  const s = current.data;
  const { error, errorFor, busy, save, reload } = useSave(current, 'secrecy', ['secretByDefault', 'defaultSecrecyProvision']);
  const [secret, setSecret] = useState(s.secretByDefault);
  const [provision, setProvision] = useState(s.defaultSecrecyProvision ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ secretByDefault: secret, defaultSecrecyProvision: provision.trim() || null });
  };
  const label = t('incidentSettings.secrecy.provision');
  return (
    <PartSection part="secrecy" settings={s}>
      <form onSubmit={submit} noValidate aria-labelledby="secrecy-heading">
        <Stack maw={640} gap="sm">
          <SubmitAlert error={error} onReload={reload} />
          <Checkbox
            id="secrecy-secretByDefault"
            label={t('incidentSettings.secrecy.secretByDefault')}
            checked={secret}
            disabled={!s.canUpdate}
            error={errorFor('secretByDefault')}
            onChange={(e) => setSecret(e.currentTarget.checked)}
          />
          <TextInput
            id="secrecy-defaultSecrecyProvision"
            label={secret ? requiredLabel(t, label) : label}
            description={t('incidentSettings.secrecy.provisionHelp')}
            required={secret}
            disabled={!s.canUpdate}
            value={provision}
            error={errorFor('defaultSecrecyProvision')}
            onChange={(e) => setProvision(e.currentTarget.value)}
          />
          {s.canUpdate ? (
            <Group>
              <Button type="submit" loading={busy}>
                {t('incidentSettings.secrecy.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
    </PartSection>
  );
}
