import type { FormEvent } from 'react';
import { Button, Group, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { useSystemOptions } from '../../components/options.js';
import { SubmitAlert } from '../../components/States.js';
import { continuityApi, continuityKeys, type SystemContinuity } from './api.js';
import { OutageInputs, Picker, orNull, outageMinutes, useDraft } from './parts.js';

const ORDER = [
  'acceptedOutageMinutes',
  'outageDecidedBy',
  'outageDecidedOn',
  'outageDnr',
  'vitalActivity',
  'emergencyProcedure',
  'dependencySystemIds',
  'dependencySupplierIds',
];

const draftOf = (c: SystemContinuity) => ({
  hours: c.acceptedOutageMinutes == null ? '' : String(Math.floor(c.acceptedOutageMinutes / 60)),
  minutes: c.acceptedOutageMinutes == null ? '' : String(c.acceptedOutageMinutes % 60),
  outageDecidedBy: c.outageDecidedBy ?? '',
  outageDecidedOn: c.outageDecidedOn ?? '',
  outageDnr: c.outageDnr ?? '',
  vitalActivity: c.vitalActivity ?? '',
  emergencyProcedure: c.emergencyProcedure ?? '',
  dependencySystemIds: c.dependencySystems.map((s) => s.id),
  dependencySupplierIds: c.dependencySuppliers.map((s) => s.id),
});

/** D1-26, D1-41: accepted outage time with who decided it and when, vital activity, emergency operation, dependencies. */
export function ContinuityForm({
  systemId,
  continuity,
  etag,
  onDone,
  onReload,
}: {
  systemId: string;
  continuity: SystemContinuity;
  etag: string;
  onDone: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('continuity', ORDER);
  const { draft, set } = useDraft(draftOf(continuity));
  const systems = useSystemOptions({ keep: draft.dependencySystemIds });
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await continuityApi.put(systemId, etag, {
        acceptedOutageMinutes: outageMinutes(draft.hours, draft.minutes),
        outageDecidedBy: orNull(draft.outageDecidedBy),
        outageDecidedOn: orNull(draft.outageDecidedOn),
        outageDnr: orNull(draft.outageDnr),
        vitalActivity: orNull(draft.vitalActivity),
        emergencyProcedure: orNull(draft.emergencyProcedure),
        dependencySystemIds: draft.dependencySystemIds,
        dependencySupplierIds: draft.dependencySupplierIds,
      });
      await client.invalidateQueries({ queryKey: continuityKeys.all });
      notify(t('continuity.saved'));
      onDone();
    });
  };
  const text = (name: 'outageDecidedBy' | 'outageDecidedOn' | 'outageDnr', label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      id={`continuity-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="continuity-form-title">
      <Title order={3} size="h4" mt="md" mb="sm" id="continuity-form-title" tabIndex={-1}>
        {t('continuity.editTitle')}
      </Title>
      <Stack maw={720} gap="sm">
        <SubmitAlert error={error} onReload={onReload} />
        <OutageInputs
          prefix="continuity"
          hours={draft.hours}
          minutes={draft.minutes}
          onHours={(v) => set('hours', v)}
          onMinutes={(v) => set('minutes', v)}
          error={errorFor('acceptedOutageMinutes')}
        />
        {text('outageDecidedBy', t('continuity.fields.outageDecidedBy'), { description: t('continuity.fields.outageDecidedByHelp') })}
        <Group grow maw={480}>
          {text('outageDecidedOn', t('continuity.fields.outageDecidedOn'), { type: 'date' })}
          {text('outageDnr', t('continuity.fields.outageDnr'))}
        </Group>
        <Textarea
          id="continuity-vitalActivity"
          label={t('continuity.fields.vitalActivity')}
          description={t('continuity.fields.vitalActivityHelp')}
          autosize
          minRows={2}
          value={draft.vitalActivity}
          error={errorFor('vitalActivity')}
          onChange={(e) => set('vitalActivity', e.currentTarget.value)}
        />
        <Textarea
          id="continuity-emergencyProcedure"
          label={t('continuity.fields.emergencyProcedure')}
          description={t('continuity.fields.emergencyProcedureHelp')}
          autosize
          minRows={3}
          value={draft.emergencyProcedure}
          error={errorFor('emergencyProcedure')}
          onChange={(e) => set('emergencyProcedure', e.currentTarget.value)}
        />
        <Picker
          id="continuity-dependencySystemIds"
          label={t('continuity.fields.dependencySystems')}
          options={systems.options.filter((o) => o.value !== systemId)}
          value={draft.dependencySystemIds}
          onChange={(v) => set('dependencySystemIds', v)}
          error={errorFor('dependencySystemIds')}
        />
        <Picker
          id="continuity-dependencySupplierIds"
          label={t('continuity.fields.dependencySuppliers')}
          options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={draft.dependencySupplierIds}
          onChange={(v) => set('dependencySupplierIds', v)}
          error={errorFor('dependencySupplierIds')}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
