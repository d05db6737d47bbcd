import { Checkbox, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSystemOptions } from '../../components/options.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { orNull, Picker } from '../continuity/parts.js';
import { changeNoticeKeys, changeNoticesApi, NOTICE_KINDS, type ChangeNotice, type NoticeInput } from './api.js';

const ORDER = ['kind', 'title', 'body', 'systemIds', 'supplierIds', 'effectiveOn', 'acknowledgeBy', 'costImpact'];

type Draft = {
  kind: string;
  title: string;
  body: string;
  systemIds: string[];
  supplierIds: string[];
  effectiveOn: string;
  acknowledgeBy: string;
  costImpact: boolean;
  published: boolean;
};

const empty = (): Draft => ({
  kind: 'system_change',
  title: '',
  body: '',
  systemIds: [],
  supplierIds: [],
  effectiveOn: '',
  acknowledgeBy: '',
  costImpact: false,
  published: false,
});
const fromRecord = (n: ChangeNotice): Draft => ({
  kind: n.kind,
  title: n.title,
  body: n.body,
  systemIds: n.systemIds,
  supplierIds: n.supplierIds,
  effectiveOn: n.effectiveOn ?? '',
  acknowledgeBy: n.acknowledgeBy ?? '',
  costImpact: n.costImpact,
  published: n.status === 'published',
});
// A sent notice went out as it was: only its dates may still change.
const toInput = (d: Draft): NoticeInput =>
  (d.published
    ? { effectiveOn: orNull(d.effectiveOn), acknowledgeBy: orNull(d.acknowledgeBy) }
    : {
        kind: d.kind as NoticeInput['kind'],
        title: d.title,
        body: d.body,
        systemIds: d.systemIds,
        supplierIds: d.supplierIds,
        effectiveOn: orNull(d.effectiveOn),
        acknowledgeBy: orNull(d.acknowledgeBy),
        costImpact: d.costImpact,
      }) as NoticeInput;

/** Write or change a change notice to suppliers (a draft until it is sent from its page). */
export function ChangeNoticeForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const form = useRecordForm({
    id,
    resource: changeNoticeKeys.all,
    api: changeNoticesApi,
    form: 'notice',
    order: ORDER,
    empty,
    fromRecord,
    toInput,
    savedNotice: t('changeNotices.saved'),
    invalidate: [changeNoticeKeys.all],
    cacheSaved: true,
    savedTo: (n) => `/change-notices/${n.id}`,
  });
  const { draft, input, field, set, editing } = form;
  const systems = useSystemOptions({ keep: draft.systemIds });
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list });
  const locked = draft.published;
  return (
    <RecordFormPage
      form={form}
      title={editing ? t('changeNotices.edit') : t('changeNotices.new')}
      cancelTo={editing ? `/change-notices/${id}` : '/change-notices'}
    >
      <NativeSelect
        {...input('kind')}
        disabled={locked}
        label={requiredLabel(t, t('changeNotices.field.kind'))}
        data={NOTICE_KINDS.map((k) => ({ value: k, label: t(`changeNotices.kind.${k}`) }))}
      />
      <TextInput {...input('title')} disabled={locked} label={requiredLabel(t, t('changeNotices.field.title'))} required />
      <Textarea
        {...input('body')}
        disabled={locked}
        label={requiredLabel(t, t('changeNotices.field.body'))}
        description={t('changeNotices.field.bodyHelp')}
        required
        autosize
        minRows={5}
      />
      {locked ? null : (
        <>
          <Picker
            {...field('systemIds')}
            label={t('changeNotices.field.systems')}
            description={t('changeNotices.field.systemsHelp')}
            options={systems.options}
            value={draft.systemIds}
            onChange={(v) => set('systemIds', v)}
          />
          <Picker
            {...field('supplierIds')}
            label={t('changeNotices.field.suppliers')}
            description={t('changeNotices.field.suppliersHelp')}
            options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={draft.supplierIds}
            onChange={(v) => set('supplierIds', v)}
          />
        </>
      )}
      <TextInput
        {...input('effectiveOn')}
        type="date"
        label={draft.kind === 'instruction' ? t('changeNotices.field.effectiveOnInstruction') : t('changeNotices.field.effectiveOn')}
        description={t('changeNotices.field.effectiveOnHelp')}
      />
      <TextInput
        {...input('acknowledgeBy')}
        type="date"
        label={t('changeNotices.field.acknowledgeBy')}
        description={t('changeNotices.field.acknowledgeByHelp')}
      />
      <Checkbox
        {...field('costImpact')}
        disabled={locked}
        label={t('changeNotices.field.costImpact')}
        description={t('changeNotices.field.costImpactHelp')}
        checked={draft.costImpact}
        onChange={(e) => set('costImpact', e.currentTarget.checked)}
      />
    </RecordFormPage>
  );
}
