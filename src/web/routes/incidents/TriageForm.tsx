import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Fieldset, Group, MultiSelect, NativeSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.js';
import { assetsApi, identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useNotify } from '../../components/notify.js';
import { useSystemOptions } from '../../components/options.js';
import { SecrecyFields } from '../../components/Secrecy.js';
import { SubmitAlert } from '../../components/States.js';
import { usePermission } from '../auth/session.js';
import { categoriesApi, categoryName, incidentSettingsKeys } from '../incident-settings/api.js';
import {
  incidentsApi,
  PAYERS,
  PERSONAL_DATA,
  SEVERITIES,
  STATUSES,
  TYPES,
  type Incident,
  refreshIncident,
  type IncidentPatch,
} from './api.js';
import { Confirm, fromLocalInput, numberOrNull, orNull, toLocalInput } from './parts.js';

const TIMES = ['occurredAt', 'awareAt', 'containedAt', 'resolvedAt', 'outageStartedAt', 'outageEndedAt'] as const;
const TEXTS = ['description', 'consequences', 'conclusions', 'lessons', 'prevention'] as const;
const LISTS = ['systemIds', 'assetIds', 'unitIds', 'supplierIds'] as const;
const ORDER = [
  'title',
  'type',
  'categoryId',
  'severity',
  'status',
  'personalData',
  'personalDataNote',
  ...TIMES,
  ...LISTS,
  'handlingUnitId',
  'handlerUserId',
  'handlingHours',
  'handlingCostSek',
  'costPayer',
  'faultLocationUnclear',
  'publicStatus',
  'onStatusPage',
  'crisisDecision',
  ...TEXTS,
  'secret',
  'secrecyProvision',
];

type Draft = Record<string, string | string[] | boolean>;

const fromRecord = (r: Incident): Draft => ({
  title: r.title ?? '',
  type: r.type,
  categoryId: r.category?.id ?? '',
  severity: r.severity ?? '',
  status: r.status,
  personalData: r.personalData ?? 'unknown',
  personalDataNote: r.personalDataNote ?? '',
  occurredAt: toLocalInput(r.occurredAt),
  awareAt: toLocalInput(r.awareAt),
  containedAt: toLocalInput(r.containedAt),
  resolvedAt: toLocalInput(r.resolvedAt),
  outageStartedAt: toLocalInput(r.outageStartedAt),
  outageEndedAt: toLocalInput(r.outageEndedAt),
  systemIds: r.systemIds,
  assetIds: r.assetIds,
  unitIds: r.unitIds,
  supplierIds: r.supplierIds,
  handlingUnitId: r.handlingUnit?.id ?? '',
  handlerUserId: r.handler?.id ?? '',
  handlingHours: r.handlingHours === null ? '' : String(r.handlingHours),
  handlingCostSek: r.handlingCostSek === null ? '' : String(r.handlingCostSek),
  costPayer: r.costPayer ?? '',
  faultLocationUnclear: r.faultLocationUnclear,
  publicStatus: r.publicStatus ?? '',
  onStatusPage: r.onStatusPage,
  crisisDecision: r.crisisDecision ?? '',
  description: r.description ?? '',
  consequences: r.consequences ?? '',
  conclusions: r.conclusions ?? '',
  lessons: r.lessons ?? '',
  prevention: r.prevention ?? '',
  secret: r.secret,
  secrecyProvision: r.secrecyProvision ?? '',
});

function toPatch(d: Draft, before: Draft): IncidentPatch {
  const s = (k: string) => d[k] as string;
  const time = (k: string) => (s(k) ? fromLocalInput(s(k)) : null);
  const out: Record<string, unknown> = {
    title: s('title'),
    type: s('type'),
    categoryId: orNull(s('categoryId')),
    severity: orNull(s('severity')),
    status: s('status'),
    personalData: s('personalData'),
    personalDataNote: orNull(s('personalDataNote')),
    handlingUnitId: orNull(s('handlingUnitId')),
    handlerUserId: orNull(s('handlerUserId')),
    handlingHours: numberOrNull(s('handlingHours')),
    handlingCostSek: numberOrNull(s('handlingCostSek')),
    costPayer: orNull(s('costPayer')),
    faultLocationUnclear: d.faultLocationUnclear,
    publicStatus: orNull(s('publicStatus')),
    onStatusPage: d.onStatusPage,
    crisisDecision: orNull(s('crisisDecision')),
    secret: d.secret,
    secrecyProvision: orNull(s('secrecyProvision')),
  };
  for (const k of TEXTS) out[k] = orNull(s(k));
  for (const k of LISTS) out[k] = d[k];
  // times are sent only when changed: the field shows minutes, the record may hold seconds
  for (const k of TIMES) if (d[k] !== before[k]) out[k] = k === 'awareAt' ? fromLocalInput(s(k)) : time(k);
  return out as IncidentPatch;
}

/** The handler's triage and documentation of an incident, in sections (D1-52, D1-53, D1-65). */
export function TriageForm({ r, etag }: { r: Incident; etag: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('triage', ORDER);
  const [confirmCrisis, setConfirmCrisis] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => fromRecord(r));
  const [base, setBase] = useState<Draft>(() => fromRecord(r));
  useEffect(() => {
    setDraft(fromRecord(r));
    setBase(fromRecord(r));
    // a new version from the server resets the form
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [r.id, r.version]);
  const set = (k: string, v: string | string[] | boolean) => setDraft((d) => ({ ...d, [k]: v }));
  const text = (k: string) => ({
    id: `triage-${k}`,
    error: errorFor(k),
    value: draft[k] as string,
    onChange: (e: { currentTarget: { value: string } }) => set(k, e.currentTarget.value),
  });

  const maySettings = usePermission('incident-settings');
  const mayPeople = usePermission('measure');
  const maySuppliers = usePermission('supplier');
  const mayAssets = usePermission('information-asset');
  // the same cache entries as the settings page (active categories) and the role-scope pickers (suppliers)
  const categories = useQuery({
    queryKey: [...incidentSettingsKeys.categories, false],
    queryFn: () => categoriesApi.list(false),
    enabled: maySettings,
  });
  const people = useQuery({ queryKey: ['measure-owners'], queryFn: () => unwrap(api.GET('/api/v1/measures/owners')), enabled: mayPeople });
  const suppliers = useQuery({
    queryKey: identityKeys.suppliers,
    queryFn: supplierOptionsApi.list,
    staleTime: 60_000,
    retry: false,
    enabled: maySuppliers,
  });
  const assets = useQuery({
    queryKey: ['information-assets', 'options'],
    queryFn: () => assetsApi.list({ limit: 200 }),
    enabled: mayAssets,
  });
  const systems = useSystemOptions({ keep: draft.systemIds as string[] });
  const units = useOrgUnitOptions();
  const none = { value: '', label: t('incidents.none') };

  // D1-36: an extensive impact tells the crisis group at once, so it is asked first
  const opensCrisis = draft.severity === 'extensive' && !r.crisis;
  const save = () =>
    void run(async () => {
      await refreshIncident(client, await incidentsApi.update(r.id, etag, toPatch(draft, base)));
      notify(t('incidents.triage.saved'));
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (opensCrisis) setConfirmCrisis(true);
    else save();
  };
  const reload = () => void refreshIncident(client);

  const enumSelect = (k: string, group: string, values: readonly string[], withNone = false) => (
    <NativeSelect
      {...text(k)}
      label={t(`incidents.fields.${k}`)}
      data={[...(withNone ? [none] : []), ...values.map((v) => ({ value: v, label: t(`incidents.${group}.${v}`) }))]}
    />
  );
  const multi = (k: string, data: { value: string; label: string }[]) => (
    <MultiSelect
      id={`triage-${k}`}
      error={errorFor(k)}
      label={t(`incidents.fields.${k}`)}
      searchable
      clearable
      nothingFoundMessage={t('incidents.nothingFound')}
      data={data}
      value={draft[k] as string[]}
      onChange={(v) => set(k, v)}
    />
  );
  const keepChosen = (k: string, opts: { value: string; label: string }[]) => [
    ...opts,
    ...(draft[k] as string[]).filter((id) => !opts.some((o) => o.value === id)).map((id) => ({ value: id, label: t('secrecy.masked') })),
  ];

  return (
    <section aria-labelledby="triage-heading">
      <Title order={2} id="triage-heading" mt="xl" mb="xs">
        {t('incidents.triage.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={900} gap="md">
          <SubmitAlert error={error} onReload={reload} />
          <Fieldset legend={t('incidents.triage.assessment')}>
            <Stack gap="sm">
              <TextInput {...text('title')} label={requiredLabel(t, t('incidents.fields.title'))} required maxLength={300} />
              <Group grow align="flex-start">
                {enumSelect('type', 'type', TYPES)}
                <NativeSelect
                  {...text('categoryId')}
                  label={t('incidents.fields.category')}
                  data={[
                    none,
                    ...(categories.data?.items ?? []).map((c) => ({ value: c.id, label: categoryName(c, i18n.language) })),
                    // an archived category stays readable on the incidents that have it
                    ...(r.category && !(categories.data?.items ?? []).some((c) => c.id === r.category?.id)
                      ? [{ value: r.category.id, label: r.category.name ?? t('secrecy.masked') }]
                      : []),
                  ]}
                />
              </Group>
              <Group grow align="flex-start">
                <NativeSelect
                  {...text('severity')}
                  label={t('incidents.fields.severity')}
                  description={t('incidents.triage.severityHelp')}
                  data={[
                    { value: '', label: t('incidents.unassessed') },
                    ...SEVERITIES.map((v) => ({ value: v, label: t(`incidents.severity.${v}`) })),
                  ]}
                />
                {enumSelect('status', 'status', STATUSES)}
              </Group>
              <NativeSelect
                {...text('personalData')}
                label={t('incidents.fields.personalData')}
                description={t('incidents.triage.personalDataHelp')}
                data={PERSONAL_DATA.map((v) => ({ value: v, label: t(`incidents.personalDataValue.${v}`) }))}
              />
              <Textarea
                {...text('personalDataNote')}
                label={t('incidents.fields.personalDataNote')}
                autosize
                minRows={2}
                maxLength={5000}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t('incidents.triage.times')}>
            <Group grow align="flex-start" wrap="wrap">
              {TIMES.map((k) => (
                <TextInput
                  key={k}
                  {...text(k)}
                  type="datetime-local"
                  miw={220}
                  label={k === 'awareAt' ? requiredLabel(t, t(`incidents.fields.${k}`)) : t(`incidents.fields.${k}`)}
                  description={k === 'awareAt' ? t('incidents.triage.awareAtHelp') : undefined}
                  required={k === 'awareAt'}
                />
              ))}
            </Group>
          </Fieldset>
          <Fieldset legend={t('incidents.triage.affected')}>
            <Stack gap="sm">
              {multi('systemIds', systems.options)}
              {mayAssets
                ? multi(
                    'assetIds',
                    keepChosen(
                      'assetIds',
                      (assets.data?.items ?? []).flatMap((a) => (a.name ? [{ value: a.id, label: a.name }] : [])),
                    ),
                  )
                : null}
              {multi('unitIds', units.options)}
              {maySuppliers
                ? multi(
                    'supplierIds',
                    keepChosen(
                      'supplierIds',
                      (suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name })),
                    ),
                  )
                : null}
            </Stack>
          </Fieldset>
          <Fieldset legend={t('incidents.triage.handling')}>
            <Stack gap="sm">
              <Group grow align="flex-start">
                <NativeSelect {...text('handlingUnitId')} label={t('incidents.fields.handlingUnit')} data={[none, ...units.options]} />
                {mayPeople ? (
                  <NativeSelect
                    {...text('handlerUserId')}
                    label={t('incidents.fields.handler')}
                    data={[
                      none,
                      ...(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName })),
                      ...(r.handler && !(people.data?.items ?? []).some((p) => p.id === r.handler?.id)
                        ? [{ value: r.handler.id, label: r.handler.displayName }]
                        : []),
                    ]}
                  />
                ) : null}
              </Group>
              <Group grow align="flex-start">
                <TextInput {...text('handlingHours')} inputMode="decimal" label={t('incidents.fields.handlingHours')} />
                <TextInput {...text('handlingCostSek')} inputMode="decimal" label={t('incidents.fields.handlingCostSek')} />
                {enumSelect('costPayer', 'payer', PAYERS, true)}
              </Group>
              <Checkbox
                id="triage-faultLocationUnclear"
                error={errorFor('faultLocationUnclear')}
                label={t('incidents.fields.faultLocationUnclear')}
                description={t('incidents.triage.faultLocationHelp')}
                checked={draft.faultLocationUnclear as boolean}
                onChange={(e) => set('faultLocationUnclear', e.currentTarget.checked)}
              />
              <TextInput
                {...text('publicStatus')}
                label={t('incidents.fields.publicStatus')}
                description={t('incidents.triage.publicStatusHelp')}
                maxLength={500}
              />
              <Checkbox
                id="triage-onStatusPage"
                error={errorFor('onStatusPage')}
                label={t('incidents.fields.onStatusPage')}
                checked={draft.onStatusPage as boolean}
                onChange={(e) => set('onStatusPage', e.currentTarget.checked)}
              />
              {r.crisis ? <Textarea {...text('crisisDecision')} label={t('incidents.fields.crisisDecision')} autosize minRows={2} /> : null}
            </Stack>
          </Fieldset>
          <Fieldset legend={t('incidents.triage.documentation')}>
            <Stack gap="sm">
              {TEXTS.map((k) => (
                <Textarea
                  key={k}
                  {...text(k)}
                  label={t(`incidents.fields.${k}`)}
                  description={t(`incidents.triage.help.${k}`)}
                  autosize
                  minRows={3}
                />
              ))}
            </Stack>
          </Fieldset>
          <Fieldset legend={t('incidents.triage.secrecy')}>
            <SecrecyFields
              secret={draft.secret as boolean}
              onSecretChange={(v) => set('secret', v)}
              secretField={{ id: 'triage-secret', error: errorFor('secret') }}
              provisionInput={text('secrecyProvision')}
            />
          </Fieldset>
          <Group>
            <Button type="submit" disabled={busy}>
              {t('incidents.triage.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Confirm
        opened={confirmCrisis}
        title={t('incidents.triage.crisisConfirmTitle')}
        body={t('incidents.triage.crisisConfirmBody')}
        confirm={t('incidents.triage.crisisConfirm')}
        onCancel={() => setConfirmCrisis(false)}
        onConfirm={() => {
          setConfirmCrisis(false);
          save();
        }}
      />
    </section>
  );
}
