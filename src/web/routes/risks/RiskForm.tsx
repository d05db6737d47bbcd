import { Checkbox, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useSystemOptions } from '../../components/options.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { riskTreatments } from '../../../shared/enums.js';
import { analysesApi, riskKeys, risksApi, type Risk, type RiskInput } from './api.js';
import { scaleOptions, useLang, useOwners } from './parts.js';

interface Draft {
  analysisId: string;
  title: string;
  threat: string;
  vulnerability: string;
  description: string;
  systemIds: string[];
  assetIds: string[];
  unitIds: string[];
  likelihood: string;
  consequence: string;
  residualLikelihood: string;
  residualConsequence: string;
  treatment: string;
  treatmentNote: string;
  ownerUserId: string;
  status: string;
}
const ORDER = [
  'title',
  'threat',
  'vulnerability',
  'description',
  'systemIds',
  'assetIds',
  'unitIds',
  'likelihood',
  'consequence',
  'residualLikelihood',
  'residualConsequence',
  'treatment',
  'treatmentNote',
  'ownerUserId',
  'status',
];

const fromRecord = (r: Risk): Draft => ({
  analysisId: r.analysisId,
  title: r.title ?? '',
  threat: r.threat ?? '',
  vulnerability: r.vulnerability ?? '',
  description: r.description ?? '',
  systemIds: r.systemIds,
  assetIds: r.assetIds,
  unitIds: r.unitIds,
  likelihood: String(r.inherent?.likelihood ?? ''),
  consequence: String(r.inherent?.consequence ?? ''),
  residualLikelihood: r.residual ? String(r.residual.likelihood) : '',
  residualConsequence: r.residual ? String(r.residual.consequence) : '',
  treatment: r.treatment ?? '',
  treatmentNote: r.treatmentNote ?? '',
  ownerUserId: r.ownerUserId ?? '',
  status: r.status,
});

const num = (v: string) => (v ? Number(v) : null);
const toInput = (d: Draft): RiskInput => ({
  analysisId: d.analysisId,
  title: d.title,
  threat: d.threat,
  vulnerability: d.vulnerability || null,
  description: d.description || null,
  systemIds: d.systemIds,
  assetIds: d.assetIds,
  unitIds: d.unitIds,
  likelihood: Number(d.likelihood),
  consequence: Number(d.consequence),
  residualLikelihood: num(d.residualLikelihood),
  residualConsequence: num(d.residualConsequence),
  treatment: (d.treatment || null) as RiskInput['treatment'],
  treatmentNote: d.treatmentNote || null,
  ownerUserId: d.ownerUserId || null,
  status: d.status as 'open' | 'closed',
});

function Picker({
  id,
  label,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  return (
    <Checkbox.Group id={id} label={label} value={value} onChange={onChange} error={error}>
      <Stack gap={6} mt="xs" mah={200} style={{ overflowY: 'auto' }}>
        {options.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

export function RiskForm() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id } = useParams();
  const [params] = useSearchParams();
  const units = useOrgUnitOptions();
  const assets = useQuery({
    queryKey: [...keys.assets, 'risk-options'],
    queryFn: async () => (await assetsApi.list({ limit: 200 })).items.map((a) => ({ id: a.id, name: a.name })),
  });
  const form = useRecordForm({
    id,
    resource: riskKeys.risks,
    api: risksApi,
    form: 'risk',
    order: ORDER,
    empty: (): Draft => ({
      analysisId: params.get('analysisId') ?? '',
      title: '',
      threat: '',
      vulnerability: '',
      description: '',
      systemIds: [],
      assetIds: [],
      unitIds: [],
      likelihood: '',
      consequence: '',
      residualLikelihood: '',
      residualConsequence: '',
      treatment: '',
      treatmentNote: '',
      ownerUserId: '',
      status: 'open',
    }),
    fromRecord,
    toInput,
    savedNotice: t('risks.riskSaved'),
    invalidate: [riskKeys.all],
    cacheSaved: true,
    savedTo: (r) => `/risks/${r.id}`,
  });
  const { draft, input, field, set, editing } = form;
  // Only people the server accepts as this risk's owner (D1-02): by the risk when editing, by the analysis when new.
  const owners = useOwners(editing ? { riskId: id } : { analysisId: draft.analysisId }, editing || !!draft.analysisId);
  const currentOwner = form.record?.owner ?? null;
  const ownerOptions = (owners.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));
  // the recorded owner stays visible even when no longer eligible, so the form does not silently change it
  if (currentOwner && !ownerOptions.some((o) => o.value === currentOwner.id))
    ownerOptions.push({ value: currentOwner.id, label: currentOwner.name });
  const systems = useSystemOptions({ keep: draft.systemIds });
  // Masked assets cannot be told apart: only those already chosen are listed, named as masked.
  const assetOptions = (assets.data ?? []).flatMap((a) =>
    a.name !== null
      ? [{ value: a.id, label: a.name }]
      : draft.assetIds.includes(a.id)
        ? [{ value: a.id, label: t('secrecy.maskedAsset') }]
        : [],
  );
  const analysis = useQuery({
    queryKey: [...riskKeys.analyses, draft.analysisId],
    queryFn: () => analysesApi.get(draft.analysisId),
    enabled: !!draft.analysisId,
  });
  const size = analysis.data?.data.matrixSize ?? 4;
  const none = { value: '', label: t('risks.choose') };
  const scale = (kind: 'likelihood' | 'consequence') => [none, ...scaleOptions(kind, size, lang)];
  return (
    <RecordFormPage
      form={form}
      title={editing ? t('risks.editRisk') : t('risks.newRisk')}
      subtitle={analysis.data ? `${t('risks.analysis')}: ${analysis.data.data.title ?? ''} (${size} × ${size})` : undefined}
      cancelTo={editing ? `/risks/${id}` : `/risks/analyses/${draft.analysisId}`}
    >
      <TextInput {...input('title')} label={requiredLabel(t, t('risks.riskTitle'))} required />
      <Textarea {...input('threat')} label={requiredLabel(t, t('risks.threat'))} required autosize minRows={2} />
      <Textarea {...input('vulnerability')} label={t('risks.vulnerability')} autosize minRows={2} />
      <Textarea {...input('description')} label={t('risks.description')} autosize minRows={2} />
      <Picker
        {...field('systemIds')}
        label={t('risks.affectedSystems')}
        options={systems.options}
        value={draft.systemIds}
        onChange={(v) => set('systemIds', v)}
      />
      <Picker
        {...field('assetIds')}
        label={t('risks.affectedAssets')}
        options={assetOptions}
        value={draft.assetIds}
        onChange={(v) => set('assetIds', v)}
      />
      <Picker
        {...field('unitIds')}
        label={t('risks.affectedUnits')}
        options={units.options}
        value={draft.unitIds}
        onChange={(v) => set('unitIds', v)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect {...input('likelihood')} label={requiredLabel(t, t('risks.likelihood'))} required data={scale('likelihood')} />
        <NativeSelect {...input('consequence')} label={requiredLabel(t, t('risks.consequence'))} required data={scale('consequence')} />
        <NativeSelect {...input('residualLikelihood')} label={t('risks.residualLikelihood')} data={scale('likelihood')} />
        <NativeSelect {...input('residualConsequence')} label={t('risks.residualConsequence')} data={scale('consequence')} />
      </SimpleGrid>
      <NativeSelect
        {...input('treatment')}
        label={t('risks.treatment')}
        description={t('risks.treatmentHelp')}
        data={[none, ...riskTreatments.map((x) => ({ value: x, label: t(`risks.treatments.${x}`) }))]}
      />
      <Textarea
        {...input('treatmentNote')}
        label={t('risks.treatmentNote')}
        description={t('risks.treatmentNoteHelp')}
        autosize
        minRows={2}
      />
      <Group grow>
        <NativeSelect {...input('ownerUserId')} label={t('risks.owner')} data={[none, ...ownerOptions]} />
        <NativeSelect
          {...input('status')}
          label={t('risks.statusLabel')}
          data={['open', 'closed'].map((s) => ({ value: s, label: t(`risks.riskStatus.${s}`) }))}
        />
      </Group>
    </RecordFormPage>
  );
}
