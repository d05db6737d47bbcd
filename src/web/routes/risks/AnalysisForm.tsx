import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { analysesApi, riskKeys, type Analysis, type AnalysisInput } from './api.js';

interface Draft {
  title: string;
  scope: string;
  analysedOn: string;
  participants: string;
  methodNotes: string;
  unitId: string;
  matrixSize: string;
  status: string;
  nextUpdateOn: string;
}
const ORDER = ['title', 'scope', 'analysedOn', 'participants', 'methodNotes', 'unitId', 'matrixSize', 'status', 'nextUpdateOn'];

const fromRecord = (a: Analysis): Draft => ({
  title: a.title ?? '',
  scope: a.scope ?? '',
  analysedOn: a.analysedOn,
  participants: a.participants.join(', '),
  methodNotes: a.methodNotes ?? '',
  unitId: a.unitId ?? '',
  matrixSize: String(a.matrixSize),
  status: a.status,
  nextUpdateOn: a.nextUpdateOn ?? '',
});

const toInput = (d: Draft): AnalysisInput => ({
  title: d.title,
  scope: d.scope || null,
  analysedOn: d.analysedOn,
  participants: d.participants
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean),
  methodNotes: d.methodNotes || null,
  unitId: d.unitId || null,
  ...(d.matrixSize ? { matrixSize: Number(d.matrixSize) as 4 | 5 } : {}),
  status: d.status as 'draft' | 'completed',
  // empty: the server sets a year after the analysis (D1-11)
  ...(d.nextUpdateOn ? { nextUpdateOn: d.nextUpdateOn } : {}),
});

export function AnalysisForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const units = useOrgUnitOptions();
  const form = useRecordForm({
    id,
    resource: riskKeys.analyses,
    api: analysesApi,
    form: 'analysis',
    order: ORDER,
    empty: (): Draft => ({
      title: '',
      scope: '',
      analysedOn: new Date().toISOString().slice(0, 10),
      participants: '',
      methodNotes: '',
      unitId: '',
      matrixSize: '',
      status: 'draft',
      nextUpdateOn: '',
    }),
    fromRecord,
    toInput,
    savedNotice: t('risks.analysisSaved'),
    invalidate: [riskKeys.all],
    cacheSaved: true,
    savedTo: (a) => `/risks/analyses/${a.id}`,
  });
  const { input, editing } = form;
  return (
    <RecordFormPage
      form={form}
      title={editing ? t('risks.editAnalysis') : t('risks.newAnalysis')}
      cancelTo={editing ? `/risks/analyses/${id}` : '/risks'}
    >
      <TextInput {...input('title')} label={requiredLabel(t, t('risks.analysisTitle'))} required />
      <Textarea {...input('scope')} label={t('risks.scope')} autosize minRows={2} />
      <TextInput {...input('analysedOn')} type="date" label={requiredLabel(t, t('risks.analysedOn'))} required />
      <TextInput {...input('participants')} label={t('risks.participants')} description={t('risks.participantsHelp')} />
      <Textarea {...input('methodNotes')} label={t('risks.methodNotes')} autosize minRows={2} />
      <NativeSelect
        {...input('unitId')}
        label={t('risks.unit')}
        data={[{ value: '', label: t('risks.wholeMunicipality') }, ...units.options]}
      />
      <NativeSelect
        {...input('matrixSize')}
        label={t('risks.matrixSize')}
        description={t('risks.matrixSizeHelp')}
        data={[
          { value: '', label: t('risks.matrixDefault') },
          { value: '4', label: '4 × 4' },
          { value: '5', label: '5 × 5' },
        ]}
      />
      <NativeSelect
        {...input('status')}
        label={t('risks.statusLabel')}
        data={['draft', 'completed'].map((s) => ({ value: s, label: t(`risks.analysisStatus.${s}`) }))}
      />
      <TextInput {...input('nextUpdateOn')} type="date" label={t('risks.nextUpdateOn')} description={t('risks.nextUpdateHelp')} />
    </RecordFormPage>
  );
}
