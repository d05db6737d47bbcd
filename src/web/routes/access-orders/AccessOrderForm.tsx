import type { FormEvent } from 'react';
import { useState } from 'react';
import { Button, Fieldset, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { useSystemOptions } from '../../components/options.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { accessOrderTypes, addCalendarDays, type AccessOrderType } from '../../../shared/access-orders.js';
import { useMe } from '../auth/session.js';
import { accessOrderKeys, accessOrdersApi, orNull, todayInSweden } from './api.js';

const ORDER = [
  'type',
  'supplierId',
  'systemId',
  'personName',
  'personEmail',
  'personnummer',
  'permissions',
  'justification',
  'startDate',
  'lateReason',
  'trainingDoneOn',
  'secrecyReminderSignedOn',
  'informedOfRegistrationOn',
];

const blank = {
  type: 'new' as AccessOrderType,
  supplierId: '',
  systemId: '',
  personName: '',
  personEmail: '',
  personnummer: '',
  permissions: '',
  justification: '',
  startDate: '',
  lateReason: '',
  trainingDoneOn: '',
  secrecyReminderSignedOn: '',
  informedOfRegistrationOn: '',
};
type Draft = typeof blank;

/** Systems the orderer may name: its supplier's systems for a supplier user, the register otherwise. */
function useOrderSystems(ownSupplier: string | null) {
  const register = useSystemOptions({ enabled: !ownSupplier });
  const linked = useQuery({
    queryKey: [...accessOrderKeys.all, 'supplier-systems', ownSupplier],
    queryFn: () => accessOrdersApi.supplierSystems(ownSupplier!),
    enabled: !!ownSupplier,
  });
  if (!ownSupplier) return register.options;
  return (linked.data?.items ?? []).flatMap((s) => (s.name ? [{ value: s.systemId, label: s.name }] : []));
}

/**
 * /access-orders/new (D0-11..D0-14, D3-03, D3-22): order a new account, a change or a termination.
 * A late start date is refused by the server with the reason in plain words (days needed, earliest date).
 */
export function AccessOrderForm() {
  const { t } = useTranslation();
  useDocumentTitle(t('accessOrders.form.title'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const me = useMe().data;
  const ownSupplier = me?.grants.find((g) => g.role === 'authorised_orderer' && g.supplierId)?.supplierId ?? null;
  const municipal = !!me?.grants.some((g) => g.scopeType !== 'supplier');
  const rules = useQuery({ queryKey: [...accessOrderKeys.all, 'lead-times'], queryFn: accessOrdersApi.leadTimes });
  const suppliers = useQuery({ queryKey: [...accessOrderKeys.all, 'suppliers'], queryFn: accessOrdersApi.suppliers, enabled: municipal });
  const systems = useOrderSystems(municipal ? null : ownSupplier);
  const [draft, setDraft] = useState<Draft>(blank);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const { error, errorFor, busy, run } = useSubmitErrors('access-order', ORDER);
  const input = (k: keyof Draft) => ({
    id: `access-order-${k}`,
    value: draft[k],
    error: errorFor(k),
    onChange: (e: { currentTarget: { value: string } }) => set(k, e.currentTarget.value as never),
  });

  const external = municipal ? !!draft.supplierId : !!ownSupplier;
  const days = draft.type === 'new' ? rules.data?.newLeadDays : draft.type === 'change' ? rules.data?.changeLeadDays : 0;
  const help =
    draft.type === 'terminate' || days === undefined
      ? t('accessOrders.startDateHelp.terminate')
      : t(`accessOrders.startDateHelp.${draft.type}`, { days, date: addCalendarDays(todayInSweden(), days) });

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    void run(async () => {
      const created = await accessOrdersApi.create({
        type: draft.type,
        systemId: draft.systemId,
        personName: draft.personName,
        startDate: draft.startDate,
        ...(municipal ? { supplierId: orNull(draft.supplierId) } : {}),
        personEmail: orNull(draft.personEmail),
        personnummer: orNull(draft.personnummer),
        permissions: orNull(draft.permissions),
        justification: orNull(draft.justification),
        lateReason: orNull(draft.lateReason),
        ...(external && draft.type !== 'terminate'
          ? {
              trainingDoneOn: orNull(draft.trainingDoneOn),
              secrecyReminderSignedOn: orNull(draft.secrecyReminderSignedOn),
              informedOfRegistrationOn: orNull(draft.informedOfRegistrationOn),
            }
          : {}),
      });
      await client.invalidateQueries({ queryKey: accessOrderKeys.all });
      notify(t('accessOrders.form.submitted'));
      await navigate(`/access-orders/${created.data.id}`);
    });
  };

  return (
    <>
      <PageHeader title={t('accessOrders.form.title')} />
      <form onSubmit={submit} noValidate aria-label={t('accessOrders.form.title')}>
        <Stack maw={640}>
          <SubmitAlert error={error} />
          <NativeSelect
            {...input('type')}
            label={requiredLabel(t, t('accessOrders.type'))}
            data={accessOrderTypes.map((v) => ({ value: v, label: t(`accessOrders.types.${v}`) }))}
          />
          {municipal ? (
            <NativeSelect
              {...input('supplierId')}
              label={t('accessOrders.supplier')}
              data={[
                { value: '', label: t('accessOrders.internal') },
                ...(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
              ]}
            />
          ) : null}
          {!municipal && systems.length === 0 ? <Text>{t('accessOrders.form.noSystems')}</Text> : null}
          <NativeSelect
            {...input('systemId')}
            label={requiredLabel(t, t('accessOrders.system'))}
            required
            data={[{ value: '', label: '–' }, ...systems]}
          />
          <TextInput {...input('personName')} label={requiredLabel(t, t('accessOrders.personName'))} required autoComplete="off" />
          <TextInput {...input('personEmail')} type="email" label={t('accessOrders.personEmail')} autoComplete="off" />
          <TextInput
            {...input('personnummer')}
            label={t('accessOrders.personnummer')}
            description={t('accessOrders.personnummerHelp')}
            autoComplete="off"
            inputMode="numeric"
          />
          {draft.type !== 'terminate' ? (
            <Textarea
              {...input('permissions')}
              label={t('accessOrders.permissions')}
              description={t('accessOrders.permissionsHelp')}
              autosize
              minRows={2}
            />
          ) : null}
          <Textarea {...input('justification')} label={t('accessOrders.justification')} autosize minRows={2} />
          <TextInput
            {...input('startDate')}
            type="date"
            label={requiredLabel(t, t('accessOrders.startDate'))}
            description={help}
            required
          />
          {rules.data?.latePolicy === 'accept' && draft.type !== 'terminate' ? (
            <Textarea
              {...input('lateReason')}
              label={t('accessOrders.lateReason')}
              description={t('accessOrders.lateReasonHelp')}
              autosize
              minRows={2}
            />
          ) : null}
          {external && draft.type !== 'terminate' ? (
            <Fieldset legend={t('accessOrders.form.gatesHeading')}>
              <Text size="sm" mb="xs">
                {t('accessOrders.form.gatesHelp')}
              </Text>
              <TextInput
                {...input('trainingDoneOn')}
                type="date"
                label={
                  rules.data?.requiredTraining
                    ? t('accessOrders.gates.trainingNamed', { name: rules.data.requiredTraining })
                    : t('accessOrders.gates.trainingDoneOn')
                }
              />
              <TextInput {...input('secrecyReminderSignedOn')} type="date" label={t('accessOrders.gates.secrecyReminderSignedOn')} />
              <TextInput {...input('informedOfRegistrationOn')} type="date" label={t('accessOrders.gates.informedOfRegistrationOn')} />
            </Fieldset>
          ) : null}
          <Group>
            <Button type="submit" loading={busy}>
              {t('accessOrders.form.submit')}
            </Button>
            <Button component={Link} to="/access-orders" variant="default">
              {t('accessOrders.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
