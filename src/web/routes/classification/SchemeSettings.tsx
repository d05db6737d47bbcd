import { useState } from 'react';
import { Button, Fieldset, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Forbidden } from '../../components/Forbidden.js';
import { Loaded, Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { mayDo, useMe } from '../auth/session.js';
import { classificationApi, classificationKeys, type Scheme } from './api.js';

/** The coordinator's classification scheme: level labels, minimum rules, review interval and reminders. */
export function SchemeSettings() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!mayDo(me.data, 'tenant-settings', 'update')) {
    return <Forbidden title={t('classification.scheme.title')} body={t('classification.scheme.forbidden')} />;
  }
  return <SchemePage />;
}

function SchemePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('classification.scheme.title'));
  const query = useQuery({ queryKey: classificationKeys.scheme, queryFn: classificationApi.scheme });
  return (
    <>
      <PageHeader title={t('classification.scheme.title')} />
      <Loaded query={query} title={t('classification.scheme.title')}>
        {(s) => <SchemeForm key={JSON.stringify(s.levels) + JSON.stringify(s.minimumRules)} scheme={s} />}
      </Loaded>
    </>
  );
}

const toNumber = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v));

function SchemeForm({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const [levels, setLevels] = useState(scheme.levels);
  const [rules, setRules] = useState(scheme.minimumRules);
  const [months, setMonths] = useState<number | string>(scheme.reviewMonths);
  const [days, setDays] = useState<number | string>(scheme.reminderDays);
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const errors = useSubmitErrors('scheme', ['levels', 'minimumRules', 'reviewMonths', 'reminderDays']);

  const submit = async (body: Parameters<typeof classificationApi.updateScheme>[0]) => {
    errors.clear();
    setBusy(true);
    try {
      await classificationApi.updateScheme(body);
      setConfirmReset(false);
      await qc.invalidateQueries({ queryKey: classificationKeys.all });
      notify(t('classification.scheme.saved'));
    } catch (e) {
      errors.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const setLevel = (i: number, patch: Partial<Scheme['levels'][number]>) =>
    setLevels((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const setRule = (i: number, patch: Partial<Scheme['minimumRules'][number]>) =>
    setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Stack maw={900} gap="lg">
      <Fieldset legend={t('classification.scheme.review')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            id="scheme-reviewMonths"
            label={t('classification.scheme.reviewMonths')}
            min={1}
            max={36}
            value={months}
            onChange={setMonths}
            error={errors.errorFor('reviewMonths')}
          />
          <NumberInput
            id="scheme-reminderDays"
            label={t('classification.scheme.reminderDays')}
            min={0}
            max={180}
            value={days}
            onChange={setDays}
            error={errors.errorFor('reminderDays')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('classification.scheme.levels')} id="scheme-levels">
        <Text size="sm" mb="sm">
          {t('classification.scheme.levelsHelp')}
        </Text>
        {levels.map((l, i) => (
          <SimpleGrid key={l.level} cols={{ base: 1, sm: 2 }} mb="sm">
            <TextInput
              label={t('classification.scheme.labelSv', { level: l.level })}
              value={l.sv}
              onChange={(e) => setLevel(i, { sv: e.currentTarget.value })}
              error={errors.errorFor(`levels.${i}.sv`)}
            />
            <TextInput
              label={t('classification.scheme.labelEn', { level: l.level })}
              value={l.en}
              onChange={(e) => setLevel(i, { en: e.currentTarget.value })}
              error={errors.errorFor(`levels.${i}.en`)}
            />
          </SimpleGrid>
        ))}
        {errors.errorFor('levels') ? <Text c="red.8">{errors.errorFor('levels')}</Text> : null}
      </Fieldset>
      <Fieldset legend={t('classification.scheme.rules')} id="scheme-minimumRules">
        <Text size="sm" mb="sm">
          {t('classification.scheme.rulesHelp')}
        </Text>
        {rules.map((r, i) => (
          <Stack key={r.id} gap={4} mb="md">
            <Text fw={600}>{r.id}</Text>
            <Group align="end">
              <NativeSelect
                label={t('classification.scheme.minLevel', { id: r.id })}
                value={String(r.minLevel)}
                onChange={(e) => setRule(i, { minLevel: Number(e.currentTarget.value) })}
                data={['1', '2', '3']}
              />
              <Button variant="default" onClick={() => setRules((rs) => rs.filter((_, j) => j !== i))}>
                {t('classification.scheme.removeRule', { id: r.id })}
              </Button>
            </Group>
            <TextInput
              label={t('classification.scheme.ruleSv', { id: r.id })}
              value={r.reasonSv}
              onChange={(e) => setRule(i, { reasonSv: e.currentTarget.value })}
              error={errors.errorFor(`minimumRules.${i}.reasonSv`)}
            />
            <TextInput
              label={t('classification.scheme.ruleEn', { id: r.id })}
              value={r.reasonEn}
              onChange={(e) => setRule(i, { reasonEn: e.currentTarget.value })}
              error={errors.errorFor(`minimumRules.${i}.reasonEn`)}
            />
          </Stack>
        ))}
      </Fieldset>
      <SubmitAlert error={errors.error} />
      <Group>
        <Button
          loading={busy}
          onClick={() =>
            void submit({
              reviewMonths: toNumber(months),
              reminderDays: toNumber(days),
              levels: scheme.levelsCustomised || JSON.stringify(levels) !== JSON.stringify(scheme.levels) ? levels : undefined,
              minimumRules: scheme.rulesCustomised || JSON.stringify(rules) !== JSON.stringify(scheme.minimumRules) ? rules : undefined,
            })
          }
        >
          {t('classification.scheme.save')}
        </Button>
        <Button variant="default" disabled={busy} onClick={() => setConfirmReset(true)}>
          {t('classification.scheme.reset')}
        </Button>
      </Group>
      <Modal
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title={t('classification.scheme.resetTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      >
        <Text mb="md">{t('classification.scheme.resetBody')}</Text>
        <SubmitAlert error={errors.error} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirmReset(false)} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void submit({ levels: null, minimumRules: null })}>
            {t('classification.scheme.resetConfirm')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
