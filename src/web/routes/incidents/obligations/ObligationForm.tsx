import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../../components/format.js';
import { useSubmitErrors } from '../../../components/formErrors.js';
import { useNotify } from '../../../components/notify.js';
import { SubmitAlert } from '../../../components/States.js';
import { refreshIncident } from '../api.js';
import { fromLocalInput, nowLocalInput, toLocalInput } from '../parts.js';
import { APPLIES, obligationsApi, type Obligation } from './api.js';

const FIELDS = ['applies', 'appliesReason', 'submittedAt', 'reference', 'lateReason'];
type Applies = (typeof APPLIES)[number];

/** Assessment and submission of one report: applies or not (with a reason), when it was sent, the reference, why late. */
export function ObligationForm({ incidentId, obligation: o, onDone }: { incidentId: string; obligation: Obligation; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const prefix = `obligation-${o.code}`;
  const { error, errorFor, busy, run } = useSubmitErrors(prefix, FIELDS);
  const [applies, setApplies] = useState<Applies>(o.applies);
  const [appliesReason, setAppliesReason] = useState(o.appliesReason ?? '');
  const [submittedAt, setSubmittedAt] = useState(toLocalInput(o.submittedAt));
  const [reference, setReference] = useState(o.reference ?? '');
  const [lateReason, setLateReason] = useState(o.lateReason ?? '');
  const submittedIso = submittedAt ? fromLocalInput(submittedAt) : null;
  // asked for as soon as the entered time is past the deadline, not only after the server says so
  const late = !!submittedIso && Date.parse(submittedIso) > Date.parse(o.dueAt);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await obligationsApi.update(incidentId, o.code, o.version, {
        applies,
        appliesReason: appliesReason.trim() || null,
        submittedAt: submittedIso,
        reference: reference.trim() || null,
        lateReason: late || lateReason.trim() ? lateReason.trim() || null : null,
      });
      await refreshIncident(client);
      notify(t('obligations.form.saved', { name: o.regime.name }));
      onDone();
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('obligations.form.label', { name: o.regime.name })}>
      <Stack gap="sm" mt="sm" maw={640}>
        <SubmitAlert error={error} onReload={() => void refreshIncident(client)} />
        <NativeSelect
          id={`${prefix}-applies`}
          label={t('obligations.form.applies')}
          data={APPLIES.map((v) => ({ value: v, label: t(`obligations.applies.${v}`) }))}
          value={applies}
          error={errorFor('applies')}
          onChange={(e) => setApplies(e.currentTarget.value as Applies)}
        />
        <Textarea
          id={`${prefix}-appliesReason`}
          label={applies === 'no' ? requiredLabel(t, t('obligations.form.reasonNo')) : t('obligations.form.reason')}
          description={t('obligations.form.reasonHelp')}
          required={applies === 'no'}
          autosize
          minRows={2}
          maxLength={2000}
          value={appliesReason}
          error={errorFor('appliesReason')}
          onChange={(e) => setAppliesReason(e.currentTarget.value)}
        />
        <Group align="flex-end" gap="sm">
          <TextInput
            id={`${prefix}-submittedAt`}
            type="datetime-local"
            label={t('obligations.form.submittedAt')}
            description={t('obligations.form.submittedAtHelp')}
            value={submittedAt}
            error={errorFor('submittedAt')}
            onChange={(e) => setSubmittedAt(e.currentTarget.value)}
          />
          <Button variant="default" onClick={() => setSubmittedAt(nowLocalInput())}>
            {t('obligations.form.now')}
          </Button>
        </Group>
        <TextInput
          id={`${prefix}-reference`}
          label={t('obligations.form.reference')}
          description={t('obligations.form.referenceHelp')}
          maxLength={200}
          value={reference}
          error={errorFor('reference')}
          onChange={(e) => setReference(e.currentTarget.value)}
        />
        {late || o.lateReason ? (
          <Textarea
            id={`${prefix}-lateReason`}
            label={late ? requiredLabel(t, t('obligations.form.lateReason')) : t('obligations.form.lateReason')}
            description={t('obligations.form.lateReasonHelp')}
            required={late}
            autosize
            minRows={2}
            maxLength={2000}
            value={lateReason}
            error={errorFor('lateReason')}
            onChange={(e) => setLateReason(e.currentTarget.value)}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={busy}>
            {t('obligations.form.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
