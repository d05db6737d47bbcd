import { Checkbox, NativeSelect, Radio, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { logReviewKeys, logReviewPlansApi, type LogReviewPlan, type PlanInput } from '../../api/log-reviews.js';
import { requiredLabel } from '../../components/format.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { usePeople, useSupplierOptions, useSystemOptions } from './parts.js';

interface Draft {
  subjectKind: string;
  systemId: string;
  supplierId: string;
  systemIds: string[];
  intervalMonths: string;
  firstDueOn: string;
  reviewerUserId: string;
  producerUserId: string;
  note: string;
}
const ORDER = ['systemId', 'supplierId', 'systemIds', 'intervalMonths', 'firstDueOn', 'reviewerUserId', 'producerUserId', 'note'];

const fromPlan = (p: LogReviewPlan): Draft => ({
  subjectKind: p.subject,
  systemId: p.subject === 'system' ? (p.systems[0]?.id ?? '') : '',
  supplierId: p.supplier?.id ?? '',
  systemIds: p.subject === 'supplier' ? p.systems.map((s) => s.id) : [],
  intervalMonths: String(p.intervalMonths),
  firstDueOn: p.firstDueOn,
  reviewerUserId: p.reviewer.id,
  producerUserId: p.producer?.id ?? '',
  note: p.note ?? '',
});

// The server checks everything; what the user chose goes as it is.
const toInput = (d: Draft): PlanInput => ({
  ...(d.subjectKind === 'system' ? { systemId: d.systemId || null } : { supplierId: d.supplierId || null, systemIds: d.systemIds }),
  ...(d.intervalMonths.trim() ? { intervalMonths: Number(d.intervalMonths) } : {}),
  ...(d.firstDueOn ? { firstDueOn: d.firstDueOn } : {}),
  reviewerUserId: d.reviewerUserId,
  producerUserId: d.producerUserId || null,
  note: d.note.trim() || null,
});

// A plan's subject is fixed once made: a change of plan keeps the rest.
const api = {
  get: logReviewPlansApi.get,
  create: logReviewPlansApi.create,
  update: (id: string, etag: string, { systemId: _s, supplierId, systemIds, ...rest }: PlanInput) =>
    logReviewPlansApi.update(id, etag, supplierId ? { ...rest, systemIds } : rest),
};

export function PlanForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const systems = useSystemOptions();
  const suppliers = useSupplierOptions();
  const people = usePeople();
  const preset = params.get('supplierId');
  const form = useRecordForm({
    id,
    resource: logReviewKeys.plans,
    api,
    form: 'plan',
    order: ORDER,
    empty: (): Draft => ({
      subjectKind: preset ? 'supplier' : 'system',
      systemId: params.get('systemId') ?? '',
      supplierId: preset ?? '',
      systemIds: [],
      intervalMonths: '3',
      firstDueOn: '',
      reviewerUserId: '',
      producerUserId: '',
      note: '',
    }),
    fromRecord: fromPlan,
    toInput,
    savedNotice: t('logReviews.savedNotice'),
    invalidate: [logReviewKeys.all],
    cacheSaved: true,
    savedTo: (p) => `/log-reviews/plans/${p.id}`,
  });
  const { draft, input, field, set, editing } = form;
  const choose = { value: '', label: t('logReviews.choose') };
  const supplierPlan = draft.subjectKind === 'supplier';
  // Supplier staff review their own organisation's material only (D0-16).
  const reviewers = (people.data ?? []).filter((p) => p.municipal || (supplierPlan && p.supplierId === draft.supplierId));
  const producers = (people.data ?? []).filter((p) => p.municipal);

  return (
    <RecordFormPage
      form={form}
      title={editing ? t('logReviews.editPlan') : t('logReviews.newPlanFor')}
      cancelTo={editing ? `/log-reviews/plans/${id}` : '/log-reviews/plans'}
    >
      <Radio.Group
        id="plan-subjectKind"
        label={t('logReviews.subjectKind')}
        value={draft.subjectKind}
        onChange={(v) => set('subjectKind', v)}
      >
        <Group mt="xs">
          <Radio value="system" label={t('logReviews.system')} disabled={editing} />
          <Radio value="supplier" label={t('logReviews.supplier')} disabled={editing} />
        </Group>
      </Radio.Group>
      {supplierPlan ? (
        <>
          <NativeSelect
            {...input('supplierId')}
            label={requiredLabel(t, t('logReviews.supplier'))}
            required
            disabled={editing}
            data={[choose, ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          />
          <Checkbox.Group
            {...field('systemIds')}
            label={t('logReviews.supplierSystemsLabel')}
            description={t('logReviews.supplierSystemsHelp')}
            value={draft.systemIds}
            onChange={(v) => set('systemIds', v)}
          >
            <Stack gap={6} mt="xs">
              {(systems.data ?? []).map((s) => (
                <Checkbox key={s.value} value={s.value} label={s.label} />
              ))}
            </Stack>
          </Checkbox.Group>
        </>
      ) : (
        <NativeSelect
          {...input('systemId')}
          label={requiredLabel(t, t('logReviews.system'))}
          required
          disabled={editing}
          data={[choose, ...(systems.data ?? [])]}
        />
      )}
      <TextInput
        {...input('intervalMonths')}
        label={requiredLabel(t, t('logReviews.intervalMonths'))}
        description={t('logReviews.intervalHelp')}
        type="number"
        min={1}
        max={24}
        required
      />
      <TextInput {...input('firstDueOn')} type="date" label={t('logReviews.firstDueOn')} description={t('logReviews.firstDueHelp')} />
      <NativeSelect
        {...input('reviewerUserId')}
        label={requiredLabel(t, t('logReviews.reviewer'))}
        description={t('logReviews.reviewerHelp')}
        required
        data={[choose, ...reviewers.map((p) => ({ value: p.id, label: p.displayName }))]}
      />
      <NativeSelect
        {...input('producerUserId')}
        label={t('logReviews.producer')}
        description={t('logReviews.producerHelp')}
        data={[{ value: '', label: t('logReviews.none') }, ...producers.map((p) => ({ value: p.id, label: p.displayName }))]}
      />
      <Textarea {...input('note')} label={t('logReviews.note')} autosize minRows={2} maxLength={2000} />
    </RecordFormPage>
  );
}
